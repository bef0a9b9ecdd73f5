"""Pure salary logic: annualising, converting to the base currency, badge text via Babel, and search bands."""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale
from babel.dates import format_date

from babel.numbers import (
    format_compact_currency,
    format_currency,
    get_currency_name,
    get_currency_symbol,
)

from ..content.models import Salary
from ..content.rates import Rates

# Working time behind "annualised": 40 h x 52 weeks, 5 days x 52 weeks.
ANNUAL_FACTOR = {"hour": 2080, "day": 260, "week": 52, "month": 12, "year": 1}
PERIOD_SHORT = {"hour": "/hr", "day": "/day", "week": "/wk", "month": "/mo", "year": "/yr"}
PERIOD_WORDS = {"hour": "per hour", "day": "per day", "week": "per week", "month": "per month", "year": "per year"}

# Cumulative search bands ("$100K+") on the annualised maximum in the base currency (in a
# posting's own currency when it has no rate: "NGN 20M+").
# Currencies not listed get bands at 1, 2 and 5 times the powers of ten (see band_labels).
BANDS = {
    cur: (50_000, 75_000, 100_000, 150_000, 200_000, 300_000)
    for cur in ("USD", "EUR", "GBP", "CAD", "AUD", "CHF", "NZD", "SGD", "IEP")
}


def annual(salary: Salary) -> tuple[float, float]:
    """The range scaled to a year of full-time work."""
    factor = ANNUAL_FACTOR[salary.period]
    return salary.min * factor, salary.max * factor


def annual_pay_in_base(salary: Salary, rates: Rates) -> tuple[float, float] | None:
    """The range per year in the base currency, or None when its currency has no rate."""
    rate = rates.rate(salary.currency)
    if rate is None:
        return None
    low, high = annual(salary)
    return low * rate, high * rate


def comparable_pay(salary: Salary, rates: Rates) -> tuple[str, float, float]:
    """(currency, annual min, annual max) that pay is compared by: the base currency where
    there is a rate, else the posting's own, so salary sort, bands and charts agree."""
    converted = annual_pay_in_base(salary, rates)
    if converted is None:
        return (salary.currency, *annual(salary))
    return (rates.base, *converted)


# Babel is slow, and salaries share most figures (the benchmark's 4,000 postings: 4,362, 469 distinct).
@lru_cache(maxsize=8192)
def _amount(value: float, currency: str, locale: Locale | str) -> str:
    # Compact form ($148K) for yearly-sized figures; exact form ($45, $45.50) for small ones.
    # Some locales (German) have no compact thousands: Babel then prints raw digits, so we
    # fall back to the grouped exact form (60.000 €).
    if value >= 10_000:
        compact = format_compact_currency(value, currency, locale=locale, fraction_digits=0)
        if sum(c.isdigit() for c in compact) < len(str(int(value))):
            return compact
    return _exact(value, currency, locale)


def _exact(value: float, currency: str, locale: Locale | str) -> str:
    pattern = Locale.parse(locale).currency_formats["standard"].pattern
    if float(value).is_integer():
        pattern = re.sub(r"\.0+", "", pattern)  # $45, not $45.00
    return format_currency(value, currency, format=pattern, locale=locale, currency_digits=False)


@lru_cache(maxsize=4096)
def badge_text(salary: Salary, locale: Locale | str = "en_US") -> str:
    """Compact badge text, e.g. `$148K–$304K /yr` or `€60K /yr` for a single figure."""
    low = _amount(salary.min, salary.currency, locale)
    high = _amount(salary.max, salary.currency, locale)
    amount = low if low == high else f"{low}–{high}"
    return f"{amount} {PERIOD_SHORT[salary.period]}"


@lru_cache(maxsize=4096)
def spoken_text(salary: Salary, locale: Locale | str = "en_US") -> str:
    """Full figures for screen readers: `148,049 to 304,496 US dollars per year`."""
    return f"{_spoken_amount(salary.min, salary.max, salary.currency, locale)} {PERIOD_WORDS[salary.period]}"


@lru_cache(maxsize=8192)
def _spoken_amount(low: float, high: float, currency: str, locale: Locale | str) -> str:
    def full(value: float) -> str:
        pattern = "#,##0" if float(value).is_integer() else "#,##0.00"
        return format_currency(value, currency, format=pattern, locale=locale, currency_digits=False).strip()

    name = currency_name(currency, locale)
    amount = full(low) if low == high else f"{full(low)} to {full(high)}"
    return f"{amount} {name}"


def approx_text(salary: Salary, rates: Rates, locale: Locale | str = "en_US") -> str:
    """`≈ $65K–$87K`: the same figures in the base currency, or "" when it pays in it or has no rate."""
    rate = rates.rate(salary.currency)
    if rate is None or salary.currency == rates.base:
        return ""
    low = _amount(round(salary.min * rate), rates.base, locale)
    high = _amount(round(salary.max * rate), rates.base, locale)
    return "≈ " + (low if low == high else f"{low}–{high}")


def spoken_approx(salary: Salary, rates: Rates, locale: Locale | str = "en_US") -> str:
    """`about 65,000 to 87,000 US dollars`, or "" where approx_text is empty."""
    rate = rates.rate(salary.currency)
    if rate is None or salary.currency == rates.base:
        return ""
    return "about " + _spoken_amount(round(salary.min * rate), round(salary.max * rate), rates.base, locale)


def rates_note(rates: Rates, locale: Locale | str = "en_US") -> str:
    """Which rates converted pay into the base currency, and from which day, in one or two sentences."""
    base = currency_name(rates.base, locale)
    own = [code for code, _ in rates.values if code != rates.base and code not in rates.from_ecb]
    sources = []
    if rates.from_ecb:
        sources.append(f"the European Central Bank's reference rates of {format_date(rates.date, format='long', locale=locale)}")
    if own:
        sources.append(f"the board's own rate for {', '.join(own)}")
    text = f"Pay in other currencies is converted to {base} at {' and '.join(sources)}." if sources else ""
    if rates.missing:
        text += f" {', '.join(rates.missing)} {'has' if len(rates.missing) == 1 else 'have'} no rate and {'is' if len(rates.missing) == 1 else 'are'} shown on its own."
    return text.strip()


def band_labels(salary: Salary, rates: Rates, locale: Locale | str = "en_US") -> list[str]:
    """Every cumulative band the annual maximum reaches: `$100K+`, `$150K+`, ... in the base
    currency; `NGN 20M+`, ... in the posting's own currency when it has no rate."""
    currency, _, top = comparable_pay(salary, rates)
    thresholds = BANDS.get(currency) or _generic_bands(top)
    if currency == rates.base:
        return [f"{_amount(t, currency, locale)}+" for t in thresholds if top >= t]
    return [f"{currency} {_short(t)}+" for t in thresholds if top >= t]


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


@lru_cache(maxsize=256)
def currency_name(currency: str, locale: Locale | str = "en_US") -> str:
    """The currency's plural name in the locale: `US dollars`."""
    return get_currency_name(currency, count=2, locale=locale)


def currency_symbol(currency: str, locale: Locale | str = "en_US") -> str:
    """The symbol Babel uses for the currency in the locale (`$`, `€`, `CA$`)."""
    return get_currency_symbol(currency, locale=locale)


# What a posting without pay shows wherever the pay would be: badge, search result, feed entry.
NOT_LISTED = "Salary not listed"


def badge_or_not_listed(salary: Salary | None, locale: Locale | str = "en_US", rates: Rates | None = None) -> str:
    """The badge text (with `rates`: and ` · ≈ $65K–$87K` where approx_text has one), or `Salary not listed`."""
    if not salary:
        return NOT_LISTED
    approx = approx_text(salary, rates, locale) if rates else ""
    return f"{badge_text(salary, locale)} · {approx}" if approx else badge_text(salary, locale)


def spoken_or_not_listed(salary: Salary | None, locale: Locale | str = "en_US", rates: Rates | None = None) -> str:
    """The spoken text (with `rates`: and `, about 65,000 to 87,000 US dollars`), or `Salary not listed`."""
    if not salary:
        return NOT_LISTED
    approx = spoken_approx(salary, rates, locale) if rates else ""
    return f"{spoken_text(salary, locale)}, {approx}" if approx else spoken_text(salary, locale)


def band_order(label: str) -> tuple[bool, str, float]:
    """Sort key of band labels: the base currency's (`$50K+` < `$100K+`) first, then each
    currency without a rate (`NGN 2M+` < `NGN 10M+`)."""
    match = _BAND_LABEL.match(label)
    if not match:
        return (True, label, 0.0)
    own, digits, unit = match.groups()
    amount = float(re.sub(r"[^\d]", "", digits) or 0) * {"K": 1e3, "M": 1e6}.get(unit, 1)
    return (bool(own), own or "", amount)


# `NGN 20M+` (a currency without a rate) or `$100K+`, `100.000 €+` (the base currency).
_BAND_LABEL = re.compile(r"^(?:([A-Z]{3}) )?\D*?(\d[\d.,\u00a0\u202f]*)\s*([KM]?)\D*\+$")
