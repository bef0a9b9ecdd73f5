"""The feeds visitors can follow: one per company, tag and location page, and one per value of every search filter.

Tags and companies keep the feed beside their page; a filter value without a page gets a
stable path of its own, `/feeds/<filter>/<value-slug>.xml`, whose page is the search for it.
The search page maps each filter value Pagefind reports to its feed (`feed_index`) so its
Follow line can offer the feed of the one filter chosen.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from ..content.fields import MAX_SLUG, slugify
from ..content.models import Posting
from ..pages import feed_path
from ..site import Site
from .facets import facet_label, value_name
from .search import search_filters

# Filters whose values already have a page (and the page's feed), found from the site's groups.
_PAGED = ("tag", "company")


@dataclass(frozen=True)
class Feed:
    """One Atom feed: where it is written, what it follows, and its open postings, newest first."""

    path: str  # `/tags/python/feed.xml`, `/feeds/seniority/senior.xml`
    page: str  # the page it follows: `/tags/python/`, or the search for one filter value
    title: str
    postings: tuple[Posting, ...]
    filter: tuple[str, str] | None = None  # the search filter (name, value) it follows, if any


def follow_feeds(site: Site) -> list[Feed]:
    """Every feed but the site-wide one, in a stable order; each lists only listed open postings."""
    title = site.config.title
    open_ = {posting.slug for posting in site.open if site.is_listed(posting)}

    def listed(postings) -> tuple[Posting, ...]:
        return tuple(p for p in postings if p.slug in open_)

    feeds: list[Feed] = []
    names: dict[str, list[str]] = {}
    for company in site.companies.values():
        names.setdefault(company.name, []).append(company.slug)
    for slug, company in site.companies.items():
        # Search filters by the company's name; two companies of one name share a filter value.
        unique = names[company.name] == [slug]
        feeds.append(Feed(feed_path(company.url), company.url, f"{company.name} jobs · {title}",
                          listed(site.open_by_company.get(slug, ())), ("company", company.name) if unique else None))
    for group in site.tags.values():
        page = f"/tags/{group.slug}/"
        feeds.append(Feed(feed_path(page), page, f"{group.label} jobs · {title}", listed(group.postings), ("tag", group.label)))
    for group in site.locations.values():
        page = f"/locations/{group.slug}/"
        feeds.append(Feed(feed_path(page), page, f"Jobs in {group.label} · {title}", listed(group.postings)))
    feeds += _filter_feeds(site, listed, {("company", n) for n, slugs in names.items() if len(slugs) > 1})
    return feeds


def _filter_feeds(site: Site, listed, shared: set[tuple[str, str]]) -> list[Feed]:
    # Every value any published posting has (a closed one too, so a feed outlives its last
    # open posting), with the open postings that have it, newest first.
    members: dict[tuple[str, str], list[Posting]] = {}
    for posting in site.published:
        if posting.draft:
            continue
        for pair in search_filters(posting, site):
            if pair[0] not in _PAGED or pair in shared:
                members.setdefault(pair, []).append(posting)
    config = site.config
    feeds = []
    taken: set[str] = set()
    for key, value in sorted(members):
        # Any text an author writes can be a value: keep its file name well inside the limit.
        slug = slugify(value)[:MAX_SLUG // 2].strip("-") or "value"
        path, n = f"/feeds/{key}/{slug}.xml", 1
        while path in taken:  # `C++` and `c++` share a slug: the second gets a number
            n += 1
            path = f"/feeds/{key}/{slug}-{n}.xml"
        taken.add(path)
        title = f"{facet_label(key, config)}: {value_name(key, value, site.apply_from.countries)} · {config.title}"
        page = "/search/?" + urlencode({key: value})
        feeds.append(Feed(path, page, title, listed(members[(key, value)]), (key, value)))
    return feeds


def feed_index(feeds: list[Feed]) -> dict[str, dict[str, str]]:
    """`{filter name: {filter value as Pagefind reports it: feed path}}` for the search page's Follow line."""
    index: dict[str, dict[str, str]] = {}
    for feed in feeds:
        if feed.filter is not None:
            key, value = feed.filter
            index.setdefault(key, {})[value] = feed.path
    return index
