"""A local HTTP server (127.0.0.1 only) that answers like the apply links `check --links` meets.

    /ok          200                     /moved      301 -> /ok
    /missing     404                     /gone       410
    /no-head     405 to HEAD, 200 to GET /loop/a     301 -> /loop/b -> /loop/a ...
    /hop/N       301 -> /hop/N-1 ... /hop/0 200 (N redirects)
    /hang        accepts and never answers, until the server stops

Every request is recorded (method, path, User-Agent) so tests can see what the checker sent.
"""

from __future__ import annotations

import http.server
import threading
from dataclasses import dataclass, field


@dataclass
class Request:
    method: str
    path: str
    user_agent: str


class _Handler(http.server.BaseHTTPRequestHandler):
    server: "LinkServer._Server"
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        pass

    def do_HEAD(self) -> None:
        self._answer()

    def do_GET(self) -> None:
        self._answer()

    def _answer(self) -> None:
        self.server.owner.record(Request(self.command, self.path, self.headers.get("User-Agent", "")))
        path = self.path.split("?", 1)[0]
        if path == "/hang":
            self.server.owner.stopping.wait()  # hold the connection open, say nothing
            return
        if path == "/ok" or path == "/hop/0":
            return self._send(200)
        if path == "/moved":
            return self._send(301, "/ok")
        if path == "/missing":
            return self._send(404)
        if path == "/gone":
            return self._send(410)
        if path == "/no-head":
            return self._send(405 if self.command == "HEAD" else 200)
        if path == "/loop/a":
            return self._send(301, "/loop/b")
        if path == "/loop/b":
            return self._send(302, "/loop/a")
        if path.startswith("/hop/") and path[5:].isdigit():
            return self._send(301, f"/hop/{int(path[5:]) - 1}")
        return self._send(404)

    def _send(self, status: int, location: str | None = None) -> None:
        body = f"{status}\n".encode()
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))  # what GET sends, also for HEAD
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class LinkServer:
    """Start with `with LinkServer() as server:`; `server.url('/ok')` is an absolute URL."""

    class _Server(http.server.ThreadingHTTPServer):
        daemon_threads = True  # a handler stuck in /hang must not keep the test process alive
        owner: "LinkServer"

    def __init__(self) -> None:
        self.stopping = threading.Event()
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._server = self._Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def record(self, request: Request) -> None:
        with self._lock:
            self.requests.append(request)

    def __enter__(self) -> "LinkServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on: connecting to it is refused."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
