"""serve's rebuilds: per batch of changes, the site checked in memory at once and a full build behind it."""

from __future__ import annotations

import sys
import threading
import time
import traceback
from pathlib import Path

from ..config import Config, load_config
from ..errors import BuildFailed, JobsiteError, relpath
from ..publish.removal import remove_in_background
from .fullbuild import FullBuild, FullBuilds
from .livesite import LiveCaches, LiveSite, check_pages, load_live_site
from .options import ServeOptions
from .state import ServedState
from .watcher import Watcher


class Rebuilder:
    """Per batch of changes: the site read and checked in memory at once, then a full build behind it."""

    def __init__(self, options: ServeOptions, workdir: Path, state: ServedState, stop: threading.Event):
        self.options = options
        self.site_dir = options.site.resolve()
        self.workdir = workdir
        self.state = state
        self.stop = stop
        self.full_builds = FullBuilds(workdir, self._full_build_done)
        self.caches = LiveCaches()  # kept from one rebuild to the next
        self.good: list[Path] = []
        self.unindexed: set[str] = set()  # changes the served feeds and search index lack
        self._lock = threading.Lock()

    def rebuild(self, changed: list[str]) -> None:
        """Read and check the site; serve it if it is good, else keep the last good one under the errors."""
        # The running full build is of an older state: stop it, so it leaves this one the CPU.
        self.full_builds.cancel()
        started = time.perf_counter()
        loaded, errors = _attempt(self._load)
        site, config = loaded if loaded else (None, None)
        ms = round((time.perf_counter() - started) * 1000)
        if self.stop.is_set():
            return
        with self._lock:
            self.unindexed.update(changed)
        number = self.state.publish(site, errors, ms, changed)
        self._report(changed, len(site.pages) if site else 0, errors, ms)
        if loaded is None:
            return
        # The browser reloads on the new state at once; a page of each kind is rendered only then
        # (the search page lists the whole board: a quarter of a second at 4,000 postings). A
        # template that breaks on one puts its error over the page, as a failed rebuild does.
        _, errors = _attempt(lambda: check_pages(site))
        if errors:
            ms = round((time.perf_counter() - started) * 1000)
            self.state.publish(None, errors, ms, changed)
            self._report(changed, 0, errors, ms)
            return
        self.full_builds.start(number, config)

    def _load(self) -> tuple[LiveSite, Config]:
        """The site read and checked in memory, with the settings it was read with."""
        config = load_config(self.site_dir, drafts=self.options.drafts, now=self.options.now, live_reload=True)
        return load_live_site(config, self.caches), config

    def _full_build_done(self, done: FullBuild) -> None:
        if self.stop.is_set():
            return
        if done.errors:
            # Only reached when the rebuild it follows found nothing wrong (e.g. Pagefind failed).
            if self.state.snapshot.build == done.number:
                self.state.publish(None, done.errors, done.ms, [])
                self._report_errors("Full build", done.errors, done.ms)
            return
        if not self.state.publish_full(done.number, done.folder):
            remove_in_background(done.folder)
            return
        with self._lock:
            changed, self.unindexed = sorted(self.unindexed), set()
        what = f"{_describe(changed)} changed: search index" if changed else "Search index"
        print(f"{what} and feeds updated in {done.ms} ms", flush=True)
        self._retire(done.folder)

    def _retire(self, folder: Path) -> None:
        # The previous full build stays for requests that started on it; older ones go.
        self.good.append(folder)
        old, self.good = self.good[:-2], self.good[-2:]
        for folder in old:
            remove_in_background(folder)

    def _report(self, changed: list[str], pages: int, errors: tuple[str, ...], ms: int) -> None:
        what = f"{_describe(changed)} changed: " if changed else "Built "
        if errors:
            self._report_errors(f"{what}build", errors, ms)
        else:
            print(f"{what}{pages} pages in {ms} ms", flush=True)

    def _report_errors(self, what: str, errors: tuple[str, ...], ms: int) -> None:
        count = len(errors)
        print(f"{what} failed in {ms} ms, {count} error{'s' if count != 1 else ''} (shown in the page):", flush=True)
        for error in errors:
            print(f"  {error}", file=sys.stderr, flush=True)

    def run(self, watcher: Watcher) -> None:
        """Rebuild after every batch of changes until stopped."""
        for batch in watcher.batches():
            self.rebuild(sorted({relpath(p, self.site_dir) for p in batch}))


def _attempt(call):
    """(what call returned, ()) or (None, its errors as lines): a bug shows in the page too, never kills the preview."""
    try:
        return call(), ()
    except BuildFailed as exc:
        return None, tuple(str(e) for e in exc.errors)
    except JobsiteError as exc:
        return None, (f"error: {exc}",)
    except Exception as exc:  # noqa: BLE001 - a bug must show in the page, not kill the preview
        traceback.print_exc()
        return None, (f"{type(exc).__name__}: {exc}",)


def _describe(changed: list[str]) -> str:
    if len(changed) <= 3:
        return ", ".join(changed)
    return f"{', '.join(changed[:3])} and {len(changed) - 3} more"
