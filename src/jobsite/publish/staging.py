"""Writing into a fresh folder and swapping it into place only when the whole build succeeded."""

from __future__ import annotations

import ctypes
import errno
import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable

from ..errors import JobsiteError
from ..pages import Page
from ..site import Site
from ..content.files import walk_files
from .output import NEW, OLD, lock, mark
from .pagewriter import Rendering, write_pages
from .removal import remove_in_background, remove_tree
from .sink import Sink


class Staging(Sink):
    """A fresh output folder beside the real one, swapped in by publish() when the build is complete."""

    def __init__(self, output: Path, parallel: bool = False):
        super().__init__()
        self.output = output
        # Told, not guessed: only a caller that runs no other threads may let pages render in forked workers.
        self.parallel = parallel
        self.rendering: Rendering | None = None
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            # Hidden sibling on the same file system, so the final swap is a rename.
            self.root = Path(tempfile.mkdtemp(prefix=f".{output.name}.{NEW}", dir=output.parent))
            # Locked before it is marked: a folder that is marked and unlocked is a dead build's.
            self._locks = [lock(self.root)]
            mark(self.root)
        except OSError as exc:
            raise self._fault(exc) from None
        self.made_dirs: set[Path] = {self.root}

    def write(self, rel: str, data: bytes | str, owner: str = "") -> None:
        """Write one file at a site-relative path like `jobs/x/index.html`."""
        self.fill(self.root / self.claim(rel, owner), data)

    def fill(self, target: Path, data: bytes | str) -> None:
        """Write a claimed file, creating its folder once (render workers write through this too)."""
        if target.parent not in self.made_dirs:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.made_dirs.add(target.parent)
        if isinstance(data, str):
            data = data.encode("utf-8")
        with open(target, "wb") as out:
            out.write(data)

    def copy(self, src: Path, rel: str, owner: str = "") -> None:
        """Copy a file as is (static files, assets)."""
        target = self.root / self.claim(rel, owner)
        target.parent.mkdir(parents=True, exist_ok=True)
        self.made_dirs.add(target.parent)
        shutil.copyfile(src, target)

    def add_pages(self, site: Site, pages: list[Page], asset_url: Callable[[str], str]) -> None:
        """Render every page into the folder, across all cores on big boards when allowed to.

        Workers go on rendering while the build adds its other files; finish() waits for them.
        """
        self.rendering = write_pages(self, site, pages, asset_url)

    def finish(self) -> None:
        """Wait until every page is written; BuildFailed names the first broken template."""
        rendering, self.rendering = self.rendering, None
        if rendering is not None:
            rendering.wait()

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        # On any failure the staging folder goes and the previous output stays untouched.
        if exc_type is not None:
            if self.rendering is not None:
                self.rendering.cancel()
            remove_tree(self.root)
            self._unlock()
            if issubclass(exc_type, OSError):  # disk full, a quota, a read-only disk
                raise self._fault(exc) from None

    def _fault(self, exc: OSError) -> JobsiteError:
        kept = "the previous output is untouched" if os.path.lexists(self.output) else "nothing was written"
        return JobsiteError(f"cannot write the site into {self.output}: {exc.strerror or exc}; {kept}")

    def publish(self) -> None:
        """Replace the output folder with the finished build, in one step where the system allows."""
        os.chmod(self.root, 0o755)
        old = None
        if not os.path.lexists(self.output):
            os.rename(self.root, self.output)
        elif exchange(self.root, self.output):
            # Atomic: a build killed at any moment leaves the old output or the new one in
            # place; the staging name now holds the old one.
            old = self._old_folder()
            try:
                os.rename(self.root, old / "site")
            except OSError:
                pass  # another build already cleared it away
        else:
            old = self._old_folder()
            os.rename(self.output, old / "site")
            # A build killed here leaves no output: the next one restores it from `old`.
            os.rename(self.root, self.output)
        self._unlock()
        if old is not None:
            # The new site is already in place; deleting thousands of old files need not delay it.
            remove_in_background(old)

    def _old_folder(self) -> Path:
        old = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.{OLD}", dir=self.output.parent))
        self._locks.append(lock(old))
        return old

    def _unlock(self) -> None:
        for fd in self._locks:
            os.close(fd)
        self._locks = []


try:
    _renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
except (OSError, TypeError):  # no C library to load by that name (Windows)
    _renameat2 = None
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False where the system or file system cannot."""
    if _renameat2 is None:
        return False
    if _renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def copy_tree(staging: Sink, src: Path, prefix: str = "") -> int:
    """Copy the site's static/ into the output; BuildFailed names any file that links out of the site."""
    count = 0
    for rel, path in walk_files(src.parent, src.name):
        staging.copy(path, prefix + rel, owner=f"{src.name}/{rel}")
        count += 1
    return count


def fingerprint(data: bytes) -> str:
    """Eight hex digits of the content hash, for cache-busting asset names."""
    return hashlib.sha256(data).hexdigest()[:8]
