"""jobsite serve: listen, build, serve the last good build, rebuild on every change, stop cleanly."""

from __future__ import annotations

import ipaddress
import multiprocessing
import os
import signal
import sys
import tempfile
import threading
from pathlib import Path

from ..config import find_site, load_config
from ..errors import JobsiteError
from ..publish.removal import remove_in_background
from .handler import Server
from .options import ServeOptions
from .rebuild import Rebuilder
from .state import ServedState
from .watcher import Watcher


def is_loopback(host: str) -> bool:
    """Whether an address to bind reaches this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _listen(host: str, port: int, state: ServedState) -> Server:
    try:
        return Server((host, port), state)
    except OSError as exc:
        raise JobsiteError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from None


def serve(options: ServeOptions) -> int:
    """Build, serve on options.host:options.port, watch and rebuild until Ctrl-C; returns the exit code."""
    site_dir = find_site(options.site).resolve()
    if not is_loopback(options.host):
        print(f"warning: serving on {options.host}: other machines can see this preview, drafts included", file=sys.stderr, flush=True)
    state = ServedState()
    server = _listen(options.host, options.port, state)
    host, port = server.server_address[:2]
    url = f"http://{f'[{host}]' if ':' in host else host}:{port}/"
    stop = threading.Event()
    workdir = Path(tempfile.mkdtemp(prefix="jobsite-serve-")).resolve()
    builder: threading.Thread | None = None
    rebuilder = Rebuilder(options, workdir, state, stop)
    http = threading.Thread(target=_serve_after_first_build, args=(server, state, stop), name="jobsite-http", daemon=True)
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
        if options.open_browser:
            import webbrowser

            webbrowser.open(url)
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        state.stop()
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


def _serve_after_first_build(server: Server, state: ServedState, stop: threading.Event) -> None:
    while state.snapshot.build == 0 and not stop.wait(0.05):
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
