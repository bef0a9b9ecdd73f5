"""The Pagefind step: the posting pages, fed to a Pagefind service as they are written (their data: render/search.py)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import JobsiteError
from ..pages import Page
from .pagefind import PagefindError, PagefindService

INDEX_DIR = "pagefind"  # public/pagefind/pagefind.js is what /search/ imports
# Only posting pages can be results, and only those the template makes search bodies (open, listed).
SEARCHED = "/jobs/"
SEARCH_BODY = "data-pagefind-body"
# Kept inside words so `C++`, `C#`, `.NET` and `Node.js` are words of their own.
CONFIG = {"include_characters": "+#."}
KEPT = "nothing was published"  # the staging folder is dropped, the old output stays


@dataclass(frozen=True)
class SearchIndex:
    """The index a build wrote: how many postings, files and bytes, and how long writing it took."""

    postings: int
    files: int
    bytes: int
    seconds: float


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


class SearchFeed:
    """The search index while pages are written (a PageFeed): each posting page goes to Pagefind as it comes.

    Pagefind parses pages while the build renders the rest; write_index() then writes the index.
    Use it as a context manager: leaving it ends Pagefind's process on every path.
    """

    def __init__(self) -> None:
        self.service: PagefindService | None = None
        self.postings = 0

    def wants(self, page: Page, html: str) -> bool:
        """Whether a rendered page is a search result (asked in render workers too)."""
        return page.path.startswith(SEARCHED) and SEARCH_BODY in html

    def add(self, url: str, html: str) -> None:
        """Index one page; a JobsiteError if Pagefind cannot."""
        if self.service is None:
            # Started at the first page, not before: render workers are forked by then, so none
            # holds Pagefind's stdin open (it ends when its input does).
            self.service = _start()
        try:
            self.service.add_html(url, html)
        except PagefindError as exc:
            raise _failed(exc) from None
        self.postings += 1

    def write_index(self, folder: Path) -> SearchIndex | None:
        """Write the index of every page added into `folder/pagefind/`; None when no page was a result."""
        if self.service is None:
            # An index of nothing would be no help to /search/, which says there are no open jobs.
            return None
        started = time.perf_counter()
        try:
            self.service.write_files(folder / INDEX_DIR)
        except PagefindError as exc:
            raise _failed(exc) from None
        seconds = time.perf_counter() - started
        files = [f for f in (folder / INDEX_DIR).rglob("*") if f.is_file()]
        return SearchIndex(self.postings, len(files), sum(f.stat().st_size for f in files), seconds)

    def __enter__(self) -> SearchFeed:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.service is not None:
            self.service.close()  # killed unless it wrote the index
            self.service = None


def index_site(feed: SearchFeed, folder: Path) -> SearchIndex | None:
    """The build's search stage: write what `feed` was given into the staging folder."""
    return feed.write_index(folder)


def _start() -> PagefindService:
    executable = pagefind_executable()
    try:
        return PagefindService(executable, CONFIG)
    except OSError as exc:
        raise JobsiteError(f"search index: could not run Pagefind at {executable}: {exc.strerror or exc}; {KEPT}") from None
    except PagefindError as exc:
        raise _failed(exc) from None


def _failed(exc: PagefindError) -> JobsiteError:
    return JobsiteError(f"search index: {exc}; {KEPT}")
