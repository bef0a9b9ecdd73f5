"""The content cache: each file's parsed, rendered result by content hash, in memory and in .jobsite-cache/."""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import sqlite3
import sys
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Callable

from .. import __version__

CACHE_DIR = ".jobsite-cache"
DB_NAME = "content.sqlite"
# Everything that turns a file's bytes into a Posting or Company: a change to any of them
# (an upgrade, an edited renderer) gives new keys, so a stale entry is never found.
LIBRARIES = ("mistune", "nh3", "PyYAML", "babel", "python-frontmatter", "country_converter")


@lru_cache(maxsize=1)
def renderer_key() -> bytes:
    """The parsing code's source, jobsite's, the libraries' and Python's versions: part of every key."""
    digest = hashlib.blake2b(digest_size=20)
    for part in (__version__, sys.version, *(f"{name} {version(name)}" for name in LIBRARIES)):
        digest.update(part.encode() + b"\0")
    package = Path(__file__).parents[1]
    for source in parse_modules():
        digest.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes() + b"\0")
    return digest.digest()


def parse_modules(start: str = "content.reader") -> list[Path]:
    """content/reader.py and every jobsite module it imports, directly or not: the code behind a result."""
    package = Path(__file__).parents[1]

    def file_of(name: str) -> Path | None:
        path = package.joinpath(*name.split("."))
        for file in (path.with_suffix(".py"), path / "__init__.py"):
            if name and file.is_file():
                return file
        return None

    seen: dict[str, Path] = {}
    todo = [start]
    while todo:
        name = todo.pop()
        file = file_of(name)
        if name in seen or file is None:
            continue
        seen[name] = file
        # Importing a module runs its packages' __init__ first.
        todo += [".".join(name.split(".")[:end]) for end in range(1, name.count(".") + 1)]
        here = name.split(".") if file.name == "__init__.py" else name.split(".")[:-1]
        for dots, dotted, names in _FROM_IMPORT.findall(file.read_text(encoding="utf-8")):
            if dots:  # relative: from the module's own package, one level up per extra dot
                module = here[:len(here) - len(dots) + 1] + (dotted.split(".") if dotted else [])
            elif dotted.startswith("jobsite."):
                module = dotted.split(".")[1:]
            else:
                continue
            todo.append(".".join(module))
            # `from . import salary` names a module, not a function: follow it too.
            todo += [".".join([*module, name]) for name in _imported_names(names)]
    return sorted({package / "__init__.py", *seen.values()})


# `from .x import a, b as c` and its parenthesised, multi-line form. Read as text, not parsed:
# parsing every module into a syntax tree cost 50 ms a build. A match inside a string only adds
# a module to the key, which is harmless.
_FROM_IMPORT = re.compile(r"^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)", re.M)


def _imported_names(names: str) -> list[str]:
    """`a, b as c  # note` or `(a,\n b)` -> ["a", "b"]."""
    lines = [line.split("#")[0] for line in names.strip("()").splitlines()]
    return [part.split()[0] for part in ",".join(lines).split(",") if part.strip()]


def content_key(kind: str, name: str, raw: bytes, options: bytes = b"") -> str:
    """The key of one source file's result: its bytes, where it lives, and the build options."""
    digest = hashlib.blake2b(renderer_key(), digest_size=24)
    for part in (kind.encode(), name.encode(), options):
        digest.update(len(part).to_bytes(4, "little") + part)
    digest.update(raw)
    return digest.hexdigest()


class DiskCache:
    """Pickled results in one SQLite file: many builds may read and write it at once."""

    def __init__(self, site_dir: Path | None):
        self.path = site_dir / CACHE_DIR / DB_NAME if site_dir else None
        self._db: sqlite3.Connection | None = None
        self._pid = 0

    def _connect(self) -> sqlite3.Connection | None:
        # A connection never crosses a fork: each worker process opens its own.
        if self.path is None:
            return None
        if self._db is None or self._pid != os.getpid():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            # WAL lets readers go on while another build writes; SQLite's locks do the rest.
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
            self._db, self._pid = db, os.getpid()
        return self._db

    def get_many(self, keys: list[str]) -> dict[str, object]:
        """The cached results found for these keys; a damaged cache is simply empty."""
        found: dict[str, object] = {}
        try:
            db = self._connect()
            if db is None:
                return found
            for start in range(0, len(keys), 500):  # SQLite caps the number of parameters
                batch = keys[start:start + 500]
                marks = ",".join("?" * len(batch))
                for key, value in db.execute(f"SELECT key, value FROM results WHERE key IN ({marks})", batch):
                    found[key] = pickle.loads(value)
        except (sqlite3.Error, pickle.UnpicklingError, EOFError, AttributeError, ImportError, OSError):
            return {}
        return found

    def put_many(self, items: dict[str, object]) -> None:
        """Store results in one transaction; a cache that cannot be written is skipped, not fatal."""
        if not items:
            return
        try:
            db = self._connect()
            if db is None:
                return
            rows = [(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)) for key, value in items.items()]
            with db:
                db.execute("BEGIN IMMEDIATE")
                db.executemany("INSERT OR REPLACE INTO results (key, value) VALUES (?, ?)", rows)
        except (sqlite3.Error, OSError):
            pass

    def close(self) -> None:
        """Close this process's connection."""
        if self._db is not None and self._pid == os.getpid():
            self._db.close()
        self._db = None


# A file changed within this long of the last scan may share its stat with its old bytes
# (timestamp granularity), so it is read again: git's "racily clean" rule.
RACY_NS = 2_000_000_000
Stat = tuple[int, int, int, int]


class ContentCache:
    """What reading content/ can skip, for as long as its owner keeps it: one build, or every rebuild of a `serve`.

    Three layers: each file's content key by its stat (no read or hash for an unchanged file),
    the last build's results by key (no unpickling), and the DiskCache under the site.
    """

    def __init__(self) -> None:
        # Values are immutable, so sharing them between builds is safe; the site is part of
        # the key so a hit here never leaves another site's disk cache without the entry.
        self.results: dict[tuple[Path, str], object] = {}
        self.keys: dict[tuple[Path, bytes], tuple[Stat, str]] = {}
        self.last_scan_ns = 0
        # What the build derives from content through a slow library (exchange rates, places),
        # by key: few and small, so kept for the owner's whole life.
        self.derived: dict[tuple[Path, str], object] = {}

    def known_key(self, file: Path, options: bytes, stat: Stat, changed_ns: int) -> str | None:
        """The key `file` had when last read, if its stat is the same and not racily so."""
        known = self.keys.get((file, options))
        if known and known[0] == stat and changed_ns < self.last_scan_ns - RACY_NS:
            return known[1]
        return None

    def remember_key(self, file: Path, options: bytes, stat: Stat, key: str) -> None:
        """Note the key of the bytes just read from `file`."""
        self.keys[(file, options)] = (stat, key)

    def lookup(self, root: Path, keys: list[str]) -> list[object | None]:
        """The result of each key (None where not cached): from memory, else from the disk cache."""
        results: list[object | None] = [self.results.get((root, key)) for key in keys]
        disk = DiskCache(root)
        stored = disk.get_many([k for k, r in zip(keys, results) if k and r is None])
        disk.close()
        return [r if r is not None else stored.get(k) for k, r in zip(keys, results)]

    def keep(self, root: Path, results: dict[str, object], fresh: dict[str, object]) -> None:
        """Store new results on disk and hold this build's (only) in memory, so memory stays bounded by the site."""
        disk = DiskCache(root)
        disk.put_many(fresh)
        disk.close()
        self.results = {(root, key): result for key, result in results.items()}

    def derive(self, root: Path, keys: list[str], compute: Callable[[list[str]], dict[str, object]]) -> dict[str, object]:
        """Each key's derived value: from memory, else the disk cache, else `compute(missing keys)` (then stored)."""
        found = {k: self.derived[(root, k)] for k in keys if (root, k) in self.derived}
        todo = [k for k in keys if k not in found]
        if todo:
            disk = DiskCache(root)
            stored = disk.get_many(todo)
            missing = [k for k in todo if k not in stored]
            fresh = compute(missing) if missing else {}
            disk.put_many(fresh)
            disk.close()
            for key, value in {**stored, **fresh}.items():
                self.derived[(root, key)] = found[key] = value
        return found

    def forget_results(self) -> None:
        """Drop the results held in memory; the next build reads them from disk."""
        self.results.clear()
