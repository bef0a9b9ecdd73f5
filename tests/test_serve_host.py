"""`jobsite serve` answers only its own user: Host checked against DNS rebinding, queries parsed strictly."""

from __future__ import annotations

import http.client
import re
import signal
import subprocess
import sys
import threading

import pytest

from jobsite.serve.hosts import host_allowed


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One `jobsite serve` of the fixture site (drafts shown), its port and what it printed to stderr."""
    import shutil

    from conftest import FIXTURE

    root = tmp_path_factory.mktemp("host") / "site"
    shutil.copytree(FIXTURE, root)
    proc = subprocess.Popen(
        [sys.executable, "-m", "jobsite", "serve", "--site", str(root), "--port", "0", "--now", "2026-06-15"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    first = proc.stdout.readline()
    match = re.fullmatch(r"Serving http://127\.0\.0\.1:(\d+)/ \(Ctrl-C to stop\)\n", first)
    assert match, first
    err: list[str] = []
    threading.Thread(target=lambda: err.extend(iter(proc.stderr.readline, "")), daemon=True).start()
    threading.Thread(target=lambda: list(iter(proc.stdout.readline, "")), daemon=True).start()
    yield int(match.group(1)), err
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=30)


def get(port: int, target: str, host: str | None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    conn.putrequest("GET", target, skip_host=True)
    if host is not None:
        conn.putheader("Host", host)
    conn.endheaders()
    response = conn.getresponse()
    if target.startswith("/__jobsite/events") and response.status == 200:
        # A stream that stays open: read up to the first event.
        body = b""
        while b"event: reload" not in body:
            line = response.fp.readline()
            if not line:
                break
            body += line
    else:
        body = response.read()
    conn.close()
    return response.status, body


@pytest.mark.parametrize("host", ["localhost:{port}", "127.0.0.1:{port}", "[::1]:{port}", "LOCALHOST:{port}"])
def test_its_own_addresses_are_answered(served, host):
    port, _ = served
    status, body = get(port, "/jobs/draft-manager/", host.format(port=port))
    assert status == 200
    assert b"Draft" in body


@pytest.mark.parametrize(
    "host",
    ["evil.example:{port}", "evil.example", "localhost.evil.example:{port}", "127.0.0.1.nip.io:{port}",
     "localhost:1{port}", "localhost", "", None, "localhost:{port}@evil.example"],
)
def test_any_other_host_gets_403_and_no_drafts(served, host):
    port, _ = served
    status, body = get(port, "/jobs/draft-manager/", None if host is None else host.format(port=port))
    assert status == 403
    assert b"Draft" not in body and b"Manager" not in body
    assert b"jobsite serve answers only" in body


def test_reload_script_and_events_are_guarded_too(served):
    port, _ = served
    assert get(port, "/__jobsite/reload.js", f"evil.example:{port}")[0] == 403
    assert get(port, "/__jobsite/events?since=", f"evil.example:{port}")[0] == 403


@pytest.mark.parametrize(
    "since",
    ["S:%C2%B2", "S:%C2%B2%C2%B2", "S:" + "9" * 5000, "S:-1", "S:1e3", "%ff%fe", "S:1&since=2", "S:b:c", "S:%00", "x:1"],
)
def test_event_queries_are_parsed_strictly(served, since):
    port, err = served
    # The session of this run, as a page of it would send it.
    page = get(port, "/", f"localhost:{port}")[1].decode()
    session = re.search(r'<meta name="jobsite-build" content="([0-9a-f]+):', page).group(1)
    status, body = get(port, f"/__jobsite/events?since={since.replace('S:', session + ':')}", f"localhost:{port}")
    assert status == 200
    # A value it cannot read is a page from another run: it reloads at once.
    assert b"event: reload" in body
    assert not [line for line in err if "Traceback" in line or "Error" in line]


@pytest.mark.parametrize(
    ("header", "bind", "port", "allowed"),
    [
        ("localhost:8000", "127.0.0.1", 8000, True),
        ("127.0.0.1:8000", "127.0.0.1", 8000, True),
        ("[::1]:8000", "127.0.0.1", 8000, True),
        ("localhost", "127.0.0.1", 80, True),
        ("localhost", "127.0.0.1", 8000, False),
        ("evil.example:8000", "127.0.0.1", 8000, False),
        ("box.lan:8000", "box.lan", 8000, True),
        ("BOX.LAN:8000", "box.lan", 8000, True),
        ("other.lan:8000", "box.lan", 8000, False),
        # Bound to every address, the user reaches it by the machine's IP addresses; a name
        # could be rebound, an address literal cannot.
        ("192.168.1.20:8000", "0.0.0.0", 8000, True),
        ("[fe80::1]:8000", "::", 8000, True),
        ("evil.example:8000", "0.0.0.0", 8000, False),
        ("192.168.1.20:8000", "127.0.0.1", 8000, False),
        ("localhost:8000:8000", "127.0.0.1", 8000, False),
        ("[::1:8000", "127.0.0.1", 8000, False),
        (None, "127.0.0.1", 8000, False),
    ],
)
def test_host_allowed(header, bind, port, allowed):
    assert host_allowed(header, bind, port) is allowed
