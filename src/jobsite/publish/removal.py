"""Deleting old builds and abandoned folders without making anyone wait for it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# Deleting thousands of page folders is file-system bound; a few threads overlap the waits.
REMOVE_THREADS = 8
# Run by a detached interpreter, without importing jobsite: at low priority, so the next
# build or the preview's own work comes first, and again for a while, in case a stopped
# build's process is still writing into the folder.
_REMOVER = """import os, shutil, sys, time
os.nice(10)
for _ in range(30):
    shutil.rmtree(sys.argv[1], ignore_errors=True)
    if not os.path.exists(sys.argv[1]):
        break
    time.sleep(1)
"""


def remove_in_background(folder: Path) -> None:
    """Delete a folder from a detached process that outlives this one; here if none can start."""
    try:
        subprocess.Popen(
            [sys.executable, "-c", _REMOVER, str(folder)], start_new_session=True,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
    except OSError:
        remove_tree(folder)


def remove_tree(root: Path) -> None:
    """Delete a folder and everything in it (symlinks are removed, never followed)."""
    subtrees: list[str] = []
    try:
        for top in os.scandir(root):
            if top.is_dir(follow_symlinks=False):
                subtrees += [entry.path for entry in os.scandir(top.path)]
    except OSError:
        pass
    if len(subtrees) > 64:
        with ThreadPoolExecutor(REMOVE_THREADS) as pool:
            list(pool.map(_remove, subtrees, chunksize=32))
    shutil.rmtree(root, ignore_errors=True)


def _remove(path: str) -> None:
    try:
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            os.unlink(path)
    except OSError:
        pass
