"""The files authoring commands add to a site: checked as the build would check them, then written all or nothing."""

from __future__ import annotations

import errno
from pathlib import Path

from ..config import Config
from ..content.models import Posting
from ..content.reader import COMPANIES_DIR, JOBS_DIR, parse_file
from ..errors import SourceError


def check_new_posting(
    config: Config, slug: str, text: str, companies: frozenset[str],
    company_slug: str = "", company_text: str | None = None,
) -> tuple[Posting | None, list[SourceError]]:
    """The posting, and what the build would report about it (and its new company), before either is written."""
    posting = parse_file(
        "posting", f"{JOBS_DIR.as_posix()}/{slug}.md", slug, text.encode("utf-8"), companies,
        config.require_salary, config.fields,
    )
    errors = list(posting) if isinstance(posting, list) else []
    if company_text is not None:
        company = parse_file("company", f"{COMPANIES_DIR.as_posix()}/{company_slug}.md", company_slug, company_text.encode("utf-8"), companies)
        errors += company if isinstance(company, list) else []
    return (None if isinstance(posting, list) else posting), errors


def write_new_files(files: list[tuple[Path, str]]) -> list[Path]:
    """Create each file (never over an existing one); on any failure remove those already made.

    The OSError raised names the file that could not be written; a folder on its way that is
    a file is NotADirectoryError saying which.
    """
    written: list[Path] = []
    try:
        for path, text in files:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except FileExistsError:
                raise NotADirectoryError(errno.ENOTDIR, f"{_not_a_folder(path)} is a file, not a folder", str(path)) from None
            # Mode "x": never replace a file, even one that appeared since the caller looked.
            with path.open("x", encoding="utf-8") as out:
                written.append(path)
                try:
                    out.write(text)
                except OSError as exc:  # a full disk: the write itself names no file
                    raise type(exc)(exc.errno, exc.strerror, str(path)) from None
    except OSError:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written


def _not_a_folder(path: Path) -> Path:
    """The first of a path's folders that exists as something else."""
    for parent in reversed(path.parents):
        if parent.exists() and not parent.is_dir():
            return parent
    return path.parent
