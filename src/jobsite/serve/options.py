"""How `jobsite serve` was asked to run: what the command line says, typed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..errors import JobsiteError


@dataclass(frozen=True)
class ServeOptions:
    """The site to preview and where to serve it."""

    site: Path
    drafts: bool = True
    now: dt.date | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    open_browser: bool = False


def parse_port(text: str) -> int:
    """The --port value as a number from 0 (any free port) to 65535; a JobsiteError otherwise."""
    if not (text.isascii() and text.isdigit()) or int(text) > 65535:
        raise JobsiteError(f"--port: {text} is not a port number (0 to 65535)")
    return int(text)
