"""The preview server's pieces: which files it serves, what it adds to pages, what the watcher ignores."""

from __future__ import annotations

import http.client as http_client
import json
import re
import sys
import threading
import time
from pathlib import Path

import pytest
from watchfiles import Change

from conftest import FIXTURE_NOW
from jobsite.serve import fullbuild
from jobsite.serve import rebuild as rebuild_module
from jobsite.serve.handler import error_page, inject, locate, mime_type
from jobsite.serve.handler import Server
from jobsite.serve.options import ServeOptions
from jobsite.serve.rebuild import Rebuilder
from jobsite.serve.server import is_loopback
from jobsite.serve.state import ServedState
from jobsite.serve.watcher import SourceFilter


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


SLOW_BUILD = [sys.executable, "-c", "import time; time.sleep(600)"]


@pytest.fixture
def rebuilder(scratch, tmp_path, monkeypatch):
    """A Rebuilder of the scratch site whose full builds never finish (unless a test says otherwise)."""
    monkeypatch.setattr(fullbuild, "build_command", lambda config, folder: SLOW_BUILD)
    options = ServeOptions(site=scratch.root, drafts=True, now=FIXTURE_NOW)
    made = Rebuilder(options, tmp_path / "work", ServedState(), threading.Event())
    yield made
    made.stop.set()
    made.full_builds.close()


@pytest.fixture
def server(rebuilder):
    """The preview's HTTP server in a thread; `server(path)` is (status, headers, body) of a GET."""
    http = Server(("127.0.0.1", 0), rebuilder.state)
    threading.Thread(target=http.serve_forever, daemon=True).start()

    def get(path: str) -> tuple[int, dict, bytes]:
        conn = http_client.HTTPConnection("127.0.0.1", http.server_address[1], timeout=30)
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
        conn.close()
        return response.status, dict(response.getheaders()), body

    yield get
    http.shutdown()
    http.server_close()


def test_rebuilds_keep_the_last_good_site_and_report_every_error(rebuilder, scratch, monkeypatch, capsys):
    preview = rebuilder.state
    rebuilder.rebuild([])
    good = preview.snapshot.site
    assert "jobs/draft-manager/index.html" in good.pages  # drafts on, as serve has them
    assert re.fullmatch(r"Built \d+ pages in \d+ ms", capsys.readouterr().out.strip())

    scratch.posting("broken", "title: [Unclosed")
    rebuilder.rebuild(["content/jobs/broken.md"])
    assert preview.snapshot.site is good
    assert preview.snapshot.errors == ("content/jobs/broken.md:3: invalid YAML: did not find expected ',' or ']' (while parsing a [ ] list that starts on line 2)",)

    def crash(config, bytecode):
        raise RuntimeError("boom")

    monkeypatch.setattr(rebuild_module, "load_live_site", crash)
    rebuilder.rebuild(["content/jobs/broken.md", "jobsite.toml", "static/a.css", "templates/x.html"])
    assert (preview.snapshot.build, preview.snapshot.site, preview.snapshot.errors) == (3, good, ("RuntimeError: boom",))
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


def test_pages_are_served_from_memory_before_the_full_build_finished(rebuilder, server, scratch):
    rebuilder.rebuild([])
    scratch.write("static/robots-note.txt", "hello")
    scratch.posting("night-editor", "title: Night Editor\ncompany: globex\nremote: true\nposted: 2026-06-14\napply_url: https://globex.example.com/9")
    rebuilder.rebuild(["content/jobs/night-editor.md", "static/robots-note.txt"])
    assert rebuilder.full_builds._running.poll() is None  # the full build is still going
    status, headers, body = server("/jobs/night-editor/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert b"Night Editor</h1>" in body
    assert f'<meta name="jobsite-build" content="{rebuilder.state.session}:2">'.encode() in body
    assert server("/robots-note.txt")[2] == b"hello"
    style = next(url for url in rebuilder.state.snapshot.site.assets if url.endswith(".css"))
    assert server("/" + style)[1]["Content-Type"] == "text/css; charset=utf-8"
    status, headers, _ = server("/jobs/night-editor")
    assert (status, headers["Location"]) == (301, "/jobs/night-editor/")
    # What only the full build writes is not there yet, and a miss is the site's own 404 page.
    status, _, body = server("/feed.xml")
    assert status == 404 and b"Page not found" in body
    assert server("/../jobsite.toml")[0] == 403
    running = rebuilder.full_builds._running
    rebuilder.full_builds.close()
    assert running.wait(timeout=30) != 0  # stopped, not finished


def test_full_build_serves_feeds_and_search_once_finished(scratch, tmp_path, server, rebuilder, monkeypatch, capsys):
    monkeypatch.setattr(fullbuild, "build_command", REAL_BUILD)
    rebuilder.rebuild([])
    preview = rebuilder.state
    wait_for(lambda: preview.snapshot.root is not None)
    assert preview.snapshot.full == 1
    status, headers, body = server("/feed.xml")
    assert status == 200 and headers["Content-Type"] == "application/xml; charset=utf-8" and b"Remote Python Developer" in body
    assert server("/pagefind/pagefind.js")[0] == 200
    assert server("/jobs/remote-python-dev/")[0] == 200  # pages still come from memory
    assert "Search index and feeds updated in" in capsys.readouterr().out


def test_the_served_full_build_never_goes_back_to_an_older_one(tmp_path):
    preview = ServedState()
    assert preview.publish_full(3, tmp_path / "full-3")
    assert not preview.publish_full(2, tmp_path / "full-2")
    assert (preview.snapshot.root, preview.snapshot.full) == (tmp_path / "full-3", 3)
    assert preview.publish_full(4, tmp_path / "full-4")
    assert preview.snapshot.root == tmp_path / "full-4"


def test_a_full_build_of_an_older_state_is_dropped(tmp_path, monkeypatch, scratch):
    done = []
    builds = fullbuild.FullBuilds(tmp_path, done.append)
    commands = {1: SLOW_BUILD, 2: [sys.executable, "-c", "import os, sys; os.makedirs(sys.argv[1])"]}
    monkeypatch.setattr(fullbuild, "build_command", lambda config, folder: commands[int(folder.name[5:])] + [str(folder)])
    config = scratch.config()
    builds.start(1, config)
    first = builds._running
    builds.start(2, config)
    assert first.wait(timeout=30) != 0
    wait_for(lambda: done)
    assert [(d.number, d.errors) for d in done] == [(2, ())]
    assert (tmp_path / "full-2").is_dir()


def test_a_failed_full_build_shows_in_the_page(rebuilder, monkeypatch, capsys):
    failing = [sys.executable, "-c", "import sys; sys.stderr.write('content/jobs/x.md:0: search: pagefind failed\\nBuild failed: 1 error; nothing was written.\\n'); sys.exit(1)"]
    monkeypatch.setattr(fullbuild, "build_command", lambda config, folder: failing)
    rebuilder.rebuild([])
    preview = rebuilder.state
    wait_for(lambda: preview.snapshot.build == 2)
    assert preview.snapshot.errors == ("content/jobs/x.md:0: search: pagefind failed",)
    assert preview.snapshot.site is not None and preview.snapshot.root is None
    assert "Full build failed in" in capsys.readouterr().out


@pytest.mark.parametrize(("template", "error"), [
    ("<h1>{{ posting.title | shout }}</h1>", "templates/posting.html:3: template syntax error: No filter named 'shout'."),
    ("<h1>{{ posting.no_such_field }}</h1>", "templates/posting.html:3: template error while rendering /jobs/"),
    ('{% include "partials/missing.html" %}', "templates/posting.html: template not found: partials/missing.html"),
])
def test_a_broken_template_is_reported_at_once(rebuilder, scratch, template, error):
    rebuilder.rebuild([])
    scratch.write("templates/posting.html", f'{{% extends "base.html" %}}\n{{% block main %}}\n{template}\n{{% endblock %}}\n')
    rebuilder.rebuild(["templates/posting.html"])
    errors = rebuilder.state.snapshot.errors
    assert len(errors) == 1 and errors[0].startswith(error), errors
    assert rebuilder.full_builds._running is None  # reported by the fast phase, no full build needed


def test_an_unused_broken_template_is_no_error(rebuilder, scratch):
    # `jobsite build` only compiles the templates its pages use; the preview agrees with it.
    scratch.write("templates/unused.html", "{% if %}")
    rebuilder.rebuild([])
    assert rebuilder.state.snapshot.errors == ()


def wait_for(condition, timeout: float = 120) -> None:
    """Wait for something a background thread does (a bound, not a timing assertion)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.05)


REAL_BUILD = fullbuild.build_command
