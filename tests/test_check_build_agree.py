"""`jobsite check` passing means `jobsite build` succeeds: every rule build enforces, check reports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobsite.cli import main

NOW = "2026-06-15"


def both(site: Path, capsys) -> tuple[tuple[int, list[str]], tuple[int, list[str]]]:
    """(exit code, lines) of check, then of build."""
    results = []
    for command in ("check", "build"):
        code = main([command, "--site", str(site), "--now", NOW])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        results.append((code, [line for line in (captured.out + captured.err).splitlines() if line.strip()]))
    return results[0], results[1]


LONG = "x" * 300
CASES = [
    # (file, text, the error both print)
    ("content/jobs/long-tag.md", f"---\ntitle: T\ncompany: acme\nremote: true\nposted: 2026-06-01\napply_url: https://a.example.com\ntags: [python, {LONG}]\n---\nx\n",
     "content/jobs/long-tag.md:7: tags: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' makes a page name of 300 characters; at most 200 fit a file name"),
    ("content/jobs/long-place.md", f"---\ntitle: T\ncompany: acme\nlocation: [Berlin, {LONG}]\nposted: 2026-06-01\napply_url: https://a.example.com\n---\nx\n",
     "content/jobs/long-place.md:4: location: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' makes a page name of 300 characters; at most 200 fit a file name"),
    (f"content/jobs/{'y' * 230}.md", "---\ntitle: T\ncompany: acme\nremote: true\nposted: 2026-06-01\napply_url: https://a.example.com\n---\nx\n",
     f"content/jobs/{'y' * 230}.md: the file name makes a page name of 230 characters; at most 200 fit a file name"),
    ("static/pagefind", "not a folder", "static/pagefind: /pagefind/ is reserved for the search index"),
    ("static/pagefind/pagefind.js", "mine", "static/pagefind/pagefind.js: /pagefind/ is reserved for the search index"),
    ("static/jobs", "a file where pages go", "static/jobs: /jobs/ is a folder of generated pages"),
    ("static/jobs/remote-python-dev/index.html", "mine", "static/jobs/remote-python-dev/index.html: /jobs/remote-python-dev/index.html is also written by content/jobs/remote-python-dev.md"),
    ("static/feed.xml", "mine", "static/feed.xml: /feed.xml is also written by jobsite"),
    ("static/.jobsite-build", "mine", None),  # hidden files are never copied: no clash, builds
    # Pagefind names its files after the pages' lang: a long one panicked it, a path wrote beside the output.
    ("jobsite.toml", f'language = "{LONG}"\n',
     "jobsite.toml:1: language: must be a language tag like \"en\" or \"pt-BR\", not 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…'"),
    ("jobsite.toml", 'language = "../../../x"\n',
     "jobsite.toml:1: language: must be a language tag like \"en\" or \"pt-BR\", not '../../../x'"),
    ("content/jobs/surrogate.md", '---\ntitle: "Bad \\ud800 text"\ncompany: acme\nremote: true\nposted: 2026-06-01\napply_url: https://a.example.com\n---\nx\n',
     "content/jobs/surrogate.md:2: invalid YAML: found invalid Unicode character escape code"),
]


@pytest.mark.parametrize(("rel", "text", "expected"), CASES, ids=[f"{c[0][:40]}-{i}" for i, c in enumerate(CASES)])
def test_check_reports_what_build_would_refuse(scratch, capsys, rel, text, expected):
    scratch.write(rel, text)
    (check_code, check_lines), (build_code, build_lines) = both(scratch.root, capsys)
    if expected is None:
        assert (check_code, build_code) == (0, 0)
        return
    assert (check_code, build_code) == (1, 1)
    assert expected in check_lines
    assert build_lines == [expected, "Build failed: 1 error; nothing was written."]


# --- the property: generated postings, check 0 => build 0 -----------------------------------

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40) | st.sampled_from(
    ["C++", ".NET", "x" * 250, "<script>alert(1)</script>", "{{ 7*7 }}", "a/b\\c", "..", "%2e%2e", "\x00", "\u202e"]
)
NUMBER_TEXT = st.sampled_from([
    "0", "1", "0.5", "148049", "1e31", "1.0e+308", "-1", ".nan", ".inf", "-.inf", "1" * 321, "9" * 4301,
    "0x10", "1_000", "12.345", "1000000000000", "1000000000001", "'100'", "~",
])
SCALAR = TEXT | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.booleans() | st.none()
EXTRA = st.dictionaries(st.text(max_size=8), st.recursive(SCALAR, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=6), max_size=3)


@st.composite
def posting_text(draw) -> str:
    """A posting's file: valid bones with generated values, some written as raw YAML."""
    front = {
        "title": draw(TEXT),
        "company": draw(st.sampled_from(["acme", "acme", "nobody"])),
        "location": draw(st.lists(TEXT, max_size=3)),
        "remote": draw(st.sampled_from([True, False, "hybrid"])),
        "apply_url": draw(st.sampled_from(["https://a.example.com/apply", "mailto:jobs@a.example.com", "javascript:alert(1)"])),
        "tags": draw(st.lists(TEXT, max_size=4)),
        "extra": draw(EXTRA),
        "draft": draw(st.booleans()),
    }
    if draw(st.booleans()):
        front["expires"] = draw(st.sampled_from(["2026-06-10", "2026-12-31", "2026-02-30"]))
    text = yaml.safe_dump(front, allow_unicode=draw(st.booleans()), sort_keys=False) + "posted: 2026-06-01\n"
    if draw(st.booleans()):
        low, high = draw(NUMBER_TEXT), draw(NUMBER_TEXT)
        currency = draw(st.sampled_from(["USD", "JPY", "XYZ"]))
        period = draw(st.sampled_from(["year", "hour", "fortnight"]))
        text += f"salary:\n  min: {low}\n  max: {high}\n  currency: {currency}\n  period: {period}\n"
    if draw(st.booleans()):
        text += f"extra_number: {draw(NUMBER_TEXT)}\n" if draw(st.booleans()) else f"title: {draw(NUMBER_TEXT)}\n"
    body = draw(st.text(max_size=200))
    return f"---\n{text}---\n\n{body}\n"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(postings=st.lists(posting_text(), min_size=1, max_size=3))
def test_check_passing_means_build_succeeds(tmp_path, capsys, postings):
    site = tmp_path / "site"
    shutil.rmtree(site, ignore_errors=True)
    (site / "content/jobs").mkdir(parents=True)
    (site / "content/companies").mkdir()
    (site / "content/companies/acme.md").write_text("---\nname: Acme\n---\nWe make things.\n", encoding="utf-8")
    for number, text in enumerate(postings):
        (site / f"content/jobs/job-{number}.md").write_text(text, encoding="utf-8")
    (check_code, check_lines), (build_code, build_lines) = both(site, capsys)
    if check_code == 0:
        assert build_code == 0, build_lines
    else:
        # And both report the same errors.
        assert build_code == 1
        assert [line for line in check_lines if not line.startswith(("warning: ", "Check failed"))] == build_lines[:-1]
