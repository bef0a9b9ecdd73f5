"""Theme assets (CSS, JS) written under fingerprinted names for long-lived caching."""

from __future__ import annotations

from pathlib import Path

from ..content.files import file_problem, site_folder
from ..errors import BuildFailed, SourceError, relpath
from ..render.engine import template_dirs, template_root
from .staging import Staging, fingerprint

ASSETS = "assets"


class Assets:
    """Maps `style.css` to `/assets/style.1a2b3c4d.css`; the site's templates/assets win."""

    def __init__(self, site_dir: Path):
        self.files: dict[str, Path] = {}
        errors: list[SourceError] = []
        for folder in reversed(template_dirs(site_dir)):
            root = template_root(folder, site_dir)
            directory = site_folder(root, folder.relative_to(root).joinpath(ASSETS).as_posix())
            for file in sorted(directory.iterdir()) if directory else ():
                if file.name.startswith(".") or (file.is_dir() and file.resolve().is_relative_to(root.resolve())):
                    continue  # hidden files and sub-folders are not assets
                problem = file_problem(file, root)
                if problem:
                    errors.append(SourceError(relpath(file, site_dir), 0, "", problem))
                else:
                    self.files[file.name] = file
        if errors:
            raise BuildFailed(errors)
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
