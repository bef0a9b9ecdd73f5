"""When each content file last changed: its last commit date, or its mtime outside Git."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

CONTENT = "content"
# Marks commit lines in `git log` output; file names can't contain it.
_COMMIT = "\x01"


def last_modified(site_dir: Path) -> dict[str, dt.datetime]:
    """`content/jobs/x.md` -> when it last changed, for every file under content/."""
    root = site_dir / CONTENT
    if not root.is_dir():
        return {}
    # scandir hands each entry's stat over with it: a big board has thousands of files.
    dates = {}
    todo = [(root, CONTENT)]
    while todo:
        folder, rel = todo.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                name = f"{rel}/{entry.name}"
                if entry.is_dir(follow_symlinks=False):
                    todo.append((entry.path, name))
                elif entry.is_file():
                    dates[name] = _when(entry.stat().st_mtime)
    committed = _commit_dates(site_dir)
    # Committed files take their commit date; new, uncommitted files keep their mtime.
    dates.update({name: when for name, when in committed.items() if name in dates})
    return dates


def _when(mtime: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(int(mtime), dt.timezone.utc)


def _commit_dates(site_dir: Path) -> dict[str, dt.datetime]:
    # One `git log` over the whole folder: a call per file would take minutes on a big board.
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotepath=off", "log", f"--format={_COMMIT}%cI", "--name-only",
             "--relative", "--no-renames", "--", CONTENT],
            cwd=site_dir, capture_output=True, text=True, encoding="utf-8", errors="replace", check=False,
        )
    except OSError:  # no git on this machine
        return {}
    if result.returncode != 0:  # not a repository
        return {}
    dates: dict[str, dt.datetime] = {}
    when = None
    for line in result.stdout.splitlines():
        if line.startswith(_COMMIT):
            when = dt.datetime.fromisoformat(line[1:])
        elif line and when is not None:
            # Newest commits come first, so the first date seen for a file is its last change.
            dates.setdefault(line, when)
    return dates
