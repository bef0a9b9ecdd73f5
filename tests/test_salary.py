"""Salary badges, spoken text, annualising and search bands: pure functions."""

import pytest

from jobsite.content.models import Salary
from jobsite.render.salary import annual, badge_text, band_labels, spoken_text


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
    assert band_labels(Salary(148049, 304496, "USD", "year")) == [
        "USD 50K+", "USD 75K+", "USD 100K+", "USD 150K+", "USD 200K+", "USD 300K+",
    ]
    assert band_labels(Salary(45, 60, "USD", "hour")) == ["USD 50K+", "USD 75K+", "USD 100K+"]
    assert band_labels(Salary(30000, 40000, "GBP", "year")) == []


def test_bands_for_other_currencies_scale_with_the_amount():
    labels = band_labels(Salary(5_000_000, 8_000_000, "JPY", "year"))
    assert labels[-1] == "JPY 5M+"
    assert all(label.startswith("JPY ") and label.endswith("+") for label in labels)
