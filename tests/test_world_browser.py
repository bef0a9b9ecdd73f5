"""A board paying in five currencies, searched in real Chromium: salary sort and bands in the base currency."""

from __future__ import annotations

import pytest

from conftest import serve_folder, screenshot
from jobsite.build import build
from jobsite.config import load_config
from test_currency import NOW, PAY, WORLD, in_dollars
from test_search_browser import facet_box, search_page, titles, wait_idle

pytestmark = pytest.mark.browser

TITLES = {
    "usd-backend": "Backend Engineer", "usd-support": "Support Engineer", "eur-platform": "Platform Engineer",
    "eur-analyst": "Data Analyst", "gbp-data": "Data Engineer", "gbp-design": "Product Designer",
    "jpy-ml": "Machine Learning Engineer", "jpy-qa": "QA Engineer", "inr-sre": "Site Reliability Engineer",
    "inr-dev": "Android Developer", "kes-mobile": "Mobile Engineer", "latam-designer": "Visual Designer",
    "na-manager": "Engineering Manager",
}


@pytest.fixture(scope="module")
def world_url(tmp_path_factory):
    out = tmp_path_factory.mktemp("world-browser")
    build(load_config(WORLD, output=out, now=NOW))
    url, server = serve_folder(out)
    yield url
    server.shutdown()


def test_salary_sort_and_the_100k_band_use_converted_annual_pay(page, world_url):
    search_page(page, world_url, "?sort=salary")
    by_pay = sorted(PAY, key=lambda slug: -in_dollars(*PAY[slug]))
    # The naira posting has no rate: it sorts by its own 40M, so first; no salary sorts last.
    assert titles(page) == ["Operations Lead", *(TITLES[s] for s in by_pay), "Technical Writer"]
    facet_box(page, "band", "$100K+").check()
    wait_idle(page)
    reach = {TITLES[s] for s in PAY if in_dollars(*PAY[s]) >= 100_000}
    assert set(titles(page)) == reach
    # One list of dollar bands, lowest first, then the currency without a rate.
    bands = page.locator('#search-facets input[name="band"]').evaluate_all("boxes => boxes.map(b => b.value)")
    assert bands == ["$50K+", "$75K+", "$100K+", "$150K+", "NGN 2M+", "NGN 5M+", "NGN 10M+", "NGN 20M+"]
    assert "≈ $80K–$100K" in page.locator("#search-results").inner_text()
    screenshot(page, "search-world-100k-band")
    assert page.console_errors == []


def test_choosing_a_country_in_can_apply_from_finds_the_jobs_open_to_it(page, world_url):
    search_page(page, world_url)
    box = facet_box(page, "country", "DE")
    assert page.locator(f'label[for="{box.get_attribute("id")}"] .facet-name').inner_text() == "Germany"
    box.check()
    wait_idle(page)
    # In Germany, remote from the EU, Europe or EMEA, and remote from anywhere.
    assert sorted(titles(page)) == ["Data Analyst", "Mobile Engineer", "Platform Engineer", "Product Designer", "Site Reliability Engineer"]
    assert "country=DE" in page.url
    screenshot(page, "search-world-apply-from-de")
    assert page.console_errors == []
