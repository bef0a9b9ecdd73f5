"""Which requests the preview answers: only those meant for it, against DNS rebinding.

A page on any site the author visits can point a name it controls at 127.0.0.1 and read the
preview, drafts included, from its own origin; the browser then still sends that name as
`Host`. So a request is answered only when its Host names this machine by a loopback name,
or the address the author chose with --host, with the port the preview listens on. Bound
to every address (0.0.0.0 or ::), any IP address is accepted too: other machines reach the
preview by the machine's address, and an address literal cannot be rebound.
"""

from __future__ import annotations

import ipaddress

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARDS = frozenset({"0.0.0.0", "::", ""})


def host_allowed(header: str | None, bind: str, port: int) -> bool:
    """Whether a request's Host header names this preview (`bind` is the --host it listens on)."""
    parsed = _split(header or "")
    if parsed is None:
        return False
    name, given_port = parsed
    if given_port != port:
        return False
    bind = bind.strip("[]").lower()
    if name in LOOPBACK_NAMES or name == bind:
        return True
    return bind in WILDCARDS and _is_address(name)


def _split(header: str) -> tuple[str, int] | None:
    """(lowercase host, port) of a Host header, the port 80 when absent; None when malformed."""
    if header.startswith("["):
        name, bracket, rest = header[1:].partition("]")
        if not bracket or not _is_address(name):
            return None
    else:
        name, colon, rest = header.partition(":")
        rest = colon + rest
    if not name:
        return None
    if not rest:
        return name.lower(), 80
    digits = rest[1:]
    if not rest.startswith(":") or not (digits.isascii() and digits.isdigit()) or len(digits) > 5:
        return None
    return name.lower(), int(digits)


def _is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True
