"""Which output folder a build may replace: never the sources, never a folder jobsite did not build.

Every build marks its output with MARKER. A folder without it is someone's files, replaced
only with --force. A killed build's staging or replaced folder is removed by the next build
once it is provably jobsite's (it holds the marker) and abandoned (no process holds its lock).
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from ..config import CONFIG_FILE, Config
from ..errors import BuildFailed, SourceError
from .removal import remove_in_background

MARKER = ".jobsite-build"
MARKER_TEXT = "jobsite build wrote this folder and replaces it whole on the next build.\n"
NEW, OLD = "jobsite-new-", "jobsite-old-"
# Folders of the site that authors wrote (or their history): never an output, even with --force.
SOURCES = {"content": "the site's sources", "templates": "the site's sources", "static": "the site's sources", ".git": "the site's history"}
CHOOSE = 'choose a folder of its own such as "public"'


def output_error(config: Config, message: str) -> SourceError:
    """A problem with the output folder, pointing at where it was set: --output or jobsite.toml."""
    if config.output_flag is not None:
        return SourceError("--output", 0, "", f'"{config.output_flag}" {message}')
    return SourceError(CONFIG_FILE, config.output_line, "output", f'"{config.output.as_posix()}" {message}')


def output_problem(config: Config) -> SourceError | None:
    """Why the output folder would overwrite what authors wrote, or None (symlinks resolved)."""
    out = config.output_dir.resolve()
    site = config.site_dir.resolve()
    home = Path.home().resolve()
    if out == Path(out.anchor):
        return output_error(config, f"is the root folder; {CHOOSE}")
    if out == home:
        return output_error(config, f"is your home folder; {CHOOSE}")
    if out == site:
        return output_error(config, f"is the site folder itself; {CHOOSE}")
    if site.is_relative_to(out):
        return output_error(config, f"contains the site folder; {CHOOSE}")
    for folder, holds in SOURCES.items():
        if out.is_relative_to((site / folder).resolve()):
            return output_error(config, f"is inside {folder}/, which holds {holds}; {CHOOSE}")
    if home.is_relative_to(out):
        return output_error(config, f"contains your home folder; {CHOOSE}")
    if out.exists() and not out.is_dir():
        return output_error(config, f"is a file, not a folder; {CHOOSE}")
    return None


def claim_output(config: Config) -> None:
    """Refuse an output folder the build must not replace; clear what killed builds left. Before any write."""
    problem = output_problem(config)
    if problem is None and not config.force:
        problem = _foreign(config)
    if problem is not None:
        raise BuildFailed([problem])
    remove_abandoned(config.output_dir)


def _foreign(config: Config) -> SourceError | None:
    out = config.output_dir
    try:
        names = sorted(os.listdir(out))
    except FileNotFoundError:
        return None
    except OSError as exc:
        return output_error(config, f"cannot be read: {exc.strerror}")
    if not names or MARKER in names:
        return None
    return output_error(config, f"holds files jobsite did not build (such as {names[0]}); choose another folder, or pass --force to replace it")


def lock(folder: Path) -> int:
    """Hold an exclusive lock on a folder for as long as this process (or a fork of it) lives."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def mark(folder: Path) -> None:
    """Sign a folder as a jobsite build."""
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def is_build(folder: Path) -> bool:
    """Whether a folder holds jobsite's marker."""
    return (folder / MARKER).is_file()


def remove_abandoned(output: Path) -> None:
    """Remove staging and replaced folders of builds that died; restore an output a killed swap left out."""
    parent = output.parent
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return
    prefix = f".{output.name}."
    leftovers = [
        Path(e.path) for e in entries
        if e.name.startswith((prefix + NEW, prefix + OLD)) and e.is_dir(follow_symlinks=False)
    ]
    leftovers = [folder for folder in leftovers if _abandoned(folder)]
    # Two plain renames swap the output where the system cannot exchange two folders at once;
    # a build killed between them leaves the previous output in an old folder: put it back.
    if not os.path.lexists(output):
        olds = [f for f in leftovers if f.name.startswith(prefix + OLD) and is_build(f / "site")]
        if olds:
            newest = max(olds, key=lambda f: f.stat().st_mtime)
            os.rename(newest / "site", output)
    for folder in leftovers:
        if is_build(folder) or is_build(folder / "site") or _empty_and_old(folder):
            remove_in_background(folder)


def _empty_and_old(folder: Path) -> bool:
    # A build locks and marks its folder right after creating it; one still empty after a
    # minute was made by a build that died in between.
    try:
        return not any(folder.iterdir()) and time.time() - folder.stat().st_mtime > 60
    except OSError:
        return False


def _abandoned(folder: Path) -> bool:
    """Whether no living build holds the folder's lock."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)
    return True
