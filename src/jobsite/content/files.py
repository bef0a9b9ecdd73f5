"""Which files the build may read by a path that content or config controls: the site's own only.

Postings arrive by pull request, and a pull request can add a symbolic link. A link to a file
outside the site (the build machine's /proc/self/environ, its SSH keys) must never be read,
let alone published: every file the build reads from the site or its theme goes through here.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterator

from ..errors import BuildFailed, SourceError

OUTSIDE = "a link to a {kind} outside the site; only files inside the site are published"


def file_problem(path: Path, root: Path) -> str | None:
    """Why a file may not be read: a link out of `root` (the site or the theme), or not a regular file."""
    try:
        resolved = path.resolve(strict=True)
        mode = resolved.stat().st_mode
    except (OSError, RuntimeError):  # a dangling link, or a loop of links
        return "a link to nothing (the file it points to does not exist)"
    if not resolved.is_relative_to(root.resolve()):
        return OUTSIDE.format(kind="folder" if stat.S_ISDIR(mode) else "file")
    if not stat.S_ISREG(mode):
        # A FIFO would hang the build and a device would stream forever.
        return "not a regular file"
    return None


def site_folder(root: Path, rel: str) -> Path | None:
    """`root/rel` if it is a folder inside `root`; None if there is none; BuildFailed for a link out."""
    folder = root / rel
    if not folder.is_dir():
        return None
    if not folder.resolve().is_relative_to(root.resolve()):
        raise BuildFailed([SourceError(rel, 0, "", OUTSIDE.format(kind="folder"))])
    return folder


def walk_files(root: Path, rel: str) -> Iterator[tuple[str, Path]]:
    """(path relative to `root/rel`, file) for each non-hidden file under it, links inside followed.

    BuildFailed names every link out and every file that is not a regular one.
    """
    folder = site_folder(root, rel)
    if folder is None:
        return
    found: list[tuple[str, Path]] = []
    errors: list[SourceError] = []
    seen = {folder.resolve()}
    pending = [(folder, "")]
    while pending:
        current, prefix = pending.pop()
        for entry in sorted(os.scandir(current), key=lambda e: e.name):
            name = prefix + entry.name
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                pending.append((path, name + "/"))
            elif entry.is_symlink() and path.is_dir():
                target = path.resolve()
                if not target.is_relative_to(root.resolve()):
                    errors.append(SourceError(f"{rel}/{name}", 0, "", OUTSIDE.format(kind="folder")))
                elif target not in seen:  # a loop of links is walked once
                    seen.add(target)
                    pending.append((path, name + "/"))
            elif not entry.name.startswith("."):
                problem = file_problem(path, root)
                if problem:
                    errors.append(SourceError(f"{rel}/{name}", 0, "", problem))
                else:
                    found.append((name, path))
    if errors:
        raise BuildFailed(errors)
    yield from sorted(found)
