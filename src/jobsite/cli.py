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


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value <= 300:
        raise argparse.ArgumentTypeError(f"not a number of seconds between 0 and 300: {text!r}")
    return value


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
    build.add_argument("--force", action="store_true", help="replace an output folder that jobsite did not build")
    build.set_defaults(run=run_build)

    serve = commands.add_parser("serve", help="build, serve on 127.0.0.1 and rebuild on every save", description="Preview the site: rebuild on every change and reload open pages. Errors show in the page.")
    _common(serve)
    serve.add_argument("--port", default="8000", help="port (default: 8000; 0 picks a free one)")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    serve.add_argument("--drafts", action=argparse.BooleanOptionalAction, default=True, help="show drafts, marked as such (default: on)")
    serve.add_argument("--open", action="store_true", help="open the site in a browser")
    serve.set_defaults(run=run_serve)

    check = commands.add_parser("check", help="validate the site without writing anything", description="Validate every file exactly as build does, and warn about postings that are legal but poor.")
    _common(check)
    check.add_argument("--format", choices=("text", "github"), default="text", help="text, or GitHub Actions annotations")
    check.add_argument("--links", action="store_true", help="also check every open posting's apply link over HTTP (dead links are warnings)")
    check.add_argument("--strict", action="store_true", help="with --links: dead links are errors (exit code 1)")
    check.add_argument("--timeout", type=_seconds, default=10.0, metavar="SECONDS", help="with --links: how long one link may take (default: 10)")
    check.set_defaults(run=run_check)

    new = commands.add_parser("new", help="start a new posting from a commented template", description="Write content/jobs/<slug>.md with every front-matter key explained.")
    new.add_argument("kind", choices=("posting",), help="what to create")
    new.add_argument("--title", required=True, help="the job title")
    new.add_argument("--company", required=True, metavar="SLUG", help="company slug (a stub is created if it does not exist)")
    new.add_argument("--site", type=Path, default=Path("."), metavar="DIR", help="the site folder (default: the current folder)")
    new.set_defaults(run=run_new)

    imp = commands.add_parser("import", help="turn postings scraped from other boards into jobsite postings", description="Import scraped Markdown postings: repairs mojibake, finds salary, location and apply link.")
    imp.add_argument("files", nargs="*", type=Path, metavar="FILE", help="scraped Markdown files")
    imp.add_argument("--issue-form", metavar="FILE", help="import the body of a post-a-job GitHub issue instead ('-' reads standard input)")
    imp.add_argument("--site", type=Path, default=Path("."), metavar="DIR", help="the site folder (default: the current folder)")
    imp.add_argument("--stdout", action="store_true", help="print the posting instead of writing it")
    imp.set_defaults(run=run_import)

    from .authoring.prune import days_argument

    prune = commands.add_parser("prune", help="delete the files of postings closed long ago", description="Delete content/jobs/ files of postings closed (expired, filled or past max_open_days) for more than DAYS days. Companies and drafts are left alone.")
    _common(prune)
    prune.add_argument("--closed-for", type=days_argument, required=True, metavar="DAYS", help="delete postings closed for more than DAYS days")
    prune.add_argument("--dry-run", action="store_true", help="list what would be deleted, delete nothing")
    prune.set_defaults(run=run_prune)
    return parser


def run_build(args: argparse.Namespace) -> int:
    from .build import build
    from .config import find_site, load_config

    config = load_config(find_site(args.site), output=args.output, drafts=args.drafts, now=args.now, force=args.force)
    result = build(config)
    print(result.summary())
    return 0


def run_serve(args: argparse.Namespace) -> int:
    from .serve.options import ServeOptions, parse_port
    from .serve.server import serve

    return serve(ServeOptions(args.site, args.drafts, args.now, args.host, parse_port(args.port), args.open))


def run_check(args: argparse.Namespace) -> int:
    from .check import check

    return check(args)


def run_new(args: argparse.Namespace) -> int:
    from .authoring.new import new_posting

    return new_posting(args)


def run_import(args: argparse.Namespace) -> int:
    from .authoring.batch import import_files
    from .errors import JobsiteError

    if args.issue_form is not None:
        if args.files or args.stdout:
            raise JobsiteError("--issue-form takes the issue body alone: no other files, no --stdout")
        from .authoring.intake import import_issue_form_file

        return import_issue_form_file(args.issue_form, args.site)
    if not args.files:
        raise JobsiteError("import needs FILE... (scraped postings) or --issue-form FILE")
    return import_files(args.files, args.site, stdout=args.stdout)


def run_prune(args: argparse.Namespace) -> int:
    from .authoring.prune import prune

    return prune(args)


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
    except OSError as exc:
        # The machine's faults (a full disk, a read-only one) that no stage named more closely.
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
