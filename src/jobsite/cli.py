"""The command line: parse arguments, run one command, print errors without tracebacks."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from . import __version__

DESCRIPTION = "jobsite: build a static job board from Markdown postings."


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date like 2026-11-25: {text!r}") from None


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site", type=Path, default=Path("."), metavar="DIR", help="the site folder (default: the current folder)")
    parser.add_argument("--now", type=_date, metavar="DATE", help="pretend today is DATE (YYYY-MM-DD) for drafts, posted and expires")


def make_parser() -> argparse.ArgumentParser:
    """The argument parser; each sub-command names the function that runs it."""
    parser = argparse.ArgumentParser(prog="jobsite", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"jobsite {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    build = commands.add_parser("build", help="build the site into the output folder", description="Validate every posting and build the site. On any error nothing is written.")
    _common(build)
    build.add_argument("--output", type=Path, metavar="DIR", help="output folder (default: output in jobsite.toml, or public)")
    build.add_argument("--drafts", action="store_true", help="include postings marked draft: true")
    build.set_defaults(run=run_build)
    return parser


def run_build(args: argparse.Namespace) -> int:
    from .build import build
    from .config import load_config

    config = load_config(args.site, output=args.output, drafts=args.drafts, now=args.now)
    result = build(config)
    print(result.summary())
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `jobsite` command."""
    from .errors import BuildFailed, JobsiteError

    args = make_parser().parse_args(argv)
    try:
        return args.run(args)
    except BuildFailed as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        count = sum(e.severity == "error" for e in exc.errors)
        print(f"Build failed: {count} error{'s' if count != 1 else ''}; nothing was written.", file=sys.stderr)
        return 1
    except JobsiteError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
