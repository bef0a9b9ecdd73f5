"""`jobsite check --links`: does each open posting's apply link still lead to an application?

Standard library only (http.client, ssl, select, threads): the checker needs control that
urllib and requests do not give: HEAD then GET, redirects counted and loops named, one
deadline per link, and a slow link stepping aside so it does not hold up the rest.
"""

from __future__ import annotations

import errno
import http.client
import os
import select
import socket
import ssl
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

WORKERS = 8  # requests in flight at once: polite to the sites, fast enough for a board
TIMEOUT = 10.0  # seconds one link may take, redirects included
MAX_REDIRECTS = 5
# A link that has not answered within this long gives its place to the next one and keeps
# waiting on the side (an open, idle connection costs the far server nothing), so a few
# hanging servers cannot stretch a check to (hanging links / WORKERS) x TIMEOUT.
PATIENCE = 0.25
MAX_THREADS = 64  # waiting links plus working ones
DEAD_STATUSES = {404: "Not Found", 410: "Gone"}
REDIRECTS = {301, 302, 303, 307, 308}
# getaddrinfo errors that mean "no such host" rather than "could not ask".
_NO_SUCH_HOST = {socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)}
# Failures that say nothing about the link, only that this machine is cut off.
_CUT_OFF_ERRNOS = {errno.ENETUNREACH, errno.ENETDOWN, errno.EHOSTUNREACH}


@dataclass(frozen=True)
class LinkResult:
    """What checking one link found: a problem, or None when it leads somewhere."""

    url: str
    problem: str | None = None
    answered: bool = True  # a server answered over HTTP (whatever it said)
    cut_off: bool = False  # failed in a way that says this machine has no network


class _Slot:
    """A worker's place among the WORKERS in flight, given up early by a link that hangs."""

    def __init__(self, places: threading.BoundedSemaphore):
        self.places = places
        places.acquire()
        self.held = True
        self.since = time.monotonic()

    def step_aside_if_slow(self) -> float:
        """Seconds left before stepping aside (inf once done): release the place when due."""
        if not self.held:
            return float("inf")
        left = PATIENCE - (time.monotonic() - self.since)
        if left <= 0:
            self.release()
            return float("inf")
        return left

    def release(self) -> None:
        if self.held:
            self.held = False
            self.places.release()


def network_down(results: dict[str, LinkResult]) -> bool:
    """Whether the failures say more about this machine than about the links.

    No server answered at all, and either the system said the network is unreachable, or links
    on two or more different hosts all failed: dead links do not come all at once like that.
    """
    if not results or any(r.answered for r in results.values()):
        return False
    hosts = {urlsplit(url).hostname for url in results}
    return any(r.cut_off for r in results.values()) or len(hosts) >= 2


def check_links(urls, *, user_agent: str, timeout: float = TIMEOUT, workers: int = WORKERS) -> dict[str, LinkResult]:
    """Check each distinct http(s) link once, WORKERS at a time; results by URL."""
    unique = list(dict.fromkeys(urls))
    if not unique:
        return {}
    places = threading.BoundedSemaphore(workers)
    context = ssl.create_default_context()

    def one(url: str) -> LinkResult:
        slot = _Slot(places)
        try:
            return _check(url, time.monotonic() + timeout, timeout, user_agent, slot, context)
        finally:
            slot.release()

    with ThreadPoolExecutor(max_workers=min(MAX_THREADS, len(unique)), thread_name_prefix="link") as pool:
        return dict(zip(unique, pool.map(one, unique)))


def _check(url: str, deadline: float, timeout: float, user_agent: str, slot: _Slot, context) -> LinkResult:
    chain = [url]
    method = "HEAD"
    while True:
        current = chain[-1]
        try:
            status, reason, location = _request(method, current, deadline, user_agent, slot, context)
        except (OSError, http.client.HTTPException) as exc:
            return _failure(url, exc, timeout)
        except ValueError as exc:  # a port out of range, a host name IDNA cannot encode
            return LinkResult(url, f"not a usable address: {exc}", False)
        if method == "HEAD" and status >= 400:
            method = "GET"  # HEAD refused (405, 501) or unreliable: GET has the last word
            continue
        if status in REDIRECTS and location:
            target = urljoin(current, location.strip())
            if target in chain:
                loop = " -> ".join(chain[chain.index(target):] + [target])
                return LinkResult(url, f"redirect loop: {loop}")
            if len(chain) > MAX_REDIRECTS:
                return LinkResult(url, f"more than {MAX_REDIRECTS} redirects (stopped before {target})")
            if urlsplit(target).scheme not in ("http", "https"):
                return LinkResult(url)  # on to an address or an app: not ours to follow
            chain.append(target)
            continue
        if status in DEAD_STATUSES:
            via = f" (redirected to {current})" if current != url else ""
            return LinkResult(url, f"{status} {DEAD_STATUSES[status]}{via}")
        return LinkResult(url)  # 2xx, and also 401/403/429/5xx: alive, or not ours to judge


def _failure(url: str, exc: BaseException, timeout: float) -> LinkResult:
    host = urlsplit(url).hostname or url
    if isinstance(exc, socket.gaierror):
        if exc.errno in _NO_SUCH_HOST:
            return LinkResult(url, f"host {host} not found (DNS)", False)
        return LinkResult(url, f"DNS lookup of {host} failed: {exc.strerror}", False, cut_off=True)
    if isinstance(exc, TimeoutError):
        return LinkResult(url, f"no answer within {timeout:g} s", False)
    if isinstance(exc, ssl.SSLCertVerificationError):
        return LinkResult(url, f"TLS certificate not valid: {exc.verify_message}")
    if isinstance(exc, ssl.SSLError):
        return LinkResult(url, f"TLS error: {exc.reason or exc}")
    if isinstance(exc, ConnectionRefusedError) or getattr(exc, "errno", None) == errno.ECONNREFUSED:
        return LinkResult(url, f"connection refused by {host}", False)
    if getattr(exc, "errno", None) in _CUT_OFF_ERRNOS:
        return LinkResult(url, f"{host} unreachable: {exc.strerror}", False, cut_off=True)
    if isinstance(exc, http.client.HTTPException):
        return LinkResult(url, f"{host} closed the connection without a valid answer")
    return LinkResult(url, f"{host}: {getattr(exc, 'strerror', None) or exc}", False)


def _request(method: str, url: str, deadline: float, user_agent: str, slot: _Slot, context) -> tuple[int, str, str | None]:
    """One request; the status, reason and Location header. Raises OSError or HTTPException."""
    parts = urlsplit(url)
    https = parts.scheme == "https"
    host = parts.hostname or ""
    port = parts.port or (443 if https else 80)
    sock = _connect(host, port, deadline, slot)
    try:
        if https:
            sock.settimeout(_left(deadline))
            sock = context.wrap_socket(sock, server_hostname=host)
        conn = (http.client.HTTPSConnection if https else http.client.HTTPConnection)(host, port)
        conn.sock = sock  # connected above, with the deadline and the slot in mind
        path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~") + (f"?{quote(parts.query, safe='=&%+;/:@!$()*,-._~')}" if parts.query else "")
        conn.putrequest(method, path, skip_accept_encoding=True)
        conn.putheader("User-Agent", user_agent)
        conn.putheader("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
        conn.endheaders()
        if not _wait(sock, deadline, slot, write=False):
            raise TimeoutError
        sock.settimeout(_left(deadline))
        response = conn.getresponse()  # reads the status line and headers, never the body
        return response.status, response.reason, response.getheader("Location")
    finally:
        sock.close()


def _connect(host: str, port: int, deadline: float, slot: _Slot) -> socket.socket:
    last: OSError = TimeoutError()
    for family, kind, proto, _, address in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        sock = socket.socket(family, kind, proto)
        sock.setblocking(False)
        code = sock.connect_ex(address)
        if code in (0, errno.EINPROGRESS, errno.EWOULDBLOCK):
            if not _wait(sock, deadline, slot, write=True):
                sock.close()
                raise TimeoutError
            code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if code == 0:
            sock.setblocking(True)
            return sock
        sock.close()
        last = OSError(code, os.strerror(code))
    raise last


def _wait(sock: socket.socket, deadline: float, slot: _Slot, *, write: bool) -> bool:
    """Wait until the socket is ready (True) or the deadline passes (False), stepping aside when slow."""
    while True:
        left = _left(deadline)
        if left <= 0:
            return False
        pause = min(left, slot.step_aside_if_slow())
        ready = select.select([], [sock], [], pause)[1] if write else select.select([sock], [], [], pause)[0]
        if ready:
            return True


def _left(deadline: float) -> float:
    return max(0.0, deadline - time.monotonic())
