"""The Pagefind step: the listed postings, sent to a Pagefind service as records (their data: render/search.py)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import JobsiteError
from ..render.search import search_record, search_text
from ..site import Site
from .pagefind import PagefindError, PagefindService

INDEX_DIR = "pagefind"  # public/pagefind/pagefind.js is what /search/ imports
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


class PostingIndex:
    """The search index being built: each listed posting goes to a Pagefind service as a record.

    Records carry what the build already knows (render/search.py), so Pagefind parses no HTML and
    works while the workers still render pages. Use it as a context manager: leaving it ends
    Pagefind's process on every path.
    """

    def __init__(self) -> None:
        self.service: PagefindService | None = None
        self.postings = 0

    def add_postings(self, site: Site) -> None:
        """Send every listed posting to Pagefind; a JobsiteError if it cannot index one."""
        records = [(p, r) for p in site.open if (r := search_record(p, site)) is not None]
        if not records:
            return  # no Pagefind at all: an index of nothing would be no help to /search/
        # Started here, not earlier: render workers are forked by now, so none holds Pagefind's
        # stdin open (it ends when its input does).
        self.service = _start()
        try:
            for posting, record in records:
                self.service.add_record(posting.url, search_text(posting, site), site.config.language, record)
                self.postings += 1
        except PagefindError as exc:
            raise _failed(exc) from None

    def write_index(self, folder: Path) -> SearchIndex | None:
        """Write the index of every posting added into `folder/pagefind/`; None when there was none."""
        if self.service is None:
            return None
        started = time.perf_counter()
        try:
            self.service.write_files(folder / INDEX_DIR)
        except PagefindError as exc:
            raise _failed(exc) from None
        seconds = time.perf_counter() - started
        files = [f for f in (folder / INDEX_DIR).rglob("*") if f.is_file()]
        return SearchIndex(self.postings, len(files), sum(f.stat().st_size for f in files), seconds)

    def __enter__(self) -> PostingIndex:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.service is not None:
            self.service.close()  # killed unless it wrote the index
            self.service = None


def index_site(search: PostingIndex, folder: Path) -> SearchIndex | None:
    """The build's search stage: write the index of the postings `search` was given into the staging folder."""
    return search.write_index(folder)


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
