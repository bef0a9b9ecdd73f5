"""Every page kind in real Chromium: axe-core finds nothing, no sideways scroll, screenshots for review."""

import re

import pytest

from conftest import ROOT, screenshot

pytestmark = pytest.mark.browser

AXE = ROOT / "tests" / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 A and AA, plus axe's best practices (landmarks, one main, a page heading).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
PAGES = {
    "home": "/",
    "posting": "/jobs/remote-python-dev/",
    "closed-posting": "/jobs/closed-engineer/",
    "company": "/companies/acme/",
    "companies": "/companies/",
    "tag": "/tags/python/",
    "tags": "/tags/",
    "location": "/locations/remote/",
    "salaries": "/salaries/",
    "search": "/search/",
    "search-filtered": "/search/?tag=python&remote=remote",  # two filters: the Follow line says it has no feed
    "404": "/404.html",
}
WIDTHS = (390, 1280)
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8" fill="#0a6"/></svg>'


@pytest.fixture
def tab(browser, request):
    """A tab at a given width and colour scheme; company logos on other hosts are served locally."""
    width, scheme = request.param
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    # The fixture's Globex logo lives on an example host; tests never touch the network.
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.fulfill(
        status=200, content_type="image/svg+xml", body=LOGO))
    page = context.new_page()
    yield page
    context.close()


def open_page(tab, base: str, kind: str) -> None:
    if kind.startswith("search") and not (ROOT / "templates" / "search.html").exists():
        pytest.skip("templates/search.html does not exist yet: no search page to check")
    tab.goto(base + PAGES[kind])
    if kind.startswith("search"):
        # Let search.js finish building the filters and results before checking them.
        tab.wait_for_function("!document.querySelector('#search-status') || "
                              "!document.querySelector('#search-status').textContent.startsWith('Loading')")


def axe_violations(tab) -> list[str]:
    """Run axe-core in the page; one line per violation: rule id, impact and every target."""
    assert AXE.exists(), f"{AXE} is missing: run `npm ci --prefix tests`"
    tab.add_script_tag(path=str(AXE))
    found = tab.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}))
            .violations.map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)""",
        AXE_TAGS,
    )
    return found


CASES = [(w, s) for s in ("light", "dark") for w in WIDTHS]


@pytest.mark.parametrize("tab", CASES, indirect=True, ids=[f"{w}-{s}" for w, s in CASES])
@pytest.mark.parametrize("kind", list(PAGES))
def test_axe_finds_no_violations(tab, fixture_url, kind, request):
    open_page(tab, fixture_url, kind)
    width, scheme = request.node.callspec.params["tab"]
    if scheme == "light" or width == 390:
        screenshot(tab, f"design-{kind}-{width}-{scheme}")
    assert tab.locator("h1").count() == 1
    violations = axe_violations(tab)
    assert violations == [], f"{kind} at {width}px, {scheme}:\n" + "\n".join(violations)


@pytest.mark.parametrize("tab", [(320, "light")], indirect=True, ids=["320"])
@pytest.mark.parametrize("kind", list(PAGES))
def test_no_sideways_scroll_at_320px(tab, fixture_url, kind):
    open_page(tab, fixture_url, kind)
    scroll, client = tab.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert scroll <= client, f"{kind} scrolls sideways at 320px: {scroll} > {client}"


@pytest.mark.parametrize("tab", [(390, "light"), (1280, "light")], indirect=True, ids=["390", "1280"])
def test_shipped_board_screenshots(tab, shipped_url):
    # The real board has more companies, currencies and a long posting: the design review's other half.
    for name, path in [("home", "/"), ("posting", "/jobs/staff-data-scientist-ecosystem/"), ("salaries", "/salaries/")]:
        tab.goto(shipped_url + path)
        screenshot(tab, f"design-shipped-{name}-{tab.viewport_size['width']}")
        assert axe_violations(tab) == []


@pytest.mark.parametrize("tab", [(1280, "light")], indirect=True, ids=["1280"])
def test_skip_link_is_first_and_visible_on_focus(tab, fixture_url):
    tab.goto(fixture_url + "/")
    tab.keyboard.press("Tab")
    focused = tab.evaluate("[document.activeElement.className, document.activeElement.getBoundingClientRect().top]")
    assert focused[0] == "skip-link" and focused[1] >= 0
    tab.keyboard.press("Enter")
    assert tab.evaluate("location.hash") == "#main"


@pytest.mark.parametrize("tab", [(390, "light"), (390, "dark")], indirect=True, ids=["light", "dark"])
def test_focus_is_visible(tab, fixture_url):
    tab.goto(fixture_url + "/")
    for _ in range(4):
        tab.keyboard.press("Tab")
    style = tab.evaluate("getComputedStyle(document.activeElement).outlineStyle + ' ' + getComputedStyle(document.activeElement).outlineWidth")
    assert style == "solid 3px"


@pytest.mark.parametrize("tab", [(390, "light")], indirect=True, ids=["390"])
def test_search_page_works_by_keyboard_alone(tab, fixture_url):
    open_page(tab, fixture_url, "search")
    # Tab from the top of the page to the search box, type, submit with Enter, Tab into the results.
    for _ in range(30):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.id") == "search-q":
            break
    else:
        pytest.fail("the search box is not reachable with Tab")
    tab.keyboard.type("python")
    tab.keyboard.press("Enter")
    first = tab.locator("#search-results a").first
    first.wait_for()
    for _ in range(60):
        tab.keyboard.press("Tab")
        if tab.evaluate("!!document.activeElement.closest('#search-results')"):
            break
    else:
        pytest.fail("no search result is reachable with Tab")
    assert tab.evaluate("document.activeElement.tagName") == "A"
