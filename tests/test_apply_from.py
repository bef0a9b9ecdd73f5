"""Where applicants may live: remote_regions validated against the countries and regions jobsite knows."""

from __future__ import annotations

import pytest

from jobsite.cli import main
from jobsite.content.regions import places

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
