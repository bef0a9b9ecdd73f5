"""`jobsite check --links` against a local HTTP server (127.0.0.1 only) that answers like real sites."""

from __future__ import annotations

import socket
import time

import pytest

from conftest import FIXTURE_NOW
from jobsite.cli import main
from jobsite.links import check_links
from linkserver import LinkServer, closed_port

KINDS = ("/ok", "/moved", "/missing", "/gone", "/no-head", "/loop/a", "/hang")


@pytest.fixture
def server():
    with LinkServer() as running:
        yield running


@pytest.fixture
def local_only(monkeypatch):
    """No name lookup leaves this machine: `.invalid` hosts do not exist, others are refused."""
    real = socket.getaddrinfo

    def lookup(host, *args, **kwargs):
        if host in ("127.0.0.1", "localhost"):
            return real(host, *args, **kwargs)
        if str(host).endswith(".invalid"):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        raise AssertionError(f"the test tried to look up {host}")
    monkeypatch.setattr(socket, "getaddrinfo", lookup)


def test_each_kind_of_answer(server, local_only):
    refused = f"http://127.0.0.1:{closed_port()}/apply"
    bad_port = "http://127.0.0.1:99999/apply"
    urls = [server.url(k) for k in KINDS] + [server.url("/hop/5"), server.url("/hop/6"), refused, "https://jobs.nowhere.invalid/x", bad_port]
    results = check_links(urls, user_agent="jobsite-test", timeout=2)
    problems = {url.replace(server.url(""), ""): r.problem for url, r in results.items()}
    assert problems == {
        "/ok": None, "/moved": None, "/no-head": None, "/hop/5": None,
        "/missing": "404 Not Found", "/gone": "410 Gone",
        "/loop/a": f"redirect loop: {server.url('/loop/a')} -> {server.url('/loop/b')} -> {server.url('/loop/a')}",
        "/hang": "no answer within 2 s",
        "/hop/6": f"more than 5 redirects (stopped before {server.url('/hop/0')})",
        refused: "connection refused by 127.0.0.1",
        "https://jobs.nowhere.invalid/x": "host jobs.nowhere.invalid not found (DNS)",
        bad_port: "not a usable address: Port out of range 0-65535",
    }
    sent = {(r.method, r.path) for r in server.requests}
    assert ("HEAD", "/no-head") in sent and ("GET", "/no-head") in sent  # GET once HEAD is refused
    assert ("GET", "/ok") not in sent  # HEAD was enough
    assert {r.user_agent for r in server.requests} == {"jobsite-test"}


def posting(scratch, slug, url):
    scratch.posting(slug, f"title: {slug}\ncompany: acme\nlocation: Berlin, DE\nposted: 2026-06-01\napply_url: {url}\n", "x\n")


def only_links(scratch):
    """A board whose open postings are the ones a test adds (a closed one and a mailto: stay)."""
    for file in (scratch.root / "content/jobs").iterdir():
        if file.stem not in ("closed-engineer", "hybrid-data-scientist"):
            file.unlink()


def test_check_links_warns_about_exactly_the_dead_links(scratch, server, capsys, local_only):
    only_links(scratch)
    for kind in KINDS:
        posting(scratch, kind.strip("/").replace("/", "-"), server.url(kind))
    code = main(["check", "--site", str(scratch.root), "--now", FIXTURE_NOW.isoformat(), "--links", "--timeout", "2"])
    lines = [l for l in capsys.readouterr().out.splitlines() if "apply_url" in l or l.startswith(("Links", "Check"))]
    assert code == 0
    url = server.url
    assert lines == [
        f"warning: content/jobs/gone.md:6: apply_url: 410 Gone ({url('/gone')})",
        f"warning: content/jobs/hang.md:6: apply_url: no answer within 2 s ({url('/hang')})",
        f"warning: content/jobs/loop-a.md:6: apply_url: redirect loop: {url('/loop/a')} -> {url('/loop/b')} -> {url('/loop/a')} ({url('/loop/a')})",
        f"warning: content/jobs/missing.md:6: apply_url: 404 Not Found ({url('/missing')})",
        lines[4],
        lines[5],
    ]
    assert lines[4].startswith("Links: 7 links checked in ") and lines[4].endswith(" s, 4 dead, 1 mailto: link skipped.")
    assert lines[5].startswith("Check passed with ")
    agents = {r.user_agent for r in server.requests}
    assert agents == {"Mozilla/5.0 (compatible; jobsite/0.1.0 link check; +https://fixture.example.com/)"}
    assert all("closed-engineer" not in r.path for r in server.requests)  # closed postings are not checked


def test_strict_makes_dead_links_errors(scratch, server, capsys, local_only):
    only_links(scratch)
    posting(scratch, "alive", server.url("/moved"))
    posting(scratch, "dead", server.url("/missing"))
    code = main(["check", "--site", str(scratch.root), "--now", FIXTURE_NOW.isoformat(), "--links", "--strict", "--timeout", "2", "--format", "github"])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert any(line.startswith("::error file=") and line.endswith(f",line=6::apply_url: 404 Not Found ({server.url('/missing')})") for line in out)
    assert out[-1].startswith("Check failed: 1 error (--strict), ") and out[-1].endswith("; the site itself builds.")


def test_a_network_that_is_down_is_one_line(scratch, capsys, monkeypatch):
    only_links(scratch)
    for n in range(5):
        posting(scratch, f"job-{n}", f"https://jobs{n}.example.com/apply")

    def no_network(host, *args, **kwargs):
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    code = main(["check", "--site", str(scratch.root), "--now", FIXTURE_NOW.isoformat(), "--links"])
    out = [l for l in capsys.readouterr().out.splitlines() if "apply_url" in l or l.startswith("Links")]
    assert code == 0
    assert out == [
        "warning: apply_url: no link could be checked: no server answered (the first: DNS lookup of "
        "jobs0.example.com failed: Temporary failure in name resolution); is the network down?",
        "Links: none of 5 checked, 1 mailto: link skipped.",
    ]


def test_two_hundred_postings_with_a_hanging_server_finish_in_under_15_seconds(scratch, server, capsys, local_only):
    only_links(scratch)
    # Every seventh posting hangs (28 of them), at the default timeout of 10 s.
    for n in range(200):
        posting(scratch, f"job-{n}", server.url(KINDS[n % len(KINDS)] + f"?n={n}"))
    started = time.monotonic()
    code = main(["check", "--site", str(scratch.root), "--now", FIXTURE_NOW.isoformat(), "--links"])
    seconds = time.monotonic() - started
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    dead = [l for l in out if "apply_url" in l]
    assert len(dead) == 29 + 29 + 28 + 28  # missing, gone, loop, hang (200 = 7 x 28 + 4)
    assert sum("no answer within 10 s" in l for l in dead) == 28
    print(f"check --links of 200 postings, 28 hanging: {seconds:.1f} s;", [l for l in out if l.startswith("Links")])
    assert seconds < 15, f"took {seconds:.1f} s"


def test_https_links_are_checked_with_certificates_verified(server, local_only, tmp_path, monkeypatch):
    import shutil
    import ssl
    import subprocess

    if not shutil.which("openssl"):
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server._server.socket = context.wrap_socket(server._server.socket, server_side=True)
    urls = [server.url(path).replace("http://", "https://") for path in ("/ok", "/missing")]
    untrusted = check_links(urls, user_agent="jobsite-test", timeout=2)
    assert {r.problem for r in untrusted.values()} == {"TLS certificate not valid: self-signed certificate"}
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # now this machine trusts the server
    trusted = check_links(urls, user_agent="jobsite-test", timeout=2)
    assert [r.problem for r in trusted.values()] == [None, "404 Not Found"]
