"""jobsite serve: build, serve the last good build, rebuild on every change, reload open pages."""

from __future__ import annotations

import argparse
import collections
import ipaddress
import json
import multiprocessing
import os
import secrets
import signal
import socket
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass, field, replace
from http.server import ThreadingHTTPServer
from pathlib import Path

from ..config import find_site, load_config
from ..errors import BuildFailed, JobsiteError, relpath
from ..publish.staging import remove_in_background
from .fullbuild import FullBuild, FullBuilds
from .handler import PreviewHandler
from .livesite import LiveCaches, LiveSite, load_live_site
from .watcher import Watcher

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
class Preview:
    """The served state, replaced whole after each build, and the event streams waiting for it."""

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
            self._events.append((number, json.dumps(event)))
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


class Rebuilder:
    """Per batch of changes: the site read and checked in memory at once, then a full build behind it."""

    def __init__(self, args: argparse.Namespace, workdir: Path, preview: Preview, stop: threading.Event):
        self.args = args
        self.site_dir = args.site.resolve()
        self.workdir = workdir
        self.preview = preview
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
        site, config, errors = None, None, ()
        try:
            config = load_config(self.site_dir, drafts=self.args.drafts, now=self.args.now, live_reload=True)
            site = load_live_site(config, self.caches)
        except BuildFailed as exc:
            errors = tuple(str(e) for e in exc.errors)
        except JobsiteError as exc:
            errors = (f"error: {exc}",)
        except Exception as exc:  # noqa: BLE001 - a bug must show in the page, not kill the preview
            errors = (f"{type(exc).__name__}: {exc}",)
            traceback.print_exc()
        ms = round((time.perf_counter() - started) * 1000)
        if self.stop.is_set():
            return
        with self._lock:
            self.unindexed.update(changed)
        number = self.preview.publish(site, errors, ms, changed)
        self._report(changed, len(site.pages) if site else 0, errors, ms)
        if site is not None and config is not None:
            self.full_builds.start(number, config)

    def _full_build_done(self, done: FullBuild) -> None:
        if self.stop.is_set():
            return
        if done.errors:
            # Only reached when the rebuild it follows found nothing wrong (e.g. Pagefind failed).
            if self.preview.snapshot.build == done.number:
                self.preview.publish(None, done.errors, done.ms, [])
                self._report_errors("Full build", done.errors, done.ms)
            return
        if not self.preview.publish_full(done.number, done.folder):
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


def _describe(changed: list[str]) -> str:
    if len(changed) <= 3:
        return ", ".join(changed)
    return f"{', '.join(changed[:3])} and {len(changed) - 3} more"


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # open event streams must not hold up the exit

    def __init__(self, address: tuple[str, int], preview: Preview):
        self.preview = preview
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, PreviewHandler)


def is_loopback(host: str) -> bool:
    """Whether an address to bind reaches this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _listen(host: str, port: int, preview: Preview) -> _Server:
    try:
        return _Server((host, port), preview)
    except OSError as exc:
        raise JobsiteError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from None


def serve(args: argparse.Namespace) -> int:
    """Build, serve on args.host:args.port, watch and rebuild until Ctrl-C; returns the exit code."""
    site_dir = find_site(args.site).resolve()
    if not is_loopback(args.host):
        print(f"warning: serving on {args.host}: other machines can see this preview, drafts included", file=sys.stderr, flush=True)
    preview = Preview()
    server = _listen(args.host, args.port, preview)
    host, port = server.server_address[:2]
    url = f"http://{f'[{host}]' if ':' in host else host}:{port}/"
    stop = threading.Event()
    workdir = Path(tempfile.mkdtemp(prefix="jobsite-serve-")).resolve()
    builder: threading.Thread | None = None
    rebuilder = Rebuilder(args, workdir, preview, stop)
    http = threading.Thread(target=_serve_after_first_build, args=(server, preview, stop), name="jobsite-http", daemon=True)
    # SIGTERM ends the preview as cleanly as Ctrl-C does. Ctrl-C is armed explicitly: a
    # process started from a non-interactive shell or CI inherits SIGINT ignored, and the
    # preview must still stop on it.
    previous_term = signal.signal(signal.SIGTERM, signal.default_int_handler)
    previous_int = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        # The socket listens already; requests wait in its backlog until the first build is done.
        http.start()
        print(f"Serving {url} (Ctrl-C to stop)", flush=True)
        watcher = Watcher(site_dir, _output_dir(site_dir), stop)
        watcher.start()  # before the first build, so a save during it is not lost
        builder = threading.Thread(target=_build_then_watch, args=(rebuilder, watcher), name="jobsite-build", daemon=True)
        builder.start()
        if args.open:
            import webbrowser

            webbrowser.open(url)
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        preview.stop()
        rebuilder.full_builds.close()  # its whole process group, at once
        _end_build(builder)
        if http.is_alive():
            http.join(timeout=1.0)
        server.server_close()
        signal.signal(signal.SIGTERM, previous_term)
        signal.signal(signal.SIGINT, previous_int)
        remove_in_background(workdir)
    print("Stopped.", flush=True)
    return 0


def _end_build(builder: threading.Thread | None) -> None:
    # Reading the site cannot be interrupted, but its worker processes can: it then fails at
    # once, and no orphan goes on working after the preview stopped.
    if builder is None or not builder.is_alive():
        return
    for pid in _child_pids():
        try:
            os.kill(pid, signal.SIGTERM)
        except OSError:
            pass
    builder.join(timeout=0.5)


def _child_pids() -> set[int]:
    """This process's children: from /proc where there is one, else the multiprocessing ones."""
    pids = {child.pid for child in multiprocessing.active_children() if child.pid}
    me = str(os.getpid())
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()  # state, ppid, ...
        except OSError:
            continue
        if len(fields) > 1 and fields[1] == me:
            pids.add(int(stat.parent.name))
    return pids


def _build_then_watch(rebuilder: Rebuilder, watcher: Watcher) -> None:
    rebuilder.rebuild([])
    rebuilder.run(watcher)


def _serve_after_first_build(server: _Server, preview: Preview, stop: threading.Event) -> None:
    while preview.snapshot.build == 0 and not stop.wait(0.05):
        pass
    # A loop of our own rather than serve_forever(): its shutdown() handshake hangs if Ctrl-C
    # comes before the loop started.
    server.timeout = 0.1
    while not stop.is_set():
        server.handle_request()


def _output_dir(site_dir: Path) -> Path:
    # serve never writes there, but `jobsite build` in another terminal may: not a source.
    try:
        return load_config(site_dir).output_dir
    except JobsiteError:
        return site_dir / "public"
