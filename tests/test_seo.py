"""Google for Jobs JSON-LD and head metadata (titles, descriptions, social cards, feed links)."""

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from jobsite.errors import BuildFailed
from jobsite.render.seo import place

BASE = "https://fixture.example.com"
OPEN = {"remote-python-dev", "hybrid-data-scientist", "onsite-designer", "hourly-contractor", "no-salary-writer"}
EMPLOYMENT_TYPES = {"FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER", "OTHER"}
UNITS = {"HOUR", "DAY", "WEEK", "MONTH", "YEAR"}
HOSTILE = '</script><script>alert(1)</script> & "quotes" \u00e9'


class Head(HTMLParser):
    """The parts of a page search engines and link previews read."""

    def __init__(self, html: str):
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: list[dict[str, str]] = []
        self.json_ld: list[str] = []
        self.title = ""
        self._in = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta[attrs.get("property") or attrs["name"]] = attrs.get("content", "")
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in = "ld"
            self.json_ld.append("")
        elif tag == "title":
            self._in = "title"

    def handle_endtag(self, tag):
        if tag in ("script", "title"):
            self._in = None

    def handle_data(self, data):
        if self._in == "ld":
            self.json_ld[-1] += data
        elif self._in == "title":
            self.title += data

    def link(self, rel: str, type_: str | None = None) -> list[str]:
        return [l["href"] for l in self.links if l.get("rel") == rel and (type_ is None or l.get("type") == type_)]


def head(folder, rel) -> Head:
    return Head((folder / rel).read_text(encoding="utf-8"))


def job_posting(folder, slug) -> dict:
    scripts = head(folder, f"jobs/{slug}/index.html").json_ld
    assert len(scripts) == 1
    return json.loads(scripts[0])


def check_google_rules(data: dict) -> None:
    """What Google requires of every JobPosting, and the enum and date formats it accepts."""
    assert data["@context"] == "https://schema.org/" and data["@type"] == "JobPosting"
    for key in ("title", "description", "datePosted", "hiringOrganization", "employmentType", "identifier", "url"):
        assert data[key], key
    dt.date.fromisoformat(data["datePosted"])
    if "validThrough" in data:
        dt.datetime.fromisoformat(data["validThrough"])
    assert data["employmentType"] in EMPLOYMENT_TYPES
    assert data["hiringOrganization"]["@type"] == "Organization"
    assert data["directApply"] is False
    assert data["url"].startswith(BASE + "/jobs/")
    # Google needs a place, or TELECOMMUTE with the countries applicants may live in.
    assert "jobLocation" in data or data.get("jobLocationType") == "TELECOMMUTE"
    if data.get("jobLocationType") is not None:
        assert data["jobLocationType"] == "TELECOMMUTE"
    if "baseSalary" in data:
        salary = data["baseSalary"]
        assert salary["@type"] == "MonetaryAmount" and re.fullmatch(r"[A-Z]{3}", salary["currency"])
        assert salary["value"]["@type"] == "QuantitativeValue" and salary["value"]["unitText"] in UNITS


@pytest.mark.parametrize("slug", sorted(OPEN))
def test_every_open_posting_follows_google_rules(built_fixture, slug):
    check_google_rules(job_posting(built_fixture, slug))


def test_remote_posting_is_telecommute_with_countries(built_fixture):
    data = job_posting(built_fixture, "remote-python-dev")
    assert data["title"] == "Remote Python Developer"
    assert data["description"].startswith("<p>This is the description of the remote-python-dev role.")
    assert data["datePosted"] == "2026-06-10"
    assert data["validThrough"] == "2026-08-01T23:59:59"
    assert data["employmentType"] == "FULL_TIME"
    assert data["hiringOrganization"] == {"@type": "Organization", "name": "Acme Corp", "sameAs": "https://acme.example.com"}
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"] == [{"@type": "Country", "name": "US"}, {"@type": "Country", "name": "CA"}]
    assert "jobLocation" not in data
    assert data["baseSalary"] == {
        "@type": "MonetaryAmount", "currency": "USD",
        "value": {"@type": "QuantitativeValue", "minValue": 120000, "maxValue": 160000, "unitText": "YEAR"},
    }
    assert data["identifier"] == {"@type": "PropertyValue", "name": "Acme Corp", "value": "remote-python-dev"}
    assert data["url"] == f"{BASE}/jobs/remote-python-dev/"


def test_hybrid_posting_is_located_not_telecommute(built_fixture):
    data = job_posting(built_fixture, "hybrid-data-scientist")
    assert "jobLocationType" not in data and "applicantLocationRequirements" not in data
    assert data["jobLocation"] == {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": "Berlin", "addressCountry": "DE"}}
    assert data["baseSalary"]["currency"] == "EUR"
    # A company logo is an absolute URL.
    assert data["hiringOrganization"]["logo"] == "https://globex.example.com/logo.png"


def test_onsite_posting_without_expiry_or_website(built_fixture):
    data = job_posting(built_fixture, "onsite-designer")
    assert "validThrough" not in data and "jobLocationType" not in data
    assert data["jobLocation"]["address"] == {"@type": "PostalAddress", "addressLocality": "London", "addressCountry": "GB"}
    assert data["hiringOrganization"] == {"@type": "Organization", "name": "Initech"}
    assert data["baseSalary"]["value"] == {"@type": "QuantitativeValue", "minValue": 50000, "maxValue": 65000, "unitText": "YEAR"}


def test_hourly_contract_with_two_places(built_fixture):
    data = job_posting(built_fixture, "hourly-contractor")
    assert data["employmentType"] == "CONTRACTOR"
    assert data["baseSalary"]["value"] == {"@type": "QuantitativeValue", "minValue": 40, "maxValue": 55.5, "unitText": "HOUR"}
    assert [p["address"] for p in data["jobLocation"]] == [
        {"@type": "PostalAddress", "addressLocality": "Austin", "addressRegion": "TX", "addressCountry": "US"},
        {"@type": "PostalAddress", "addressLocality": "Dallas", "addressRegion": "TX", "addressCountry": "US"},
    ]


def test_no_salary_means_no_base_salary(built_fixture):
    data = job_posting(built_fixture, "no-salary-writer")
    assert "baseSalary" not in data
    assert data["employmentType"] == "PART_TIME"
    assert data["jobLocation"]["address"]["addressRegion"] == "ON"


def test_json_ld_only_on_open_posting_pages(built_fixture):
    with_json_ld = {
        path.relative_to(built_fixture).as_posix()
        for path in built_fixture.rglob("*.html")
        if "application/ld+json" in path.read_text(encoding="utf-8")
    }
    assert with_json_ld == {f"jobs/{slug}/index.html" for slug in OPEN}
    closed = head(built_fixture, "jobs/closed-engineer/index.html")
    assert closed.json_ld == [] and closed.meta["robots"] == "noindex"


def test_drafts_never_carry_json_ld(scratch):
    scratch.build(drafts=True)
    page = head(scratch.output, "jobs/draft-manager/index.html")
    assert page.json_ld == [] and page.meta["robots"] == "noindex"


def test_remote_with_office_single_figure_and_static_logo(scratch):
    scratch.write("content/companies/acme.md", "---\nname: Acme Corp\nlogo: /logos/acme.png\n---\n\nAcme.\n")
    scratch.posting("remote-office", """
title: Remote with an office
company: acme
location: San Francisco, CA, US
remote: true
remote_regions: [us, Worldwide]
employment_type: volunteer
salary: {min: 500, max: 500, currency: USD, period: week}
posted: 2026-06-01
apply_url: https://acme.example.com/jobs/9
""")
    scratch.build()
    data = job_posting(scratch.output, "remote-office")
    check_google_rules(data)
    assert data["employmentType"] == "VOLUNTEER"
    # Fully remote with an office too: both the place and TELECOMMUTE. Open worldwide (which
    # holds the US), applicants may live anywhere: there are no places to require.
    assert data["jobLocation"]["address"]["addressLocality"] == "San Francisco"
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert "applicantLocationRequirements" not in data
    assert data["baseSalary"]["value"] == {"@type": "QuantitativeValue", "value": 500, "unitText": "WEEK"}
    assert data["hiringOrganization"]["logo"] == f"{BASE}/logos/acme.png"


@pytest.mark.parametrize(("text", "address"), [
    ("Toronto, ON, CA", {"addressLocality": "Toronto", "addressRegion": "ON", "addressCountry": "CA"}),
    ("London, gb", {"addressLocality": "London", "addressCountry": "GB"}),
    ("Springfield", {"addressLocality": "Springfield"}),
    ("Office: Paris, France", {"addressLocality": "Paris", "addressCountry": "France"}),
])
def test_place_parsing(text, address):
    assert place(text) == {"@type": "Place", "address": {"@type": "PostalAddress", **address}}


def test_hostile_title_stays_valid_json_and_xml(scratch):
    scratch.posting("hostile", f"""
title: {json.dumps(HOSTILE)}
company: acme
location: Springfield, IL, US
posted: 2026-06-14
apply_url: https://acme.example.com/jobs/666
tags: [python]
""")
    scratch.build()
    html = (scratch.output / "jobs/hostile/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    page = Head(html)
    assert len(page.json_ld) == 1
    assert json.loads(page.json_ld[0])["title"] == HOSTILE
    assert page.meta["og:title"] == HOSTILE + " at Acme Corp"
    # A control character (a NUL, illegal in XML) never gets this far: it is an error at its line.
    clean = HOSTILE
    for feed in ("feed.xml", "companies/acme/feed.xml", "tags/python/feed.xml"):
        root = ET.parse(scratch.output / feed).getroot()
        titles = [e.findtext("{http://www.w3.org/2005/Atom}title") for e in root.iter("{http://www.w3.org/2005/Atom}entry")]
        assert clean + " at Acme Corp" in titles, feed
    ET.parse(scratch.output / "sitemap.xml")
    jobs = json.loads((scratch.output / "jobs.json").read_text(encoding="utf-8"))["jobs"]
    assert HOSTILE in [job["title"] for job in jobs]


def test_a_title_with_a_nul_is_refused_at_its_line(scratch):
    scratch.posting("nul", """
title: "Engineer \\u0000"
company: acme
remote: true
posted: 2026-06-14
apply_url: https://acme.example.com/jobs/667
""")
    with pytest.raises(BuildFailed) as failed:
        scratch.build()
    assert [str(e) for e in failed.value.errors] == ["content/jobs/nul.md:2: title: contains a control character (U+0000); remove it"]


def all_pages(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html") if not p.name.startswith("google"))


def test_every_page_has_title_description_canonical_and_cards(built_fixture):
    for rel in all_pages(built_fixture):
        page = head(built_fixture, rel)
        assert page.title.strip(), rel
        assert page.meta.get("description"), rel
        canonical = page.link("canonical")
        assert len(canonical) == 1 and canonical[0].startswith(BASE + "/"), rel
        assert page.meta["og:url"] == canonical[0], rel
        assert page.meta["og:title"] and page.meta["og:description"] == page.meta["description"], rel
        assert page.meta["og:type"] in ("website", "article"), rel
        assert page.meta["og:site_name"] == "Fixture Board", rel
        assert page.meta["twitter:card"] == "summary", rel


def test_posting_card_names_title_company_and_salary(built_fixture):
    page = head(built_fixture, "jobs/hourly-contractor/index.html")
    assert page.meta["og:title"] == "Hourly QA Contractor at Acme Corp"
    assert page.meta["og:type"] == "article"
    assert page.meta["og:description"].startswith("Hourly QA Contractor at Acme Corp: $40–$55.50 /hr")
    assert page.meta["twitter:title"] == "Hourly QA Contractor at Acme Corp"
    assert head(built_fixture, "jobs/hybrid-data-scientist/index.html").meta["og:image"] == "https://globex.example.com/logo.png"


@pytest.mark.parametrize(("rel", "feed"), [
    ("index.html", "/feed.xml"),
    ("page/2/index.html", "/feed.xml"),
    ("companies/acme/index.html", "/companies/acme/feed.xml"),
    ("tags/python/index.html", "/tags/python/feed.xml"),
    ("jobs/remote-python-dev/index.html", None),
    ("locations/berlin-de/index.html", "/locations/berlin-de/feed.xml"),
])
def test_feed_discovery_matches_the_page(built_fixture, rel, feed):
    links = head(built_fixture, rel).link("alternate", "application/atom+xml")
    assert links == ([feed] if feed else [])
    if feed:
        assert (built_fixture / feed.lstrip("/")).is_file()
