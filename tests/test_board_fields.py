"""Seniority, visa sponsorship and the fields a board declares in jobsite.toml: validated, shown, searchable."""

from __future__ import annotations

import json
import re

import pytest

from conftest import FIXTURE_NOW
from jobsite.cli import main
from jobsite.errors import BuildFailed

ATTRIBUTE = re.compile(r'<span data-pagefind-filter="([a-z_]+)\[data-value\]" data-value="([^"]*)"></span>')
LEVELS = "intern, junior, mid, senior, staff, principal, lead, manager, director, executive"
FIELDS = """
[fields.stack]
label = "Stack"
type = "list"
choices = ["python", "rust", "go"]
facet = true

[fields.open_source_share]
label = "Time on open source"
type = "percent"
facet = true

[fields.team_size]
type = "number"
"""


def filters(html: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for key, value in ATTRIBUTE.findall(html):
        found.setdefault(key, []).append(value)
    return found


def card_of(folder, slug: str) -> str:
    """The card of a posting on its company's page (the home page is paginated)."""
    html = (folder / "companies/acme/index.html").read_text(encoding="utf-8")
    start = html.index(f'href="/jobs/{slug}/"')
    return html[start:html.index("</li>", start)]


def errors_of(scratch, **options) -> list[str]:
    with pytest.raises(BuildFailed) as failed:
        scratch.build(**options)
    return [str(e) for e in failed.value.errors]


def declare(scratch, text: str = FIELDS) -> None:
    config = scratch.root / "jobsite.toml"
    config.write_text(config.read_text(encoding="utf-8") + text, encoding="utf-8")


def config_line(scratch, text: str) -> int:
    lines = (scratch.root / "jobsite.toml").read_text(encoding="utf-8").splitlines()
    return lines.index(text) + 1


POSTING = """
title: Rust Engineer
company: acme
location: Berlin, DE
posted: 2026-06-01
apply_url: https://acme.example.com/jobs/rust
seniority: senior
visa_sponsorship: true
stack: [rust, go]
open_source_share: 40%
team_size: 8
"""


# --- seniority and visa sponsorship -----------------------------------------------------------


def test_seniority_and_visa_are_shown_on_cards_and_pages(scratch):
    scratch.posting("rust-engineer", POSTING.replace("stack: [rust, go]\nopen_source_share: 40%\nteam_size: 8\n", ""))
    scratch.build()
    page = (scratch.output / "jobs/rust-engineer/index.html").read_text(encoding="utf-8")
    assert re.search(r"<dt>Seniority</dt><dd>Senior</dd>", page)
    assert re.search(r"<dt>Visa sponsorship</dt><dd>Yes</dd>", page)
    card = card_of(scratch.output, "rust-engineer")
    assert '<span class="badge seniority">Senior</span>' in card
    assert '<span class="badge visa">Visa sponsorship</span>' in card


def test_a_list_of_levels_and_no_sponsorship(scratch):
    text = POSTING.replace("seniority: senior", "seniority: [senior, staff]").replace("visa_sponsorship: true", "visa_sponsorship: false")
    scratch.posting("rust-engineer", text.replace("stack: [rust, go]\nopen_source_share: 40%\nteam_size: 8\n", ""))
    scratch.build()
    page = (scratch.output / "jobs/rust-engineer/index.html").read_text(encoding="utf-8")
    assert "<dt>Seniority</dt><dd>Senior, Staff</dd>" in page
    assert "<dt>Visa sponsorship</dt><dd>No</dd>" in page
    found = filters(page)
    assert found["seniority"] == ["senior", "staff"] and found["visa"] == ["no"]
    card = card_of(scratch.output, "rust-engineer")
    assert '<span class="badge seniority">Senior, Staff</span>' in card and "badge visa" not in card


def test_seniority_and_visa_mistakes_are_one_line_each(scratch):
    scratch.posting("rust-engineer", POSTING.replace("seniority: senior", "seniority: senoir").replace("visa_sponsorship: true", "visa_sponsorship: sometimes").replace("stack: [rust, go]\nopen_source_share: 40%\nteam_size: 8\n", ""))
    assert errors_of(scratch) == [
        f"content/jobs/rust-engineer.md:7: seniority: must be one of {LEVELS}, not 'senoir' (did you mean 'senior'?)",
        "content/jobs/rust-engineer.md:8: visa_sponsorship: must be true or false, not 'sometimes'",
    ]


def test_json_ld_says_visa_sponsorship_where_schema_org_has_a_property(scratch):
    scratch.posting("rust-engineer", POSTING.replace("stack: [rust, go]\nopen_source_share: 40%\nteam_size: 8\n", ""))
    scratch.build()
    page = (scratch.output / "jobs/rust-engineer/index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["eligibilityToWorkRequirement"] == "Visa sponsorship is available for this job."
    # schema.org has no seniority property: experienceRequirements means experience, and
    # occupationalCategory an occupation code, so neither is filled from a level.
    assert "experienceRequirements" not in data and "occupationalCategory" not in data


def test_no_visa_statement_without_the_key(built_fixture):
    page = (built_fixture / "jobs/hourly-contractor/index.html").read_text(encoding="utf-8")
    assert "eligibilityToWorkRequirement" not in page and "Visa sponsorship" not in page


# --- declared fields: the declaration ----------------------------------------------------------


@pytest.mark.parametrize(("declaration", "bad_line", "message"), [
    ('[fields.stack]\ntype = "lst"\n', 'type = "lst"',
     "fields.stack.type: must be one of text, number, percent, boolean, choice, list, not 'lst' (did you mean 'list'?)"),
    ('[fields.salary]\ntype = "text"\n', "[fields.salary]",
     "fields.salary: clashes with the built-in posting key 'salary'; choose another name"),
    ('[fields.tag]\ntype = "text"\n', "[fields.tag]",
     "fields.tag: clashes with the search parameter 'tag'; choose another name"),
    ('[fields.stack]\ntype = "list"\nlable = "Stack"\n', 'lable = "Stack"',
     "fields.stack.lable: unknown key (did you mean 'label'?)"),
    ('[fields.level]\ntype = "choice"\n', "[fields.level]",
     "fields.level.choices: required for a choice field: the values authors may write"),
    ('[fields.stack]\ntype = "text"\nchoices = ["a"]\n', 'choices = ["a"]',
     "fields.stack.choices: only a choice or list field has choices"),
    ('[fields.Stack]\ntype = "text"\n', "[fields.Stack]",
     "fields.Stack: a field name must start with a lowercase letter and hold only lowercase letters, digits and _"),
    ('[fields.stack]\nlabel = "Stack"\n', "[fields.stack]",
     "fields.stack.type: required (one of text, number, percent, boolean, choice, list)"),
])
def test_declaration_mistakes_are_config_errors_at_their_line(scratch, declaration, bad_line, message):
    declare(scratch, "\n" + declaration)
    line = config_line(scratch, bad_line)
    with pytest.raises(BuildFailed) as failed:
        scratch.config()
    assert [str(e) for e in failed.value.errors] == [f"jobsite.toml:{line}: {message}"]


def test_a_bad_declaration_fails_check_with_one_line_and_exit_1(scratch, capsys):
    declare(scratch, '\n[fields.remote]\ntype = "boolean"\n')
    line = config_line(scratch, "[fields.remote]")
    assert main(["check", "--site", str(scratch.root), "--now", FIXTURE_NOW.isoformat()]) == 1
    printed = capsys.readouterr()
    assert printed.out.splitlines()[0] == f"jobsite.toml:{line}: fields.remote: clashes with the built-in posting key 'remote'; choose another name"
    assert "Traceback" not in printed.out + printed.err


# --- declared fields: the values -------------------------------------------------------------


def test_declared_fields_are_checked_at_their_line_with_did_you_mean(scratch):
    declare(scratch)
    text = (POSTING.replace("stack: [rust, go]", "stack: [rust, pyhton]").replace("open_source_share: 40%", "open_source_share: 140")
            .replace("team_size: 8", "team_size: eight") + "stak: [go]\n")
    scratch.posting("rust-engineer", text)
    assert errors_of(scratch) == [
        "content/jobs/rust-engineer.md:9: stack: must be one of python, rust, go, not 'pyhton' (did you mean 'python'?)",
        "content/jobs/rust-engineer.md:10: open_source_share: must be from 0 to 100 (a percentage), not 140",
        "content/jobs/rust-engineer.md:11: team_size: must be a number, not 'eight'",
        "content/jobs/rust-engineer.md:12: stak: unknown key (did you mean 'stack'?)",
    ]


def test_undeclared_fields_stay_unknown_keys(scratch):
    scratch.posting("rust-engineer", POSTING)
    found = errors_of(scratch)
    assert found[0] == "content/jobs/rust-engineer.md:9: stack: unknown key"
    assert len(found) == 3


def test_declared_fields_show_on_the_posting_page_in_declared_order(scratch):
    declare(scratch)
    scratch.posting("rust-engineer", POSTING)
    scratch.build()
    page = (scratch.output / "jobs/rust-engineer/index.html").read_text(encoding="utf-8")
    facts = re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", page)
    assert facts[-3:] == [("Stack", "rust, go"), ("Time on open source", "40%"), ("Team size", "8")]


def test_declared_facets_become_search_filters_and_the_search_page_knows_them(scratch):
    declare(scratch)
    scratch.posting("rust-engineer", POSTING)
    scratch.build()
    found = filters((scratch.output / "jobs/rust-engineer/index.html").read_text(encoding="utf-8"))
    assert found["stack"] == ["rust", "go"] and found["open_source_share"] == ["40%"]
    assert "team_size" not in found  # not declared with facet = true
    search = (scratch.output / "search/index.html").read_text(encoding="utf-8")
    # The search page lists them, under their labels, after the built-in facets.
    facets = re.findall(r'<fieldset class="facet" data-facet="([a-z_]+)">\s*<legend>([^<]+)</legend>', search)
    assert facets[-2:] == [("stack", "Stack"), ("open_source_share", "Time on open source")]
    assert ("seniority", "Seniority") in facets and ("visa", "Visa sponsorship") in facets
    assert 'name="stack" value="rust"' in search and 'name="open_source_share" value="40%"' in search


def test_jobs_json_carries_seniority_visa_and_declared_fields(scratch):
    declare(scratch)
    scratch.posting("rust-engineer", POSTING)
    scratch.build()
    jobs = {j["slug"]: j for j in json.loads((scratch.output / "jobs.json").read_text(encoding="utf-8"))["jobs"]}
    job = jobs["rust-engineer"]
    assert job["seniority"] == ["senior"] and job["visa_sponsorship"] is True
    assert job["fields"] == {"stack": ["rust", "go"], "open_source_share": 40, "team_size": 8}
    other = jobs["hourly-contractor"]
    assert other["seniority"] == [] and other["visa_sponsorship"] is None and other["fields"] == {}


def test_changing_a_declaration_revalidates_cached_postings(scratch):
    declare(scratch)
    scratch.posting("rust-engineer", POSTING)
    scratch.build()
    config = scratch.root / "jobsite.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('choices = ["python", "rust", "go"]', 'choices = ["python", "go"]'), encoding="utf-8")
    assert errors_of(scratch) == [
        "content/jobs/rust-engineer.md:9: stack: must be one of python, go, not 'rust'",
    ]


def test_new_posting_lists_the_declared_fields_and_passes_check(scratch, capsys):
    declare(scratch)
    assert main(["new", "posting", "--site", str(scratch.root), "--title", "Go Engineer", "--company", "acme"]) == 0
    text = (scratch.root / "content/jobs/go-engineer.md").read_text(encoding="utf-8")
    assert "# Stack: a list of: python, rust, go.\nstack:\n" in text
    assert "# Time on open source: a percentage from 0 to 100, like 40.\nopen_source_share:\n" in text
    assert "# Team size: a number.\nteam_size:\n" in text
    assert main(["check", "--site", str(scratch.root), "--now", FIXTURE_NOW.isoformat()]) == 0


@pytest.mark.browser
def test_a_declared_facet_filters_search_in_the_browser(page, shipped_url):
    from conftest import ROOT, SHIPPED_NOW
    from jobsite.config import load_config
    from jobsite.content.reader import read_content
    from jobsite.site import assemble

    config = load_config(ROOT, now=SHIPPED_NOW)
    site = assemble(config, read_content(config))
    on_call = sorted(p.title for p in site.open if not p.draft and p.fields.get("on_call") is True)
    seniors = sorted(p.title for p in site.open if not p.draft and "senior" in p.seniority)
    assert len(on_call) >= 2 and len(seniors) >= 2
    for query, expected, legend in (("on_call=Yes", on_call, "On-call rotation"), ("seniority=senior", seniors, "Seniority")):
        page.goto(f"{shipped_url}/search/?{query}")
        page.locator('#search-form[aria-busy="false"]').wait_for()
        assert sorted(page.locator("#search-results .card-title a").all_inner_texts()) == expected, query
        key, value = query.split("=")
        assert page.locator(f'#search-facets input[name="{key}"][value="{value}"]').is_checked()
        assert legend in page.locator("#search-facets legend").all_inner_texts()
    assert page.console_errors == []
