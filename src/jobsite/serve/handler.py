"""The HTTP side of `jobsite serve`: files of the current build only, the error overlay, live reload."""

from __future__ import annotations

import html
import mimetypes
import re
import shutil
import socket
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

from ..errors import BuildFailed
from .hosts import host_allowed
from .livesite import LiveSite
from .state import ServedState, Snapshot

RELOAD_PATH = "/__jobsite/reload.js"
EVENTS_PATH = "/__jobsite/events"
# An idle events stream sends a comment this often, which also notices a closed tab.
KEEPALIVE_SECONDS = 10.0

RELOAD_JS = b"""// jobsite serve: reload this page when a rebuild finishes (server-sent events).
(function () {
  function start() {
    var meta = document.querySelector('meta[name="jobsite-build"]');
    var since = meta ? meta.getAttribute("content") : "";
    var events = new EventSource("/__jobsite/events?since=" + encodeURIComponent(since));
    events.addEventListener("reload", function () {
      events.close();
      location.reload();
    });
  }
  // The script tag may come before the build marker the server adds at the end of the body.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
"""

# Types the platform's table may lack or get wrong; everything else comes from mimetypes.
MIME_TYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".wasm": "application/wasm",
    ".pagefind": "application/octet-stream",
    ".pf_meta": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
    ".woff2": "font/woff2",
    ".webmanifest": "application/manifest+json",
    ".txt": "text/plain",
}
_TEXT_TYPES = ("text/", "application/json", "application/xml", "image/svg+xml", "application/manifest+json")

_BOX = (
    "all:initial;display:block;position:fixed;z-index:2147483647;top:0;left:0;right:0;max-height:60vh;"
    "overflow:auto;box-sizing:border-box;padding:12px 16px;background:#fff4f4;color:#5c0000;"
    "border-bottom:4px solid #c00;box-shadow:0 2px 12px rgba(0,0,0,.35);font:15px/1.5 system-ui,sans-serif"
)
_ITEM = "display:list-item;margin:4px 0;font:14px/1.45 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;overflow-wrap:anywhere;color:#5c0000"


def mime_type(name: str) -> str:
    """The Content-Type for a file name, with a charset for text."""
    suffix = Path(name).suffix.lower()
    kind = MIME_TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith(_TEXT_TYPES) else kind


def url_parts(url_path: str) -> list[str] | None:
    """The path segments of a URL path, or None if it tries to leave the site (`..`, NUL, backslash)."""
    rel = unquote(url_path)
    parts = [p for p in rel.split("/") if p not in ("", ".")]
    if ".." in parts or "\0" in rel or "\\" in rel:
        return None
    return parts


def locate(root: Path, url_path: str) -> tuple[int, Path | str | None]:
    """(200, file), (301, location), (403, None) or (404, None) for a URL path under root."""
    parts = url_parts(url_path)
    if parts is None:
        return 403, None
    try:
        resolved = root.joinpath(*parts).resolve(strict=True)
        if resolved.is_dir() and resolved.is_relative_to(root):
            if not url_path.endswith("/"):
                return 301, _folder_url(parts)
            resolved = (resolved / "index.html").resolve(strict=True)
    except (OSError, RuntimeError):
        return 404, None
    # A symlink may point anywhere; only what really lies inside the build is served.
    if not resolved.is_relative_to(root):
        return 403, None
    return (200, resolved) if resolved.is_file() else (404, None)


def _folder_url(parts: list[str]) -> str:
    return "/" + "/".join(quote(p) for p in parts) + "/"


def overlay(errors: tuple[str, ...], built: bool) -> bytes:
    """The error panel shown over every page, each error as `path:line: message`, escaped."""
    if not errors:
        return b""
    heading = "The last change broke the build; you are seeing the last good build" if built else "The site could not be built"
    items = "".join(f'<li style="{_ITEM}">{html.escape(e)}</li>' for e in errors)
    return (
        f'<div id="jobsite-overlay" role="alert" style="{_BOX}">'
        f'<p style="all:initial;display:block;font:600 16px/1.4 system-ui,sans-serif;color:#5c0000;margin:0 0 6px">'
        f"jobsite: {heading}. Fix the file and this page reloads by itself.</p>"
        f'<ul style="all:initial;display:block;margin:0;padding-left:20px;list-style:disc">{items}</ul></div>'
    ).encode()


def inject(page: bytes, marker: str, errors: tuple[str, ...], built: bool = True) -> bytes:
    """Add the build marker, the overlay and (if the theme lacks it) the reload script to an HTML page."""
    meta = f'<meta name="jobsite-build" content="{html.escape(marker)}">'.encode()
    tail = overlay(errors, built)
    if RELOAD_PATH.encode() not in page:
        tail += f'<script src="{RELOAD_PATH}"></script>'.encode()
    lower = page.lower()  # bytes.lower() touches ASCII only, so offsets stay valid
    head = lower.find(b"</head")
    body = lower.rfind(b"</body")
    if body < 0:
        body = len(page)
    if 0 <= head < body:
        return page[:head] + meta + page[head:body] + tail + page[body:]
    return page[:body] + meta + tail + page[body:]


def error_page(marker: str, errors: tuple[str, ...]) -> bytes:
    """What every URL shows while no build has succeeded yet."""
    page = b'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Build failed</title></head><body></body></html>'
    return inject(page, marker, errors, built=False)


# What reload.js sends as `since`: the session and the build number of the page it runs in.
_MARKER = re.compile(r"(?P<session>[0-9a-f]{1,32}):(?P<build>[0-9]{1,12})")


def _query_value(query: str, name: str) -> str | None:
    """The one value of a query parameter, empty when it is missing; None when repeated or unreadable."""
    try:
        values = parse_qs(query, keep_blank_values=True, errors="strict").get(name, [""])
    except (ValueError, UnicodeDecodeError):
        return None
    return values[0] if len(values) == 1 else None


class Handler(BaseHTTPRequestHandler):
    """Serves the current snapshot of `server.state`: its site in memory, or a file inside its full build."""

    protocol_version = "HTTP/1.1"
    server_version = "jobsite"
    server: Server

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass  # one line per rebuild is what authors read, not one per request

    def _for_this_preview(self) -> bool:
        hosts = self.headers.get_all("Host") or []
        return len(hosts) == 1 and host_allowed(hosts[0], self.server.host, self.server.server_address[1])

    def _wrong_host(self) -> bytes:
        port = self.server.server_address[1]
        return f"Forbidden: jobsite serve answers only requests for this machine; open http://localhost:{port}/\n".encode()

    def _respond(self, send_body: bool) -> None:
        state = self.server.state
        snapshot = state.snapshot  # one read: the whole response comes from one state of the site
        url = urlsplit(self.path)
        marker = f"{state.session}:{snapshot.build}"
        try:
            if not self._for_this_preview():
                self._send(403, mime_type("x.txt"), self._wrong_host(), send_body)
            elif url.path == RELOAD_PATH:
                self._send(200, mime_type("reload.js"), RELOAD_JS, send_body)
            elif url.path == EVENTS_PATH:
                self._stream_events(_query_value(url.query, "since"))
            elif snapshot.site is None:
                self._send(500, mime_type("x.html"), error_page(marker, snapshot.errors), send_body)
            else:
                self._send_path(snapshot, url.path, marker, send_body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _send_path(self, snapshot: Snapshot, path: str, marker: str, send_body: bool) -> None:
        # The site in memory first (pages, assets, static files), then what only the full build
        # writes (feeds, search index), from the newest finished one.
        site, errors = snapshot.site, snapshot.errors
        parts = url_parts(path)
        if parts is None:
            self._send(403, mime_type("x.txt"), b"Forbidden\n", send_body)
            return
        rel = "/".join(parts)
        file = "/".join([*parts, "index.html"]) if path.endswith("/") or not parts else rel
        if file in site.pages:
            self._send_page(site, file, marker, errors, 200, send_body)
        elif file in site.assets:
            self._send(200, mime_type(file), site.assets[file], send_body)
        elif file in site.static:
            self._send_static(site, file, marker, errors, send_body)
        elif parts and site.has(rel + "/index.html"):
            self._redirect(_folder_url(parts))
        else:
            self._send_built(site, snapshot.root, path, marker, errors, send_body)

    def _send_built(self, site: LiveSite, root: Path | None, path: str, marker: str, errors: tuple[str, ...], send_body: bool) -> None:
        status, found = locate(root, path) if root is not None else (404, None)
        if status == 301:
            self._redirect(str(found))
        elif status == 403:
            self._send(403, mime_type("x.txt"), b"Forbidden\n", send_body)
        elif status == 404:
            self._send_not_found(site, marker, errors, send_body)
        else:
            assert isinstance(found, Path)
            self._send_file(found, marker, errors, send_body)

    def _send_page(self, site: LiveSite, file: str, marker: str, errors: tuple[str, ...], status: int, send_body: bool) -> None:
        try:
            page = site.html(file)
        except BuildFailed as failed:
            # The full build will report this too; until then the page says what broke it.
            self._send(500, mime_type("x.html"), error_page(marker, (*errors, *(str(e) for e in failed.errors))), send_body)
            return
        self._send(status, mime_type(file), inject(page, marker, errors), send_body)

    def _send_static(self, site: LiveSite, file: str, marker: str, errors: tuple[str, ...], send_body: bool) -> None:
        found = site.static[file]
        try:
            resolved = found.resolve(strict=True)
        except (OSError, RuntimeError):
            self._send_not_found(site, marker, errors, send_body)
            return
        # A symlink may have been pointed elsewhere since the rebuild: still nothing from outside.
        if not resolved.is_relative_to(site.static_root.resolve()):
            self._send(403, mime_type("x.txt"), b"Forbidden\n", send_body)
            return
        self._send_file(resolved, marker, errors, send_body)

    def _send_not_found(self, site: LiveSite, marker: str, errors: tuple[str, ...], send_body: bool) -> None:
        if "404.html" in site.pages:
            self._send_page(site, "404.html", marker, errors, 404, send_body)
        else:
            self._send(404, mime_type("x.txt"), b"Not found\n", send_body)

    def _send_file(self, found: Path, marker: str, errors: tuple[str, ...], send_body: bool) -> None:
        kind = mime_type(found.name)
        try:
            data = open(found, "rb")
        except OSError:
            self._send(404, mime_type("x.txt"), b"Not found\n", send_body)
            return
        with data:
            if kind.startswith("text/html"):
                self._send(200, kind, inject(data.read(), marker, errors), send_body)
                return
            size = data.seek(0, 2)
            data.seek(0)
            self._headers(200, kind, size)
            if send_body:
                shutil.copyfileobj(data, self.wfile)

    def _redirect(self, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: int, kind: str, data: bytes, send_body: bool) -> None:
        self._headers(status, kind, len(data))
        if send_body:
            self.wfile.write(data)

    def _headers(self, status: int, kind: str, size: int) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(size))
        # The preview changes under the browser: never let it reuse a stale copy.
        self.send_header("Cache-Control", "no-store")
        self.end_headers()

    def _stream_events(self, since: str | None) -> None:
        state = self.server.state
        marker = _MARKER.fullmatch(since or "")
        # A page from another server run, or from before the latest build, must reload at once.
        seen = int(marker["build"]) if marker and marker["session"] == state.session else -1
        if since == "":
            seen = state.snapshot.build
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        self.wfile.write(b"retry: 500\n\n")  # after a restart the browser reconnects quickly
        catching_up = seen < state.snapshot.build
        while not state.stopping:
            events = state.events_after(seen, KEEPALIVE_SECONDS)
            if not events:
                self.wfile.write(b": keep-alive\n\n")
                continue
            if catching_up:
                events, catching_up = events[-1:], False
            for number, data in events:
                self.wfile.write(f"event: reload\ndata: {data}\n\n".encode())
                seen = number


class Server(ThreadingHTTPServer):
    """The HTTP server of `jobsite serve`; its handlers read the served state from here."""

    daemon_threads = True  # open event streams must not hold up the exit

    def __init__(self, address: tuple[str, int], state: ServedState, host: str | None = None):
        self.state = state
        self.host = address[0] if host is None else host  # what --host said: the one name besides loopback
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, Handler)
