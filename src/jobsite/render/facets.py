"""The search facets visitors filter by, and the fields behind them as visitors read them (built-in and declared)."""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Iterator, Mapping

from ..content.board_fields import field_texts
from ..content.models import Posting
from .display import REMOTE_LABELS
from .salary import NOT_LISTED

if TYPE_CHECKING:  # config imports this module for the reserved names: no import of it here
    from ..config import Config

# Each built-in facet's Pagefind filter name, which is also its /search/ URL parameter, and
# its heading. Fields a board declares with `facet = true` follow, named as declared.
FACETS: dict[str, str] = {
    "remote": "Remote",
    "type": "Employment type",
    "salary": "Salary",
    "band": "Salary per year",
    "seniority": "Seniority",
    "visa": "Visa sponsorship",
    "country": "Can apply from",  # values are ISO country codes, shown by name
    "company": "Company",
    "tag": "Tags",
}
# Names a declared field cannot take: they already mean something in a /search/ URL.
SEARCH_PARAMETERS: tuple[str, ...] = ("q", "sort", *FACETS)

# A posting's `remote` as a filter value (lower case, stable in URLs); display.REMOTE_LABELS has its words.
REMOTE_VALUES = {True: "remote", "hybrid": "hybrid", False: "on-site"}
# Values with words of their own, in the order the search page lists them.
VALUE_NAMES = {
    "remote": {REMOTE_VALUES[k]: REMOTE_LABELS[k] for k in REMOTE_VALUES},
    "salary": {"yes": "Salary listed", "no": NOT_LISTED},
    "visa": {"yes": "Sponsors a work visa", "no": "No visa sponsorship"},
}
_CAPITALISED = ("type", "seniority")  # front-matter words: `full-time` reads "Full time"


def seniority_filters(posting: Posting) -> Iterator[tuple[str, str]]:
    """The seniority and visa facets of a posting; a posting that says nothing about visas has neither value."""
    for level in posting.seniority:
        yield "seniority", level
    if posting.visa_sponsorship is not None:
        yield "visa", "yes" if posting.visa_sponsorship else "no"


def declared_filters(posting: Posting, config: Config) -> Iterator[tuple[str, str]]:
    """The facets of the board's declared fields (`facet = true`), one per value as visitors read it."""
    for spec in config.fields:
        if spec.facet and spec.name in posting.fields:
            for text in field_texts(spec, posting.fields[spec.name], config.locale):
                yield spec.name, text


def seniority_text(posting: Posting) -> str:
    """The posting's levels as visitors read them: `Senior, Staff` (empty when it does not say)."""
    return ", ".join(value_name("seniority", level) for level in posting.seniority)


def declared_facts(posting: Posting, config: Config) -> list[tuple[str, str]]:
    """The declared fields a posting sets, as (label, text) in declared order, for its page."""
    return [
        (spec.label, ", ".join(field_texts(spec, posting.fields[spec.name], config.locale)))
        for spec in config.fields if spec.name in posting.fields
    ]


def facet_label(key: str, config: Config) -> str:
    """A facet's heading: `Employment type`, or a declared field's label."""
    if key in FACETS:
        return FACETS[key]
    return next((spec.label for spec in config.fields if spec.name == key), key.replace("_", " ").capitalize())


def value_name(key: str, value: str, countries: Mapping[str, str] = MappingProxyType({})) -> str:
    """A filter value as visitors read it: `on-site` -> `On-site`, `full-time` -> `Full time`, `DE` -> `Germany`
    (`countries` is the board's, site.apply_from.countries)."""
    if key == "country":
        return countries.get(value, value)
    if key in VALUE_NAMES:
        return VALUE_NAMES[key].get(value, value)
    if key in _CAPITALISED:
        return value.replace("-", " ").capitalize()
    return value
