"""Closing postings: `filled`, `max_open_days`, and one job posted twice."""

from __future__ import annotations

import json
import re

import pytest

from conftest import FIXTURE_NOW
from jobsite.cli import main
from jobsite.errors import BuildFailed

POSTING = """\
title: {title}
company: {company}
location: Berlin, DE
posted: {posted}
apply_url: {url}
tags: [closing-test]
{more}"""
BODY = "A real job with a real team. " * 12 + "\n"


def add(scratch, slug, *, title=None, company="acme", posted="2026-06-01", url=None, more=""):
    url = url or f"https://acme.example.com/jobs/{slug}"
    scratch.posting(slug, POSTING.format(title=title or slug.replace("-", " ").title(), company=company, posted=posted, url=url, more=more), BODY)


def outputs(out):
    """Everything a closed posting must be missing from: lists, feeds, jobs.json, sitemap, tag pages."""
    return {
        "home": "".join(p.read_text() for p in [out / "index.html", *(out / "page").glob("*/index.html")]),
        "feed": (out / "feed.xml").read_text(),
        "jobs.json": json.dumps(json.loads((out / "jobs.json").read_text())),
        "sitemap": (out / "sitemap.xml").read_text(),
        "tag": (out / "tags/closing-test/index.html").read_text(),
        "company feed": (out / "companies/acme/feed.xml").read_text(),
    }


def test_filled_closes_from_that_day_like_expired_but_worded_filled(scratch):
    add(scratch, "filled-today", more="expires: 2026-08-01\nfilled: 2026-06-15")
    add(scratch, "filled-tomorrow", more="filled: 2026-06-16")
    add(scratch, "expired-yesterday", more="expires: 2026-06-14")
    scratch.build()
    out = scratch.output
    lists = outputs(out)
    for name, text in lists.items():
        assert "/jobs/filled-today/" not in text, name
        assert "/jobs/expired-yesterday/" not in text, name
        assert "/jobs/filled-tomorrow/" in text, name  # open until its filled day
    filled = (out / "jobs/filled-today/index.html").read_text()
    expired = (out / "jobs/expired-yesterday/index.html").read_text()
    for page in (filled, expired):
        assert '<meta name="robots" content="noindex">' in page
        assert "application/ld+json" not in page and "data-pagefind-body" not in page
        assert "Apply for this job" not in page
    banner = re.search(r'<p class="closed-banner"[^>]*>(.*?)</p>', filled)[1]
    assert banner == "<strong>This position has been filled.</strong> It was filled on Jun 15, 2026."
    assert "Deadline" not in filled  # a deadline after the job is filled would say it is still open
    assert "This position is closed." in expired and "has been filled" not in expired
    acme = (out / "companies/acme/index.html").read_text().partition("Recently closed")[2]
    assert re.search(r'/jobs/filled-today/">Filled Today</a> · filled Jun 15, 2026', acme)
    assert re.search(r'/jobs/expired-yesterday/">Expired Yesterday</a> · closed Jun 14, 2026', acme)


def test_filled_before_posted_is_an_error(scratch):
    add(scratch, "early", more="filled: 2026-05-01")
    with pytest.raises(BuildFailed) as failed:
        scratch.build()
    assert [str(e) for e in failed.value.errors] == ["content/jobs/early.md:8: filled: must be on or after posted (2026-06-01)"]


def test_max_open_days_closes_postings_without_expires(scratch):
    scratch.write("jobsite.toml", (scratch.root / "jobsite.toml").read_text() + "max_open_days = 30\n")
    add(scratch, "old-no-expiry", posted="2026-05-15")  # closes on 2026-06-14
    add(scratch, "last-day", posted="2026-05-17")  # open through 2026-06-15, closed from the 16th
    add(scratch, "old-with-expiry", posted="2026-05-01", more="expires: 2026-07-01")
    scratch.build()
    lists = outputs(scratch.output)
    assert all("/jobs/old-no-expiry/" not in text for text in lists.values())
    assert all("/jobs/last-day/" in text and "/jobs/old-with-expiry/" in text for text in lists.values())
    closed = (scratch.output / "jobs/old-no-expiry/index.html").read_text()
    assert "This position is closed.</strong> It stopped taking applications on Jun 13, 2026." in closed
    page = (scratch.output / "jobs/last-day/index.html").read_text()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1])
    assert data["validThrough"] == "2026-06-15T23:59:59"
    # Its deadline shows like an `expires` one, on the page and on cards.
    assert '<dt>Deadline</dt><dd><time datetime="2026-06-15">Jun 15, 2026</time> <span class="when">(closes today)</span>' in page
    card = lists["tag"].split('href="/jobs/last-day/"')[1].split("</li>")[0]
    assert '<span class="soon"> · closes today</span>' in card


def test_check_warns_a_week_before_max_open_days_closes(scratch, capsys):
    scratch.write("jobsite.toml", (scratch.root / "jobsite.toml").read_text() + "max_open_days = 30\n")
    for file in (scratch.root / "content/jobs").iterdir():
        file.unlink()
    pay = "salary: {min: 1, currency: USD, period: year}\n"
    add(scratch, "closes-in-six-days", posted="2026-05-23", more=pay)  # last day 2026-06-21
    add(scratch, "closes-in-a-week", posted="2026-05-24", more=pay)
    add(scratch, "closes-in-eight-days", posted="2026-05-25", more=pay)
    code = main(["check", "--site", str(scratch.root), "--now", FIXTURE_NOW.isoformat()])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert out == [
        "warning: content/jobs/closes-in-a-week.md:5: expires: not set, so it closes in 7 days (2026-06-22), "
        "30 days after posted (max_open_days in jobsite.toml); set expires to keep it open longer",
        "warning: content/jobs/closes-in-six-days.md:5: expires: not set, so it closes in 6 days (2026-06-21), "
        "30 days after posted (max_open_days in jobsite.toml); set expires to keep it open longer",
        "Check passed with 2 warnings: 3 open and 0 closed postings, 3 companies.",
    ]


@pytest.mark.parametrize("value, message", [
    ("0", "max_open_days: must be at least 1 (leave it out to keep postings open until they expire)"),
    ('"180"', "max_open_days: must be a whole number"),
])
def test_max_open_days_is_validated(scratch, capsys, value, message):
    scratch.write("jobsite.toml", (scratch.root / "jobsite.toml").read_text() + f"max_open_days = {value}\n")
    assert main(["build", "--site", str(scratch.root)]) == 1
    line = len((scratch.root / "jobsite.toml").read_text().splitlines())  # the line just added
    assert f"jobsite.toml:{line}: {message}" in capsys.readouterr().err


def test_two_open_postings_with_one_link_are_an_error_naming_both(scratch, capsys):
    add(scratch, "first", url="https://jobs.example.com/roles/42?utm_source=x&team=core")
    add(scratch, "second", url="HTTP://Jobs.Example.COM/roles/42/?team=core&gclid=abc#apply")
    add(scratch, "third", url="https://jobs.example.com/roles/43?team=core")  # another job
    assert main(["build", "--site", str(scratch.root), "--now", FIXTURE_NOW.isoformat()]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "content/jobs/second.md:6: apply_url: the same link as content/jobs/first.md "
        "(HTTP://Jobs.Example.COM/roles/42/?team=core&gclid=abc#apply); one job, one posting: close or remove one of them",
        "Build failed: 1 error; nothing was written.",
    ]


def test_one_link_is_fine_once_the_other_posting_closed_and_for_mailto(scratch):
    add(scratch, "old", url="https://jobs.example.com/roles/42", more="expires: 2026-06-01")
    add(scratch, "new", url="https://jobs.example.com/roles/42")
    add(scratch, "mail-a", url="mailto:jobs@acme.example.com")
    add(scratch, "mail-b", url="mailto:jobs@acme.example.com")
    scratch.build()


def test_the_same_title_at_one_company_open_twice_is_a_warning(scratch, capsys):
    add(scratch, "data-engineer", title="Data Engineer")
    add(scratch, "data-engineer-2", title="data  engineer")
    add(scratch, "data-engineer-globex", title="Data Engineer", company="globex")  # another company
    code = main(["check", "--site", str(scratch.root), "--now", FIXTURE_NOW.isoformat()])
    out = capsys.readouterr().out
    assert code == 0
    assert ("warning: content/jobs/data-engineer-2.md:2: title: 'Data Engineer' at this company is also open "
            "in content/jobs/data-engineer.md; is it the same job?") in out
    assert out.count("is it the same job?") == 1
