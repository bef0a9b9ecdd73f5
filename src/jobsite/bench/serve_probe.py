"""Edit-to-reload under `jobsite serve`: time from saving a posting to the reload event."""

from __future__ import annotations

import json
import queue
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from .corpus import BENCH_NOW

EVENTS = "/__jobsite/events"


@dataclass(frozen=True)
class Reloads:
    """Edit-to-reload times (ms) and the build times the server reported for them."""

    edit_to_reload_ms: tuple[float, ...]
    build_ms: tuple[float, ...]
    first_build_s: float

    @property
    def median_ms(self) -> float:
        return statistics.median(self.edit_to_reload_ms)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def probe_serve(site: Path, posting: Path, edits: int = 5, timeout: float = 600) -> Reloads:
    """Start `jobsite serve`, edit `posting` `edits` times, and time each reload event."""
    port = free_port()
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "jobsite", "serve", "--site", str(site), "--port", str(port),
         "--now", BENCH_NOW.isoformat()],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    original = posting.read_bytes()
    stream = None
    try:
        stream = _connect(port, started + timeout)  # answered once the first build is served
        first = time.perf_counter() - started
        waits, builds = [], []
        for number in range(edits):
            time.sleep(0.5)  # let the watcher settle, so each edit is a batch of its own
            edited = original + f"\nEdited for the benchmark ({number}).\n".encode()
            began = time.perf_counter()
            data = _edit_until_reload(stream, posting, edited, began + timeout)
            waits.append((time.perf_counter() - began) * 1000)
            builds.append(float(data.get("ms", 0)))
        return Reloads(tuple(waits), tuple(builds), first)
    finally:
        if stream is not None:
            stream.sock.close()
        posting.write_bytes(original)
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


@dataclass
class _Stream:
    sock: socket.socket
    reader: object  # the socket's binary file, read line by line
    reloads: queue.Queue | None = None  # reload events, read by a thread once edits begin


def _connect(port: int, deadline: float) -> _Stream:
    while True:
        try:
            stream = socket.create_connection(("127.0.0.1", port), timeout=5)
            break
        except OSError:
            if time.perf_counter() > deadline:
                raise RuntimeError("jobsite serve did not start listening") from None
            time.sleep(0.1)
    stream.settimeout(max(1.0, deadline - time.perf_counter()))
    stream.sendall(f"GET {EVENTS} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n".encode())
    reader = stream.makefile("rb")
    status = reader.readline()
    if b" 200 " not in status:
        raise RuntimeError(f"events stream answered {status!r}")
    return _Stream(stream, reader)


# The watcher starts in a thread of its own; on a loaded machine it can still be setting up
# when the first build is served, and an edit made then is never seen. Writing again after
# this long keeps the probe from waiting out its whole timeout (the retry is then counted).
RETRY_S = 15.0


def _edit_until_reload(stream: _Stream, posting: Path, edited: bytes, deadline: float) -> dict:
    """Save the edit, and save it again now and then until a reload event arrives."""
    if stream.reloads is None:
        stream.reloads = queue.Queue()
        threading.Thread(target=_read_reloads, args=(stream,), daemon=True).start()
    content = edited
    while True:
        posting.write_bytes(content)
        try:
            data = stream.reloads.get(timeout=max(0.1, min(RETRY_S, deadline - time.perf_counter())))
        except queue.Empty:
            if time.perf_counter() >= deadline:
                raise RuntimeError("no reload event before the timeout") from None
            content += b" "
            continue
        if isinstance(data, Exception):
            raise data
        return data


def _read_reloads(stream: _Stream) -> None:
    # Blocking reads in a thread of their own: a timed-out socket file cannot be read again.
    stream.sock.settimeout(None)
    try:
        while True:
            stream.reloads.put(_next_reload(stream, float("inf")))
    except Exception as exc:  # noqa: BLE001 - handed to the waiting thread
        stream.reloads.put(exc)


def _next_reload(stream: _Stream, deadline: float) -> dict:
    """Read the stream up to the next `event: reload` and return its data."""
    reader = stream.reader
    if deadline != float("inf"):
        stream.sock.settimeout(max(1.0, deadline - time.perf_counter()))
    event = ""
    while True:
        line = reader.readline()
        if not line:
            raise RuntimeError("events stream closed")
        text = line.decode("utf-8", "replace").rstrip("\r\n")
        if text.startswith("event:"):
            event = text.partition(":")[2].strip()
        elif text.startswith("data:") and event == "reload":
            return json.loads(text.partition(":")[2])
