"""The Content-Security-Policy of netlify.toml, sent as a header, breaks none of the shipped pages."""

import base64
import functools
import http.server
import threading
import tomllib

import pytest

from conftest import ROOT, screenshot

pytestmark = pytest.mark.browser

PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
# Collects violations before any page script runs (init scripts are not subject to the CSP).
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline'));
});
"""


def netlify_headers(path: str) -> dict[str, str]:
    """The headers netlify.toml gives a path (`/*` splats match any rest of the path)."""
    config = tomllib.loads((ROOT / "netlify.toml").read_text())
    headers: dict[str, str] = {}
    for rule in config["headers"]:
        pattern = rule["for"]
        if pattern.endswith("*") and path.startswith(pattern[:-1]) or pattern == path:
            headers.update(rule["values"])
    return headers


class NetlifyLikeHandler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        for name, value in netlify_headers(self.path.split("?", 1)[0]).items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def csp_url(built_fixture):
    (built_fixture / "csp-control.html").write_text(
        "<!doctype html><title>control</title><script>document.title = 'ran'</script>"
    )
    handler = functools.partial(NetlifyLikeHandler, directory=str(built_fixture))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    (built_fixture / "csp-control.html").unlink()


def require(built_fixture, path: str) -> None:
    # /search/ and /salaries/ come with the search and salary pages; until then there is nothing to load.
    if not (built_fixture / path.lstrip("/")).exists():
        pytest.skip(f"this build has no {path} page")


def open_page(page, url):
    page.add_init_script(WATCH_VIOLATIONS)
    # Company logos on other hosts (allowed by img-src https:) get a stand-in: tests run offline.
    origin = url.split("/", 3)[:3]
    page.route(lambda u: u.split("/", 3)[:3] != origin, lambda route: route.fulfill(
        status=200, content_type="image/png", body=base64.b64decode(PIXEL)))
    response = page.goto(url)
    assert "wasm-unsafe-eval" in response.headers["content-security-policy"]
    return response


def test_the_check_catches_an_inline_script(page, csp_url):
    open_page(page, f"{csp_url}/csp-control.html")
    page.wait_for_function("window.__violations.length > 0")
    assert page.title() == "control"
    assert page.evaluate("window.__violations") == ["script-src-elem inline"]


@pytest.mark.parametrize("path", [
    "/jobs/remote-python-dev/", "/", "/companies/acme/", "/tags/python/", "/salaries/", "/404.html",
])
def test_pages_run_under_the_csp(page, csp_url, built_fixture, path):
    require(built_fixture, path)
    open_page(page, csp_url + path)
    page.wait_for_load_state("load")
    if path.startswith("/jobs/"):
        screenshot(page, "csp-posting")
    # style="..." attributes and inline <script>/<style> are blocked: use classes and asset files.
    assert page.evaluate("window.__violations") == []
    assert page.console_errors == []
    # The fingerprinted stylesheet loaded (a blocked one would leave the page unstyled).
    assert page.evaluate("[...document.styleSheets].some((s) => s.href.includes('/assets/style.') && s.cssRules.length > 0)")


def test_search_runs_under_the_csp(page, csp_url, built_fixture):
    require(built_fixture, "/search/")
    open_page(page, f"{csp_url}/search/?q=python")
    # Results mean Pagefind's WebAssembly loaded and ran under 'wasm-unsafe-eval'.
    page.wait_for_selector("#search-results li", timeout=15_000)
    screenshot(page, "csp-search")
    assert page.evaluate("window.__violations") == []
    assert page.console_errors == []
    assert page.locator("#search-results li").count() >= 2
