"""What .github/workflows/links.yml does each week (.github/scripts/dead-links.sh): real
`jobsite check --links` against a local server, with a stand-in for the gh CLI that records
what would be asked of GitHub and answers whether a dead-links issue is open."""

from __future__ import annotations

import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from repocopy import ROOT

BIN = Path(sys.executable).parent
SCRIPT = ROOT / ".github" / "scripts" / "dead-links.sh"
FAKE_GH = """#!/usr/bin/env bash
printf '%s\\n' "$*" >> "$GH_LOG"
if [ "$1 $2" = "issue list" ]; then printf '%s\\n' "$OPEN_ISSUE" | sed '/^$/d'; fi
for arg in "$@"; do [ -f "$arg" ] && cat "$arg" >> "$GH_LOG.body"; done
exit 0
"""


def supports_links() -> bool:
    help_text = subprocess.run([sys.executable, "-m", "jobsite", "check", "--help"], capture_output=True, text=True).stdout
    return "--links" in help_text


pytestmark = pytest.mark.skipif(not supports_links(), reason="this jobsite has no `check --links` yet")


class Handler(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self):
        self.send_response(200 if self.path.startswith("/open") else 404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_HEAD

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def board(root: Path, server: str, paths: dict[str, str]) -> Path:
    """A board whose postings apply at these paths of the local server."""
    (root / "content" / "jobs").mkdir(parents=True)
    (root / "content" / "companies").mkdir()
    (root / "jobsite.toml").write_text('title = "Links"\nbase_url = "https://links.example.com/"\n')
    (root / "content" / "companies" / "acme.md").write_text("---\nname: Acme\n---\n\nAcme.\n")
    for slug, path in paths.items():
        (root / "content" / "jobs" / f"{slug}.md").write_text(
            f"---\ntitle: {slug.title()}\ncompany: acme\nremote: true\nposted: 2026-01-05\n"
            f"apply_url: {server}{path}\n---\n\nThe job.\n"
        )
    return root


def run_script(tmp_path: Path, site: Path, open_issue: str = "") -> tuple[list[str], str]:
    fake = tmp_path / "fakebin"
    fake.mkdir(exist_ok=True)
    (fake / "gh").write_text(FAKE_GH)
    (fake / "gh").chmod(0o755)
    log = tmp_path / "gh.log"
    env = {**os.environ, "PATH": f"{fake}{os.pathsep}{BIN}{os.pathsep}{os.environ['PATH']}",
           "GH_LOG": str(log), "OPEN_ISSUE": open_issue}
    result = subprocess.run(["bash", str(SCRIPT), str(tmp_path / "report")], cwd=site, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    body = Path(f"{log}.body")
    return log.read_text().splitlines(), body.read_text() if body.exists() else ""


def test_dead_links_open_one_issue_listing_each(tmp_path, server):
    site = board(tmp_path / "site", server, {"alive": "/open/1", "gone": "/gone/2", "also-gone": "/gone/3"})
    calls, body = run_script(tmp_path, site)
    assert calls[0].startswith("issue list --label dead-links --state open")
    assert calls[1].startswith("label create dead-links")
    assert calls[2].startswith("issue create --title Dead apply links --label dead-links --body-file ")
    listed = [line for line in body.splitlines() if line.startswith("- ")]
    assert len(listed) == 2
    assert any(line.startswith("- `content/jobs/gone.md:6: apply_url: ") for line in listed)
    assert any("content/jobs/also-gone.md:6: apply_url: " in line for line in listed)
    assert "alive" not in body


def test_an_open_issue_is_updated_not_duplicated(tmp_path, server):
    site = board(tmp_path / "site", server, {"gone": "/gone/2"})
    calls, body = run_script(tmp_path, site, open_issue="7")
    assert calls[1:] == [f"issue edit 7 --body-file {tmp_path / 'report' / 'issue.md'}"]
    assert "content/jobs/gone.md:6: apply_url: " in body


def test_the_issue_is_closed_once_every_link_answers(tmp_path, server):
    site = board(tmp_path / "site", server, {"alive": "/open/1"})
    calls, _ = run_script(tmp_path, site, open_issue="7")
    assert calls[1:] == ["issue close 7 --comment Every open posting's apply link answers again."]
    calls, _ = run_script(tmp_path / "none", board(tmp_path / "none" / "site", server, {"alive": "/open/1"}))
    assert len(calls) == 1  # nothing open, nothing dead: only the question
