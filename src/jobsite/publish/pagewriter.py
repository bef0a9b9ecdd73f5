"""Rendering pages into the staging folder, split across processes when the board is big."""

from __future__ import annotations

import gc
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable, Protocol

import jinja2

from ..errors import BuildFailed
from ..pages import Page
from ..render.engine import make_environment, render_pages
from ..site import Site

class Staging(Protocol):
    """What page writing needs of the staging folder (publish.staging.Staging), which calls it."""

    root: Path
    parallel: bool

    def claim(self, rel: str, owner: str = "") -> str: ...

    def write(self, rel: str, data: bytes | str, owner: str = "") -> None: ...

    def fill(self, target: Path, data: bytes | str) -> None: ...


# Below this many pages, starting workers costs more than rendering in one process.
PARALLEL_PAGES = 400
# Pages per task: small enough to share the work out evenly, big enough to be cheap to hand out.
CHUNK = 64


def write_pages(staging: Staging, site: Site, pages: list[Page], asset_url: Callable[[str], str]) -> Rendering | None:
    """Render every page and write it into staging; on big boards return the workers still at it.

    BuildFailed names the first broken template (from Rendering.wait() when workers render).
    """
    if not _can_fork(staging, pages):
        env = make_environment(site, asset_url)
        for page, html in render_pages(env, pages):
            staging.write(page.file, html, owner=page.source)
        return None
    # Every URL is claimed here, in page order, so a collision is reported as it would be
    # without workers and no two workers ever write one file.
    targets = [staging.root / staging.claim(page.file, page.source) for page in pages]
    return Rendering(_Job(staging, site, asset_url, pages, targets))


class Rendering:
    """Pages being rendered by forked workers while the build goes on; wait() when it needs them."""

    def __init__(self, job: _Job):
        workers = os.cpu_count() or 1
        # Forked workers inherit the job through the initializer's arguments, never pickled.
        context = multiprocessing.get_context("fork")
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(job,))
        # The site the workers inherit is hidden from their garbage collector: a collection
        # walks every object it sees, and in a fork that writes to (so copies) every page of
        # memory holding one. The parent sees its objects again once the workers exist.
        gc.freeze()
        try:
            self.results = self.pool.map(_render_chunk, range(0, len(job.pages), CHUNK))  # forks the workers now
        finally:
            gc.unfreeze()

    def wait(self) -> None:
        """Return once every page is written; BuildFailed names the first broken template."""
        try:
            problems = [errors for errors in self.results if errors]
        finally:
            self.pool.shutdown()
        if problems:
            raise BuildFailed(problems[0])

    def cancel(self) -> None:
        """Stop rendering: the build failed elsewhere."""
        self.pool.shutdown(cancel_futures=True)


def _can_fork(staging: Staging, pages: list[Page]) -> bool:
    # Forking a process that runs other threads risks a lock held mid-copy: the caller says
    # whether it may (staging.parallel), this only checks the board is worth it.
    return (
        staging.parallel
        and len(pages) >= PARALLEL_PAGES
        and (os.cpu_count() or 1) > 1
        and "fork" in multiprocessing.get_all_start_methods()
    )


class _Job:
    """What a render worker renders: the whole site, inherited at fork; its environment made once."""

    def __init__(self, staging: Staging, site: Site, asset_url: Callable[[str], str], pages: list[Page], targets: list[Path]):
        self.staging, self.site, self.asset_url, self.pages, self.targets = staging, site, asset_url, pages, targets
        self.env: jinja2.Environment | None = None


# A worker process's own state, set by its initializer (never used in the parent).
_worker_job: _Job | None = None


def _start_worker(job: _Job) -> None:
    global _worker_job
    _worker_job = job


def _render_chunk(start: int) -> tuple:
    """Render and write pages[start:start + CHUNK] (in a worker): the errors of its first broken template."""
    job = _worker_job
    assert job is not None
    if job.env is None:
        job.env = make_environment(job.site, job.asset_url)
    chunk = job.pages[start:start + CHUNK]
    try:
        for target, (_page, html) in zip(job.targets[start:start + CHUNK], render_pages(job.env, chunk)):
            job.staging.fill(target, html)
    except BuildFailed as failed:
        # BuildFailed does not survive pickling whole; its errors do.
        return failed.errors
    return ()
