"""jobsite serve: build, serve the last good build, rebuild on every change, reload open pages."""

from __future__ import annotations

import argparse
import collections
import ipaddress
import json
import multiprocessing
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path

from .build import build
from .config import load_config
from .errors import BuildFailed, JobsiteError, relpath
from .preview import PreviewHandler
from .watch import Watcher

# How many finished builds an events stream can catch up on after a slow write.
EVENT_HISTORY = 64


@dataclass(frozen=True)
class Snapshot:
    """What the server shows now: the last good build folder and the last build's errors."""

    build: int = 0  # finished builds so far, good or not
    root: Path | None = None  # None until a build succeeds
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

    def publish(self, snapshot: Snapshot, event: dict) -> None:
        """Switch to a finished build (one attribute store, so a request sees old or new) and wake the streams."""
        with self._changed:
            self.snapshot = snapshot
            self._events.append((snapshot.build, json.dumps(event)))
            self._changed.notify_all()

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
    """Runs one full build per batch of changes into a fresh folder and publishes the result."""

    def __init__(self, args: argparse.Namespace, workdir: Path, preview: Preview, stop: threading.Event):
        self.args = args
        self.site_dir = args.site.resolve()
        self.workdir = workdir
        self.preview = preview
        self.stop = stop
        self.good: list[Path] = []

    def rebuild(self, changed: list[str]) -> None:
        """Build into a new folder; serve it if the build succeeded, else keep the last good one."""
        number = self.preview.snapshot.build + 1
        folder = self.workdir / f"build-{number}"
        started = time.perf_counter()
        pages, errors = 0, ()
        try:
            config = load_config(self.site_dir, output=folder, drafts=self.args.drafts, now=self.args.now, live_reload=True)
            pages = build(config).pages
        except BuildFailed as exc:
            errors = tuple(str(e) for e in exc.errors)
        except JobsiteError as exc:
            errors = (f"error: {exc}",)
        except Exception as exc:  # noqa: BLE001 - a bug must show in the page, not kill the preview
            errors = (f"{type(exc).__name__}: {exc}",)
            traceback.print_exc()
        ms = round((time.perf_counter() - started) * 1000)
        if self.stop.is_set():
            # Stopped mid-build: the build may have re-created the folder the main thread removed.
            shutil.rmtree(self.workdir, ignore_errors=True)
            return
        root = folder if not errors else self.preview.snapshot.root
        self.preview.publish(Snapshot(number, root, errors), {"build": number, "ok": not errors, "ms": ms, "changed": changed})
        self._report(changed, pages, errors, ms)
        self._retire(folder, ok=not errors)

    def _retire(self, folder: Path, ok: bool) -> None:
        # The previous good build stays for requests that started on it; older ones go, in the
        # background, since deleting thousands of files would delay the next rebuild.
        old = [] if ok else [folder]
        if ok:
            self.good.append(folder)
        old += self.good[:-2]
        del self.good[:-2]
        for folder in old:
            threading.Thread(target=shutil.rmtree, args=(folder,), kwargs={"ignore_errors": True}, daemon=True).start()

    def _report(self, changed: list[str], pages: int, errors: tuple[str, ...], ms: int) -> None:
        what = f"{_describe(changed)} changed: " if changed else "Built "
        if errors:
            count = len(errors)
            print(f"{what}build failed in {ms} ms, {count} error{'s' if count != 1 else ''} (shown in the page):", flush=True)
            for error in errors:
                print(f"  {error}", file=sys.stderr, flush=True)
        else:
            print(f"{what}{pages} pages in {ms} ms", flush=True)

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
    site_dir = args.site.resolve()
    if not site_dir.is_dir():
        raise JobsiteError(f"site folder not found: {args.site}")
    if not is_loopback(args.host):
        print(f"warning: serving on {args.host}: other machines can see this preview, drafts included", file=sys.stderr, flush=True)
    preview = Preview()
    server = _listen(args.host, args.port, preview)
    host, port = server.server_address[:2]
    url = f"http://{f'[{host}]' if ':' in host else host}:{port}/"
    stop = threading.Event()
    workdir = Path(tempfile.mkdtemp(prefix="jobsite-serve-")).resolve()
    builder: threading.Thread | None = None
    http = threading.Thread(target=_serve_after_first_build, args=(server, preview, stop), name="jobsite-http", daemon=True)
    # SIGTERM ends the preview as cleanly as Ctrl-C does.
    previous_term = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        # The socket listens already; requests wait in its backlog until the first build is done.
        http.start()
        print(f"Serving {url} (Ctrl-C to stop)", flush=True)
        watcher = Watcher(site_dir, _output_dir(site_dir), stop)
        watcher.start()  # before the first build, so a save during it is not lost
        builder = threading.Thread(target=_build_then_watch, args=(Rebuilder(args, workdir, preview, stop), watcher), name="jobsite-build", daemon=True)
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
        _end_build(builder)
        if http.is_alive():
            http.join(timeout=1.0)
        server.server_close()
        signal.signal(signal.SIGTERM, previous_term)
        _remove_later(workdir)
    print("Stopped.", flush=True)
    return 0


# Run detached: deleting thousands of built files must not hold up Ctrl-C. It tries again for a
# while, because a Pagefind run orphaned by a stopped build may still be writing.
_REMOVER = """import os, shutil, sys, time
for _ in range(30):
    shutil.rmtree(sys.argv[1], ignore_errors=True)
    time.sleep(1)
    if not os.path.exists(sys.argv[1]):
        break
"""


def _remove_later(folder: Path) -> None:
    try:
        subprocess.Popen([sys.executable, "-c", _REMOVER, str(folder)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


def _end_build(builder: threading.Thread | None) -> None:
    # A build cannot be interrupted, but its worker processes and Pagefind can: the build then
    # fails at once, and no orphan goes on writing after the preview stopped.
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
