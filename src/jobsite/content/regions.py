"""Where applicants may live: the countries and regions authors write, resolved to ISO countries.

The data is country_converter's table (names in many spellings, ISO codes, continents, UN
regions, EU membership), read here with the csv module: the library's own loader imports
pandas (a quarter of a second at every build's start) and, under pandas 3, reads Namibia's
code "NA" as a missing value and fails.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from ..errors import did_you_mean

WORLDWIDE = "worldwide"
# Words for "no restriction": each becomes WORLDWIDE.
WORLD_WORDS = frozenset({"worldwide", "anywhere", "global", "world"})

# Region words boards use, by the rows of country_converter's table they cover: (name, (column,
# value) pairs). Every continent and UN region the table names is accepted too, as written there
# (Africa, Asia, Europe, North America, South America, Western Europe, ...).
BOARD_REGIONS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "EU": ("European Union", (("EU", "EU"),)),
    "Americas": ("Americas", (("continent", "America"),)),
    # No classification has these three; each is made of classifications that exist.
    # EMEA: Europe, Africa and the Middle East (the UN's Western Asia).
    "EMEA": ("Europe, the Middle East and Africa", (("continent", "Europe"), ("continent", "Africa"), ("UNregion", "Western Asia"))),
    # APAC: East, South-east and South Asia and Oceania (not the Middle East or Central Asia).
    "APAC": ("Asia-Pacific", (
        ("UNregion", "Eastern Asia"), ("UNregion", "South-eastern Asia"), ("UNregion", "Southern Asia"), ("continent", "Oceania"),
    )),
    # LATAM: the UN's Latin America and the Caribbean.
    "LATAM": ("Latin America", (("UNregion", "Central America"), ("UNregion", "South America"), ("UNregion", "Caribbean"))),
}
# Classification columns whose values are accepted as region names.
REGION_COLUMNS = ("continent", "Continent_7", "UNregion")
# "America" alone usually means the United States: the continent is written "Americas".
_NOT_REGION_NAMES = frozenset({"america"})
_CODE = re.compile(r"[A-Z]{2}")


@dataclass(frozen=True)
class Region:
    """A country or a region as the site reads it: a key authors may write, its name, its countries."""

    key: str  # an ISO alpha-2 code (`DE`), a region word (`EU`, `Western Europe`) or WORLDWIDE
    name: str  # `Germany`, `European Union`, `Anywhere`
    countries: frozenset[str]  # ISO alpha-2 codes; every country for WORLDWIDE

    @property
    def is_country(self) -> bool:
        return self.countries == {self.key}

    @property
    def is_worldwide(self) -> bool:
        return self.key == WORLDWIDE


class Places:
    """Every country and region jobsite knows, built complete from country_converter's table."""

    def __init__(self, rows: list[dict[str, str]]):
        self.names: dict[str, str] = {}  # ISO alpha-2 -> short name
        self._by_word: dict[str, Region] = {}  # lowercase spelling -> Region
        self._patterns: list[tuple[str, str]] = []  # country_converter's name patterns
        members: dict[tuple[str, str], set[str]] = {}
        for row in rows:
            codes = _CODE.findall(row["ISO2"])
            if not codes or row["obsolete"]:
                continue  # groupings without a code (Channel Islands) and countries gone (USSR)
            code = codes[0]
            self.names[code] = row["name_short"]
            country = Region(code, row["name_short"], frozenset({code}))
            for word in (*codes, row["ISO3"], row["name_short"], row["name_official"]):
                if word:
                    self._by_word.setdefault(word.lower(), country)
            self._patterns.append((row["regex"], code))
            for column in (*REGION_COLUMNS, *(c for _, pairs in BOARD_REGIONS.values() for c, _ in pairs)):
                if row.get(column):
                    members.setdefault((column, row[column]), set()).add(code)
        world = Region(WORLDWIDE, "Anywhere", frozenset(self.names))
        regions = [world]
        for key, (name, pairs) in BOARD_REGIONS.items():
            regions.append(Region(key, name, frozenset().union(*(members.get(pair, ()) for pair in pairs))))
        for (column, value), codes in members.items():
            if column in REGION_COLUMNS and value.lower() not in _NOT_REGION_NAMES:
                regions.append(Region(value, value, frozenset(codes)))
        for region in regions:  # a country keeps a name a region shares (Antarctica)
            self._by_word.setdefault(region.key.lower(), region)
        for word in WORLD_WORDS:
            self._by_word[word] = world
        self._suggestions = sorted({r.key for r in regions} | set(self.names.values()))

    def resolve(self, text: str) -> Region | None:
        """The country or region an author means (`uk`, `Republic of Korea`, `EMEA`), or None."""
        word = text.strip()
        found = self._by_word.get(word.lower())
        if found is not None or len(word) < 4:
            return found  # short words are codes: a name pattern would match them by accident
        # Compiled on first use by re's own cache: most builds never need them.
        codes = {code for pattern, code in self._patterns if re.search(pattern, word, re.IGNORECASE)}
        return self._by_word[codes.pop().lower()] if len(codes) == 1 else None

    def country_of(self, location: str) -> str | None:
        """The country of a location written `City, CC`, `City, Region, Country` or `Country`."""
        text = location.split(":", 1)[1] if ":" in location else location
        last = text.rsplit(",", 1)[-1].strip()
        region = self.resolve(last) if last else None
        return region.key if region is not None and region.is_country else None

    def unknown(self, text: str) -> str:
        """What to tell an author who wrote a region jobsite does not know."""
        return f"{text!r} is not a country or region jobsite knows" + (
            did_you_mean(text, self._suggestions) or " (write an ISO country code like DE, a country's name, or a region like EU or worldwide)"
        )


# Cached for the process's life: a pure function of the installed library's data file, needed
# in every worker that parses postings, which cannot share the pipeline's objects. What a build
# resolves from it is kept in the site model (site.ApplyFrom), once per build.
@cache
def places() -> Places:
    """The one table of countries and regions of this process."""
    # find_spec locates the package without importing it (importing it imports pandas).
    spec = find_spec("country_converter")
    folder = Path(next(iter(spec.submodule_search_locations)))
    with open(folder / "country_data.tsv", encoding="utf-8", newline="") as data:
        return Places(list(csv.DictReader(data, delimiter="\t")))
