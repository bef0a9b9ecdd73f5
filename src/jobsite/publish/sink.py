"""Where the pipeline's output goes: the rules every destination enforces, and check's that writes nothing."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Callable, Iterable

from ..errors import BuildFailed, JobsiteError, SourceError
from ..pages import Page
from ..render.engine import make_environment, render_pages
from ..site import Site


class Sink:
    """A site's files by output-relative path: none outside the output folder, one writer each.

    build writes into a Staging folder, check into a NullSink, serve into a MemorySink; the
    pipeline (build.run) is the same for all three.
    """

    def __init__(self) -> None:
        self.owners: dict[str, str] = {}

    def claim(self, rel: str, owner: str = "") -> str:
        """Reserve a path like `jobs/x/index.html` for `owner` (a source file); its clean form."""
        clean = PurePosixPath(rel)
        if clean.is_absolute() or ".." in clean.parts or not clean.parts or "\\" in rel:
            raise JobsiteError(f"refusing to write outside the output folder: {rel!r}")
        key = str(clean)
        if key in self.owners:
            other = self.owners[key] or "the theme"
            raise BuildFailed([SourceError(owner or "site", 0, "", f"/{key} is also written by {other}")])
        self.owners[key] = owner
        return key

    def write(self, rel: str, data: bytes | str, owner: str = "") -> None:
        """Add one file's content at an output-relative path."""
        raise NotImplementedError

    def copy(self, src: Path, rel: str, owner: str = "") -> None:
        """Add a file as is (static files)."""
        raise NotImplementedError

    def add_pages(self, site: Site, pages: list[Page], asset_url: Callable[[str], str]) -> None:
        """Render every page in order and add it; BuildFailed names the first broken template."""
        env = make_environment(site, asset_url)
        for page, html in render_pages(env, pages):
            self.write(page.file, html, owner=page.source)

    def add_files(self, files: Iterable[tuple[str, bytes]], owner: str) -> None:
        """Add generated files (feeds, sitemap, ...), made one by one as they are taken."""
        for rel, data in files:
            self.write(rel, data, owner=owner)


class NullSink(Sink):
    """`jobsite check`'s destination: every page rendered and every path claimed, nothing written."""

    def write(self, rel: str, data: bytes | str, owner: str = "") -> None:
        self.claim(rel, owner)

    def copy(self, src: Path, rel: str, owner: str = "") -> None:
        self.claim(rel, owner)
