"""Compiled templates kept in .jobsite-cache/templates/, so a build compiles only templates that changed."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2

from ..content.cache import CACHE_DIR

FOLDER = "templates"


class TemplateCodeCache(jinja2.BytecodeCache):
    """Jinja's compiled code per template, found by the template's name and checked against its source.

    Compiling the theme costs about 0.1 s in every process that renders, each render worker
    included; loading it costs a millisecond. Jinja keys each entry by the template's file and
    rejects one whose source checksum or Python version differs, so an edit is never served stale.
    """

    def __init__(self, site_dir: Path):
        self.folder = site_dir / CACHE_DIR / FOLDER

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            data = (self.folder / f"{bucket.key}.code").read_bytes()
        except OSError:
            return
        try:
            bucket.bytecode_from_string(data)
        except (ValueError, EOFError, TypeError):  # a damaged entry: compile as if there were none
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        target = self.folder / f"{bucket.key}.code"
        partial = target.with_name(f".{target.name}.{os.getpid()}")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(bucket.bytecode_to_string())
            os.replace(partial, target)  # whole or not at all, for builds running side by side
        except OSError:
            # A cache that cannot be written (a read-only site) costs a compile next time, never the build.
            try:
                partial.unlink(missing_ok=True)
            except OSError:
                pass
