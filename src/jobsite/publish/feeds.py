"""The site's non-HTML files: Atom feeds, jobs.json, sitemap.xml, robots.txt and _redirects."""

from __future__ import annotations

import datetime as dt
import json
from typing import Iterable, Iterator

from ..content.models import Posting, Salary
from ..content.rates import Rates
from ..errors import BuildFailed, SourceError
from ..pages import Page
from ..render import salary as pay
from ..render.engine import json_default
from ..render.seo import is_indexable
from ..site import Site
from ..render.follow import follow_feeds
from .atom import AtomFeeds, escape_text
from .jsonfeed import json_feed
from .sitedates import last_modified

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"


def site_files(site: Site, pages: list[Page]) -> Iterator[tuple[str, bytes]]:
    """Every non-HTML file of the site as (path in the output folder, bytes)."""
    listed = [p for p in site.open if site.is_listed(p)]
    title = site.config.title
    feeds = AtomFeeds(site)
    yield "feed.xml", feeds.feed(listed, title, "/")
    yield "feed.json", json_feed(site, listed)
    # Company, tag, location and search filter feeds: one line per posting, not its description.
    for feed in follow_feeds(site):
        yield feed.path[1:], feeds.feed(feed.postings, feed.title, feed.page, full=False, path=feed.path)
    yield "jobs.json", jobs_json(site, listed)
    yield "sitemap.xml", sitemap(site, pages)
    static = site.config.site_dir / "static"
    # A site's own static/robots.txt wins over the generated one.
    if not (static / "robots.txt").exists():
        yield "robots.txt", robots_txt(site)
    redirects = redirects_file(site)
    if redirects:
        if (static / "_redirects").exists():
            raise BuildFailed([SourceError(
                "static/_redirects", 0, "",
                "postings with aliases need the generated /_redirects; move these rules to netlify.toml [[redirects]]",
            )])
        yield "_redirects", redirects


def jobs_json(site: Site, postings: Iterable[Posting]) -> bytes:
    """The open postings as JSON: front-matter fields plus an absolute url and the annual salary."""
    config = site.config
    data = {
        "title": config.title,
        "home_page_url": config.url("/"),
        "feed_url": config.url("/jobs.json"),
        "generated": config.now.isoformat(),
        "currency": {"base": site.rates.base, "rates_date": _iso(site.rates.date)},
        "jobs": [_job(site, p) for p in postings],
    }
    # Compact, which lets json use its C encoder: indented, 4,000 postings took a second.
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=json_default, allow_nan=False) + "\n").encode("utf-8")


def _job(site: Site, posting: Posting) -> dict:
    company = site.companies[posting.company]
    return {
        "slug": posting.slug,
        "url": site.config.url(posting.url),
        "title": posting.title,
        "company": posting.company,
        "company_name": company.name,
        "location": list(posting.locations),
        "remote": posting.remote,
        "remote_regions": list(posting.remote_regions),
        "employment_type": posting.employment_type,
        "salary": _salary(posting.salary, site.rates),
        "posted": posting.posted.isoformat(),
        "expires": posting.expires.isoformat() if posting.expires else None,
        "apply_url": posting.apply_url,
        "tags": list(posting.tags),
        "aliases": list(posting.aliases),
        "seniority": list(posting.seniority),
        "visa_sponsorship": posting.visa_sponsorship,
        "fields": {name: list(value) if isinstance(value, tuple) else value for name, value in posting.fields.items()},
        "extra": posting.extra,
    }


def _salary(salary: Salary | None, rates: Rates) -> dict | None:
    if salary is None:
        return None
    low, high = pay.annual(salary)
    converted = pay.annual_pay_in_base(salary, rates)
    in_base = None
    if converted is not None:
        in_base = {
            "currency": rates.base, "min": round(converted[0], 2), "max": round(converted[1], 2),
            "rate": rates.rate(salary.currency), "rates_date": _iso(rates.date_of(salary.currency)),
        }
    return {
        "min": salary.min, "max": salary.max, "currency": salary.currency, "period": salary.period,
        "annual": {"min": low, "max": high},
        "annual_base": in_base,
    }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def sitemap(site: Site, pages: list[Page]) -> bytes:
    """sitemap.xml: every indexable page the build renders, with its content's last change."""
    config = site.config
    dates = last_modified(config.site_dir)
    # Written out as ElementTree indented and escaped it, byte for byte: building a tree of a
    # big board's thousands of URLs and serialising it was most of the sitemap's time.
    entries = []
    for page in pages:
        if not is_indexable(site, page):
            continue
        changed = _page_date(page, dates)
        lastmod = f"\n    <lastmod>{changed.isoformat()}</lastmod>" if changed is not None else ""
        entries.append(f"  <url>\n    <loc>{escape_text(config.url(page.path))}</loc>{lastmod}\n  </url>\n")
    head = f"<?xml version='1.0' encoding='utf-8'?>\n<urlset xmlns=\"{SITEMAP}\""
    text = f"{head}>\n{''.join(entries)}</urlset>\n" if entries else f"{head} />\n"
    return text.encode("utf-8")


def _page_date(page: Page, dates: dict[str, dt.datetime]) -> dt.datetime | None:
    # A page built from one file changed when the file did; a list page when its newest member did.
    if page.source:
        return dates.get(page.source)
    context = page.context
    members = context.get("postings") or getattr(context.get("group"), "postings", ())
    found = [dates[p.source] for p in members if p.source in dates]
    return max(found, default=None)


def robots_txt(site: Site) -> str:
    """robots.txt allowing everything and naming the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site.config.url('/sitemap.xml')}\n"


def redirects_file(site: Site) -> str:
    """Netlify `_redirects`: each alias of a published posting to its current URL (301)."""
    lines = [
        f"/jobs/{alias}/ {posting.url} 301"
        for posting in sorted(site.published, key=lambda p: p.slug)
        if not posting.draft
        for alias in posting.aliases
    ]
    return "".join(line + "\n" for line in lines)
