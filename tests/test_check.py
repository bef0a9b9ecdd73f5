"""jobsite check: build's own validation with nothing written, warnings, GitHub annotations."""

import hashlib

import pytest

from conftest import ROOT, SHIPPED_NOW
from jobsite.cli import main
from jobsite.errors import BuildFailed

NOW = "2026-06-15"
LONG = " ".join(["Useful words about the job, the team and how to apply."] * 6) + "\n"
EXACT_LINES = ("---", "title: Typo", "company: acmee", "location: Springfield, IL, US", "posted: 2026-06-01")


def check(capsys, *args, site=None) -> tuple[int, str]:
    argv = ["check", "--now", NOW, *args]
    if site is not None:
        argv += ["--site", str(site)]
    code = main(argv)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out


def broken(scratch):
    """Deliberate errors: inverted pay, a typo'd key and company, a `%` and a newline to escape."""
    scratch.posting("pay-inverted", """title: Pay Inverted
company: acme
location: Springfield, IL, US
posted: 2026-06-01
apply_url: https://acme.example.com/jobs/7
salary:
  min: 200000
  max: 150000
  currency: USD
  period: year""")
    scratch.posting("typo", """title: Typo
company: acmee
location: Springfield, IL, US
posted: 2026-06-01
apply_url: https://acme.example.com/jobs/8
salery: {min: 1, currency: "US%", period: year}
"bad\\nkey": 1""")
    scratch.write("content/jobs/Odd,Name.md", "---\ntitle: x\n---\n")


def poor(scratch):
    """Only the deliberate postings below: valid, but with every kind of warning."""
    for file in (scratch.root / "content/jobs").iterdir():
        file.unlink()
    fields = "company: acme\nposted: 2026-06-01\napply_url: https://acme.example.com/jobs/1\n"
    pay = "salary: {min: 90000, max: 100000, currency: USD, period: year}\n"
    # Each its own link: two open postings with one link are an error (one job posted twice).
    scratch.posting("closing-soon", f"title: Closing Soon\nlocation: Berlin, DE\n{fields}{pay}expires: 2026-06-16", LONG)
    scratch.posting("bare-remote", f"title: Bare Remote\nremote: true\n{fields.replace('/1', '/2')}", "Apply now.\n")
    scratch.posting("good", f"title: Good\nlocation: Berlin, DE\n{fields.replace('/1', '/3')}{pay}expires: 2026-07-30", LONG)
    # Legal but poor only matters for what visitors see: drafts, closed and future postings are quiet.
    scratch.posting("quiet-draft", f"title: Draft\nremote: true\ndraft: true\n{fields}", "x\n")
    scratch.posting("quiet-closed", "title: Closed\nremote: true\ncompany: acme\nposted: 2026-01-01\nexpires: 2026-02-01\napply_url: https://a.example/", "x\n")
    scratch.posting("quiet-future", "title: Future\nremote: true\ncompany: acme\nposted: 2026-09-01\napply_url: https://a.example/", "x\n")


def test_github_annotations_for_errors_exactly(scratch, capsys, monkeypatch):
    broken(scratch)
    monkeypatch.chdir(scratch.root)
    code, out = check(capsys, "--format", "github")
    assert code == 1
    assert out == (
        "::error file=content/jobs/Odd%2CName.md::file name must be a slug (lowercase letters, digits and hyphens): rename it to odd-name.md\n"
        "::error file=content/jobs/pay-inverted.md,line=9::salary.max: must be at least salary.min (200000)\n"
        "::error file=content/jobs/typo.md,line=3::company: unknown company 'acmee' (did you mean 'acme'?)\n"
        "::error file=content/jobs/typo.md,line=7::salery: unknown key (did you mean 'salary'?)\n"
        "::error file=content/jobs/typo.md,line=8::bad%0Akey: unknown key\n"
        "Check failed: 5 errors, 0 warnings; build would write nothing.\n"
    )


def test_github_annotations_escape_percent(scratch, capsys, monkeypatch):
    scratch.posting("percent", "title: P\ncompany: acme\nremote: true\nposted: 2026-06-01\napply_url: https://a.example/\nsalary: {min: 1, currency: 'US%', period: year}")
    monkeypatch.chdir(scratch.root)
    code, out = check(capsys, "--format", "github")
    assert code == 1
    assert out.splitlines()[0] == (
        "::error file=content/jobs/percent.md,line=7::salary.currency: unknown currency 'US%25' "
        "(use an ISO 4217 code such as USD, EUR or GBP)"
    )


def test_github_annotations_for_warnings_exactly(scratch, capsys, monkeypatch):
    poor(scratch)
    # Paths are given from the working folder (the checkout's root in Actions).
    monkeypatch.chdir(scratch.root.parent)
    code, out = check(capsys, "--format", "github", "--site", scratch.root.name)
    assert code == 0
    site = scratch.root.name
    assert out == (
        f"::warning file={site}/content/jobs/bare-remote.md,line=2::expires: not set; the posting stays open until someone removes it\n"
        f"::warning file={site}/content/jobs/bare-remote.md,line=2::salary: not listed; add min, max, currency and period so candidates see the pay\n"
        f"::warning file={site}/content/jobs/bare-remote.md,line=3::remote_regions: not set for a remote posting; list where candidates may live, like [US, CA]\n"
        f"::warning file={site}/content/jobs/bare-remote.md,line=8::body: the description has 2 words; write at least 50 about the job, the team and how to apply\n"
        f"::warning file={site}/content/jobs/closing-soon.md,line=8::expires: closes tomorrow (2026-06-16); extend it if the job is still open\n"
        "Check passed with 5 warnings: 3 open and 1 closed postings, 3 companies.\n"
    )


def test_text_format_lists_warnings_then_a_summary(scratch, capsys):
    poor(scratch)
    code, out = check(capsys, site=scratch.root)
    assert code == 0
    assert out.splitlines() == [
        "warning: content/jobs/bare-remote.md:2: expires: not set; the posting stays open until someone removes it",
        "warning: content/jobs/bare-remote.md:2: salary: not listed; add min, max, currency and period so candidates see the pay",
        "warning: content/jobs/bare-remote.md:3: remote_regions: not set for a remote posting; list where candidates may live, like [US, CA]",
        "warning: content/jobs/bare-remote.md:8: body: the description has 2 words; write at least 50 about the job, the team and how to apply",
        "warning: content/jobs/closing-soon.md:8: expires: closes tomorrow (2026-06-16); extend it if the job is still open",
        "Check passed with 5 warnings: 3 open and 1 closed postings, 3 companies.",
    ]


@pytest.mark.parametrize("now, words", [("2026-06-14", "in 2 days"), ("2026-06-16", "today")])
def test_expiring_soon_counts_days(scratch, capsys, now, words):
    poor(scratch)
    code = main(["check", "--site", str(scratch.root), "--now", now])
    out = capsys.readouterr().out
    assert code == 0
    assert f"closing-soon.md:8: expires: closes {words} (2026-06-16)" in out


def test_an_empty_location_on_site_is_a_warning(scratch, capsys):
    scratch.posting("nowhere", "title: Nowhere\ncompany: acme\nlocation: []\nposted: 2026-06-01\napply_url: https://a.example/", LONG)
    code, out = check(capsys, site=scratch.root)
    assert code == 0
    assert "warning: content/jobs/nowhere.md:4: location: empty; say where the job is, or set remote: true" in out


def test_text_format_errors(scratch, capsys):
    broken(scratch)
    code, out = check(capsys, site=scratch.root)
    assert code == 1
    assert out.splitlines()[1] == "content/jobs/pay-inverted.md:9: salary.max: must be at least salary.min (200000)"
    assert out.splitlines()[-1] == "Check failed: 5 errors, 0 warnings; build would write nothing."


def test_template_errors_are_caught_by_rendering_in_memory(scratch, capsys):
    scratch.write("templates/company.html", "{% extends 'base.html' %}{% block main %}{{ company.nmae }}{% endblock %}")
    code, out = check(capsys, site=scratch.root)
    assert code == 1
    assert out.splitlines()[0].startswith("templates/company.html:1: template error while rendering /companies/")
    assert "has no attribute 'nmae'" in out


def test_output_collisions_are_caught_without_writing(scratch, capsys):
    scratch.write("static/jobs/remote-python-dev/index.html", "<p>mine</p>")
    code, out = check(capsys, site=scratch.root)
    assert code == 1
    assert out.splitlines()[0] == "static/jobs/remote-python-dev/index.html: /jobs/remote-python-dev/index.html is also written by content/jobs/remote-python-dev.md"


def test_config_errors_are_reported_as_problems(scratch, capsys, monkeypatch):
    scratch.write("jobsite.toml", 'title = "T"\npostings_par_page = 3\n')
    monkeypatch.chdir(scratch.root)
    code, out = check(capsys, "--format", "github")
    assert code == 1
    assert out.splitlines()[0] == "::error file=jobsite.toml,line=2::postings_par_page: unknown key (did you mean 'postings_per_page'?)"


def tree(folder):
    """Every path under folder (the Markdown cache aside) with a hash of each file."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
        for p in sorted(folder.rglob("*"))
        if ".jobsite-cache" not in p.relative_to(folder).parts
    }


def test_check_writes_nothing(scratch, capsys):
    before = tree(scratch.root.parent)
    assert check(capsys, site=scratch.root)[0] == 0
    broken(scratch)
    during = tree(scratch.root.parent)
    assert check(capsys, site=scratch.root)[0] == 1
    # No public/, no staging folder beside it, no file changed.
    assert tree(scratch.root.parent) == during
    assert set(during) - set(before) == {"site/content/jobs/pay-inverted.md", "site/content/jobs/typo.md", "site/content/jobs/Odd,Name.md"}
    assert not scratch.output.exists()


def test_shipped_site_passes(capsys):
    code = main(["check", "--site", str(ROOT), "--now", SHIPPED_NOW.isoformat()])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.splitlines()[-1].startswith("Check passed")


def test_require_salary_makes_missing_pay_an_error_in_check_and_build(scratch, capsys):
    config = (scratch.root / "jobsite.toml").read_text()
    scratch.write("jobsite.toml", config + "require_salary = true\n")
    expected = (
        "content/jobs/no-salary-writer.md:2: salary: required on this site "
        "(require_salary = true in jobsite.toml): add min, max, currency and period"
    )
    code, out = check(capsys, site=scratch.root)
    assert code == 1
    # The draft without pay (draft-manager) is exempt until it is published.
    assert out.splitlines() == [expected, "Check failed: 1 error, 0 warnings; build would write nothing."]
    with pytest.raises(BuildFailed) as failed:
        scratch.build()
    assert [str(e) for e in failed.value.errors] == [expected]


def test_without_require_salary_missing_pay_is_a_warning(scratch, capsys):
    code, out = check(capsys, site=scratch.root)
    assert code == 0
    assert "warning: content/jobs/no-salary-writer.md:2: salary: not listed; add min, max, currency and period so candidates see the pay" in out
