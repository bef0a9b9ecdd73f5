"""The preview server's pieces: which files it serves, what it adds to pages, what the watcher ignores."""

from __future__ import annotations

import argparse
import json
import re
import threading
from pathlib import Path

import pytest
from watchfiles import Change

from conftest import FIXTURE_NOW
from jobsite import serve as serve_module
from jobsite.preview import error_page, inject, locate, mime_type
from jobsite.serve import Preview, Rebuilder, Snapshot, is_loopback
from jobsite.watch import SourceFilter


@pytest.fixture
def build_dir(tmp_path: Path) -> Path:
    root = tmp_path / "build"
    (root / "jobs" / "x").mkdir(parents=True)
    (root / "jobs" / "x" / "index.html").write_text("<p>x</p>")
    (root / "index.html").write_text("<p>home</p>")
    (tmp_path / "secret.txt").write_text("secret")
    return root


def test_locate_serves_files_and_directory_indexes(build_dir):
    assert locate(build_dir, "/") == (200, build_dir / "index.html")
    assert locate(build_dir, "/jobs/x/") == (200, build_dir / "jobs" / "x" / "index.html")
    assert locate(build_dir, "/jobs/x") == (301, "/jobs/x/")
    assert locate(build_dir, "/jobs/x/index.html") == (200, build_dir / "jobs" / "x" / "index.html")
    assert locate(build_dir, "/jobs/y/") == (404, None)


@pytest.mark.parametrize("url", ["/../secret.txt", "/%2e%2e/secret.txt", "/jobs/..%2F..%2Fsecret.txt", "/jobs/%2E%2E/%2E%2E/secret.txt", "/..\\secret.txt"])
def test_locate_refuses_parent_paths(build_dir, url):
    assert locate(build_dir, url) == (403, None)


def test_locate_refuses_symlinks_out_of_the_build(build_dir):
    (build_dir / "leak.txt").symlink_to(build_dir.parent / "secret.txt")
    (build_dir / "up").symlink_to(build_dir.parent, target_is_directory=True)
    (build_dir / "home.html").symlink_to(build_dir / "index.html")
    assert locate(build_dir, "/leak.txt") == (403, None)
    assert locate(build_dir, "/up/secret.txt") == (403, None)
    assert locate(build_dir, "/up/") == (403, None)
    assert locate(build_dir, "/up") == (403, None)
    assert locate(build_dir, "/home.html") == (200, build_dir / "index.html")


def test_redirect_stays_on_this_host(build_dir):
    (build_dir / "evil.example").mkdir()
    assert locate(build_dir, "//evil.example") == (301, "/evil.example/")


@pytest.mark.parametrize(("name", "kind"), [
    ("pagefind.js", "text/javascript; charset=utf-8"),
    ("wasm.en.pagefind", "application/octet-stream"),
    ("x.pf_fragment", "application/octet-stream"),
    ("pagefind.wasm", "application/wasm"),
    ("index.html", "text/html; charset=utf-8"),
    ("style.css", "text/css; charset=utf-8"),
    ("feed.xml", "application/xml; charset=utf-8"),
    ("logo.svg", "image/svg+xml; charset=utf-8"),
    ("photo.png", "image/png"),
    ("data.bin", "application/octet-stream"),
])
def test_mime_types(name, kind):
    assert mime_type(name) == kind


def test_inject_adds_marker_overlay_and_escapes_errors():
    page = b"<html><head><title>t</title></head><body><p>hi</p>\n</body></html>"
    out = inject(page, "abc:3", ("content/jobs/x.md:2: title: <script>alert(1)</script> & more",)).decode()
    assert out.startswith('<html><head><title>t</title><meta name="jobsite-build" content="abc:3"></head>')
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in out
    assert "<script>alert" not in out
    assert out.index('id="jobsite-overlay"') > out.index("<p>hi</p>")
    assert out.endswith('<script src="/__jobsite/reload.js"></script></body></html>')


def test_inject_without_errors_adds_no_overlay_and_no_second_script():
    page = b'<html><head></head><body><script src="/__jobsite/reload.js"></script></BODY></html>'
    out = inject(page, "abc:1", ())
    assert out == b'<html><head><meta name="jobsite-build" content="abc:1"></head><body><script src="/__jobsite/reload.js"></script></BODY></html>'


def test_error_page_names_every_error():
    out = error_page("abc:1", ("jobsite.toml:1: invalid TOML: x", "content/jobs/a.md:3: title: required")).decode()
    assert "The site could not be built" in out
    assert out.count("<li ") == 2
    assert "jobsite.toml:1: invalid TOML: x" in out


@pytest.mark.parametrize(("rel", "seen"), [
    ("content/jobs/a.md", True),
    ("templates/base.html", True),
    ("static/logo.png", True),
    ("jobsite.toml", True),
    ("content", True),
    ("templates", True),
    ("content/jobs/.#a.md", False),
    ("content/jobs/a.md~", False),
    ("content/jobs/.a.md.swp", False),
    ("content/jobs/4913", False),
    ("content/jobs/#a.md#", False),
    ("public/index.html", False),
    (".jobsite-cache/markdown/ab/cd", False),
    ("content/.git/HEAD", False),
    ("README.md", False),
    ("public", False),
])
def test_watch_filter(tmp_path, rel, seen):
    site = tmp_path / "site"
    assert SourceFilter(site, site / "public")(Change.modified, str(site / rel)) is seen


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("::1", True), ("localhost", True), ("127.0.0.2", True), ("0.0.0.0", False), ("192.168.1.5", False), ("example.com", False)])
def test_loopback_hosts(host, loopback):
    assert is_loopback(host) is loopback


def test_rebuilds_keep_the_last_good_build_and_report_every_error(scratch, tmp_path, monkeypatch, capsys):
    preview, stop = Preview(), threading.Event()
    args = argparse.Namespace(site=scratch.root, drafts=True, now=FIXTURE_NOW)
    rebuilder = Rebuilder(args, tmp_path / "work", preview, stop)
    rebuilder.rebuild([])
    good = preview.snapshot.root
    assert (good / "jobs" / "draft-manager" / "index.html").is_file()  # drafts on, as serve has them
    assert re.fullmatch(r"Built \d+ pages in \d+ ms", capsys.readouterr().out.strip())

    scratch.posting("broken", "title: [Unclosed")
    rebuilder.rebuild(["content/jobs/broken.md"])
    assert preview.snapshot.root == good
    assert preview.snapshot.errors == ("content/jobs/broken.md:3: invalid YAML: did not find expected ',' or ']' (while parsing a [ ] list that starts on line 2)",)

    def crash(config):
        raise RuntimeError("boom")

    monkeypatch.setattr(serve_module, "build", crash)
    rebuilder.rebuild(["content/jobs/broken.md", "jobsite.toml", "static/a.css", "templates/x.html"])
    assert preview.snapshot == Snapshot(3, good, ("RuntimeError: boom",))
    out = capsys.readouterr()
    assert re.fullmatch(
        r"content/jobs/broken.md changed: build failed in \d+ ms, 1 error \(shown in the page\):\n"
        r"content/jobs/broken.md, jobsite.toml, static/a.css and 1 more changed: build failed in \d+ ms, 1 error \(shown in the page\):\n",
        out.out,
    )
    assert out.err.endswith("  RuntimeError: boom\n")
    data = [json.loads(d) for _, d in preview.events_after(0, timeout=0)]
    assert [(d["build"], d["ok"]) for d in data] == [(1, True), (2, False), (3, False)]
    assert data[1]["changed"] == ["content/jobs/broken.md"]
