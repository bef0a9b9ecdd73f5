"""Follow what you filter: an Atom feed per search filter value, company, tag and location, and JSON Feed 1.1."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import jsonschema
import pytest

from conftest import ROOT
from jobsite.publish.atom import AtomFeeds

SCHEMA = json.loads((ROOT / "tests/schemas/jsonfeed-1.1.json").read_text(encoding="utf-8"))
FILTER = re.compile(r'<span data-pagefind-filter="([a-z_]+)\[data-value\]" data-value="([^"]*)"></span>')
SITES = ["built_fixture", "built_shipped"]


def page_of(folder: Path, url: str) -> Path:
    """The built file an absolute URL of the site names."""
    path = urlsplit(url).path
    return folder / path.lstrip("/") / "index.html" if path.endswith("/") else folder / path.lstrip("/")


def feeds_of(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.xml") if p.name != "sitemap.xml")


def feed_index(folder: Path) -> dict[str, dict[str, str]]:
    html = (folder / "search/index.html").read_text(encoding="utf-8")
    return json.loads(re.search(r'<script type="application/json" id="feed-index">(.*?)</script>', html, re.S).group(1))


def filed_under(folder: Path) -> dict[tuple[str, str], set[str]]:
    """(filter, value) -> the slugs of the posting pages Pagefind indexes with it, read from the pages."""
    found: dict[tuple[str, str], set[str]] = {}
    for page in (folder / "jobs").glob("*/index.html"):
        html = page.read_text(encoding="utf-8")
        for key, value in FILTER.findall(html):
            found.setdefault((key, value.replace("&amp;", "&")), set()).add(page.parent.name)
    return found


@pytest.mark.parametrize("built", SITES)
def test_every_feed_parses_and_each_entry_links_to_a_built_page(built, request):
    folder = request.getfixturevalue(built)
    feeds = feeds_of(folder)
    assert len(feeds) > 20
    for feed in feeds:
        parsed = feedparser.parse(feed.read_bytes())
        assert not parsed.bozo, (feed, parsed.get("bozo_exception"))
        assert parsed.version == "atom10", feed
        self_link = next(link.href for link in parsed.feed.links if link.rel == "self")
        assert page_of(folder, self_link) == feed, feed  # each feed says where it lives
        for entry in parsed.entries:
            assert page_of(folder, entry.link).is_file(), (feed, entry.link)
            assert "content" not in entry or feed.name == "feed.xml"  # only the site feed repeats descriptions


@pytest.mark.parametrize("built", SITES)
def test_each_filter_value_search_offers_has_a_feed_with_exactly_its_postings(built, request):
    folder = request.getfixturevalue(built)
    index = feed_index(folder)
    filed = filed_under(folder)
    keys = {key for key, _ in filed}
    assert {"remote", "type", "seniority", "tag", "company", "country"} <= keys
    if built == "built_shipped":
        assert {"visa", "open_source_share", "on_call"} <= keys  # declared facets follow too
    for (key, value), slugs in filed.items():
        url = index.get(key, {}).get(value)
        assert url, f"no feed for {key}={value}"
        parsed = feedparser.parse((folder / url.lstrip("/")).read_bytes())
        assert {urlsplit(e.link).path.split("/")[2] for e in parsed.entries} == slugs, (key, value)


def test_filter_feeds_have_stable_paths_and_say_what_they_follow(built_shipped):
    index = feed_index(built_shipped)
    assert index["seniority"]["senior"] == "/feeds/seniority/senior.xml"
    assert index["remote"]["on-site"] == "/feeds/remote/on-site.xml"
    assert index["open_source_share"]["40%"] == "/feeds/open_source_share/40.xml"
    assert index["tag"]["C++"] == "/tags/c-plus-plus/feed.xml"  # a value with a page keeps the page's feed
    assert index["company"]["Pinterest"] == "/companies/pinterest/feed.xml"
    parsed = feedparser.parse((built_shipped / "feeds/seniority/senior.xml").read_bytes())
    assert parsed.feed.title == "Seniority: Senior · jobsite board"
    alternate = next(link.href for link in parsed.feed.links if link.rel == "alternate")
    assert alternate == "https://jobsite-board.netlify.app/search/?seniority=senior"
    assert feedparser.parse((built_shipped / "feeds/visa/yes.xml").read_bytes()).feed.title == (
        "Visa sponsorship: Sponsors a work visa · jobsite board")


def test_location_pages_offer_their_own_feed(built_fixture):
    html = (built_fixture / "locations/berlin-de/index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml" href="/locations/berlin-de/feed.xml"' in html
    parsed = feedparser.parse((built_fixture / "locations/berlin-de/feed.xml").read_bytes())
    assert [e.link for e in parsed.entries] == ["https://fixture.example.com/jobs/hybrid-data-scientist/"]


def test_a_filter_feed_outlives_its_last_open_posting(scratch):
    closed = scratch.root / "content/jobs/closed-engineer.md"
    closed.write_text(closed.read_text(encoding="utf-8").replace("\n---\n", "\nseniority: principal\n---\n", 1), encoding="utf-8")
    scratch.build()
    parsed = feedparser.parse((scratch.output / "feeds/seniority/principal.xml").read_bytes())
    assert not parsed.bozo and parsed.entries == []


def test_values_whose_slugs_collide_get_feeds_of_their_own(scratch):
    config = scratch.root / "jobsite.toml"
    config.write_text(config.read_text(encoding="utf-8") + '\n[fields.team]\ntype = "text"\nfacet = true\n', encoding="utf-8")
    for slug, team in (("remote-python-dev", "C++"), ("onsite-designer", "c++")):
        posting = scratch.root / f"content/jobs/{slug}.md"
        posting.write_text(posting.read_text(encoding="utf-8").replace("\n---\n", f'\nteam: "{team}"\n---\n', 1), encoding="utf-8")
    scratch.build()
    index = feed_index(scratch.output)["team"]
    assert index == {"C++": "/feeds/team/c-plus-plus.xml", "c++": "/feeds/team/c-plus-plus-2.xml"}
    for value, url in index.items():
        parsed = feedparser.parse((scratch.output / url.lstrip("/")).read_bytes())
        assert len(parsed.entries) == 1 and parsed.feed.title.startswith(f"Team: {value} ·")


def test_each_entry_is_written_once_however_many_feeds_list_it(scratch, monkeypatch):
    written: list[tuple[str, bool]] = []
    serialise = AtomFeeds._serialise
    monkeypatch.setattr(AtomFeeds, "_serialise", lambda self, posting, full: written.append((posting.slug, full)) or serialise(self, posting, full))
    scratch.build()
    assert len(written) == len(set(written))
    listed = len(json.loads((scratch.output / "jobs.json").read_text(encoding="utf-8"))["jobs"])
    assert len(written) == 2 * listed  # once with its description (site feed), once as a summary line
    assert len(feeds_of(scratch.output)) > 30


# --- JSON Feed 1.1 ---------------------------------------------------------------------------


def test_the_schema_knows_a_valid_feed_from_broken_ones():
    # The spec's own kind of example passes; each broken copy fails, so the schema is not vacuous.
    valid = {
        "version": "https://jsonfeed.org/version/1.1", "title": "Feed", "home_page_url": "https://example.com/",
        "feed_url": "https://example.com/feed.json", "authors": [{"name": "A"}], "language": "en-US",
        "items": [{"id": "1", "content_html": "<p>Hi</p>", "url": "https://example.com/1", "date_published": "2024-01-01T12:00:00Z"}],
    }
    jsonschema.validate(valid, SCHEMA)
    breakages = [
        lambda f: f.pop("items"), lambda f: f.pop("title"), lambda f: f.update(version="https://jsonfeed.org/version/1"),
        lambda f: f["items"][0].pop("content_html"), lambda f: f["items"][0].pop("id"),
        lambda f: f["items"][0].update(date_published="2024-01-01"), lambda f: f.update(author_name="A"),
        lambda f: f.update(authors=[{}]),
    ]
    for breakage in breakages:
        broken = copy.deepcopy(valid)
        breakage(broken)
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, SCHEMA)


@pytest.mark.parametrize("built", SITES)
def test_feed_json_is_json_feed_1_1_beside_the_atom_feed(built, request):
    folder = request.getfixturevalue(built)
    data = json.loads((folder / "feed.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)
    atom = feedparser.parse((folder / "feed.xml").read_bytes())
    # The same postings in the same order, with the same descriptions and summary lines.
    assert [item["id"] for item in data["items"]] == [entry.id for entry in atom.entries]
    for item, entry in zip(data["items"], atom.entries):
        assert page_of(folder, item["url"]).is_file()
        assert item["summary"] == entry.summary and item["title"] == entry.title
        assert item["content_html"].strip() == entry.content[0].value.strip()  # feedparser trims
    assert page_of(folder, data["feed_url"]) == folder / "feed.json"
    home = (folder / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/feed+json" href="/feed.json"' in home


@pytest.mark.browser
def test_the_search_page_follows_any_single_filter(page, fixture_url):
    page.goto(f"{fixture_url}/search/?seniority=senior")
    page.locator('#search-form[aria-busy="false"]').wait_for()
    link = page.locator("#search-follow a")
    assert link.get_attribute("href") == "/feeds/seniority/senior.xml"
    assert "Seniority: Senior" in page.locator("#search-follow").inner_text()
    feed = page.request.get(fixture_url + "/feeds/seniority/senior.xml")
    parsed = feedparser.parse(feed.body())
    assert feed.ok and not parsed.bozo
    shown = sorted(page.locator("#search-results .card-title a").all_inner_texts())
    assert sorted(e.title.rsplit(" at ", 1)[0] for e in parsed.entries) == shown
    assert page.console_errors == []


def test_netlify_serves_feed_json_with_its_media_type():
    import tomllib

    rules = tomllib.loads((ROOT / "netlify.toml").read_text(encoding="utf-8"))["headers"]
    values = [rule["values"] for rule in rules if rule["for"] == "/feed.json"]
    assert values == [{"Content-Type": "application/feed+json; charset=utf-8"}]


def test_a_long_free_text_value_still_gets_a_feed(scratch):
    config = scratch.root / "jobsite.toml"
    config.write_text(config.read_text(encoding="utf-8") + '\n[fields.team]\ntype = "text"\nfacet = true\n', encoding="utf-8")
    team = "Platform " * 60
    posting = scratch.root / "content/jobs/remote-python-dev.md"
    posting.write_text(posting.read_text(encoding="utf-8").replace("\n---\n", f'\nteam: "{team}"\n---\n', 1), encoding="utf-8")
    scratch.build()
    url = feed_index(scratch.output)["team"][team.strip()]
    assert len(Path(url).name) <= 110
    assert len(feedparser.parse((scratch.output / url.lstrip("/")).read_bytes()).entries) == 1
