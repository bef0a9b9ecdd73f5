"""The whole-site model: what is published, open or closed, and how postings group (pure)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from babel import Locale

from .config import Config
from .content.fields import apply_url_key, slugify
from .content.models import Company, Posting
from .content.rates import Rates
from .content.regions import Places, Region, places
from .content.reader import Content
from .content.source import Source, read_source
from .errors import BuildFailed, SourceError

# A closed posting stays listed as "recently closed" on its company page for this long.
RECENTLY_CLOSED_DAYS = 90


@dataclass(frozen=True)
class Group:
    """Postings sharing a tag or a location, with the label authors wrote."""

    slug: str
    label: str
    postings: tuple[Posting, ...]  # open ones, newest first


@dataclass(frozen=True)
class ApplyFrom:
    """Where applicants may live: the countries the board lists, and each posting's among them.

    A posting is open to a country it is located in, and, when fully remote, to every country
    of its remote_regions (`EU` holds Germany; `worldwide` holds all). Listed are only the
    countries some published posting names, in a location or a region list: a region's other
    countries are not (a board of EMEA jobs would otherwise list 130), and a worldwide job shows
    under every listed country.
    """

    countries: Mapping[str, str]  # listed ISO code -> name, by name
    regions: Mapping[str, Region]  # every remote_regions key of a published posting
    open_to: Mapping[str, tuple[str, ...]]  # posting slug -> listed countries it takes applicants from

    def remote_from(self, posting: Posting) -> str:
        """The posting's remote regions in words: `European Union, United Kingdom`."""
        return ", ".join(self.regions[key].name for key in posting.remote_regions)


@dataclass(frozen=True)
class Site:
    """The published board on the build's date: everything templates and feeds draw from."""

    config: Config
    published: tuple[Posting, ...]  # every posting that gets a page (open and closed)
    open: tuple[Posting, ...]  # newest first
    closed: tuple[Posting, ...]  # most recently closed first
    companies: Mapping[str, Company]
    open_by_company: Mapping[str, tuple[Posting, ...]]
    closed_by_company: Mapping[str, tuple[Posting, ...]]
    tags: Mapping[str, Group]
    locations: Mapping[str, Group]
    rates: Rates  # pay compared across currencies is compared in rates.base
    # config.locale parsed once: Babel parses a locale given as text on every call, thousands
    # of times a build.
    locale: Locale
    apply_from: ApplyFrom
    # Each published posting's search filters by slug, made once per build by
    # render.search.search_filters: the search page, the filter feeds and the search index
    # all ask for them. Derived data, never compared.
    filters: dict = field(default_factory=dict, compare=False, repr=False)

    def is_closed(self, posting: Posting) -> bool:
        """Expired, filled or past `max_open_days` on the build's date."""
        return posting.is_closed(self.config.now, self.config.max_open_days)

    def is_filled(self, posting: Posting) -> bool:
        """Closed as filled: worded "This position has been filled", otherwise like any closed posting."""
        return posting.is_filled(self.config.now)

    def last_open_day(self, posting: Posting) -> dt.date | None:
        """The last day it takes applications (None: until someone closes it)."""
        closes = posting.closes_on(self.config.max_open_days)
        return closes - dt.timedelta(days=1) if closes else None

    def is_listed(self, posting: Posting) -> bool:
        """Open and not a draft: what search engines, feeds, jobs.json and the search index may see."""
        return not posting.draft and not self.is_closed(posting)


def assemble(config: Config, content: Content) -> Site:
    """Decide what is published on `config.now`, and group it; BuildFailed on URL clashes."""
    now = config.now
    published = [
        p for p in content.postings
        if (config.drafts or not p.draft) and p.posted <= now
    ]
    _check_urls(config.site_dir, published)
    newest = sorted(published, key=lambda p: (-p.posted.toordinal(), p.title.lower(), p.slug))
    days = config.max_open_days
    open_ = tuple(p for p in newest if not p.is_closed(now, days))
    closed = tuple(sorted((p for p in newest if p.is_closed(now, days)), key=lambda p: (-p.closes_on(days).toordinal(), p.slug)))
    _check_duplicates(config.site_dir, open_)
    companies = {c.slug: c for c in sorted(content.companies, key=lambda c: c.name.lower())}
    recent = [p for p in closed if (now - p.closes_on(days)).days < RECENTLY_CLOSED_DAYS]
    return Site(
        config=config,
        published=tuple(newest),
        open=open_,
        closed=closed,
        companies=MappingProxyType(companies),
        open_by_company=_group_by(open_, lambda p: [p.company]),
        closed_by_company=_group_by(recent, lambda p: [p.company]),
        tags=_groups(newest, open_, lambda p: list(zip(p.tags, p.tag_names or p.tags))),
        locations=_groups(newest, open_, _location_keys),
        rates=content.rates,
        locale=Locale.parse(config.locale),
        apply_from=_apply_from(newest, places()),
    )


def _apply_from(published: list[Posting], known: Places) -> ApplyFrom:
    # Each distinct location and region is resolved once per build, however many postings share it.
    located = {loc: known.country_of(loc) for loc in {loc for p in published for loc in p.locations}}
    regions = {
        key: known.resolve(key) or Region(key, key, frozenset())  # None only for a Posting made in code
        for key in {key for p in published for key in p.remote_regions}
    }
    where: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {}
    named: set[str] = set()
    for posting in published:
        homes = frozenset(located[loc] for loc in posting.locations if located[loc])
        reach = posting.remote_regions if posting.remote is True else ()
        where[posting.slug] = (homes, reach)
        named |= homes | {key for key in reach if regions[key].is_country}
    listed = {code: known.names[code] for code in sorted(named, key=lambda c: (known.names[c], c))}
    # Postings share a few combinations of places: each is worked out once.
    combos = {
        combo: tuple(code for code in listed if code in combo[0].union(*(regions[key].countries for key in combo[1])))
        for combo in set(where.values())
    }
    open_to = {slug: combos[combo] for slug, combo in where.items()}
    return ApplyFrom(MappingProxyType(listed), MappingProxyType(regions), MappingProxyType(open_to))


def location_slug(label: str) -> str:
    """The URL slug of a location label: `San Francisco, CA, US` -> `san-francisco-ca-us`."""
    return slugify(label)


def _location_keys(posting: Posting) -> list[tuple[str, str]]:
    keys = [(location_slug(loc), loc) for loc in posting.locations if location_slug(loc)]
    if posting.remote is True:
        keys.append(("remote", "Remote"))
    return keys


def _group_by(postings, keys) -> Mapping[str, tuple[Posting, ...]]:
    groups: dict[str, list[Posting]] = defaultdict(list)
    for posting in postings:
        for key in keys(posting):
            groups[key].append(posting)
    return MappingProxyType({k: tuple(v) for k, v in groups.items()})


def _groups(published, open_, keys) -> Mapping[str, Group]:
    # Every tag or location of a published posting gets a page (so a closed posting's links
    # never 404), listing only the open postings.
    labels: dict[str, str] = {}
    for posting in published:
        for slug, label in keys(posting):
            labels.setdefault(slug, label)
    members = _group_by(open_, lambda p: [slug for slug, _ in keys(p)])
    return MappingProxyType({
        slug: Group(slug, labels[slug], members.get(slug, ()))
        for slug in sorted(labels)
    })


def _error_at(site_dir: Path, posting: Posting, key: str, message: str) -> SourceError:
    """An error only the whole site shows, at its key's line: postings keep no lines, so its file is read back."""
    try:
        source = read_source(site_dir / posting.source, posting.source)
    except OSError:  # gone since it was read
        source = None
    line = source.line(key) if isinstance(source, Source) else 0
    return SourceError(posting.source, line, key, message)


def _check_urls(site_dir: Path, postings: list[Posting]) -> None:
    owners: dict[str, Posting] = {}
    errors = []
    for posting in postings:
        owners[posting.slug] = posting
    for posting in postings:
        for alias in posting.aliases:
            other = owners.setdefault(alias, posting)
            if other is not posting:
                errors.append(_error_at(site_dir, posting, "aliases", f"/jobs/{alias}/ is also the URL of {other.source}"))
    if errors:
        raise BuildFailed(errors)


def _check_duplicates(site_dir: Path, open_: tuple[Posting, ...]) -> None:
    """Two open postings sending candidates to one application are one job posted twice."""
    first: dict[str, Posting] = {}
    errors = []
    # mailto: is left out: one jobs@ address for every role of a company is common and fine.
    for posting in sorted(open_, key=lambda p: (p.posted, p.slug)):  # the later one is told
        if posting.draft or posting.apply_url.lower().startswith("mailto:"):
            continue
        other = first.setdefault(apply_url_key(posting.apply_url), posting)
        if other is not posting:
            errors.append(_error_at(
                site_dir, posting, "apply_url",
                f"the same link as {other.source} ({posting.apply_url}); one job, one posting: close or remove one of them",
            ))
    if errors:
        raise BuildFailed(errors)
