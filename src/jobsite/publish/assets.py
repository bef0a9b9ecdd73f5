"""Theme assets (CSS, JS) written under fingerprinted names for long-lived caching."""

from __future__ import annotations

from pathlib import Path

from ..render.engine import template_dirs
from .staging import Staging, fingerprint

ASSETS = "assets"


class Assets:
    """Maps `style.css` to `/assets/style.1a2b3c4d.css`; the site's templates/assets win."""

    def __init__(self, site_dir: Path):
        self.files: dict[str, Path] = {}
        for folder in reversed(template_dirs(site_dir)):
            directory = folder / ASSETS
            if directory.is_dir():
                for file in directory.iterdir():
                    if file.is_file() and not file.name.startswith("."):
                        self.files[file.name] = file
        self.urls: dict[str, str] = {}
        self.data: dict[str, bytes] = {}
        for name, file in sorted(self.files.items()):
            data = file.read_bytes()
            stem, dot, ext = name.rpartition(".")
            hashed = f"{stem}.{fingerprint(data)}.{ext}" if dot else f"{name}.{fingerprint(data)}"
            self.urls[name] = f"/{ASSETS}/{hashed}"
            self.data[name] = data

    def url(self, name: str) -> str:
        """The fingerprinted URL of a theme asset; a missing one is a template error."""
        try:
            return self.urls[name]
        except KeyError:
            raise KeyError(f"no theme asset named {name!r} in templates/{ASSETS}/") from None

    def write(self, staging: Staging) -> None:
        for name, url in self.urls.items():
            staging.write(url.lstrip("/"), self.data[name], owner=f"templates/{ASSETS}/{name}")
