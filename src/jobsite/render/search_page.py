"""What /search/ shows before its script runs: every facet, its values in order and their counts.

Rendering the filters at build time gives them their final size at the first paint, so nothing
moves when the search script starts; the script reads labels and values from these elements.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..content.models import SENIORITY_LEVELS
from ..site import Site
from .facets import FACETS, VALUE_NAMES, facet_label, value_name
from .salary import band_order
from .search import search_filters


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet: the filter value (also the URL's), the words shown, open postings with it."""

    value: str
    name: str
    count: int


@dataclass(frozen=True)
class Facet:
    """A facet as /search/ shows it: its URL parameter (Pagefind's filter name), label and values."""

    key: str
    label: str
    values: tuple[FacetValue, ...]


def _by_count(values: Counter) -> list[str]:
    return sorted(values, key=lambda v: (-values[v], v.lower(), v))


def _in_order(order: list[str]):
    return lambda values: sorted(values, key=lambda v: (order.index(v) if v in order else len(order), v))


def _by_band(values: Counter) -> list[str]:
    return sorted(values, key=band_order)


# How each facet orders its values on the page (the rest: most postings first).
ORDERS = {
    "remote": _in_order(list(VALUE_NAMES["remote"])),
    "salary": _in_order(list(VALUE_NAMES["salary"])),
    "band": _by_band,
    "seniority": _in_order(list(SENIORITY_LEVELS)),
    "visa": _in_order(list(VALUE_NAMES["visa"])),
}


def search_facets(site: Site) -> list[Facet]:
    """Every filter of the search index with each value's count over all open postings."""
    counts: dict[str, Counter] = {}
    # Only the filters count here: a whole search record also formats its result's metadata.
    for posting in site.open:
        if not site.is_listed(posting):  # drafts are never results
            continue
        for key, value in search_filters(posting, site):
            counts.setdefault(key, Counter())[value] += 1
    # Built-in facets in their order, then the board's declared ones; a filter without a
    # place in either (a newer facet) still shows, after them.
    order = [*FACETS, *(spec.name for spec in site.config.fields if spec.facet)]
    keys = [key for key in order if key in counts] + [key for key in counts if key not in order]
    facets = []
    for key in keys:
        values = counts[key]
        facets.append(Facet(key, facet_label(key, site.config), tuple(
            FacetValue(value, value_name(key, value, site.apply_from.countries), values[value]) for value in ORDERS.get(key, _by_count)(values)
        )))
    return facets
