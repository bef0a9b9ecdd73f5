"""`jobsite import FILE...`: scraped postings imported one by one, then checked as build would."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from ..check import find_problems, format_text
from ..config import load_config
from ..errors import relpath
from .importer import NotImported, import_file


def import_files(files: list[Path], site_dir: Path, *, stdout: bool = False) -> int:
    """`jobsite import FILE...`: import each file, print paths and warnings, then check's verdict on them; the exit code.

    A file that cannot be imported is reported and the others go on, so errors are printed
    here, per file, rather than ending the command.
    """
    failed = False
    imported: dict[str, set[str]] = {}  # site-relative posting -> fields the importer warned about
    for file in files:
        try:
            result, written = import_file(file, site_dir, today=dt.date.today(), stdout=stdout)
        except NotImported as exc:
            for error in exc.errors:
                print(f"error: {file}: {error.field}: {error.message}" if error.field else f"error: {file}: {error.message}", file=sys.stderr)
            print(f"error: {exc}; nothing was written (--stdout prints it, to finish by hand)", file=sys.stderr)
            failed = True
            continue
        except (OSError, ValueError) as exc:  # unreadable, not a scraped posting, or already there
            message = f"{exc.filename}: {exc.strerror}" if isinstance(exc, OSError) and exc.strerror else str(exc)
            print(f"error: {message if message.startswith(str(file)) else f'{file}: {message}'}", file=sys.stderr)
            failed = True
            continue
        for path in written:
            print(path)
        for warning in result.warnings:
            print(f"{written[0] if written else file}: {warning}", file=sys.stderr)
        if written:
            fields = {w.partition(":")[0] for w in result.warnings}
            imported[relpath(written[0].resolve(), site_dir.resolve())] = fields
    if imported:
        # The same validation as `jobsite check`, limited to what was just written; a warning
        # the importer already gave about a field is not repeated.
        problems, _ = find_problems(load_config(site_dir))
        for problem in problems:
            if problem.path in imported and not (problem.severity == "warning" and problem.field in imported[problem.path]):
                print(format_text(problem), file=sys.stderr)
                failed = failed or problem.severity == "error"
    return 1 if failed else 0
