"""Pay compared across currencies: [currency] settings, ECB rates, salary sort, bands, badges, jobs.json."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from conftest import ROOT
from jobsite.build import build
from jobsite.check import find_problems
from jobsite.config import load_config, locale_currency
from jobsite.content import rates as rates_module
from jobsite.content.reader import read_content
from jobsite.errors import BuildFailed
from jobsite.site import assemble

WORLD = ROOT / "tests" / "fixtures" / "world"
NOW = dt.date(2026, 6, 15)
# The ECB's reference rates of 2 June 2025 (the board's rates_date), per euro, as published;
# KES is the board's own rate, in dollars per shilling. NGN has no rate at all.
PER_EUR = {"EUR": 1.0, "USD": 1.1419, "GBP": 0.8434, "JPY": 162.98, "INR": 97.4995}
HOURS, MONTHS = 2080, 12
# (slug, annual maximum in its own currency, currency) of every salaried open posting.
PAY = {
    "usd-backend": (120_000, "USD"), "usd-support": (45 * HOURS, "USD"),
    "eur-platform": (88_000, "EUR"), "eur-analyst": (85_000, "EUR"),
    "gbp-data": (6_500 * MONTHS, "GBP"), "gbp-design": (70_000, "GBP"),
    "jpy-ml": (15_000_000, "JPY"), "jpy-qa": (9_000_000, "JPY"),
    "inr-sre": (9_000_000, "INR"), "inr-dev": (3_500_000, "INR"),
    "kes-mobile": (14_000_000, "KES"), "latam-designer": (60_000, "USD"), "na-manager": (180_000, "USD"),
}


def in_dollars(amount: float, currency: str) -> float:
    """Computed here from the published figures, not with jobsite's code."""
    if currency == "KES":
        return amount * 0.0077
    return amount / PER_EUR[currency] * PER_EUR["USD"]


@pytest.fixture(scope="module")
def world_site():
    config = load_config(WORLD, now=NOW)
    return assemble(config, read_content(config))


@pytest.fixture(scope="module")
def built_world(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("world-public")
    build(load_config(WORLD, output=out, now=NOW))
    return out


def pagefind(html: str, kind: str, key: str) -> list[str]:
    return re.findall(rf'data-pagefind-{kind}="{key}\[data-value\]" data-value="([^"]*)"', html)


def test_salary_sort_orders_by_converted_annual_pay(built_world):
    sort_keys = {}
    for slug in [*PAY, "ngn-ops", "americas-writer"]:
        html = (built_world / "jobs" / slug / "index.html").read_text(encoding="utf-8")
        (value,) = pagefind(html, "sort", "salary")
        sort_keys[slug] = int(value)
    expected = {slug: round(in_dollars(*PAY[slug])) for slug in PAY}
    assert {slug: sort_keys[slug] for slug in PAY} == expected
    by_key = sorted(PAY, key=lambda s: -sort_keys[s])
    assert by_key == sorted(PAY, key=lambda s: -in_dollars(*PAY[s]))
    # ¥15M is about $105K: it sorts below the $120K role, not first as a bare number would.
    assert by_key.index("jpy-ml") > by_key.index("usd-backend")
    # Without a rate a posting sorts by its own figures, as before; without pay it sorts last.
    assert (sort_keys["ngn-ops"], sort_keys["americas-writer"]) == (40_000_000, 0)


def test_the_100k_band_holds_exactly_the_postings_whose_converted_maximum_reaches_it(built_world):
    holders = set()
    for slug in PAY:
        html = (built_world / "jobs" / slug / "index.html").read_text(encoding="utf-8")
        if "$100K+" in pagefind(html, "filter", "band"):
            holders.add(slug)
    assert holders == {slug for slug in PAY if in_dollars(*PAY[slug]) >= 100_000}
    # The cases a bare-number comparison gets wrong: €88K, £78K and ₹9M reach it; ¥9M does not.
    assert {"eur-platform", "gbp-data", "inr-sre"} <= holders and "jpy-qa" not in holders
    ngn = (built_world / "jobs/ngn-ops/index.html").read_text(encoding="utf-8")
    assert pagefind(ngn, "filter", "band") == ["NGN 2M+", "NGN 5M+", "NGN 10M+", "NGN 20M+"]


def test_cards_and_pages_keep_the_original_figures_and_add_the_base_currency(built_world):
    page = (built_world / "jobs/eur-platform/index.html").read_text(encoding="utf-8")
    # €70K–€88K at 1.1419 dollars per euro.
    assert '<span aria-hidden="true"><span>€70K–€88K /yr</span> <span>· ≈ $80K–$100K</span></span>' in page
    assert "70,000 to 88,000 euros per year, about 79,933 to 100,487 US dollars" in page
    home = (built_world / "index.html").read_text(encoding="utf-8")
    assert "<span>₹6M–₹9M /yr</span> <span>· ≈ $76K–$105K</span>" in (built_world / "page/2/index.html").read_text(encoding="utf-8") + home
    dollars = (built_world / "jobs/usd-backend/index.html").read_text(encoding="utf-8")
    assert '<span aria-hidden="true"><span>$90K–$120K /yr</span></span>' in dollars and "≈" not in dollars
    salaries = (built_world / "salaries/index.html").read_text(encoding="utf-8")
    assert ("Pay in other currencies is converted to US dollars at the European Central Bank&#39;s reference rates"
            " of June 2, 2025 and the board&#39;s own rate for KES. NGN has no rate and is shown on its own.") in salaries


def test_jobs_json_carries_annual_pay_in_the_base_currency_and_the_rates_day(built_world):
    data = json.loads((built_world / "jobs.json").read_text(encoding="utf-8"))
    assert data["currency"] == {"base": "USD", "rates_date": "2025-06-02"}
    jobs = {job["slug"]: job for job in data["jobs"]}
    gbp = jobs["gbp-data"]["salary"]["annual_base"]
    assert (gbp["currency"], gbp["rates_date"]) == ("USD", "2025-06-02")
    assert gbp["max"] == pytest.approx(in_dollars(78_000, "GBP"), abs=0.01)
    assert jobs["kes-mobile"]["salary"]["annual_base"]["rates_date"] is None  # the board's own rate
    assert jobs["ngn-ops"]["salary"]["annual_base"] is None


def test_a_currency_without_a_rate_is_a_warning(world_site):
    problems, _ = find_problems(world_site.config)
    messages = [str(p) for p in problems if p.field == "salary.currency"]
    assert messages == [
        "content/jobs/ngn-ops.md:5: salary.currency: no exchange rate for NGN on 2025-06-02; it is compared in NGN, "
        "apart from the others; add [currency] rates = { NGN = ... } (one NGN in USD) to jobsite.toml",
    ]
    assert world_site.rates.missing == ("NGN",)


def test_a_weekend_day_takes_the_last_published_rates(scratch):
    text = (scratch.root / "jobsite.toml").read_text().replace("2025-06-02", "2025-06-01")
    scratch.write("jobsite.toml", text)
    config = scratch.config()
    rates = read_content(config).rates
    assert rates.date == dt.date(2025, 5, 30)  # a Friday
    assert rates.rate("EUR") == pytest.approx(1.1339)


def test_rates_are_read_once_then_come_from_the_content_cache(scratch, monkeypatch):
    config = scratch.config()
    first = read_content(config).rates

    def never(*args):
        raise AssertionError("the ECB file was read again")
    monkeypatch.setattr(rates_module, "_read_ecb", never)
    assert read_content(config).rates == first


def test_base_currency_defaults_to_the_locales(empty_site):
    assert [locale_currency(x) for x in ("en_US", "de_DE", "en_GB", "ja_JP", "fr_CH", "de")] == ["USD", "EUR", "GBP", "JPY", "CHF", "EUR"]
    empty_site.write("jobsite.toml", 'locale = "de_DE"\n')
    assert empty_site.config().currency.base == "EUR"


def test_currency_settings_are_checked_with_their_lines(empty_site):
    empty_site.write("jobsite.toml", (
        'title = "x"\n'
        "[currency]\n"
        'base = "DOLLARS"\n'
        'rates_date = "last week"\n'
        "rates = { XYZ = 0.5, KES = -1 }\n"
        "ratez = 1\n"
    ))
    with pytest.raises(BuildFailed) as caught:
        empty_site.config()
    assert sorted(str(e) for e in caught.value.errors) == [
        "jobsite.toml:3: currency.base: unknown currency 'DOLLARS' (use an ISO 4217 code such as USD, EUR or GBP)",
        "jobsite.toml:4: currency.rates_date: must be a date like 2025-06-02, not 'last week'",
        "jobsite.toml:5: currency.rates.KES: must be a positive number (one KES in the base currency), not -1",
        "jobsite.toml:5: currency.rates.XYZ: unknown currency 'XYZ' (use an ISO 4217 code)",
        "jobsite.toml:6: currency.ratez: unknown key (did you mean 'rates'?)",
    ]
