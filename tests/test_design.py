"""Look and feel without a browser: salary chart numbers, relative dates, monograms, similar jobs."""

import datetime as dt
import re

import pytest

from conftest import FIXTURE, FIXTURE_NOW, ROOT
from jobsite.render import charts, display
from jobsite.config import load_config
from jobsite.content.reader import read_content
from jobsite.content.models import Posting, Salary
from jobsite.render.related import similar_postings
from jobsite.site import assemble

STYLE = ROOT / "templates" / "assets" / "style.css"


@pytest.fixture(scope="module")
def site():
    config = load_config(FIXTURE, now=FIXTURE_NOW)
    return assemble(config, read_content(config))


def read(folder, rel):
    return (folder / rel).read_text(encoding="utf-8")


# Salary charts --------------------------------------------------------------------------------

def test_company_ranges_are_annualised_bars_on_a_round_axis(site):
    (usd,) = charts.salary_ranges(site.open_by_company["acme"])
    assert usd.currency == "USD" and usd.currency_name == "US dollars"
    assert (usd.axis.low, usd.axis.high) == (80_000, 160_000)
    assert usd.axis.ticks == (80_000, 100_000, 120_000, 140_000, 160_000)
    assert usd.axis.labels == ("80K", "100K", "120K", "140K", "160K")
    # The hourly contractor's $40–$55.50 is 2,080 hours a year; the closed role is left out.
    assert [(b.title, b.low, b.high, b.text, b.as_posted) for b in usd.bars] == [
        ("Hourly QA Contractor", 83_200, 115_440, "$83K–$115K", "$40–$55.50 /hr"),
        ("Remote Python Developer", 120_000, 160_000, "$120K–$160K", "$120K–$160K /yr"),
    ]
    assert [(usd.axis.percent(b.low), usd.axis.percent(b.high)) for b in usd.bars] == [(4.0, 44.3), (50.0, 100.0)]


# The ECB's reference rates of 2 June 2025 (the fixture's rates_date), per euro.
ECB_PER_EUR = {"USD": 1.1419, "GBP": 0.8434}


def test_site_distribution_is_in_the_base_currency_with_median(site):
    (usd,) = charts.salary_distributions(site.open, site.rates)
    # Midpoints: $140,000 (remote developer), $99,320 (hourly contractor, annualised), and in
    # dollars at the ECB's rates €80,000 (data scientist) and £57,500 (designer).
    mids = sorted([140_000, 99_320, 80_000 * ECB_PER_EUR["USD"], 57_500 * ECB_PER_EUR["USD"] / ECB_PER_EUR["GBP"]])
    median = (mids[1] + mids[2]) / 2
    assert (usd.currency, usd.count, usd.median_text) == ("USD", 4, f"${round(median):,}")
    assert usd.median == pytest.approx(median)
    assert [(b.low, b.high, b.count) for b in usd.bins] == [
        (70_000, 80_000, 1), (80_000, 90_000, 0), (90_000, 100_000, 2), (100_000, 110_000, 0),
        (110_000, 120_000, 0), (120_000, 130_000, 0), (130_000, 140_000, 0), (140_000, 150_000, 1),
    ]


def test_a_currency_without_a_rate_gets_its_own_distribution(site):
    from jobsite.content.rates import Rates

    dollars_only = Rates("USD", None, (("USD", 1.0),), missing=("EUR", "GBP"))
    usd, eur, gbp = charts.salary_distributions(site.open, dollars_only)
    assert (usd.currency, usd.count, usd.median_text) == ("USD", 2, "$119,660")
    # A lone salary gets empty neighbouring bins so it reads as a point, not a wall.
    assert (eur.median_text, [(b.low, b.count) for b in eur.bins]) == ("€80,000", [(75_000, 0), (80_000, 1), (85_000, 0)])
    assert (gbp.median_text, [(b.low, b.count) for b in gbp.bins]) == ("£57,500", [(50_000, 0), (55_000, 1), (60_000, 0)])


def test_postings_without_salary_are_not_charted(site):
    writer = [p for p in site.open if p.slug == "no-salary-writer"]
    assert charts.salary_ranges(writer) == () and charts.salary_distributions(writer, site.rates) == ()


@pytest.mark.parametrize("span, step", [(40_680, 20_000), (76_800, 20_000), (9_000, 2_500), (1, 0.25), (0, 1)])
def test_nice_step_is_a_round_number(span, step):
    assert charts.nice_step(span) == step


def test_chart_svg_has_a_text_alternative_and_escapes_titles(site):
    hostile = Posting(
        slug="x", source="content/jobs/x.md", title='<script>alert("x")</script> & co', company="acme",
        locations=(), remote=True, remote_regions=(), employment_type="full-time",
        salary=Salary(100, 200, "USD", "day"), posted=FIXTURE_NOW, expires=None,
        apply_url="https://example.com", tags=(), draft=False, aliases=(), body_html="", words=0,
    )
    (chart,) = charts.salary_ranges([hostile])
    svg = str(chart.svg())
    assert svg.startswith('<svg class="chart" width="100%" height="74" role="img" aria-labelledby="ranges-usd-title ranges-usd-desc"')
    assert '<title id="ranges-usd-title">Salary ranges of open roles in US dollars, per year</title>' in svg
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co: $26K–$52K a year." in svg
    assert "<script>" not in svg
    (spread,) = charts.salary_distributions([hostile], site.rates)
    assert "Median $39,000 a year." in str(spread.svg())


# Relative dates and monograms -----------------------------------------------------------------

@pytest.mark.parametrize("days, text", [(0, "today"), (1, "yesterday"), (2, "2 days ago"), (31, "31 days ago"), (-3, "today")])
def test_posted_ago(days, text):
    assert display.posted_ago(FIXTURE_NOW - dt.timedelta(days=days), FIXTURE_NOW) == text


@pytest.mark.parametrize("days, text", [
    (0, "closes today"), (1, "closes in 1 day"), (47, "closes in 47 days"),
    (-1, "closed yesterday"), (-15, "closed 15 days ago"),
])
def test_closes_in(days, text):
    assert display.closes_in(FIXTURE_NOW + dt.timedelta(days=days), FIXTURE_NOW) == text


@pytest.mark.parametrize("name, initials", [("Acme Corp", "AC"), ("Globex", "G"), ("foxglove labs inc", "FL"), ("--", "-")])
def test_monogram_initials(name, initials):
    assert display.monogram_initials(name) == initials


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_monogram_colours_are_stable_and_pass_aa_with_white_text():
    assert display.monogram_class("acme") == "mono-3"
    assert display.monogram_class("initech") == "mono-4"
    css = STYLE.read_text(encoding="utf-8")
    for i, colour in enumerate(display.MONOGRAM_COLOURS):
        assert f".mono-{i}{{background:{colour}}}" in css
        assert 1.05 / (_luminance(colour) + 0.05) >= 4.5, colour


# Similar jobs ---------------------------------------------------------------------------------

def test_similar_jobs_share_tags_or_company_and_are_open(site):
    by_slug = {p.slug: p for p in site.published}
    similar = similar_postings(by_slug["remote-python-dev"], site.open)
    # Shares `python` first, then the same company; never itself or the closed acme role.
    assert [p.slug for p in similar] == ["hybrid-data-scientist", "hourly-contractor"]
    assert [p.slug for p in similar_postings(by_slug["closed-engineer"], site.open)] == [
        "remote-python-dev", "hybrid-data-scientist", "hourly-contractor",
    ]
    assert [p.slug for p in similar_postings(by_slug["no-salary-writer"], site.open)] == ["hybrid-data-scientist"]
    # Initech's other role is a draft: nothing is similar to the designer.
    assert similar_postings(by_slug["onsite-designer"], site.open) == ()


# Built pages ----------------------------------------------------------------------------------

def test_salaries_page_is_linked_and_states_medians(built_fixture):
    html = read(built_fixture, "salaries/index.html")
    assert html.count("<h1>") == 1
    assert "Median <strong>$95,336</strong> a year, across 4 postings." in html
    assert '<th scope="row">$90K–$100K</th><td>2</td>' in html
    assert "converted to US dollars at the European Central Bank&#39;s reference rates of June 2, 2025." in html
    assert 'href="/salaries/"' in read(built_fixture, "index.html")


def test_company_and_tag_pages_carry_their_charts(built_fixture):
    acme = read(built_fixture, "companies/acme/index.html")
    assert 'aria-labelledby="ranges-usd-title ranges-usd-desc"' in acme
    assert "Hourly QA Contractor: $83K–$115K a year; Remote Python Developer: $120K–$160K a year." in acme
    python = read(built_fixture, "tags/python/index.html")
    assert "Median <strong>$115,676</strong> a year, across 2 postings" in python
    # A company with no salaried open role gets no empty chart.
    assert "<svg" not in read(built_fixture, "tags/docs/index.html").split("</header>", 1)[1]


def test_posting_dates_and_similar_jobs(built_fixture):
    html = read(built_fixture, "jobs/remote-python-dev/index.html")
    assert '<span class="when">(5 days ago)</span>' in html
    assert '<span class="when">(closes in 47 days)</span>' in html
    article, _, after = html.partition("</article>")
    assert "Similar jobs" not in article
    assert re.search(r'<aside class="similar" aria-labelledby="similar-heading">', after)
    assert after.index('href="/jobs/hybrid-data-scientist/"') < after.index('href="/jobs/hourly-contractor/"')


def test_relative_dates_follow_now(scratch):
    scratch.build(now=dt.date(2026, 7, 31))
    html = read(scratch.output, "jobs/remote-python-dev/index.html")
    assert "(51 days ago)" in html and "(closes in 1 day)" in html
    home = read(scratch.output, "index.html")
    assert "Posted <time datetime=\"2026-06-10\" title=\"Jun 10, 2026\">51 days ago</time>" in home


def test_cards_show_a_monogram_or_logo(built_fixture):
    acme = read(built_fixture, "companies/acme/index.html")
    assert '<span class="logo monogram mono-3" role="img" aria-label="Acme Corp logo">AC</span>' in acme
    assert '<span class="logo monogram mono-3" aria-hidden="true">AC</span>' in acme
    # Classes, not style attributes: the site's Content-Security-Policy has no 'unsafe-inline'.
    assert " style=" not in acme
    globex = read(built_fixture, "companies/globex/index.html")
    assert '<img class="logo" src="https://globex.example.com/logo.png" alt="Globex logo"' in globex


def test_stylesheet_stays_small():
    assert STYLE.stat().st_size < 15_000


@pytest.mark.parametrize(
    ("page", "current"),
    [
        ("index.html", "Jobs"),
        ("companies/index.html", "Companies"),
        ("companies/acme/index.html", "Companies"),
        ("salaries/index.html", "Salaries"),
        ("tags/python/index.html", "Tags"),
        ("locations/index.html", "Locations"),
        ("jobs/remote-python-dev/index.html", None),
        ("search/index.html", None),
    ],
)
def test_the_menu_marks_the_part_of_the_site_a_page_is_in(built_fixture, page, current):
    # The header is rendered once per part of the site, not per page: each part must still get its own.
    html = (built_fixture / page).read_text(encoding="utf-8")
    header = html[html.index('<header class="site-header">'):html.index("</header>")]
    marked = re.findall(r'aria-current="page">([^<]+)<', header)
    assert marked == ([current] if current else [])
    # The search page has its own, fuller form instead of the header's.
    assert ('class="header-search"' in header) == (page != "search/index.html")
