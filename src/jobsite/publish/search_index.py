"""The Pagefind step: indexing the posting pages of the written site (their data: render/search.py)."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import JobsiteError
from ..site import Site

INDEX_DIR = "pagefind"  # public/pagefind/pagefind.js is what /search/ imports
# Only posting pages can be results; lists and company pages never carry data-pagefind-body.
GLOB = "jobs/**/*.html"
# Kept inside words so `C++`, `C#`, `.NET` and `Node.js` are words of their own.
INCLUDE_CHARACTERS = "+#."
KEPT = "nothing was published"  # the staging folder is dropped, the old output stays


@dataclass(frozen=True)
class SearchIndex:
    """The index a build wrote: how many postings, files and bytes, and how long it took."""

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


def index_site(folder: Path, site: Site) -> SearchIndex | None:
    """Index the posting pages written in `folder` into `folder/pagefind/`; a failure is a JobsiteError."""
    postings = sum(1 for p in site.open if site.is_listed(p))
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
    return "\n".join(dict.fromkeys(line.rstrip() for line in lines if line.strip())) or "(no output)"
