"""Salary badges, spoken text, annualising and search bands: pure functions."""

import pytest

from jobsite.content.models import Salary
from jobsite.content.rates import Rates
from jobsite.render.salary import annual, annual_pay_in_base, approx_text, badge_text, band_labels, band_order, spoken_approx, spoken_text

# A board in US dollars that knows the euro's rate only.
USD_EUR = Rates("USD", None, (("EUR", 1.1), ("USD", 1.0)), missing=("GBP", "JPY"))


@pytest.mark.parametrize(
    ("salary", "badge"),
    [
        (Salary(148049, 304496, "USD", "year"), "$148K–$304K /yr"),
        (Salary(60000, 80000, "EUR", "year"), "€60K–€80K /yr"),
        (Salary(45000, 55000, "GBP", "year"), "£45K–£55K /yr"),
        (Salary(45, 60, "USD", "hour"), "$45–$60 /hr"),
        (Salary(45.5, 60, "USD", "hour"), "$45.50–$60 /hr"),
        (Salary(550, 650, "EUR", "day"), "€550–€650 /day"),
        (Salary(7500, 7500, "USD", "month"), "$7,500 /mo"),
        (Salary(2000, 2500, "USD", "week"), "$2,000–$2,500 /wk"),
        (Salary(90000, 110000, "CAD", "year"), "CA$90K–CA$110K /yr"),
    ],
)
def test_badge_text(salary, badge):
    assert badge_text(salary) == badge


def test_badge_follows_locale():
    # German has no compact thousands in CLDR, so the grouped figure is shown.
    assert badge_text(Salary(60000, 80000, "EUR", "year"), "de_DE") == "60.000\xa0€–80.000\xa0€ /yr"
    assert badge_text(Salary(148049, 304496, "EUR", "year"), "fr_FR") == "148\xa0k\xa0€–304\xa0k\xa0€ /yr"
    assert badge_text(Salary(45.5, 60, "EUR", "hour"), "de_DE") == "45,50\xa0€–60\xa0€ /hr"


def test_spoken_text_has_full_figures():
    assert spoken_text(Salary(148049, 304496, "USD", "year")) == "148,049 to 304,496 US dollars per year"
    assert spoken_text(Salary(45.5, 45.5, "USD", "hour")) == "45.50 US dollars per hour"


@pytest.mark.parametrize(
    ("salary", "expected"),
    [
        (Salary(45, 60, "USD", "hour"), (93600, 124800)),
        (Salary(550, 650, "EUR", "day"), (143000, 169000)),
        (Salary(2000, 2500, "USD", "week"), (104000, 130000)),
        (Salary(7500, 7500, "USD", "month"), (90000, 90000)),
        (Salary(1, 2, "USD", "year"), (1, 2)),
    ],
)
def test_annual(salary, expected):
    assert annual(salary) == expected


def test_bands_are_cumulative_on_annual_maximum():
    assert band_labels(Salary(148049, 304496, "USD", "year"), USD_EUR) == [
        "$50K+", "$75K+", "$100K+", "$150K+", "$200K+", "$300K+",
    ]
    assert band_labels(Salary(45, 60, "USD", "hour"), USD_EUR) == ["$50K+", "$75K+", "$100K+"]
    assert band_labels(Salary(30000, 40000, "USD", "year"), USD_EUR) == []


def test_bands_are_in_the_base_currency_wherever_there_is_a_rate():
    # €91K x 1.1 = $100,100 a year: in the $100K+ band, which €91K unconverted would miss.
    assert band_labels(Salary(80000, 91000, "EUR", "year"), USD_EUR) == ["$50K+", "$75K+", "$100K+"]
    assert annual_pay_in_base(Salary(5000, 7000, "EUR", "month"), USD_EUR) == pytest.approx((66000, 92400))
    assert annual_pay_in_base(Salary(50000, 70000, "GBP", "year"), USD_EUR) is None


def test_bands_without_a_rate_stay_in_their_own_currency():
    assert band_labels(Salary(30000, 40000, "GBP", "year"), USD_EUR) == []
    labels = band_labels(Salary(5_000_000, 8_000_000, "JPY", "year"), USD_EUR)
    assert labels[-1] == "JPY 5M+"
    assert all(label.startswith("JPY ") and label.endswith("+") for label in labels)


def test_bands_list_the_base_currency_first_then_by_amount():
    labels = ["NGN 10M+", "$100K+", "NGN 2M+", "$50K+", "75.000 €+", "$1M+", "ARS 5M+"]
    assert sorted(labels, key=band_order) == ["$50K+", "75.000 €+", "$100K+", "$1M+", "ARS 5M+", "NGN 2M+", "NGN 10M+"]


def test_approximate_pay_in_the_base_currency_keeps_the_period():
    assert approx_text(Salary(60000, 80000, "EUR", "year"), USD_EUR) == "≈ $66K–$88K"
    assert approx_text(Salary(40, 50, "EUR", "hour"), USD_EUR) == "≈ $44–$55"
    assert spoken_approx(Salary(40, 50, "EUR", "hour"), USD_EUR) == "about 44 to 55 US dollars"
    # Nothing to add when the posting pays in the base currency or there is no rate.
    assert approx_text(Salary(60000, 80000, "USD", "year"), USD_EUR) == ""
    assert approx_text(Salary(60000, 80000, "GBP", "year"), USD_EUR) == ""
