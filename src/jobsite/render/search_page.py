"""What /search/ shows before its script runs: every facet, its values in order and their counts.

Rendering the filters at build time gives them their final size at the first paint, so nothing
moves when the search script starts; the script reads labels and values from these elements.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..site import Site
from .display import REMOTE_LABELS
from .salary import NOT_LISTED
from .search import REMOTE_VALUES, search_record


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


_BAND = re.compile(r"^(\S+) ([\d.]+)([KM])\+$")


def _by_band(values: Counter) -> list[str]:
    # `USD 50K+` < `USD 100K+` < `USD 1M+`: by currency, then by the amount the label stands for.
    def key(label: str):
        match = _BAND.match(label)
        if not match:
            return (label, 0.0)
        return (match[1], float(match[2]) * (1e6 if match[3] == "M" else 1e3))
    return sorted(values, key=key)


SALARY_NAMES = {"yes": "Salary listed", "no": NOT_LISTED}
REMOTE_NAMES = {REMOTE_VALUES[k]: REMOTE_LABELS[k] for k in REMOTE_VALUES}

# (filter name, label, order of values, value -> words); the page shows facets in this order.
FACETS = (
    ("remote", "Remote", _in_order(list(REMOTE_NAMES)), REMOTE_NAMES.get),
    ("type", "Employment type", _by_count, lambda v: v.replace("-", " ").capitalize()),
    ("salary", "Salary", _in_order(list(SALARY_NAMES)), SALARY_NAMES.get),
    ("band", "Salary per year", _by_band, None),
    ("country", "Country", _by_count, None),
    ("company", "Company", _by_count, None),
    ("tag", "Tags", _by_count, None),
)


def search_facets(site: Site) -> list[Facet]:
    """Every filter of the search index with each value's count over all open postings."""
    counts: dict[str, Counter] = {}
    for posting in site.open:
        record = search_record(posting, site)
        for key, value in record.filters if record else ():
            counts.setdefault(key, Counter())[value] += 1
    known = {key: (label, order, name) for key, label, order, name in FACETS}
    # A filter without an entry here (a newer facet) still shows, after the known ones.
    keys = [key for key, *_ in FACETS if key in counts] + [key for key in counts if key not in known]
    facets = []
    for key in keys:
        label, order, name = known.get(key, (key.replace("_", " ").capitalize(), _by_count, None))
        values = counts[key]
        facets.append(Facet(key, label, tuple(
            FacetValue(value, (name(value) if name else None) or value, values[value]) for value in order(values)
        )))
    return facets
