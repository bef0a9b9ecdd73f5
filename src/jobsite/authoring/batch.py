"""`jobsite import FILE...`: scraped postings imported one by one, then checked as build would."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from ..check import find_problems, format_text
from ..config import load_config
from ..errors import relpath
from .importer import NotImported, import_file


def import_files(files: list[Path], site_dir: Path, *, stdout: bool = False) -> int:
    """`jobsite import FILE...`: import each file, print paths and warnings, then check's verdict on them; the exit code.

    A file that cannot be imported is reported and the others go on, so errors are printed
    here, per file, rather than ending the command. A posting the site-wide check refuses (one
    apply link posted twice) is taken back: no file that does not build is left behind.
    """
    failed = False
    imported: dict[str, _Imported] = {}  # site-relative posting -> what its import wrote
    for file in files:
        try:
            result, written = import_file(file, site_dir, today=dt.date.today(), stdout=stdout)
        except NotImported as exc:
            for error in exc.errors:
                print(f"error: {file}: {error.field}: {error.message}" if error.field else f"error: {file}: {error.message}", file=sys.stderr)
            print(_not_imported(file), file=sys.stderr)
            failed = True
            continue
        except (OSError, ValueError) as exc:  # unreadable, not a scraped posting, or already there
            message = f"{exc.filename}: {exc.strerror}" if isinstance(exc, OSError) and exc.strerror else str(exc)
            print(f"error: {message if message.startswith(str(file)) else f'{file}: {message}'}", file=sys.stderr)
            failed = True
            continue
        for warning in result.warnings:
            print(f"{written[0] if written else file}: {warning}", file=sys.stderr)
        if written:
            fields = {w.partition(":")[0] for w in result.warnings}
            imported[relpath(written[0].resolve(), site_dir.resolve())] = _Imported(file, written, result.company_slug, fields)
    broken: set[str] = set()
    if imported:
        # The same validation as `jobsite check`, limited to what was just written; a warning
        # the importer already gave about a field is not repeated.
        problems, _ = find_problems(load_config(site_dir))
        for problem in problems:
            if problem.path in imported and not (problem.severity == "warning" and problem.field in imported[problem.path].fields):
                print(format_text(problem), file=sys.stderr)
                if problem.severity == "error":
                    broken.add(problem.path)
        _take_back(imported, broken)
    for rel, done in imported.items():
        if rel in broken:
            print(_not_imported(done.file), file=sys.stderr)
        else:
            print("\n".join(map(str, done.written)))
    return 1 if failed or broken else 0


@dataclass(frozen=True)
class _Imported:
    file: Path  # the scraped file
    written: list[Path]  # the posting, then its company stub when the import made one
    company: str
    fields: set[str]  # those the importer already warned about


def _not_imported(file: Path) -> str:
    return f"error: {file}: not imported, it would not build; content/ is unchanged (--stdout prints it, to finish by hand)"


def _take_back(imported: dict[str, _Imported], broken: set[str]) -> None:
    """Remove the files of imports that would not build; a company stub stays while a kept import uses it."""
    kept = {done.company for rel, done in imported.items() if rel not in broken}
    for rel in broken:
        posting, *stub = imported[rel].written
        posting.unlink(missing_ok=True)
        if stub and imported[rel].company not in kept:
            stub[0].unlink(missing_ok=True)
