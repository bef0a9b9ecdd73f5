"""Watching a site's sources: content/, templates/, static/ and jobsite.toml, in threads."""

from __future__ import annotations

import queue
import threading
from pathlib import Path
from typing import Iterator

import watchfiles

from ..config import CONFIG_FILE
from ..content.cache import CACHE_DIR

SOURCE_DIRS = ("content", "templates", "static")
# How often a batch wait wakes up to notice the stop event.
POLL_SECONDS = 0.1
# A batch ends after this many quiet milliseconds (watchfiles' default is 50): an editor's
# burst of writes for one save comes within a few ms, and every ms here delays the reload.
QUIET_MS = 30


class SourceFilter(watchfiles.DefaultFilter):
    """watchfiles' default filter plus editor temp files, the output folder and the cache."""

    ignore_dirs = (*watchfiles.DefaultFilter.ignore_dirs, CACHE_DIR)
    ignore_entity_patterns = (
        *watchfiles.DefaultFilter.ignore_entity_patterns,  # .x.swp, x~, .#x, ...
        r"^4913$",  # vim checks it may write a folder by creating and deleting this file
        r"^#.*#$",  # emacs auto-save
        r"\.kate-swp$",
        r"^\.goutputstream-",  # gedit
        r"\.tmp$",
    )

    def __init__(self, site_dir: Path, output_dir: Path):
        self.site_dir = site_dir
        super().__init__(ignore_paths=[str(output_dir), str(site_dir / CACHE_DIR)])

    def __call__(self, change: watchfiles.Change, path: str) -> bool:
        if not super().__call__(change, path):
            return False
        # Directly in the site folder only the config and the source folders themselves matter.
        parent = Path(path).parent
        return parent != self.site_dir or Path(path).name in (CONFIG_FILE, *SOURCE_DIRS)


class _Either:
    """Set when either event is set: what watchfiles polls to stop one watch."""

    def __init__(self, *events: threading.Event):
        self.events = events

    def is_set(self) -> bool:
        return any(e.is_set() for e in self.events)


class Watcher:
    """Two watcher threads feeding one queue of changed paths.

    The site folder itself is watched without recursion (jobsite.toml, even when an editor
    saves it by renaming a new file over it, and source folders appearing or going); the
    source folders that exist are watched recursively and re-watched when that set changes.
    Watching the whole site folder recursively would also watch the output and .git.
    """

    def __init__(self, site_dir: Path, output_dir: Path, stop: threading.Event):
        self.site_dir = site_dir
        self.filter = SourceFilter(site_dir, output_dir)
        self.stop = stop
        self.changes: queue.Queue[set[Path]] = queue.Queue()
        self._rewatch = threading.Event()

    def start(self) -> None:
        """Start both threads; they end when the stop event is set."""
        for target in (self._watch_top, self._watch_sources):
            threading.Thread(target=target, name=f"jobsite{target.__name__}", daemon=True).start()

    def batches(self) -> Iterator[set[Path]]:
        """Each set of paths changed since the last one; blocks until something changes or stop."""
        while not self.stop.is_set():
            try:
                batch = set(self.changes.get(timeout=POLL_SECONDS))
            except queue.Empty:
                continue
            # watchfiles already waited for a quiet moment; take whatever else arrived meanwhile.
            while True:
                try:
                    batch |= self.changes.get_nowait()
                except queue.Empty:
                    break
            if not self.stop.is_set():
                yield batch

    def _watch_top(self) -> None:
        while not self.stop.is_set():
            try:
                for changes in watchfiles.watch(self.site_dir, watch_filter=self.filter, stop_event=self.stop, recursive=False, raise_interrupt=False, step=QUIET_MS):
                    paths = {Path(p) for _, p in changes}
                    if any(p.name in SOURCE_DIRS for p in paths):
                        self._rewatch.set()
                    self.changes.put(paths)
            except (OSError, RuntimeError):
                # The site folder itself went (a checkout in progress?): look again shortly.
                self.stop.wait(1.0)

    def _watch_sources(self) -> None:
        while not self.stop.is_set():
            self._rewatch.clear()
            roots = [self.site_dir / d for d in SOURCE_DIRS if (self.site_dir / d).is_dir()]
            if not roots:
                self._rewatch.wait(POLL_SECONDS)
                continue
            try:
                for changes in watchfiles.watch(*roots, watch_filter=self.filter, stop_event=_Either(self.stop, self._rewatch), raise_interrupt=False, step=QUIET_MS):
                    self.changes.put({Path(p) for _, p in changes})
            except (FileNotFoundError, OSError, RuntimeError):
                # A source folder vanished under the watch; the top watcher has noticed, watch again.
                self._rewatch.wait(POLL_SECONDS)
