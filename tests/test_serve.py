"""An author runs `jobsite serve`, edits, breaks and fixes files; the open browser tab follows."""

from __future__ import annotations

import http.client
import json
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from conftest import screenshot

pytestmark = pytest.mark.browser

POSTING = "content/jobs/remote-python-dev.md"
WAIT_MS = 20_000  # generous: the page follows "eventually", never on a timer


class Served:
    """A `jobsite serve` subprocess on a scratch site, its URL and everything it printed."""

    def __init__(self, scratch, *args: str):
        self.site = scratch
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "jobsite", "serve", "--site", str(scratch.root), "--port", "0", "--now", "2026-06-15", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        self.out: list[str] = []
        self.err: list[str] = []
        first = self.proc.stdout.readline()
        match = re.fullmatch(r"Serving (http://127\.0\.0\.1:(\d+))/ \(Ctrl-C to stop\)\n", first)
        assert match, first + self.proc.stderr.read()
        self.url, self.port = match.group(1), int(match.group(2))
        # Drain both pipes, so a chatty server never blocks on a full pipe.
        for pipe, lines in ((self.proc.stdout, self.out), (self.proc.stderr, self.err)):
            threading.Thread(target=lambda p=pipe, ls=lines: ls.extend(iter(p.readline, "")), daemon=True).start()

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.site.root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def wait_for_output(self, pattern: str) -> str:
        """The first printed line matching pattern, waiting for it as long as the server runs."""
        deadline = time.monotonic() + WAIT_MS / 1000
        while time.monotonic() < deadline:
            for line in list(self.out):
                if re.search(pattern, line):
                    return line
            time.sleep(0.05)
        raise AssertionError(f"no line matching {pattern!r} in {self.out}")

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        return self.proc.wait(timeout=30)


@pytest.fixture
def served(scratch):
    server = Served(scratch)
    yield server
    server.stop()


def own_errors(page) -> list[str]:
    """Console errors, less the fixture's logo on an example.com host that never resolves."""
    return [e for e in page.console_errors if "ERR_NAME_NOT_RESOLVED" not in e]


def overlay(page):
    return page.locator("#jobsite-overlay")


def test_title_edit_reloads_the_open_posting(served, page):
    page.goto(served.url + "/jobs/remote-python-dev/")
    expect(page.locator("h1")).to_have_text("Remote Python Developer")
    served.edit(POSTING, "title: Remote Python Developer", "title: Remote Django Developer")
    expect(page.locator("h1")).to_have_text("Remote Django Developer", timeout=WAIT_MS)
    line = served.wait_for_output(r"^content/jobs/remote-python-dev\.md changed: ")
    assert re.fullmatch(r"content/jobs/remote-python-dev\.md changed: \d+ pages in \d+ ms\n", line)
    assert own_errors(page) == []


def test_broken_front_matter_shows_the_overlay_until_fixed(served, page):
    page.goto(served.url + "/jobs/remote-python-dev/")
    expect(page.locator("h1")).to_have_text("Remote Python Developer")
    served.edit(POSTING, "tags: [python, backend]", "tags: [python, backend")
    # YAML notices the unclosed list on the line after it: the front matter's closing ---.
    tags = (served.site.root / POSTING).read_text().splitlines().index("tags: [python, backend") + 1
    expect(overlay(page)).to_be_visible(timeout=WAIT_MS)
    expect(overlay(page).locator("li")).to_have_text([
        f"content/jobs/remote-python-dev.md:{tags + 1}: invalid YAML: did not find expected ',' or ']'"
        f" (while parsing a [ ] list that starts on line {tags})"
    ])
    # Under the overlay the last good build is still served.
    expect(page.locator("h1")).to_have_text("Remote Python Developer")
    screenshot(page, "serve-overlay")
    assert served.wait_for_output(r"^content/jobs/remote-python-dev\.md changed: build failed in \d+ ms, 1 error \(shown in the page\):$")
    # Every page carries the overlay, not only the broken posting.
    other = page.context.new_page()
    other.goto(served.url + "/companies/")
    expect(overlay(other)).to_contain_text(f"content/jobs/remote-python-dev.md:{tags + 1}: invalid YAML")
    served.edit(POSTING, "tags: [python, backend", "tags: [python, backend]")
    expect(overlay(page)).to_have_count(0, timeout=WAIT_MS)
    expect(overlay(other)).to_have_count(0, timeout=WAIT_MS)
    expect(page.locator("h1")).to_have_text("Remote Python Developer")


def test_error_text_is_escaped_in_the_overlay(served, page):
    page.goto(served.url + "/")
    served.edit(POSTING, "company: acme", "company: <b>nobody</b>")
    expect(overlay(page)).to_be_visible(timeout=WAIT_MS)
    expect(overlay(page)).to_contain_text("<b>nobody</b>")
    assert overlay(page).locator("b").count() == 0


def test_home_page_follows_added_and_deleted_postings(served, page):
    page.goto(served.url + "/")
    titles = page.locator(".card-title")
    expect(titles).to_have_text(["Hourly QA Contractor", "Remote Python Developer", "Hybrid Data Scientist"])
    served.site.posting("night-shift-editor", """
title: Night Shift Editor
company: globex
remote: true
posted: 2026-06-14
apply_url: https://globex.example.com/jobs/9
""")
    expect(titles).to_have_text(["Night Shift Editor", "Hourly QA Contractor", "Remote Python Developer"], timeout=WAIT_MS)
    (served.site.root / POSTING).unlink()
    expect(titles).to_have_text(["Night Shift Editor", "Hourly QA Contractor", "Hybrid Data Scientist"], timeout=WAIT_MS)
    assert own_errors(page) == []


def test_drafts_are_shown_and_marked(served, page):
    page.goto(served.url + "/jobs/draft-manager/")
    expect(page.locator(".draft-banner")).to_contain_text("Draft")
    page.goto(served.url + "/page/2/")
    card = page.locator(".card", has_text="Draft Engineering Manager")
    expect(card.locator(".badge.draft")).to_have_text("Draft")


def test_broken_template_shows_the_overlay_and_recovers(served, page, scratch):
    page.goto(served.url + "/jobs/remote-python-dev/")
    expect(page.locator("h1")).to_have_text("Remote Python Developer")
    # The fixture has no templates/ folder: the server must notice it appear.
    (scratch.root / "templates").mkdir()
    scratch.write("templates/posting.html", '{% extends "base.html" %}\n{% block main %}\n<h1>{{ posting.title | shout }}</h1>\n{% endblock %}\n')
    expect(overlay(page)).to_contain_text("templates/posting.html:3: template syntax error: No filter named 'shout'.", timeout=WAIT_MS)
    scratch.write("templates/posting.html", '{% extends "base.html" %}\n{% block main %}\n<h1>{{ posting.title | upper }}</h1>\n{% endblock %}\n')
    expect(page.locator("h1")).to_have_text("REMOTE PYTHON DEVELOPER", timeout=WAIT_MS)
    expect(overlay(page)).to_have_count(0)


def test_broken_config_shows_the_overlay_and_recovers(served, page):
    page.goto(served.url + "/")
    served.edit("jobsite.toml", "postings_per_page = 3", "postings_per_page = 0")
    expect(overlay(page)).to_contain_text("jobsite.toml:4: postings_per_page: must be at least 1", timeout=WAIT_MS)
    served.edit("jobsite.toml", 'title = "Fixture Board"', 'title = "Fixture Board')
    expect(overlay(page)).to_contain_text("jobsite.toml:1: invalid TOML", timeout=WAIT_MS)
    served.edit("jobsite.toml", 'title = "Fixture Board', 'title = "Renamed Board"')
    served.edit("jobsite.toml", "postings_per_page = 0", "postings_per_page = 3")
    expect(page.locator(".brand")).to_have_text("Renamed Board", timeout=WAIT_MS)
    expect(overlay(page)).to_have_count(0)


def test_first_build_failing_serves_an_error_page_until_fixed(scratch, page):
    scratch.posting("broken", "title: [Unclosed")
    server = Served(scratch)
    try:
        response = page.goto(server.url + "/jobs/remote-python-dev/")
        assert response.status == 500
        expect(overlay(page)).to_contain_text("The site could not be built")
        expect(overlay(page)).to_contain_text("content/jobs/broken.md:3: invalid YAML")
        screenshot(page, "serve-first-build-failed")
        (scratch.root / "content/jobs/broken.md").unlink()
        expect(page.locator("h1")).to_have_text("Remote Python Developer", timeout=WAIT_MS)
        expect(overlay(page)).to_have_count(0)
    finally:
        assert server.stop() == 0


def test_reload_events_follow_the_protocol(served):
    conn = http.client.HTTPConnection("127.0.0.1", served.port, timeout=WAIT_MS / 1000)
    conn.request("GET", "/__jobsite/events")
    response = conn.getresponse()
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/event-stream"
    served.edit(POSTING, "title: Remote Python Developer", "title: Remote Rust Developer")
    lines = []
    while not lines or lines[-1] != b"\n" or not any(line.startswith(b"data:") for line in lines):
        lines.append(response.fp.readline())
    event = [line for line in lines if line.startswith(b"event:")]
    data = json.loads(next(line for line in lines if line.startswith(b"data:"))[5:])
    assert event == [b"event: reload\n"]
    assert data["build"] == 2 and data["ok"] is True and isinstance(data["ms"], int)
    assert data["changed"] == [POSTING]
    conn.close()


def _raw_get(port: int, target: str) -> tuple[int, bytes]:
    # http.client sends the target as given: no client-side normalising of `..`.
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", target)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, body


@pytest.mark.parametrize("escape", ["..", "%2e%2e", "%2E%2E", "..%2f..", "%2e%2e%2f%2e%2e"])
def test_paths_outside_the_build_are_refused(served, escape):
    # Deep enough to reach / from wherever the build folder is, then down to the site's config.
    deep = "/" + "/".join([escape] * 20) + quote(str(served.site.root / "jobsite.toml"))
    for target in (f"/{escape}/jobsite.toml", deep, "/jobs/" + escape.replace("..", "../..") + "/jobsite.toml"):
        status, body = _raw_get(served.port, target)
        assert status == 403, target
        assert b"base_url" not in body and b"Fixture Board" not in body


def test_files_are_served_with_their_types(served):
    conn = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
    conn.request("GET", "/jobs/remote-python-dev")
    response = conn.getresponse()
    response.read()
    assert (response.status, response.getheader("Location")) == (301, "/jobs/remote-python-dev/")
    conn.request("GET", "/__jobsite/reload.js")
    response = conn.getresponse()
    assert b"EventSource" in response.read()
    assert response.getheader("Content-Type") == "text/javascript; charset=utf-8"
    conn.request("GET", "/no/such/page/")
    response = conn.getresponse()
    assert response.status == 404
    assert b"Page not found" in response.read()
    conn.close()


def test_binds_loopback_only(served):
    with socket.create_connection(("127.0.0.1", served.port), timeout=5):
        pass
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # UDP: no packet is sent, it only picks the outgoing address
        own = probe.getsockname()[0]
    except OSError:
        own = None
    finally:
        probe.close()
    if own is None or own.startswith("127."):
        pytest.skip("this machine has no non-loopback address to try")
    with pytest.raises(OSError):
        socket.create_connection((own, served.port), timeout=5).close()


def test_ctrl_c_stops_cleanly(served):
    status, _ = _raw_get(served.port, "/")
    assert status == 200
    assert served.stop() == 0
    assert served.proc.returncode == 0
    served.wait_for_output(r"^Stopped\.$")
    assert not any("Traceback" in line for line in served.err)


def test_missing_site_folder_is_an_error(tmp_path):
    result = subprocess.run([sys.executable, "-m", "jobsite", "serve", "--site", str(tmp_path / "nowhere"), "--port", "0"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert result.stderr == f"error: --site: {tmp_path / 'nowhere'} does not exist\n"


def test_search_finds_a_posting_renamed_while_serving(served, page):
    served.edit(POSTING, "title: Remote Python Developer", "title: Remote Zanzibar Developer")
    served.wait_for_output(r"^content/jobs/remote-python-dev\.md changed: \d+ pages")
    # The pages follow at once; the search index follows when the full build behind them is done.
    served.wait_for_output(r"^content/jobs/remote-python-dev\.md changed: search index and feeds updated in \d+ ms$")
    page.goto(served.url + "/search/?q=zanzibar")
    expect(page.get_by_role("link", name="Remote Zanzibar Developer")).to_be_visible(timeout=WAIT_MS)
