"""The site `jobsite serve` shows: read and checked in memory, its pages rendered when asked for."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

import jinja2
from jinja2 import meta

from ..config import Config
from ..content.reader import read_content
from ..errors import BuildFailed, SourceError
from ..pages import Page, list_pages
from ..publish.assets import Assets
from ..publish.staging import static_files
from ..render.engine import make_environment, render_pages
from ..site import Site, assemble


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept between rebuilds; Jinja checks each one against its source's checksum."""

    def __init__(self) -> None:
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.codes.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.codes[bucket.key] = bucket.bytecode_to_string()


@dataclass(frozen=True)
class LiveSite:
    """One state of the site: every page by output file, rendered on first request, plus assets and static files."""

    site: Site
    pages: Mapping[str, Page]  # "jobs/x/index.html" -> Page
    env: jinja2.Environment
    assets: Mapping[str, bytes]  # "assets/style.1a2b3c4d.css" -> bytes
    static: Mapping[str, Path]  # "logo.png" -> the file under static/, read when asked for
    static_root: Path
    _html: dict[str, bytes] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def has(self, rel: str) -> bool:
        """Whether this state has a file at an output-relative path."""
        return rel in self.pages or rel in self.assets or rel in self.static

    def html(self, rel: str) -> bytes:
        """A page's HTML, rendered once per state; BuildFailed names a template that breaks on it."""
        done = self._html.get(rel)
        if done is None:
            # Jinja templates are safe to render from many threads; two requests racing for one
            # page at worst render it twice and keep one result.
            (_page, text), = render_pages(self.env, [self.pages[rel]])
            with self._lock:
                done = self._html.setdefault(rel, text.encode("utf-8"))
        return done


def load_live_site(config: Config, bytecode: jinja2.BytecodeCache | None = None) -> LiveSite:
    """Read, validate and check the site in memory; BuildFailed lists what `jobsite build` would refuse."""
    content = read_content(config)  # every file checked; BuildFailed lists all errors
    site = assemble(config, content)
    pages = list_pages(site)
    assets = Assets(config.site_dir)
    env = make_environment(site, assets.url)
    env.bytecode_cache = bytecode
    static_root = config.site_dir / "static"
    live = LiveSite(
        site,
        _by_file(pages),
        env,
        {url.lstrip("/"): assets.data[name] for name, url in assets.urls.items()},
        dict(static_files(static_root)),
        static_root,
    )
    _check_collisions(live)
    _check_templates(live, pages)
    return live


def _by_file(pages: list[Page]) -> dict[str, Page]:
    by_file: dict[str, Page] = {}
    for page in pages:
        if page.file in by_file:
            raise BuildFailed([_clash(page.source, page.file, by_file[page.file].source)])
        by_file[page.file] = page
    return by_file


def _check_collisions(live: LiveSite) -> None:
    # The same clashes the build's Staging refuses, for what lives in memory.
    # (A static file clashing with a fingerprinted asset is left to the full build to report.)
    for rel in live.static:
        if rel in live.pages:
            raise BuildFailed([_clash(f"static/{rel}", rel, live.pages[rel].source)])


def _clash(owner: str, rel: str, other: str) -> SourceError:
    return SourceError(owner or "site", 0, "", f"/{rel} is also written by {other or 'the theme'}")


def _check_templates(live: LiveSite, pages: list[Page]) -> None:
    """Compile every template the pages can reach and render one page of each kind."""
    first: dict[str, Page] = {}
    for page in pages:
        first.setdefault(page.template, page)
    for name in _reachable(live.env, list(first)):
        try:
            live.env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            path = f"templates/{exc.name}" if exc.name else (exc.filename or "templates")
            raise BuildFailed([SourceError(path, exc.lineno or 0, "", f"template syntax error: {exc.message}")]) from None
        except jinja2.TemplateNotFound:
            pass  # reported by the render below if a page really needs it
    for page in first.values():
        live.html(page.file)


def _reachable(env: jinja2.Environment, names: list[str]) -> list[str]:
    """The templates named, and those they extend, include or import, as far as the names are literal."""
    seen: list[str] = []
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.append(name)
        try:
            source, _, _ = env.loader.get_source(env, name)
        except jinja2.TemplateNotFound:
            continue  # get_template reports it
        if source not in _REFERENCES:
            try:
                _REFERENCES[source] = tuple(n for n in meta.find_referenced_templates(env.parse(source)) if n)
            except jinja2.TemplateSyntaxError:
                _REFERENCES[source] = ()  # get_template reports it with the file and line
        todo += _REFERENCES[source]
    if len(_REFERENCES) > 512:
        _REFERENCES.clear()  # edited templates leave old sources behind; keep memory bounded
    return seen


# Template source -> the templates it names: parsing every template again on each rebuild is slow.
_REFERENCES: dict[str, tuple[str, ...]] = {}
