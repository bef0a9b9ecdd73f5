"""The site `jobsite serve` shows: read and checked in memory, its pages rendered when asked for."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Mapping

import jinja2
from jinja2 import meta

from ..build import run
from ..config import Config
from ..content.cache import ContentCache
from ..errors import BuildFailed
from ..pages import Page
from ..publish.sink import Sink
from ..render.engine import make_environment, render_pages, syntax_error
from ..site import Site


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


class TemplateReferences:
    """Template source -> the templates it names, kept between rebuilds: parsing every template again is slow."""

    LIMIT = 512  # edited templates leave old sources behind; keep memory bounded

    def __init__(self) -> None:
        self.named: dict[str, tuple[str, ...]] = {}

    def of(self, env: jinja2.Environment, source: str) -> tuple[str, ...]:
        """The literal template names `source` extends, includes or imports."""
        if source not in self.named:
            if len(self.named) >= self.LIMIT:
                self.named.clear()
            try:
                self.named[source] = tuple(n for n in meta.find_referenced_templates(env.parse(source)) if n)
            except jinja2.TemplateSyntaxError:
                self.named[source] = ()  # get_template reports it with the file and line
        return self.named[source]


@dataclass
class LiveCaches:
    """What `serve` keeps from one rebuild to the next, for as long as it runs."""

    content: ContentCache = field(default_factory=ContentCache)
    bytecode: MemoryBytecodeCache = field(default_factory=MemoryBytecodeCache)
    references: TemplateReferences = field(default_factory=TemplateReferences)


class MemorySink(Sink):
    """serve's destination: pages kept to render on request, assets as bytes, static files by path.

    Feeds, sitemap and the search index come from the full build serve runs behind it.
    """

    def __init__(self, bytecode: jinja2.BytecodeCache | None = None):
        super().__init__()
        self.bytecode = bytecode
        self.pages: dict[str, Page] = {}
        self.files: dict[str, bytes] = {}
        self.static: dict[str, Path] = {}
        self.env: jinja2.Environment | None = None

    def add_pages(self, site: Site, pages: list[Page], asset_url: Callable[[str], str]) -> None:
        for page in pages:
            self.pages[self.claim(page.file, page.source)] = page
        self.env = make_environment(site, asset_url)
        self.env.bytecode_cache = self.bytecode

    def write(self, rel: str, data: bytes | str, owner: str = "") -> None:
        self.files[self.claim(rel, owner)] = data.encode("utf-8") if isinstance(data, str) else data

    def copy(self, src: Path, rel: str, owner: str = "") -> None:
        self.static[self.claim(rel, owner)] = src  # read when asked for

    def add_files(self, files: Iterable[tuple[str, bytes]], owner: str) -> None:
        pass  # left to the full build: the sitemap alone asks git for every file's date


def load_live_site(config: Config, caches: LiveCaches | None = None) -> LiveSite:
    """Read, validate and compile the site in memory; BuildFailed lists what `jobsite build` would refuse.

    Rendering a page of each kind is check_pages', once the new state is served.
    """
    caches = caches or LiveCaches()
    sink = MemorySink(caches.bytecode)
    site, pages = run(config, sink, caches.content)
    assert sink.env is not None
    live = LiveSite(site, sink.pages, sink.env, sink.files, sink.static, config.site_dir / "static")
    _compile_templates(live, pages, caches.references)
    return live


def _compile_templates(live: LiveSite, pages: list[Page], references: TemplateReferences) -> None:
    """Compile every template the pages can reach: a syntax error is reported before anything is served."""
    for name in _reachable(live.env, list(dict.fromkeys(page.template for page in pages)), references):
        try:
            live.env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            raise BuildFailed([syntax_error(exc)]) from None
        except jinja2.TemplateNotFound:
            pass  # reported by check_pages if a page really needs it


def check_pages(live: LiveSite) -> None:
    """Render one page of each kind (kept for its first request); BuildFailed names a template that breaks."""
    first: dict[str, str] = {}
    for file, page in live.pages.items():
        first.setdefault(page.template, file)
    for file in first.values():
        live.html(file)


def _reachable(env: jinja2.Environment, names: list[str], references: TemplateReferences) -> list[str]:
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
        todo += references.of(env, source)
    return seen
