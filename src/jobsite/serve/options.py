"""How `jobsite serve` was asked to run: what the command line says, typed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ServeOptions:
    """The site to preview and where to serve it."""

    site: Path
    drafts: bool = True
    now: dt.date | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    open_browser: bool = False
