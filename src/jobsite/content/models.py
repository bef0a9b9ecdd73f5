"""Typed, immutable records of what authors wrote. Templates see these, linked by slug."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

Remote = Literal[True, False, "hybrid"]
Period = Literal["hour", "day", "week", "month", "year"]

PERIODS: tuple[str, ...] = ("hour", "day", "week", "month", "year")
EMPLOYMENT_TYPES: tuple[str, ...] = (
    "full-time", "part-time", "contract", "temporary", "internship", "volunteer", "other",
)
# In the order of a career, which is the order the search page lists them in.
SENIORITY_LEVELS: tuple[str, ...] = (
    "intern", "junior", "mid", "senior", "staff", "principal", "lead", "manager", "director", "executive",
)


@dataclass(frozen=True)
class Salary:
    """A pay range in one currency per period; min == max for a single figure."""

    min: float
    max: float
    currency: str
    period: Period


@dataclass(frozen=True)
class Posting:
    """One job posting: a validated content/jobs/<slug>.md."""

    slug: str
    source: str  # path relative to the site, for messages and sitemap dates
    title: str
    company: str  # slug of a Company
    locations: tuple[str, ...]
    remote: Remote
    remote_regions: tuple[str, ...]  # keys of content.regions: `GB`, `EU`, `Europe`, `worldwide`
    employment_type: str
    salary: Salary | None
    posted: dt.date
    expires: dt.date | None
    apply_url: str
    tags: tuple[str, ...]
    draft: bool
    aliases: tuple[str, ...]
    body_html: str
    words: int
    extra: Any = field(default_factory=dict, compare=False, hash=False)
    tag_names: tuple[str, ...] = ()  # the tags as the author wrote them (`C++`), beside their slugs
    filled: dt.date | None = None  # closed from this day on, as filled rather than expired
    seniority: tuple[str, ...] = ()  # SENIORITY_LEVELS, in that order
    visa_sponsorship: bool | None = None  # None: the posting does not say
    # The board's own fields declared in jobsite.toml, by name, in declared order.
    fields: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def url(self) -> str:
        return f"/jobs/{self.slug}/"

    def closes_on(self, max_open_days: int | None = None) -> dt.date | None:
        """The first day it is closed: after `expires` (open through that whole day), on `filled`,
        or `max_open_days` after `posted` when it has no `expires`; whichever comes first."""
        days = [self.filled] if self.filled else []
        if self.expires is not None:
            days.append(_days_after(self.expires, 1))
        elif max_open_days:
            days.append(_days_after(self.posted, max_open_days))
        return min(days, default=None)

    def is_closed(self, today: dt.date, max_open_days: int | None = None) -> bool:
        """Whether it no longer takes applications on `today`."""
        closes = self.closes_on(max_open_days)
        return closes is not None and today >= closes

    def is_filled(self, today: dt.date) -> bool:
        """Closed because the job was filled (worded so), not because its time ran out."""
        return self.filled is not None and today >= self.filled


def _days_after(day: dt.date, days: int) -> dt.date:
    # `expires: 9999-12-31` or a huge max_open_days runs past the calendar's end: never, in effect.
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max


@dataclass(frozen=True)
class Company:
    """One company profile: content/companies/<slug>.md."""

    slug: str
    source: str
    name: str
    website: str | None
    logo: str | None
    location: str | None
    body_html: str

    @property
    def url(self) -> str:
        return f"/companies/{self.slug}/"
