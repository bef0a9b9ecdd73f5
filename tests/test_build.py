"""Building sites end to end: life cycle, pages, safety, theme overrides, the CLI."""

import datetime as dt
import re
import subprocess
import sys
import time

import pytest

from conftest import FIXTURE, ROOT
from jobsite.cli import main
from jobsite.errors import BuildFailed, JobsiteError
from jobsite.publish.staging import Staging


def read(folder, rel):
    return (folder / rel).read_text(encoding="utf-8")


def test_open_closed_draft_and_future_postings(built_fixture):
    home = read(built_fixture, "index.html") + read(built_fixture, "page/2/index.html")
    for slug in ("remote-python-dev", "hybrid-data-scientist", "onsite-designer", "hourly-contractor", "no-salary-writer"):
        assert f'href="/jobs/{slug}/"' in home
    # Closed: leaves every list, keeps its permalink with a banner and noindex.
    assert "closed-engineer" not in home
    closed = read(built_fixture, "jobs/closed-engineer/index.html")
    assert "This position is closed." in closed
    assert '<meta name="robots" content="noindex">' in closed
    assert "Apply for this job" not in closed
    assert "/jobs/closed-engineer/" not in read(built_fixture, "tags/python/index.html")
    acme = read(built_fixture, "companies/acme/index.html")
    open_part, _, closed_part = acme.partition("Recently closed")
    assert "/jobs/closed-engineer/" not in open_part and "/jobs/closed-engineer/" in closed_part
    # Drafts and future postings are not built at all.
    assert not (built_fixture / "jobs/draft-manager").exists()
    assert not (built_fixture / "jobs/future-intern").exists()


def test_pagination_follows_postings_per_page(built_fixture):
    assert read(built_fixture, "index.html").count('class="card"') == 3
    assert read(built_fixture, "page/2/index.html").count('class="card"') == 2
    assert not (built_fixture / "page/3").exists()


def test_drafts_flag_and_now_move_the_life_cycle(scratch):
    result = scratch.build(drafts=True, now=dt.date(2026, 7, 20))
    assert (scratch.output / "jobs/draft-manager/index.html").exists()
    assert (scratch.output / "jobs/future-intern/index.html").exists()
    assert "This position is closed." in read(scratch.output, "jobs/hourly-contractor/index.html")
    assert {p.slug for p in result.site.closed} == {"closed-engineer", "hourly-contractor"}


def test_expires_day_is_still_open(scratch):
    site = scratch.build(now=dt.date(2026, 7, 12)).site
    assert "hourly-contractor" in {p.slug for p in site.open}


def test_salary_badges_on_cards(built_fixture):
    home = read(built_fixture, "index.html") + read(built_fixture, "page/2/index.html")
    assert "$120K–$160K /yr" in home
    assert "€70K–€90K /yr" in home
    assert "$40–$55.50 /hr" in home
    assert "Salary not listed" in home


def test_tag_location_company_and_404_pages(built_fixture):
    assert "Remote Python Developer" in read(built_fixture, "tags/python/index.html")
    assert "Hybrid Data Scientist" in read(built_fixture, "locations/berlin-de/index.html")
    assert "Remote Python Developer" in read(built_fixture, "locations/remote/index.html")
    assert "Acme Corp" in read(built_fixture, "companies/index.html")
    assert "Page not found" in read(built_fixture, "404.html")


def test_shipped_site_has_seed_posting_and_company_page(built_shipped):
    posting = read(built_shipped, "jobs/staff-data-scientist-ecosystem/index.html")
    assert "Staff Data Scientist, Ecosystem" in posting
    assert "$148K–$304K /yr" in posting
    assert "â€" not in posting and "ðŸ" not in posting
    pinterest = read(built_shipped, "companies/pinterest/index.html")
    assert 'href="/jobs/staff-data-scientist-ecosystem/"' in pinterest
    assert "$148K–$304K /yr" in pinterest
    assert (built_shipped / "tags/data-science/index.html").exists()
    assert (built_shipped / "404.html").exists()


HOSTILE_BODY = """
<script>alert(1)</script>
<img src=x onerror="alert(2)"> <a href="JaVaScRiPt:alert(3)">x</a> <a href="data:text/html,hi">d</a>
<iframe src="https://evil.example"></iframe><object data="x"></object><form action="/x"><input></form>
<meta http-equiv="refresh" content="0;url=https://evil.example">

[click](javascript:alert(4)) [ok](https://ok.example) {{ 7 * 7 }} {% raw %}x{% endraw %}
"""


def test_markdown_is_sanitised_and_jinja_is_text(scratch):
    scratch.posting("hostile", """
title: Hostile <b>title</b>
company: acme
remote: true
posted: 2026-06-01
apply_url: https://acme.example.com/h
""", HOSTILE_BODY)
    scratch.build()
    html = read(scratch.output, "jobs/hostile/index.html")
    body = html.split('class="posting-body"', 1)[1].split("</article>", 1)[0]
    lowered = body.lower()
    for bad in ("<script", "onerror", "javascript:", "data:text", "<iframe", "<object", "<form", "<meta", "<input"):
        assert bad not in lowered, bad
    assert "{{ 7 * 7 }}" in body and "49" not in body
    assert "{% raw %}" in body
    assert 'href="https://ok.example"' in body
    assert "Hostile &lt;b&gt;title&lt;/b&gt;" in html


def test_body_headings_start_at_h2_under_the_title(scratch):
    # Authors write `##` sections; under the page's <h1> the highest body heading is an <h2>.
    scratch.posting("sections", "title: Sections\ncompany: acme\nremote: true\nposted: 2026-06-01\napply_url: https://acme.example.com/s",
                    "Intro.\n\n## About\n\nText.\n\n### Details\n\n> ## Quoted\n\n#### Deep\n")
    scratch.posting("top-level", "title: Top level\ncompany: acme\nremote: true\nposted: 2026-06-01\napply_url: https://acme.example.com/t",
                    "# Role\n\n## Team\n")
    scratch.build()
    body = read(scratch.output, "jobs/sections/index.html").split('class="posting-body"', 1)[1].split("</article>", 1)[0]
    assert re.findall(r"<h(\d)>([^<]*)</h\d>", body) == [("2", "About"), ("3", "Details"), ("2", "Quoted"), ("4", "Deep")]
    top = read(scratch.output, "jobs/top-level/index.html").split('class="posting-body"', 1)[1]
    assert re.findall(r"<h(\d)>([^<]*)</h\d>", top.split("</article>", 1)[0]) == [("2", "Role"), ("3", "Team")]

def test_theme_templates_can_be_overridden_by_name(scratch):
    scratch.write("templates/404.html", "{% extends 'base.html' %}{% block main %}<h1>Lost at sea</h1>{% endblock %}")
    scratch.build()
    assert "Lost at sea" in read(scratch.output, "404.html")
    assert "Remote Python Developer" in read(scratch.output, "index.html")


def test_folder_with_only_content_builds_with_the_default_theme(empty_site):
    empty_site.write("content/companies/solo.md", "---\nname: Solo\n---\nJust us.\n")
    empty_site.posting("only-job", "title: Only Job\ncompany: solo\nremote: true\nposted: 2026-01-01\napply_url: https://solo.example.com")
    empty_site.build()
    assert "Only Job" in read(empty_site.output, "index.html")
    assert list((empty_site.output / "assets").glob("style.*.css"))


def test_static_files_are_copied(scratch):
    scratch.write("static/logos/acme.svg", "<svg/>")
    scratch.build()
    assert read(scratch.output, "logos/acme.svg") == "<svg/>"


def test_staging_refuses_paths_outside_the_output(tmp_path):
    with Staging(tmp_path / "public") as staging:
        for rel in ("../escape.html", "/etc/passwd", "a/../../b", "a\\..\\b"):
            with pytest.raises(JobsiteError):
                staging.write(rel, "x")
    assert not (tmp_path / "escape.html").exists()


def test_a_rebuild_replaces_the_output_and_the_old_one_is_deleted(scratch):
    scratch.build()
    (scratch.output / "stale.html").write_text("from before")
    scratch.build()
    assert not (scratch.output / "stale.html").exists()
    assert (scratch.output / "index.html").is_file()
    # A detached process deletes the replaced output after the build returns.
    deadline = time.monotonic() + 60
    while [p for p in scratch.root.iterdir() if ".jobsite-old-" in p.name] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [p.name for p in scratch.root.iterdir() if ".public.jobsite-" in p.name] == []


def test_two_postings_on_one_url_is_an_error_naming_both(scratch):
    scratch.posting("renamed", "title: Renamed\ncompany: acme\nremote: true\nposted: 2026-06-01\napply_url: https://a.example.com\naliases: [remote-python-dev]")
    with pytest.raises(BuildFailed) as failure:
        scratch.build()
    assert [str(e) for e in failure.value.errors] == [
        "content/jobs/renamed.md:7: aliases: /jobs/remote-python-dev/ is also the URL of content/jobs/remote-python-dev.md"
    ]


def test_static_file_clashing_with_a_page_is_an_error(scratch):
    scratch.write("static/404.html", "mine")
    with pytest.raises(BuildFailed) as failure:
        scratch.build()
    assert "static/404.html" in str(failure.value) and "/404.html" in str(failure.value)


def test_cli_build_prints_a_summary(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", "--site", str(FIXTURE), "--output", str(out), "--now", "2026-06-15"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("Built 5 open and 1 closed postings, 3 companies, ") and " pages in " in line


def test_cli_version_and_help():
    version = subprocess.run([sys.executable, "-m", "jobsite", "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("jobsite ")
    help_text = subprocess.run([sys.executable, "-m", "jobsite", "--help"], capture_output=True, text=True, check=True).stdout
    for command in ("build", "serve", "check", "new", "import"):
        assert command in help_text


def test_bad_now_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["build", "--site", str(ROOT), "--now", "tomorrow"])
    assert exit_.value.code == 2
    assert "not a date like 2026-11-25: 'tomorrow'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "slug"),
    [("Data Science", "data-science"), ("C++", "c-plus-plus"), ("C#", "c-sharp"), ("C", "c"),
     (".NET", "dotnet"), ("Node.js", "node-js"), ("Zürich, CH", "zurich-ch")],
)
def test_slugify_keeps_technologies_apart(text, slug):
    from jobsite.content.fields import slugify

    assert slugify(text) == slug


def test_tags_show_as_written_and_link_by_slug(scratch):
    scratch.posting("cpp-dev", "title: C++ Developer\ncompany: acme\nremote: true\nposted: 2026-06-14\napply_url: https://a.example.com\ntags: [C++, c++, C#, .NET]")
    site = scratch.build().site
    assert [(g.slug, g.label) for g in site.tags.values() if g.slug in ("c-plus-plus", "c-sharp", "dotnet")] == [
        ("c-plus-plus", "C++"), ("c-sharp", "C#"), ("dotnet", ".NET"),
    ]
    card = read(scratch.output, "index.html")
    assert '<a href="/tags/c-plus-plus/">C++</a>' in card and '<a href="/tags/dotnet/">.NET</a>' in card
    assert "<h1>C++ jobs</h1>" in read(scratch.output, "tags/c-plus-plus/index.html").replace("\n", "")
