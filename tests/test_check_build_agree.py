"""`jobsite check` passing means `jobsite build` succeeds: every rule build enforces, check reports."""

from __future__ import annotations

from pathlib import Path

import pytest

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
    ("content/jobs/surrogate.md", '---\ntitle: "Bad \\ud800 text"\ncompany: acme\nremote: true\nposted: 2026-06-01\napply_url: https://a.example.com\n---\nx\n',
     "content/jobs/surrogate.md:2: invalid YAML: found invalid Unicode character escape code"),
]


@pytest.mark.parametrize(("rel", "text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_check_reports_what_build_would_refuse(scratch, capsys, rel, text, expected):
    scratch.write(rel, text)
    (check_code, check_lines), (build_code, build_lines) = both(scratch.root, capsys)
    if expected is None:
        assert (check_code, build_code) == (0, 0)
        return
    assert (check_code, build_code) == (1, 1)
    assert expected in check_lines
    assert build_lines == [expected, "Build failed: 1 error; nothing was written."]
