"""The Jinja environment (autoescape, StrictUndefined, filters) and page rendering."""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
from pathlib import Path
from typing import Callable, Iterator

import jinja2
from jinja2.loaders import split_template_path
from markupsafe import Markup

from ..content.files import file_problem, site_folder
from ..content.models import Posting, Salary
from ..errors import BuildFailed, SourceError
from ..pages import Page, feed_of
from ..site import Site, location_slug
from . import charts, display, facets, follow
from . import salary as pay
from .codecache import TemplateCodeCache
from . import seo
from .related import SimilarJobs
from .search import search_record
from .search_page import search_facets

THEME_DIR_NAME = "theme"


def theme_dir() -> Path:
    """The default templates: shipped inside the wheel, or the repository's templates/."""
    packaged = Path(__file__).parents[1] / THEME_DIR_NAME
    if packaged.is_dir():
        return packaged
    # An editable install runs from the source tree, where the theme is the repo's templates/.
    return Path(__file__).resolve().parents[3] / "templates"


def template_dirs(site_dir: Path) -> list[Path]:
    """Where templates are looked up, the site's own first so it can override any by name."""
    own = site_folder(site_dir, "templates")  # BuildFailed if it links out of the site
    dirs = [d for d in (own, theme_dir()) if d is not None]
    unique = []
    for d in dirs:
        if d.is_dir() and d.resolve() not in [u.resolve() for u in unique]:
            unique.append(d)
    return unique


def template_root(folder: Path, site_dir: Path) -> Path:
    """The folder a template folder's files must stay inside: the site, or the installed theme."""
    return site_dir if folder == site_dir / "templates" else folder


class SiteLoader(jinja2.FileSystemLoader):
    """Templates by name, refusing a file that links out of the site or the theme."""

    def __init__(self, site_dir: Path):
        self.folders = template_dirs(site_dir)
        self.site_dir = site_dir
        super().__init__([str(d) for d in self.folders])

    def get_source(self, environment: jinja2.Environment, template: str):
        # Checked before Jinja opens the file: a link out is never read at all.
        for folder in self.folders:
            candidate = folder.joinpath(*split_template_path(template))
            if os.path.lexists(candidate):
                problem = file_problem(candidate, template_root(folder, self.site_dir))
                if problem:
                    shown = f"templates/{template}" if folder == self.site_dir / "templates" else str(candidate)
                    raise BuildFailed([SourceError(shown, 0, "", problem)])
                break
        return super().get_source(environment, template)


class Environment(jinja2.Environment):
    """Jinja's environment with the globals of each template kept in a plain dict."""

    def make_globals(self, d: dict | None) -> dict:
        # Jinja's ChainMap is walked in Python each time a page is rendered or a template is
        # included or imported (about a tenth of a page's time); a dict is copied in C. The
        # snapshot is safe because make_environment sets every global before a template loads.
        return {**self.globals, **(d or {})}


def make_environment(site: Site, asset_url: Callable[[str], str]) -> jinja2.Environment:
    """A Jinja environment that escapes everything and fails on undefined names."""
    env = Environment(
        loader=SiteLoader(site.config.site_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        bytecode_cache=TemplateCodeCache(site.config.site_dir),
    )
    config = site.config
    locale = site.locale
    env.globals.update(
        site=site,
        config=config,
        now=config.now,
        asset=asset_url,
        company=lambda slug: site.companies[slug],
        absolute_url=config.url,
        location_slug=location_slug,
        similar=SimilarJobs(site.open).of,
        salary_ranges=lambda postings: charts.salary_ranges(postings, locale),
        salary_distributions=lambda postings: charts.salary_distributions(postings, site.rates, locale),
        rates_note=lambda: pay.rates_note(site.rates, locale),
        currency_name=lambda code: pay.currency_name(code, locale),
        job_posting=lambda posting: seo.job_posting(site, posting),
        feed_of=feed_of,
        absolute_logo=lambda logo: seo.absolute_logo(site, logo),
        search_record=lambda posting: search_record(posting, site),
        search_facets=lambda: search_facets(site),
        declared_facts=lambda posting: facets.declared_facts(posting, config),
        remote_from=site.apply_from.remote_from,
        feed_index=lambda: follow.feed_index(follow.follow_feeds(site)),
        cached_card=_macro_memo(env, "partials/card.html", "posting_card", _by_posting),
        cached_similar_card=_macro_memo(env, "partials/card.html", "similar_card", _by_posting),
        cached_header=_macro_memo(env, "partials/chrome.html", "site_header"),
        cached_footer=_macro_memo(env, "partials/chrome.html", "site_footer"),
    )
    env.filters.update(
        badge=lambda s: pay.badge_or_not_listed(s, locale),
        spoken=lambda s: pay.spoken_or_not_listed(s, locale),
        approx=lambda s: pay.approx_text(s, site.rates, locale) if s else "",
        spoken_approx=lambda s: pay.spoken_approx(s, site.rates, locale) if s else "",
        date=lambda d, fmt="medium": display.day_text(d, locale, fmt),
        days_since=lambda d: (config.now - d).days,
        days_until=lambda d: (d - config.now).days,
        tojson_safe=to_json_script,
        is_closed=site.is_closed,
        is_filled=site.is_filled,
        last_open_day=site.last_open_day,
        remote_label=lambda posting: display.remote_label(posting.remote),
        seniority=facets.seniority_text,
        posted_ago=lambda d: display.posted_ago(d, config.now),
        closes_in=lambda d: display.closes_in(d, config.now),
        initials=display.monogram_initials,
        monogram_class=display.monogram_class,
        nav_section=display.nav_section,
    )
    # Babel formatting is the slowest part of a page, and a board repeats the same few
    # salaries and dates thousands of times; these filters are pure, so remember them.
    for name in MEMOIZED_FILTERS:
        if name in env.filters:
            env.filters[name] = _memoized(env.filters[name])
    return env


def _macro_memo(env: jinja2.Environment, template: str, macro: str, key: Callable = lambda *args: args) -> Callable:
    """A macro of `template`, rendered once per build for each `key` of its arguments."""
    rendered: dict[tuple, Markup] = {}

    # A card is the same on every page that shows it (home, tags, locations, companies, similar
    # jobs), and the header and footer on every page of a part of the site: macros see only
    # their arguments and the globals, never the page, so one rendering serves all.
    def cached(*args) -> Markup:
        found = key(*args)
        if found not in rendered:
            rendered[found] = getattr(env.get_template(template).module, macro)(*args)
        return rendered[found]
    return cached


def _by_posting(posting: Posting, *args) -> tuple:
    return (posting.slug, *args)  # by slug: hashing a whole Posting hashes its description each time


MEMOIZED_FILTERS = ("badge", "spoken", "approx", "spoken_approx", "posted_ago", "closes_in", "initials", "monogram_class")


def _memoized(function: Callable) -> Callable:
    """`function` with its results remembered per argument; unhashable arguments just call it."""
    remembered = functools.lru_cache(maxsize=8192)(function)

    def call(*args):
        try:
            return remembered(*args)
        except TypeError:
            return function(*args)
    return call


def to_json_script(value) -> Markup:
    """JSON safe inside <script>: `<`, `>` and `&` are \\u-escaped so `</script>` can't close it."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=False, default=json_default, allow_nan=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def json_default(value):
    """JSON for what json.dumps lacks: dates as ISO text, a Salary as its fields, anything else
    (free-form `extra:` YAML may hold sets or binary) as text."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Salary):
        return {"min": value.min, "max": value.max, "currency": value.currency, "period": value.period}
    return str(value)


def render_pages(env: jinja2.Environment, pages: list[Page]) -> Iterator[tuple[Page, str]]:
    """Render each page; a template error becomes a BuildFailed naming the template and line."""
    templates: dict[str, jinja2.Template] = {}
    for page in pages:
        try:
            template = templates.get(page.template) or templates.setdefault(page.template, env.get_template(page.template))
            yield page, template.render(page=page, **page.context)
        except jinja2.TemplateSyntaxError as exc:
            raise BuildFailed([syntax_error(exc)]) from None
        except jinja2.TemplateNotFound as exc:
            raise BuildFailed([SourceError(f"templates/{page.template}", 0, "", f"template not found: {exc.name}")]) from None
        except (jinja2.UndefinedError, TypeError, KeyError, AttributeError, ValueError) as exc:
            name, line = _template_frame(exc)
            raise BuildFailed([SourceError(name or f"templates/{page.template}", line, "", f"template error while rendering {page.path}: {exc}")]) from None


def syntax_error(exc: jinja2.TemplateSyntaxError) -> SourceError:
    """A template that does not compile, as the template's file and line."""
    path = f"templates/{exc.name}" if exc.name else (exc.filename or "templates")
    return SourceError(path, exc.lineno or 0, "", f"template syntax error: {exc.message}")


def _template_frame(exc: BaseException) -> tuple[str | None, int]:
    # Jinja rewrites tracebacks so template frames carry the template file and line.
    tb = exc.__traceback__
    found: tuple[str | None, int] = (None, 0)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".xml", ".txt", ".json")):
            found = ("templates/" + Path(filename).name, tb.tb_lineno)
        tb = tb.tb_next
    return found
