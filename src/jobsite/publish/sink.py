"""Where the pipeline's output goes: the rules every destination enforces, and check's that writes nothing."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Callable, Iterable

from ..errors import BuildFailed, SourceError
from ..pages import Page
from ..render.engine import make_environment, render_pages
from ..site import Site
from .output import MARKER
from .search_index import INDEX_DIR

# Paths only the build itself writes: the search index (Pagefind's) and the output's marker.
RESERVED = {
    INDEX_DIR: f"/{INDEX_DIR}/ is reserved for the search index",
    MARKER: f"/{MARKER} is reserved for the mark jobsite leaves on its builds",
}
# The longest file or folder name common file systems take, in bytes.
NAME_MAX = 255


def _is_file(owner: str) -> bool:
    """Whether an owner is a file of the site (`static/x`), not the theme's ("") or jobsite's own."""
    return "/" in owner


def _party(owner: str) -> str:
    return owner if _is_file(owner) else owner or "the theme"


class Sink:
    """A site's files by output-relative path: none outside the output folder, one writer each.

    build writes into a Staging folder, check into a NullSink, serve into a MemorySink; the
    pipeline (build.run) is the same for all three.
    """

    def __init__(self) -> None:
        self.owners: dict[str, str] = {}  # file -> the source that writes it
        self.folders: dict[str, str] = {}  # folder -> the source of its first file

    def claim(self, rel: str, owner: str = "") -> str:
        """Reserve a path like `jobs/x/index.html` for `owner` (a source file); its clean form."""
        clean = PurePosixPath(rel)
        if clean.is_absolute() or ".." in clean.parts or not clean.parts or "\\" in rel:
            raise BuildFailed([SourceError(owner or "site", 0, "", f"refusing to write outside the output folder: {rel!r}")])
        key = str(clean)
        clash = self._clash(key, clean.parts)
        if clash:
            other, message = clash
            # Name the author's file, and the other party in the message.
            if not _is_file(owner) and _is_file(other):
                owner, other = other, owner
            raise BuildFailed([SourceError(owner or "site", 0, "", message(_party(other)))])
        self.owners[key] = owner
        for depth in range(1, len(clean.parts)):
            self.folders.setdefault("/".join(clean.parts[:depth]), owner)
        return key

    def _clash(self, key: str, parts: tuple[str, ...]) -> tuple[str, Callable[[str], str]] | None:
        """(who has it, why) when no file may be written at `key`, so that build would fail there."""
        if parts[0] in RESERVED:
            return "jobsite", lambda _: RESERVED[parts[0]]
        if key in self.owners:
            return self.owners[key], lambda other: f"/{key} is also written by {other}"
        if key in self.folders:
            other = self.folders[key]
            kind = "static files" if other.startswith("static/") else "generated pages"
            return other, lambda _: f"/{key}/ is a folder of {kind}"
        for depth in range(1, len(parts)):
            folder = "/".join(parts[:depth])
            if folder in self.owners:
                return self.owners[folder], lambda other: f"/{folder} is a file written by {other}, so /{key} cannot be written"
        long = next((p for p in parts if len(p.encode("utf-8")) > NAME_MAX), None)
        if long is not None:
            return "", lambda _: f"/{key}: a name longer than {NAME_MAX} bytes, too long for a file name"
        return None

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
