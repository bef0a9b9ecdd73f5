"""Pure salary logic: annualising, badge text via Babel, and search bands."""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale

from babel.numbers import (
    format_compact_currency,
    format_currency,
    get_currency_name,
    get_currency_symbol,
)

from ..content.models import Salary

# Working time behind "annualised": 40 h x 52 weeks, 5 days x 52 weeks.
ANNUAL_FACTOR = {"hour": 2080, "day": 260, "week": 52, "month": 12, "year": 1}
PERIOD_SHORT = {"hour": "/hr", "day": "/day", "week": "/wk", "month": "/mo", "year": "/yr"}
PERIOD_WORDS = {"hour": "per hour", "day": "per day", "week": "per week", "month": "per month", "year": "per year"}

# Cumulative search bands ("USD 100K+") on the annualised maximum, in the currency's own units.
# Currencies not listed get bands at 1, 2 and 5 times the powers of ten (see band_labels).
BANDS = {
    cur: (50_000, 75_000, 100_000, 150_000, 200_000, 300_000)
    for cur in ("USD", "EUR", "GBP", "CAD", "AUD", "CHF", "NZD", "SGD", "IEP")
}


def annual(salary: Salary) -> tuple[float, float]:
    """The range scaled to a year of full-time work."""
    factor = ANNUAL_FACTOR[salary.period]
    return salary.min * factor, salary.max * factor


# Babel is slow, and salaries share most figures (the benchmark's 4,000 postings: 4,362, 469 distinct).
@lru_cache(maxsize=8192)
def _amount(value: float, currency: str, locale: str) -> str:
    # Compact form ($148K) for yearly-sized figures; exact form ($45, $45.50) for small ones.
    # Some locales (German) have no compact thousands: Babel then prints raw digits, so we
    # fall back to the grouped exact form (60.000 €).
    if value >= 10_000:
        compact = format_compact_currency(value, currency, locale=locale, fraction_digits=0)
        if sum(c.isdigit() for c in compact) < len(str(int(value))):
            return compact
    return _exact(value, currency, locale)


def _exact(value: float, currency: str, locale: str) -> str:
    pattern = Locale.parse(locale).currency_formats["standard"].pattern
    if float(value).is_integer():
        pattern = re.sub(r"\.0+", "", pattern)  # $45, not $45.00
    return format_currency(value, currency, format=pattern, locale=locale, currency_digits=False)


@lru_cache(maxsize=4096)
def badge_text(salary: Salary, locale: str = "en_US") -> str:
    """Compact badge text, e.g. `$148K–$304K /yr` or `€60K /yr` for a single figure."""
    low = _amount(salary.min, salary.currency, locale)
    high = _amount(salary.max, salary.currency, locale)
    amount = low if low == high else f"{low}–{high}"
    return f"{amount} {PERIOD_SHORT[salary.period]}"


@lru_cache(maxsize=4096)
def spoken_text(salary: Salary, locale: str = "en_US") -> str:
    """Full figures for screen readers: `148,049 to 304,496 US dollars per year`."""
    def full(value: float) -> str:
        pattern = "#,##0" if float(value).is_integer() else "#,##0.00"
        return format_currency(value, salary.currency, format=pattern, locale=locale, currency_digits=False).strip()

    name = get_currency_name(salary.currency, count=2, locale=locale)
    amount = full(salary.min) if salary.min == salary.max else f"{full(salary.min)} to {full(salary.max)}"
    return f"{amount} {name} {PERIOD_WORDS[salary.period]}"


def band_labels(salary: Salary) -> list[str]:
    """Every cumulative band the annualised maximum reaches: `USD 100K+`, `USD 150K+`, ..."""
    top = annual(salary)[1]
    thresholds = BANDS.get(salary.currency) or _generic_bands(top)
    return [f"{salary.currency} {_short(t)}+" for t in thresholds if top >= t]


def _generic_bands(top: float) -> tuple[int, ...]:
    steps = []
    power = 1_000
    while power <= max(top, 1_000):
        steps += [power, 2 * power, 5 * power]
        power *= 10
    # Keep the few bands near the top so the filter list stays short.
    return tuple(s for s in steps if s >= top / 20)


def _short(value: int) -> str:
    if value >= 1_000_000 and value % 1_000_000 == 0:
        return f"{value // 1_000_000}M"
    return f"{value // 1_000}K"


def currency_symbol(currency: str, locale: str = "en_US") -> str:
    """The symbol Babel uses for the currency in the locale (`$`, `€`, `CA$`)."""
    return get_currency_symbol(currency, locale=locale)


# What a posting without pay shows wherever the pay would be: badge, search result, feed entry.
NOT_LISTED = "Salary not listed"


def badge_or_not_listed(salary: Salary | None, locale: str = "en_US") -> str:
    """The badge text, or `Salary not listed`."""
    return badge_text(salary, locale) if salary else NOT_LISTED


def spoken_or_not_listed(salary: Salary | None, locale: str = "en_US") -> str:
    """The spoken text, or `Salary not listed`."""
    return spoken_text(salary, locale) if salary else NOT_LISTED
