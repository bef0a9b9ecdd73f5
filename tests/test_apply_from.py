"""Where applicants may live: remote_regions validated, named, searched by country, followed, in JSON-LD."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest

from jobsite.cli import main
from jobsite.content.regions import places
from test_currency import built_world, pagefind, world_site  # noqa: F401 (fixtures)

# Every world posting, what it says about where applicants may live, and the countries the
# "Can apply from" filter finds it under: the countries some posting names (US, CA, MX, DE,
# GB, IN, JP, NG), not every country a region holds.
WORLD = {
    "usd-support": ("location: Austin, TX, US", {"US"}),
    "eur-analyst": ("location: Berlin, Germany (hybrid)", {"DE"}),
    "inr-dev": ("location: Bengaluru, IN (hybrid)", {"IN"}),
    "jpy-ml": ("location: Tokyo, JP", {"JP"}),
    "ngn-ops": ("location: Lagos, NG", {"NG"}),
    "usd-backend": ("remote_regions: [US, CA, Mexico]", {"US", "CA", "MX"}),
    "gbp-data": ("remote_regions: [UK]", {"GB"}),
    "eur-platform": ("remote_regions: [EU]", {"DE"}),  # the United Kingdom left the Union
    "gbp-design": ("remote_regions: [Europe]", {"DE", "GB"}),
    "kes-mobile": ("remote_regions: [EMEA]", {"DE", "GB", "NG"}),
    "jpy-qa": ("remote_regions: [APAC]", {"IN", "JP"}),
    "latam-designer": ("remote_regions: [LATAM]", {"MX"}),
    "na-manager": ("remote_regions: [North America]", {"US", "CA", "MX"}),
    "americas-writer": ("remote_regions: [Americas]", {"US", "CA", "MX"}),
    "inr-sre": ("remote_regions: [worldwide]", {"US", "CA", "MX", "DE", "GB", "IN", "JP", "NG"}),
}


def finds(country: str) -> set[str]:
    """The postings choosing `country` in the filter must return, from the table above."""
    return {slug for slug, (_, countries) in WORLD.items() if country in countries}


@pytest.mark.parametrize("country", ["US", "CA", "MX", "DE", "GB", "IN", "JP", "NG"])
def test_choosing_a_country_finds_exactly_the_postings_open_to_it(built_world, country):
    found = set()
    for page in (built_world / "jobs").glob("*/index.html"):
        if country in pagefind(page.read_text(encoding="utf-8"), "filter", "country"):
            found.add(page.parent.name)
    assert found == finds(country)


def test_germany_is_the_issue_example(built_world):
    # Located in Germany, remote from the EU, Europe or EMEA, or from anywhere.
    assert finds("DE") == {"eur-analyst", "eur-platform", "gbp-design", "kes-mobile", "inr-sre"}


def test_the_filter_lists_the_countries_postings_name_by_name(world_site):
    assert dict(world_site.apply_from.countries) == {
        "CA": "Canada", "DE": "Germany", "IN": "India", "JP": "Japan", "MX": "Mexico",
        "NG": "Nigeria", "GB": "United Kingdom", "US": "United States",
    }


@pytest.mark.parametrize(("word", "holds", "lacks"), [
    ("EU", {"DE", "FR", "IE", "CY"}, {"GB", "CH", "NO"}),
    ("Europe", {"DE", "GB", "CH", "NO", "UA"}, {"TR", "US"}),
    ("EMEA", {"DE", "GB", "NG", "KE", "ZA", "AE", "IL", "SA"}, {"IN", "US", "JP"}),
    ("APAC", {"JP", "IN", "AU", "NZ", "SG", "CN"}, {"AE", "KZ", "US"}),
    ("LATAM", {"MX", "BR", "AR", "CU"}, {"US", "CA", "ES"}),
    ("North America", {"US", "CA", "MX"}, {"BR", "GB"}),
    ("Americas", {"US", "CA", "MX", "BR", "AR"}, {"ES", "GB"}),
    ("Asia", {"JP", "IN", "CN"}, {"AU", "DE"}),
])
def test_region_words_hold_the_countries_boards_mean(word, holds, lacks):
    region = places().resolve(word)
    assert holds <= region.countries and not lacks & region.countries


@pytest.mark.parametrize(("written", "key"), [
    ("uk", "GB"), ("GB", "GB"), ("Germany", "DE"), ("de", "DE"), ("United States", "US"), ("USA", "US"),
    ("South Korea", "KR"), ("NA", "NA"), ("eu", "EU"), ("europe", "Europe"), ("Anywhere", "worldwide"),
    ("global", "worldwide"), ("Western Europe", "Western Europe"),
])
def test_spellings_authors_write(written, key):
    assert places().resolve(written).key == key


def test_worldwide_holds_every_country():
    world = places().resolve("worldwide")
    assert world.is_worldwide and {"DE", "NG", "BR", "JP", "NZ"} <= world.countries and len(world.countries) > 240


def test_location_countries():
    known = places()
    assert [known.country_of(loc) for loc in ("Berlin, Germany", "San Francisco, CA, US", "Tokyo, JP", "Office: Paris, France", "Springfield")] == [
        "DE", "US", "JP", "FR", None,
    ]


def test_unknown_region_is_an_error_at_its_line_with_a_suggestion(scratch, capsys):
    scratch.posting("misspelt", """
title: Misspelt
company: acme
remote: true
remote_regions:
  - UK
  - Eurpoe
posted: 2026-06-01
apply_url: https://acme.example.com/jobs/misspelt
""")
    scratch.posting("inline", """
title: Inline
company: acme
remote: true
remote_regions: [US, Narnia]
posted: 2026-06-01
apply_url: https://acme.example.com/jobs/inline
""")
    assert main(["build", "--site", str(scratch.root), "--now", "2026-06-15"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "content/jobs/inline.md:5: remote_regions: 'Narnia' is not a country or region jobsite knows (did you mean 'Mauritania'?)",
        "content/jobs/misspelt.md:7: remote_regions: 'Eurpoe' is not a country or region jobsite knows (did you mean 'Europe'?)",
        "Build failed: 2 errors; nothing was written.",
    ]


def test_posting_page_says_where_in_words(built_world):
    def remote_from(slug: str) -> str | None:
        html = (built_world / "jobs" / slug / "index.html").read_text(encoding="utf-8")
        found = re.search(r"<dt>Remote from</dt><dd>([^<]*)</dd>", html)
        return found and found[1]

    assert remote_from("eur-platform") == "European Union"
    assert remote_from("usd-backend") == "United States, Canada, Mexico"
    assert remote_from("gbp-data") == "United Kingdom"
    assert remote_from("kes-mobile") == "Europe, the Middle East and Africa"
    assert remote_from("inr-sre") == "Anywhere"
    assert remote_from("jpy-ml") is None  # not remote


def job_posting(built: Path, slug: str) -> dict:
    html = (built / "jobs" / slug / "index.html").read_text(encoding="utf-8")
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1])


def test_json_ld_names_countries_and_regions(built_world):
    assert job_posting(built_world, "gbp-data")["applicantLocationRequirements"] == {"@type": "Country", "name": "GB"}
    assert job_posting(built_world, "usd-backend")["applicantLocationRequirements"] == [
        {"@type": "Country", "name": code} for code in ("US", "CA", "MX")
    ]
    assert job_posting(built_world, "eur-platform")["applicantLocationRequirements"] == {"@type": "AdministrativeArea", "name": "European Union"}


def test_json_ld_of_a_worldwide_job_requires_no_place(built_world):
    # Google asks for the places applicants must live in; open worldwide there are none.
    data = job_posting(built_world, "inr-sre")
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert "applicantLocationRequirements" not in data and "jobLocation" not in data


def test_search_page_lists_the_facet_at_build_time(built_world):
    html = (built_world / "search/index.html").read_text(encoding="utf-8")
    facet = re.search(r'<fieldset class="facet" data-facet="country">(.*?)</fieldset>', html, re.S)[1]
    assert "<legend>Can apply from</legend>" in facet
    values = re.findall(r'value="([A-Z]{2})".*?<span class="facet-name">([^<]*)</span> <span class="facet-count">\((\d+)\)', facet)
    counts = {code: (name, int(count)) for code, name, count in values}
    assert counts["DE"] == ("Germany", 5) and counts["MX"] == ("Mexico", 5) and counts["NG"] == ("Nigeria", 3)
    assert len(counts) == 8


def test_every_country_has_a_feed_of_exactly_its_postings(built_world):
    for country in ("DE", "GB", "MX"):
        feed = feedparser.parse((built_world / "feeds/country" / f"{country.lower()}.xml").read_bytes())
        assert not feed.bozo
        name = {"DE": "Germany", "GB": "United Kingdom", "MX": "Mexico"}[country]
        assert feed.feed.title.startswith(f"Can apply from: {name} · ")
        assert {entry.link.rstrip("/").rsplit("/", 1)[-1] for entry in feed.entries} == finds(country)


def test_resolving_places_never_imports_pandas():
    # country_converter's own loader imports pandas: a quarter of a second at every build's start.
    code = "import sys; from jobsite.content.regions import places; places().resolve('Viet Nam'); assert 'pandas' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
