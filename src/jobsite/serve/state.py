"""What `jobsite serve` shows now, replaced whole after each rebuild, and the event streams waiting for it."""

from __future__ import annotations

import collections
import json
import secrets
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path

from .livesite import LiveSite

# How many finished builds an events stream can catch up on after a slow write.
EVENT_HISTORY = 64


@dataclass(frozen=True)
class Snapshot:
    """What the server shows now: the last good site in memory, the newest full build, the last errors."""

    build: int = 0  # finished rebuilds so far, good or not
    site: LiveSite | None = None  # None until a rebuild succeeds
    root: Path | None = None  # the newest finished full build: feeds, search index
    full: int = 0  # the rebuild that full build is of
    errors: tuple[str, ...] = ()


@dataclass
class ServedState:
    """The served snapshot, replaced whole after each build, and the event streams waiting for it."""

    snapshot: Snapshot = field(default_factory=Snapshot)
    # Tells pages of this run from pages of an earlier one, which must reload.
    session: str = field(default_factory=lambda: secrets.token_hex(4))
    stopping: bool = False
    _events: collections.deque = field(default_factory=lambda: collections.deque(maxlen=EVENT_HISTORY))
    _changed: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, site: LiveSite | None, errors: tuple[str, ...], ms: int, changed: list[str]) -> int:
        """Switch to a new rebuild (one attribute store, so a request sees old or new), wake the streams; its number."""
        with self._changed:
            old = self.snapshot
            number = old.build + 1
            # A failed rebuild keeps showing the last good site, under its errors.
            self.snapshot = replace(old, build=number, site=site or old.site, errors=errors)
            event = {"build": number, "ok": not errors, "ms": ms, "changed": changed}
            self._events.append((number, json.dumps(event, allow_nan=False)))
            self._changed.notify_all()
            return number

    def publish_full(self, number: int, root: Path) -> bool:
        """Serve the full build of rebuild `number` unless one of a newer rebuild is served already."""
        with self._changed:
            if number <= self.snapshot.full:
                return False
            self.snapshot = replace(self.snapshot, root=root, full=number)
            return True

    def events_after(self, build: int, timeout: float) -> list[tuple[int, str]]:
        """The events of builds after `build`, waiting up to `timeout` seconds for one."""
        with self._changed:
            self._changed.wait_for(lambda: self.stopping or self.snapshot.build > build, timeout)
            return [(n, data) for n, data in self._events if n > build]

    def stop(self) -> None:
        """End every events stream."""
        with self._changed:
            self.stopping = True
            self._changed.notify_all()
