"""On-disk cache of rendered Markdown, keyed by content hash and renderer versions."""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from . import __version__

CACHE_DIR = ".jobsite-cache"


@lru_cache(maxsize=1)
def _renderer_key() -> bytes:
    # Any change to jobsite, mistune, nh3 or the renderer settings gives new keys, so a stale
    # entry is never found; old entries are merely unused.
    markdown_source = (Path(__file__).parent / "markdown.py").read_bytes()
    parts = [__version__, version("mistune"), version("nh3"), hashlib.sha256(markdown_source).hexdigest()]
    return "\0".join(parts).encode()


class MarkdownCache:
    """Rendered HTML by sha256 of (renderer versions, Markdown text)."""

    def __init__(self, root: Path | None):
        self.root = root / CACHE_DIR / "markdown" if root else None

    def key(self, text: str) -> str:
        return hashlib.sha256(_renderer_key() + b"\0" + text.encode()).hexdigest()

    def get(self, key: str) -> str | None:
        if self.root is None:
            return None
        try:
            return (self.root / key[:2] / key).read_text(encoding="utf-8")
        except (FileNotFoundError, NotADirectoryError, UnicodeDecodeError):
            return None

    def put(self, key: str, html: str) -> None:
        if self.root is None:
            return
        folder = self.root / key[:2]
        folder.mkdir(parents=True, exist_ok=True)
        # Write then rename: two builds at once each publish a whole file, never half of one.
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(html)
        os.replace(tmp, folder / key)
