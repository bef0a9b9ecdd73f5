"""The Pagefind stage: which pages are results, their facets and sort keys, and failing builds."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from conftest import FIXTURE, FIXTURE_NOW
from jobsite.publish import search_index
from jobsite.render import search
from jobsite.cli import main
from jobsite.config import load_config
from jobsite.content.reader import read_content
from jobsite.errors import BuildFailed, JobsiteError
from jobsite.site import assemble

SEARCH_DATA = re.compile(r"data-pagefind-(body|filter|sort|meta)")
ATTRIBUTE = re.compile(r'<span data-pagefind-(filter|sort|meta)="([a-z_]+)\[data-value\]" data-value="([^"]*)"></span>')


def fixture_site():
    config = load_config(FIXTURE, now=FIXTURE_NOW)
    return assemble(config, read_content(config))


def attributes(html: str) -> dict[str, dict[str, list[str]]]:
    found: dict[str, dict[str, list[str]]] = {"filter": {}, "sort": {}, "meta": {}}
    for kind, key, value in ATTRIBUTE.findall(html):
        found[kind].setdefault(key, []).append(value)
    return found


def test_only_open_published_postings_are_search_bodies(built_fixture: Path):
    with_body = {
        p.relative_to(built_fixture).as_posix()
        for p in built_fixture.rglob("*.html")
        if "data-pagefind-body" in p.read_text(encoding="utf-8")
    }
    site = fixture_site()
    assert with_body == {f"jobs/{p.slug}/index.html" for p in site.open if not p.draft}
    assert with_body == {
        "jobs/remote-python-dev/index.html", "jobs/hybrid-data-scientist/index.html",
        "jobs/onsite-designer/index.html", "jobs/hourly-contractor/index.html",
        "jobs/no-salary-writer/index.html",
    }
    closed = (built_fixture / "jobs/closed-engineer/index.html").read_text(encoding="utf-8")
    assert not SEARCH_DATA.search(closed)



FACET_VALUE = re.compile(r'<input type="checkbox" name="([a-z_]+)" value="([^"]*)" id="[^"]+"><label for="[^"]+">'
                         r'<span class="facet-name">([^<]*)</span> <span class="facet-count">\((\d+)\)</span>')


def test_search_page_renders_every_filter_at_build_time(built_fixture: Path):
    # Filters in the HTML get their final size at the first paint; the script only updates counts.
    html = (built_fixture / "search/index.html").read_text(encoding="utf-8")
    facets: dict[str, list[tuple[str, str, int]]] = {}
    for key, value, name, count in FACET_VALUE.findall(html):
        facets.setdefault(key, []).append((value, name, int(count)))
    assert list(facets) == ["remote", "type", "salary", "band", "seniority", "visa", "country", "company", "tag"]
    # Levels in career order, whatever their counts.
    assert facets["seniority"] == [("mid", "Mid", 1), ("senior", "Senior", 2)]
    assert facets["visa"] == [("yes", "Sponsors a work visa", 1), ("no", "No visa sponsorship", 1)]
    assert facets["remote"] == [("remote", "Remote", 1), ("hybrid", "Hybrid", 1), ("on-site", "On-site", 3)]
    assert facets["salary"] == [("yes", "Salary listed", 4), ("no", "Salary not listed", 1)]
    # One list in dollars: the euro and pound salaries are converted at the fixture's ECB day.
    assert [v for v, _, _ in facets["band"]] == ["$50K+", "$75K+", "$100K+", "$150K+"]
    assert facets["type"][0] == ("full-time", "Full time", 3)  # most postings first
    assert [v for v, _, _ in facets["company"]] == ["Acme Corp", "Globex", "Initech"]  # then by name

def test_index_folder_holds_every_open_posting(built_fixture: Path):
    assert (built_fixture / "pagefind/pagefind.js").is_file()
    entry = json.loads((built_fixture / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == 5


def test_search_page_is_not_indexed(built_fixture: Path):
    html = (built_fixture / "search/index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in html
    assert "data-pagefind-body" not in html
    assert re.search(r'<script type="module" src="/assets/search\.[0-9a-f]{8}\.js"></script>', html)
    assert 'action="/search/" method="get"' in html


def test_hourly_posting_attributes(built_fixture: Path):
    found = attributes((built_fixture / "jobs/hourly-contractor/index.html").read_text(encoding="utf-8"))
    assert found["filter"] == {
        "company": ["Acme Corp"], "remote": ["on-site"], "type": ["contract"], "tag": ["qa"],
        # Both locations are in the US; 55.50/hr x 2,080 = 115,440 a year.
        "country": ["US"], "salary": ["yes"], "band": ["$50K+", "$75K+", "$100K+"],
    }
    assert found["sort"] == {"posted": [str(dt.date(2026, 6, 12).toordinal())], "salary": ["115440"]}
    assert found["meta"]["title"] == ["Hourly QA Contractor"]
    assert found["meta"]["salary"] == ["$40–$55.50 /hr"]
    assert found["meta"]["salary_spoken"] == ["40 to 55.50 US dollars per hour"]
    assert found["meta"]["location"] == ["Austin, TX, US · Remote-friendly office: Dallas, TX, US"]
    assert found["meta"]["posted"] == ["Jun 12, 2026"]
    assert found["meta"]["posted_iso"] == ["2026-06-12"]


def test_posting_without_salary_sorts_last_instead_of_vanishing(built_fixture: Path):
    found = attributes((built_fixture / "jobs/no-salary-writer/index.html").read_text(encoding="utf-8"))
    assert found["filter"]["salary"] == ["no"]
    assert "band" not in found["filter"]
    assert found["sort"] == {"posted": [str(dt.date(2026, 6, 5).toordinal())], "salary": ["0"]}
    assert found["meta"]["salary"] == ["Salary not listed"]


def test_remote_posting_can_be_applied_for_from_its_regions(built_fixture: Path):
    found = attributes((built_fixture / "jobs/remote-python-dev/index.html").read_text(encoding="utf-8"))
    # remote_regions: [US, CA]; the Remote facet, not this one, says that it is remote.
    assert found["filter"]["country"] == ["CA", "US"]
    assert found["filter"]["remote"] == ["remote"]
    assert found["filter"]["band"] == ["$50K+", "$75K+", "$100K+", "$150K+"]
    assert found["meta"]["location"] == [""]
    assert found["meta"]["remote"] == ["Remote"]


def test_every_open_posting_carries_every_sort_key(built_fixture: Path):
    for slug in ("remote-python-dev", "hybrid-data-scientist", "onsite-designer", "hourly-contractor", "no-salary-writer"):
        found = attributes((built_fixture / f"jobs/{slug}/index.html").read_text(encoding="utf-8"))
        assert set(found["sort"]) == {"posted", "salary"}, slug
        assert all(v.isdigit() for values in found["sort"].values() for v in values), slug


def test_closed_and_draft_postings_have_no_record():
    config = load_config(FIXTURE, now=FIXTURE_NOW, drafts=True)
    site = assemble(config, read_content(config))
    by_slug = {p.slug: p for p in site.published}
    assert search.search_record(by_slug["closed-engineer"], site) is None
    assert search.search_record(by_slug["draft-manager"], site) is None
    assert search.search_record(by_slug["remote-python-dev"], site) is not None


def test_drafts_are_never_search_results(scratch):
    scratch.build(drafts=True)
    draft = (scratch.output / "jobs/draft-manager/index.html").read_text(encoding="utf-8")
    assert not SEARCH_DATA.search(draft)
    entry = json.loads((scratch.output / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == 5


def test_pagefind_that_cannot_start_fails_the_build_and_keeps_the_old_site(scratch, monkeypatch):
    scratch.build()
    before = snapshot(scratch.output)
    scratch.posting("new-job", "title: New Job\ncompany: acme\nremote: true\nposted: 2026-06-14\napply_url: https://acme.example.com/n")
    monkeypatch.setattr(search_index, "pagefind_executable", lambda: Path("/nonexistent/pagefind"))
    with pytest.raises(JobsiteError) as failure:
        scratch.build()
    assert str(failure.value) == (
        "search index: could not run Pagefind at /nonexistent/pagefind: No such file or directory; nothing was published"
    )
    assert snapshot(scratch.output) == before
    assert not (scratch.output / "jobs/new-job").exists()
    assert [p.name for p in scratch.root.iterdir() if ".public.jobsite-new-" in p.name] == []


def test_pagefind_error_is_reported_with_its_own_message(scratch, monkeypatch, capsys):
    scratch.build()
    before = snapshot(scratch.output)
    # A setting Pagefind cannot read makes it answer with an error of its own.
    monkeypatch.setattr(search_index, "CONFIG", {"include_characters": 5})
    code = main(["build", "--site", str(scratch.root), "--now", FIXTURE_NOW.isoformat()])
    err = capsys.readouterr().err
    assert code == 1
    assert err == (
        "error: search index: Pagefind failed on a request it could not read: "
        "invalid type: integer `5`, expected a string at line 1 column 87; nothing was published\n"
    )
    assert snapshot(scratch.output) == before


def test_pagefind_that_stops_fails_the_build_in_one_line(scratch, monkeypatch, tmp_path):
    scratch.build()
    before = snapshot(scratch.output)
    crash = tmp_path / "pagefind"
    crash.write_text("#!/bin/sh\necho \"thread 'main' panicked at src/service/mod.rs:1:1:\" >&2\necho 'out of memory' >&2\nexit 101\n")
    crash.chmod(0o755)
    monkeypatch.setattr(search_index, "pagefind_executable", lambda: crash)
    with pytest.raises(JobsiteError) as failure:
        scratch.build()
    assert str(failure.value) == "search index: Pagefind stopped with exit code 101: out of memory; nothing was published"
    assert snapshot(scratch.output) == before


def test_static_files_may_not_take_the_index_folder(scratch):
    scratch.write("static/pagefind/pagefind.js", "// mine")
    with pytest.raises(BuildFailed) as failure:
        scratch.build()
    assert str(failure.value) == "static/pagefind/pagefind.js: /pagefind/ is reserved for the search index"


def test_site_without_open_postings_builds_without_an_index(scratch):
    for path in (scratch.root / "content/jobs").glob("*.md"):
        if path.stem != "closed-engineer":
            path.unlink()
    scratch.build()
    assert not (scratch.output / "pagefind").exists()
    html = (scratch.output / "search/index.html").read_text(encoding="utf-8")
    assert "No open positions right now" in html
    assert not re.search(r"/assets/search\.[0-9a-f]{8}\.js", html)
    # Without a single search body Pagefind would index whole pages, closed ones included.
    assert not SEARCH_DATA.search((scratch.output / "jobs/closed-engineer/index.html").read_text(encoding="utf-8"))


def test_index_site_reports_what_it_wrote(tmp_path):
    with search_index.PostingIndex() as search:
        search.add_postings(fixture_site())
        index = search_index.index_site(search, tmp_path)
    assert index is not None
    assert index.postings == 5
    assert index.files == sum(1 for p in (tmp_path / "pagefind").rglob("*") if p.is_file())
    assert index.bytes > 0
    assert search.service is None  # its process ended with the block


def test_a_posting_is_found_by_the_words_its_page_shows():
    site = fixture_site()
    posting = {p.slug: p for p in site.open}["hourly-contractor"]
    text = search.search_text(posting, site)
    assert text.startswith("Hourly QA Contractor Acme Corp Austin, TX, US Remote-friendly office: Dallas, TX, US ")
    assert "<" not in text and "&amp;" not in text
    assert text.endswith(" qa")  # its tag, as the page lists it


def test_can_apply_from_takes_the_last_part_of_each_location_and_the_remote_regions():
    site = fixture_site()
    open_to = site.apply_from.open_to
    assert open_to["hourly-contractor"] == ("US",)  # Austin, TX, US
    assert open_to["hybrid-data-scientist"] == ("DE",)
    assert open_to["remote-python-dev"] == ("CA", "US")  # remote_regions: [US, CA]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
