"""Shared fixtures: scratch sites, the fixture site built once, the shipped site, a browser."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from jobsite.build import build
from jobsite.content.cache import ContentCache
from jobsite.config import load_config

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "site"
FIXTURE_NOW = dt.date(2026, 6, 15)
SHIPPED_NOW = dt.date(2026, 11, 26)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
ARTIFACTS = ROOT / "test-artifacts"


class ScratchSite:
    """A throwaway site folder: a copy of the fixture site that a test may change."""

    def __init__(self, root: Path):
        self.root = root
        # Kept between this site's builds, as `serve` keeps one between rebuilds.
        self.cache = ContentCache()

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def posting(self, slug: str, front_matter: str, body: str = "A job.\n") -> Path:
        return self.write(f"content/jobs/{slug}.md", f"---\n{front_matter.strip()}\n---\n\n{body}")

    def config(self, **options):
        options.setdefault("now", FIXTURE_NOW)
        return load_config(self.root, **options)

    def build(self, **options):
        return build(self.config(**options), self.cache)

    @property
    def output(self) -> Path:
        return self.root / "public"


@pytest.fixture
def scratch(tmp_path: Path) -> ScratchSite:
    """A writable copy of the fixture site."""
    root = tmp_path / "site"
    shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns(".jobsite-cache"))  # a copy starts uncached
    return ScratchSite(root)


@pytest.fixture
def empty_site(tmp_path: Path) -> ScratchSite:
    """A site folder with nothing in it yet."""
    root = tmp_path / "empty"
    root.mkdir()
    return ScratchSite(root)


@pytest.fixture(scope="session")
def built_fixture(tmp_path_factory) -> Path:
    """The fixture site, built once per session (search index included)."""
    out = tmp_path_factory.mktemp("fixture-public")
    build(load_config(FIXTURE, output=out, now=FIXTURE_NOW))
    return out


@pytest.fixture(scope="session")
def built_shipped(tmp_path_factory) -> Path:
    """The repository's own site, built once per session on a fixed date."""
    out = tmp_path_factory.mktemp("shipped-public")
    build(load_config(ROOT, output=out, now=SHIPPED_NOW))
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve_folder(folder: Path):
    """Serve a folder over HTTP on 127.0.0.1 in a thread; returns (base_url, server)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


@pytest.fixture(scope="session")
def fixture_url(built_fixture):
    url, server = serve_folder(built_fixture)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def shipped_url(built_shipped):
    url, server = serve_folder(built_shipped)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; never a downloaded browser."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run must apt-get install chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A fresh browser tab that fails the test on console errors."""
    context = browser.new_context()
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.console_errors = errors
    yield tab
    context.close()


def screenshot(tab, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/ for review."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)
    return path
