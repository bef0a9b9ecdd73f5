"""The Pagefind step: what each open posting tells search, and indexing the written site."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from babel.dates import format_date

from ..content.models import Posting
from ..errors import JobsiteError
from ..render import salary as pay
from ..site import Site

INDEX_DIR = "pagefind"  # public/pagefind/pagefind.js is what /search/ imports
# Only posting pages can be results; lists and company pages never carry data-pagefind-body.
GLOB = "jobs/**/*.html"
# Kept inside words so `C++`, `C#`, `.NET` and `Node.js` are words of their own.
INCLUDE_CHARACTERS = "+#."
KEPT = "nothing was published"  # the staging folder is dropped, the old output stays
REMOTE_VALUES = {True: "remote", "hybrid": "hybrid", False: "on-site"}
REMOTE_LABELS = {True: "Remote", "hybrid": "Hybrid", False: "On-site"}


@dataclass(frozen=True)
class SearchRecord:
    """What one open posting gives Pagefind: filter values, sort keys and result metadata."""

    filters: tuple[tuple[str, str], ...]
    sorts: tuple[tuple[str, str], ...]
    meta: tuple[tuple[str, str], ...]

    @property
    def attributes(self) -> list[tuple[str, str, str]]:
        """(`filter`|`sort`|`meta`, key, value) for the posting template's hidden elements."""
        return [
            (kind, key, value)
            for kind, pairs in (("filter", self.filters), ("sort", self.sorts), ("meta", self.meta))
            for key, value in pairs
        ]


@dataclass(frozen=True)
class SearchIndex:
    """The index a build wrote: how many postings, files and bytes, and how long it took."""

    postings: int
    files: int
    bytes: int
    seconds: float


def is_indexed(posting: Posting, site: Site) -> bool:
    """Open, non-draft postings are search results; closed ones and drafts never are."""
    return not posting.draft and not site.is_closed(posting)


def search_record(posting: Posting, site: Site) -> SearchRecord | None:
    """The facets, sort keys and metadata of a posting, or None if it is not a result."""
    if not is_indexed(posting, site):
        return None
    locale = site.config.locale
    company = site.companies[posting.company].name
    filters = [
        ("company", company),
        ("remote", REMOTE_VALUES[posting.remote]),
        ("type", posting.employment_type),
        *(("tag", site.tags[tag].label) for tag in posting.tags),
        *(("country", c) for c in countries(posting)),
        ("salary", "yes" if posting.salary else "no"),
        *(("band", band) for band in (pay.band_labels(posting.salary) if posting.salary else ())),
    ]
    # Pagefind drops results lacking the sort key, so a posting without pay sorts as 0, last.
    top = round(pay.annual(posting.salary)[1]) if posting.salary else 0
    # Pagefind compares sort numbers as 32-bit floats, exact only below 2**24: yyyymmdd is not
    # (2026-11-24 and -25 tie), a day count is.
    sorts = (("posted", str(posting.posted.toordinal())), ("salary", str(top)))
    meta = (
        ("title", posting.title),
        ("company", company),
        ("salary", pay.badge_text(posting.salary, locale) if posting.salary else "Salary not listed"),
        ("salary_period", posting.salary.period if posting.salary else "none"),
        ("salary_spoken", pay.spoken_text(posting.salary, locale) if posting.salary else "Salary not listed"),
        ("remote", REMOTE_LABELS[posting.remote]),
        ("location", " · ".join(posting.locations)),  # the remote badge already says "Remote"
        ("posted", format_date(posting.posted, format="medium", locale=locale)),
        ("posted_iso", posting.posted.isoformat()),
    )
    return SearchRecord(tuple(_unique(filters)), sorts, meta)


def countries(posting: Posting) -> list[str]:
    """The country facet: the last part of each location (`Austin, TX, US` -> `US`), and Remote."""
    found = [loc.rsplit(",", 1)[-1].strip() for loc in posting.locations]
    if posting.remote is True:
        found.append("Remote")
    return _unique(c for c in found if c)


def _unique(items) -> list:
    return list(dict.fromkeys(items))


def pagefind_executable() -> Path:
    """The Pagefind binary shipped by the `pagefind[bin]` wheel."""
    try:
        import pagefind_bin
    except ImportError:
        raise JobsiteError("search index: the Pagefind binary is missing; install jobsite with pip (it needs pagefind[bin])") from None
    try:
        return Path(pagefind_bin.get_executable())
    except FileNotFoundError as exc:
        raise JobsiteError(f"search index: the Pagefind binary is missing: {exc}") from None


def index_site(folder: Path, site: Site) -> SearchIndex | None:
    """Index the posting pages written in `folder` into `folder/pagefind/`; a failure is a JobsiteError."""
    postings = sum(1 for p in site.open if is_indexed(p, site))
    if postings == 0:
        # Pagefind refuses an empty index, and without any data-pagefind-body it would index every page.
        return None
    executable = pagefind_executable()
    command = [
        str(executable), "--site", str(folder), "--output-subdir", INDEX_DIR,
        "--glob", GLOB, "--include-characters", INCLUDE_CHARACTERS, "--silent",
    ]
    started = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=folder, capture_output=True, text=True, errors="replace", check=False)
    except OSError as exc:
        raise JobsiteError(f"search index: could not run Pagefind at {executable}: {exc.strerror or exc}; {KEPT}") from None
    if done.returncode != 0:
        raise JobsiteError(f"search index: Pagefind failed with exit code {done.returncode}; {KEPT}:\n{_message(done)}")
    seconds = time.perf_counter() - started
    files = [f for f in (folder / INDEX_DIR).rglob("*") if f.is_file()]
    return SearchIndex(postings, len(files), sum(f.stat().st_size for f in files), seconds)


def _message(done: subprocess.CompletedProcess) -> str:
    # Pagefind prints some errors on both streams; show each line once.
    lines = (done.stderr + os.linesep + done.stdout).splitlines()
    return "\n".join(_unique(line.rstrip() for line in lines if line.strip())) or "(no output)"
