"""The whole-site model: what is published, open or closed, and how postings group (pure)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from .config import Config
from .content.fields import slugify
from .content.models import Company, Posting
from .content.reader import Content
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

    def is_closed(self, posting: Posting) -> bool:
        return posting.is_closed(self.config.now)


def assemble(config: Config, content: Content) -> Site:
    """Decide what is published on `config.now`, and group it; BuildFailed on URL clashes."""
    now = config.now
    published = [
        p for p in content.postings
        if (config.drafts or not p.draft) and p.posted <= now
    ]
    _check_urls(published)
    newest = sorted(published, key=lambda p: (-p.posted.toordinal(), p.title.lower(), p.slug))
    open_ = tuple(p for p in newest if not p.is_closed(now))
    closed = tuple(sorted((p for p in newest if p.is_closed(now)), key=lambda p: (-p.expires.toordinal(), p.slug)))
    companies = {c.slug: c for c in sorted(content.companies, key=lambda c: c.name.lower())}
    recent = [p for p in closed if (now - p.expires).days <= RECENTLY_CLOSED_DAYS]
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
    )


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


def _check_urls(postings: list[Posting]) -> None:
    owners: dict[str, Posting] = {}
    errors = []
    for posting in postings:
        owners[posting.slug] = posting
    for posting in postings:
        for alias in posting.aliases:
            other = owners.setdefault(alias, posting)
            if other is not posting:
                errors.append(SourceError(
                    posting.source, 0, "aliases",
                    f"/jobs/{alias}/ is also the URL of {other.source}",
                ))
    if errors:
        raise BuildFailed(errors)
