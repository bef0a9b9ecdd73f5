"""Rendering pages into the staging folder, split across processes when the board is big."""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable

import jinja2

from ..errors import BuildFailed
from ..pages import Page
from ..render.engine import make_environment, render_pages
from ..site import Site
from .staging import Staging

# Below this many pages, starting workers costs more than rendering in one process.
PARALLEL_PAGES = 400
# Pages per task: small enough to share the work out evenly, big enough to be cheap to hand out.
CHUNK = 64

# What the workers render, set just before they are forked so they inherit it instead of
# receiving a pickled copy of the whole site.
_job: tuple[Site, Callable[[str], str], list[Page], list[Path]] | None = None
_env: jinja2.Environment | None = None


def write_pages(staging: Staging, site: Site, pages: list[Page], asset_url: Callable[[str], str]) -> None:
    """Render every page and write it into staging; BuildFailed names the first broken template."""
    if not _can_fork(staging, pages):
        env = make_environment(site, asset_url)
        for page, html in render_pages(env, pages):
            staging.write(page.file, html, owner=page.source)
        return
    # Every URL is claimed here, in page order, so a collision is reported as it would be
    # without workers and no two workers ever write one file.
    targets = [staging.claim(page.file, page.source) for page in pages]
    global _job
    _job = (site, asset_url, pages, targets)
    try:
        workers = os.cpu_count() or 1
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            chunks = range(0, len(pages), CHUNK)
            problems = [p for p in pool.map(_render_chunk, chunks) if p]
    finally:
        _job = None
    if problems:
        raise BuildFailed(problems[0])


def _can_fork(staging: Staging, pages: list[Page]) -> bool:
    # A Staging subclass with its own write() (check's dry run) must see every page; forking
    # a process that runs other threads (serve) risks a lock held mid-copy, so those render here.
    return (
        len(pages) >= PARALLEL_PAGES
        and (os.cpu_count() or 1) > 1
        and type(staging).write is Staging.write
        and threading.active_count() == 1
        and "fork" in multiprocessing.get_all_start_methods()
    )


def _render_chunk(start: int) -> tuple | None:
    """Render and write pages[start:start + CHUNK] (in a worker); the errors, if any."""
    global _env
    assert _job is not None
    site, asset_url, pages, targets = _job
    if _env is None:
        _env = make_environment(site, asset_url)
    chunk = pages[start:start + CHUNK]
    made: set[Path] = set()
    try:
        for target, (_page, html) in zip(targets[start:start + CHUNK], render_pages(_env, chunk)):
            write_file(target, html, made)
    except BuildFailed as failed:
        # BuildFailed does not survive pickling whole; its errors do.
        return failed.errors
    return None


def write_file(target: Path, html: str, made: set[Path]) -> None:
    """Write one page, creating its folder once."""
    folder = target.parent
    if folder not in made:
        folder.mkdir(parents=True, exist_ok=True)
        made.add(folder)
    with open(target, "wb") as out:
        out.write(html.encode("utf-8"))
