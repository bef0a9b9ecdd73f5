"""What each open posting tells search: Pagefind filters, sort keys and result metadata (pure)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..content.models import Posting
from ..site import Site
from . import salary as pay
from .display import day_text, remote_label
from .facets import REMOTE_VALUES, declared_filters, seniority_filters, seniority_text



@dataclass(frozen=True)
class SearchRecord:
    """What one open posting gives Pagefind: filter values, sort keys and result metadata."""

    filters: tuple[tuple[str, str], ...]
    sorts: tuple[tuple[str, str], ...]
    meta: tuple[tuple[str, str], ...]

    @property
    def attributes(self) -> list[tuple[str, str, str]]:
        """(`filter`|`sort`|`meta`, key, value) for the posting template's hidden elements."""
        return [
            (kind, key, value)
            for kind, pairs in (("filter", self.filters), ("sort", self.sorts), ("meta", self.meta))
            for key, value in pairs
        ]

    @property
    def html(self) -> Markup:
        """The attributes as the hidden elements Pagefind reads, escaped as the template would.

        Written here, not in the template: a posting has thirty of them, and Jinja's three
        escaped expressions each were a fifth of a posting page's rendering.
        """
        return Markup("".join([
            f'<span data-pagefind-{kind}="{escape(key)}[data-value]" data-value="{escape(value)}"></span>'
            for kind, key, value in self.attributes
        ]))



def search_record(posting: Posting, site: Site) -> SearchRecord | None:
    """The facets, sort keys and metadata of a posting, or None if it is not a result."""
    if not site.is_listed(posting):  # closed postings and drafts are never results
        return None
    locale = site.locale
    company = site.companies[posting.company].name
    # Pagefind drops results lacking the sort key, so a posting without pay sorts as 0, last.
    top = round(pay.comparable_pay(posting.salary, site.rates)[2]) if posting.salary else 0
    # Pagefind compares sort numbers as 32-bit floats, exact only below 2**24: yyyymmdd is not
    # (2026-11-24 and -25 tie), a day count is.
    sorts = (("posted", str(posting.posted.toordinal())), ("salary", str(top)))
    meta = (
        ("title", posting.title),
        ("company", company),
        ("salary", pay.badge_or_not_listed(posting.salary, locale, site.rates)),
        ("salary_period", posting.salary.period if posting.salary else "none"),
        ("salary_spoken", pay.spoken_or_not_listed(posting.salary, locale, site.rates)),
        ("remote", remote_label(posting.remote)),
        ("location", " · ".join(posting.locations)),  # the remote badge already says "Remote"
        ("posted", day_text(posting.posted, locale)),
        ("posted_iso", posting.posted.isoformat()),
        # Result cards show these as the site's cards do; empty when the posting does not say.
        ("seniority", seniority_text(posting)),
        ("visa", "Visa sponsorship" if posting.visa_sponsorship else ""),
    )
    return SearchRecord(search_filters(posting, site), sorts, meta)


# The description is sanitised HTML (content/markdown): its text is what is left between tags.
_TAG = re.compile(r"<[^>]+>")


def search_text(posting: Posting, site: Site) -> str:
    """The words a posting is found by, as its page's search body shows them: title, company, places, description, tags."""
    parts = [
        posting.title,
        site.companies[posting.company].name,
        *posting.locations,
        html.unescape(_TAG.sub(" ", posting.body_html)),
        *(site.tags[tag].label for tag in posting.tags),
    ]
    return " ".join(" ".join(parts).split())


def search_filters(posting: Posting, site: Site) -> tuple[tuple[str, str], ...]:
    """Every (facet, value) a posting is filed under, open or not: the search index and the feeds share it."""
    found = site.filters.get(posting.slug)
    if found is None:
        found = site.filters[posting.slug] = _filters(posting, site)
    return found


def _filters(posting: Posting, site: Site) -> tuple[tuple[str, str], ...]:
    filters = [
        ("company", site.companies[posting.company].name),
        ("remote", REMOTE_VALUES[posting.remote]),
        ("type", posting.employment_type),
        *(("tag", site.tags[tag].label) for tag in posting.tags),
        # The countries it takes applicants from, among those the board lists (site.ApplyFrom).
        *(("country", code) for code in site.apply_from.open_to.get(posting.slug, ())),
        ("salary", "yes" if posting.salary else "no"),
        *(("band", band) for band in (pay.band_labels(posting.salary, site.rates, site.locale) if posting.salary else ())),
        *seniority_filters(posting),
        *declared_filters(posting, site.config),
    ]
    return tuple(_unique(filters))


def _unique(items) -> list:
    return list(dict.fromkeys(items))
