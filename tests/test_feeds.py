"""Atom feeds, jobs.json, sitemap.xml, robots.txt, _redirects and the Netlify deploy files."""

import datetime as dt
import json
import os
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET

import pytest
import yaml

from conftest import FIXTURE_NOW, ROOT
from jobsite.publish import sitedates
from jobsite.errors import BuildFailed
from jobsite.publish import atom
from jobsite.publish.atom import xml_text
from jobsite.pages import list_pages

BASE = "https://fixture.example.com"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
OPEN = {"remote-python-dev", "hybrid-data-scientist", "onsite-designer", "hourly-contractor", "no-salary-writer"}


def feed_entries(path) -> list[str]:
    root = ET.parse(path).getroot()
    assert root.tag == f"{ATOM}feed"
    return [entry.findtext(f"{ATOM}id") for entry in root.iter(f"{ATOM}entry")]


def urls(*slugs) -> set[str]:
    return {f"{BASE}/jobs/{slug}/" for slug in slugs}


def sitemap_urls(folder) -> dict[str, str | None]:
    root = ET.parse(folder / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP}urlset"
    return {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for u in root.iter(f"{SITEMAP}url")}


def test_site_feed_lists_exactly_the_open_postings(built_fixture):
    entries = feed_entries(built_fixture / "feed.xml")
    assert len(entries) == len(set(entries)) and set(entries) == urls(*OPEN)
    root = ET.parse(built_fixture / "feed.xml").getroot()
    assert root.findtext(f"{ATOM}title") == "Fixture Board"
    assert root.findtext(f"{ATOM}updated") == "2026-06-12T00:00:00Z"  # the newest posting
    self_link = [l.get("href") for l in root.iter(f"{ATOM}link") if l.get("rel") == "self"]
    assert self_link == [f"{BASE}/feed.xml"]
    entry = next(e for e in root.iter(f"{ATOM}entry") if e.findtext(f"{ATOM}id").endswith("/hourly-contractor/"))
    assert entry.findtext(f"{ATOM}title") == "Hourly QA Contractor at Acme Corp"
    assert entry.findtext(f"{ATOM}published") == "2026-06-12T00:00:00Z"
    assert entry.findtext(f"{ATOM}summary") == (
        "Acme Corp · $40–$55.50 /hr · Austin, TX, US; Remote-friendly office: Dallas, TX, US · apply by 2026-07-12"
    )
    content = entry.find(f"{ATOM}content")
    assert content.get("type") == "html" and content.text.startswith("<p>This is the description")


def test_company_and_tag_feeds(built_fixture):
    assert set(feed_entries(built_fixture / "companies/acme/feed.xml")) == urls("remote-python-dev", "hourly-contractor")
    assert set(feed_entries(built_fixture / "companies/initech/feed.xml")) == urls("onsite-designer")
    assert set(feed_entries(built_fixture / "tags/python/feed.xml")) == urls("remote-python-dev", "hybrid-data-scientist")
    # A tag whose only posting closed keeps a valid, empty feed for its subscribers.
    assert feed_entries(built_fixture / "tags/platform/feed.xml") == []


def test_only_the_site_feed_repeats_descriptions(built_fixture):
    def contents(rel):
        root = ET.parse(built_fixture / rel).getroot()
        return [e.find(f"{{{atom.ATOM}}}content") for e in root.iter(f"{{{atom.ATOM}}}entry")]

    site_feed = contents("feed.xml")
    assert len(site_feed) == len(OPEN) and all(c is not None and "description of the" in c.text for c in site_feed)
    for rel in ("companies/acme/feed.xml", "tags/python/feed.xml"):
        assert contents(rel) and all(c is None for c in contents(rel))


def test_jobs_json_has_open_postings_with_url_and_annual_salary(built_fixture):
    data = json.loads((built_fixture / "jobs.json").read_text(encoding="utf-8"))
    jobs = {job["slug"]: job for job in data["jobs"]}
    assert set(jobs) == OPEN
    hourly = jobs["hourly-contractor"]
    assert hourly["url"] == f"{BASE}/jobs/hourly-contractor/"
    assert hourly["salary"] == {
        "min": 40, "max": 55.5, "currency": "USD", "period": "hour", "annual": {"min": 83200, "max": 115440},
        "annual_base": {"currency": "USD", "min": 83200, "max": 115440, "rate": 1.0, "rates_date": None},
    }
    # Pay in another currency gains its annual amounts in the base currency and the rate's day.
    assert jobs["hybrid-data-scientist"]["salary"]["annual_base"] == {
        "currency": "USD", "min": 79933.0, "max": 102771.0, "rate": 1.1419, "rates_date": "2025-06-02",
    }
    assert data["currency"] == {"base": "USD", "rates_date": "2025-06-02"}
    assert hourly["location"] == ["Austin, TX, US", "Remote-friendly office: Dallas, TX, US"]
    assert hourly["expires"] == "2026-07-12" and hourly["posted"] == "2026-06-12"
    front_matter = {"title", "company", "location", "remote", "remote_regions", "employment_type", "salary",
                    "posted", "expires", "apply_url", "tags", "aliases", "extra"}
    assert front_matter <= set(hourly)
    assert jobs["no-salary-writer"]["salary"] is None
    assert jobs["remote-python-dev"]["remote"] is True and jobs["hybrid-data-scientist"]["remote"] == "hybrid"


def test_sitemap_lists_every_indexable_page(built_fixture):
    from conftest import FIXTURE
    from jobsite.build import assemble, read_content
    from jobsite.config import load_config

    config = load_config(FIXTURE, now=FIXTURE_NOW)
    site = assemble(config, read_content(config))
    listed = sitemap_urls(built_fixture)
    rendered = {BASE + page.path for page in list_pages(site)}
    excluded = {f"{BASE}/404.html", f"{BASE}/search/", f"{BASE}/jobs/closed-engineer/"}
    assert set(listed) == rendered - excluded
    assert {u for u in listed if "/jobs/" in u} == urls(*OPEN)
    for required in ("/", "/page/2/", "/companies/", "/companies/acme/", "/tags/python/", "/locations/berlin-de/"):
        assert BASE + required in listed
    for lastmod in filter(None, listed.values()):
        dt.datetime.fromisoformat(lastmod)
    assert listed[f"{BASE}/jobs/remote-python-dev/"] is not None


def test_drafts_stay_out_of_feeds_sitemap_and_jobs_json(scratch):
    scratch.build(drafts=True)
    out = scratch.output
    assert (out / "jobs/draft-manager/index.html").exists()
    draft = f"{BASE}/jobs/draft-manager/"
    assert draft not in feed_entries(out / "feed.xml")
    assert draft not in feed_entries(out / "companies/initech/feed.xml")
    assert draft not in sitemap_urls(out)
    assert "draft-manager" not in (out / "jobs.json").read_text(encoding="utf-8")


def test_lastmod_is_the_file_mtime_outside_git(scratch):
    when = dt.datetime(2026, 3, 4, 5, 6, 7, tzinfo=dt.timezone.utc)
    os.utime(scratch.root / "content/jobs/onsite-designer.md", (when.timestamp(), when.timestamp()))
    scratch.build()
    listed = sitemap_urls(scratch.output)
    assert listed[f"{BASE}/jobs/onsite-designer/"] == "2026-03-04T05:06:07+00:00"
    # A list page changed when its newest member did: design lists only this posting.
    assert listed[f"{BASE}/tags/design/"] == "2026-03-04T05:06:07+00:00"


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_lastmod_is_the_last_commit_with_one_git_call(scratch, monkeypatch):
    def git(*args, date):
        env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
               "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
        subprocess.run(["git", *args], cwd=scratch.root, env=env, check=True, capture_output=True)

    git("init", "-q", date="2026-01-01T00:00:00+00:00")
    git("add", ".", date="2026-01-01T00:00:00+00:00")
    git("commit", "-qm", "first", date="2026-01-02T10:00:00+00:00")
    (scratch.root / "content/jobs/onsite-designer.md").write_text(
        (scratch.root / "content/jobs/onsite-designer.md").read_text() + "\nMore.\n")
    git("commit", "-qam", "second", date="2026-02-03T11:12:13+00:00")
    calls = []
    real_run = subprocess.run
    monkeypatch.setattr(sitedates.subprocess, "run", lambda cmd, **kw: calls.append(cmd) or real_run(cmd, **kw))
    scratch.build()
    listed = sitemap_urls(scratch.output)
    assert listed[f"{BASE}/jobs/onsite-designer/"] == "2026-02-03T11:12:13+00:00"
    assert listed[f"{BASE}/jobs/remote-python-dev/"] == "2026-01-02T10:00:00+00:00"
    assert listed[f"{BASE}/companies/acme/"] == "2026-01-02T10:00:00+00:00"
    assert sum(1 for cmd in calls if "log" in cmd) == 1


def test_robots_txt_points_to_the_sitemap(built_fixture):
    assert (built_fixture / "robots.txt").read_text() == f"User-agent: *\nAllow: /\n\nSitemap: {BASE}/sitemap.xml\n"


def test_a_sites_own_robots_txt_wins(scratch):
    scratch.write("static/robots.txt", "User-agent: *\nDisallow: /\n")
    scratch.build()
    assert (scratch.output / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"


def test_aliases_write_redirects(scratch, built_fixture):
    assert not (built_fixture / "_redirects").exists()
    posting = scratch.root / "content/jobs/onsite-designer.md"
    posting.write_text(posting.read_text().replace("tags: [design]", "tags: [design]\naliases: [product-designer, designer-london]"))
    scratch.build()
    assert (scratch.output / "_redirects").read_text() == (
        "/jobs/product-designer/ /jobs/onsite-designer/ 301\n"
        "/jobs/designer-london/ /jobs/onsite-designer/ 301\n"
    )


def test_aliases_and_a_static_redirects_file_clash(scratch):
    scratch.write("static/_redirects", "/old /new 301\n")
    posting = scratch.root / "content/jobs/onsite-designer.md"
    posting.write_text(posting.read_text().replace("tags: [design]", "tags: [design]\naliases: [product-designer]"))
    with pytest.raises(BuildFailed) as failed:
        scratch.build()
    assert [str(e) for e in failed.value.errors] == [
        "static/_redirects: postings with aliases need the generated /_redirects; "
        "move these rules to netlify.toml [[redirects]]"
    ]


def test_xml_text_drops_what_xml_cannot_carry():
    assert xml_text("a\u0000b\u0008c\tok\n\ufffe\ud800 é 😀") == "abc\tok\n é 😀"


def test_netlify_toml_builds_and_secures_the_site():
    config = tomllib.loads((ROOT / "netlify.toml").read_text())
    build = config["build"]
    assert "pip install ." in build["command"] and build["command"].endswith("jobsite build")
    assert build["publish"] == "public" and build["environment"]["PYTHON_VERSION"] == "3.11"
    rules = {rule["for"]: rule["values"] for rule in config["headers"]}
    everything = rules["/*"]
    assert "'wasm-unsafe-eval'" in everything["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in everything["Content-Security-Policy"]
    assert "unsafe-inline" not in everything["Content-Security-Policy"]
    assert everything["X-Content-Type-Options"] == "nosniff"
    assert everything["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Cache-Control" not in everything
    assert "immutable" in rules["/assets/*"]["Cache-Control"]
    assert "immutable" in rules["/pagefind/fragment/*"]["Cache-Control"]
    assert "max-age=0" in rules["/pagefind/pagefind-entry.json"]["Cache-Control"]
    assert "max-age=0" in rules["/pagefind/pagefind.js"]["Cache-Control"]
    # The build writes what Netlify serves: its output folder is the publish folder.
    assert (ROOT / "jobsite.toml").read_text().count('output = "public"') == 1


def test_daily_rebuild_workflow_posts_to_the_build_hook():
    workflow = yaml.safe_load((ROOT / ".github/workflows/rebuild.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["schedule"] == [{"cron": "15 0 * * *"}]
    step = workflow["jobs"]["rebuild"]["steps"][0]
    assert step["env"]["NETLIFY_BUILD_HOOK"] == "${{ secrets.NETLIFY_BUILD_HOOK }}"
    assert "curl" in step["run"] and "-X POST" in step["run"] and '"${NETLIFY_BUILD_HOOK}' in step["run"]
