"""Visitors search in real Chromium: words, facets, sorting, and a URL that keeps the whole state."""

from __future__ import annotations

import functools
import json
import http.server
import threading
from collections import Counter
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import FIXTURE, FIXTURE_NOW, ROOT, SHIPPED_NOW, screenshot
from jobsite.config import load_config
from jobsite.content.reader import read_content
from jobsite.render.salary import band_labels, comparable_pay
from jobsite.site import assemble

pytestmark = pytest.mark.browser

REMOTE = {True: "remote", "hybrid": "hybrid", False: "on-site"}


def open_postings(root, now):
    """The postings search should offer: open and not drafts, as the site model says."""
    config = load_config(root, now=now)
    site = assemble(config, read_content(config))
    return site, [p for p in site.open if not p.draft]


def top_pay(posting, rates) -> float:
    return comparable_pay(posting.salary, rates)[2] if posting.salary else 0


def wait_idle(tab) -> None:
    tab.locator('#search-form[aria-busy="false"]').wait_for()


def search_page(tab, base: str, query: str = "") -> None:
    tab.goto(f"{base}/search/{query}")
    wait_idle(tab)


def titles(tab) -> list[str]:
    return tab.locator("#search-results .card-title a").all_inner_texts()


def facet_box(tab, facet: str, value: str):
    return tab.locator(f'#search-facets input[name="{facet}"][value="{value}"]')


def state(tab) -> dict:
    return {
        "q": tab.locator("#search-q").input_value(),
        "sort": tab.locator("#search-sort").input_value(),
        "checked": tab.locator("#search-facets input:checked").evaluate_all("boxes => boxes.map(b => b.name + '=' + b.value)"),
        "titles": titles(tab),
        "status": tab.locator("#search-status").inner_text(),
    }


def submit_words(tab, words: str) -> None:
    tab.locator("#search-q").fill(words)
    tab.locator("#search-q").press("Enter")
    wait_idle(tab)


def test_words_find_the_seed_posting_first(page, shipped_url):
    search_page(page, shipped_url)
    submit_words(page, "data scientist")
    assert titles(page)[0] == "Staff Data Scientist, Ecosystem"
    first = page.locator("#search-results .card").first
    assert first.locator(".card-company").inner_text() == "Pinterest"
    assert "$148K–$304K /yr" in first.locator(".salary").inner_text()
    assert first.locator("time").get_attribute("datetime") == "2026-11-25"
    assert parse_qs(urlsplit(page.url).query) == {"q": ["data scientist"]}
    assert "data+scientist" in page.url
    assert page.locator("#search-status").inner_text().startswith(f"{len(titles(page))} job")
    screenshot(page, "search-data-scientist")
    first.locator(".card-title a").click()
    page.wait_for_url("**/jobs/staff-data-scientist-ecosystem/")
    assert page.console_errors == []


def test_header_box_lands_on_the_search_page(page, shipped_url):
    page.goto(shipped_url + "/companies/")
    page.locator("#header-q").fill("data scientist")
    page.locator("#header-q").press("Enter")
    page.wait_for_url("**/search/?q=data+scientist")
    wait_idle(page)
    assert page.locator("#search-q").input_value() == "data scientist"
    assert titles(page)[0] == "Staff Data Scientist, Ecosystem"
    assert page.console_errors == []


@pytest.mark.parametrize("words, title", [
    ("C++", "Embedded Software Engineer (C++)"),
    (".NET", "Senior .NET Developer (C#)"),
    ("C#", "Senior .NET Developer (C#)"),
])
def test_programming_language_names_are_words(page, shipped_url, words, title):
    search_page(page, shipped_url)
    submit_words(page, words)
    assert titles(page) == [title]
    assert page.console_errors == []


def test_remote_facet_and_salary_sort_on_the_shipped_site(page, shipped_url):
    site, postings = open_postings(ROOT, SHIPPED_NOW)
    search_page(page, shipped_url)
    facet_box(page, "remote", "remote").check()
    wait_idle(page)
    remote = [p for p in postings if p.remote is True]
    assert sorted(titles(page)) == sorted(p.title for p in remote)
    assert set(page.locator("#search-results .remote").all_inner_texts()) == {"Remote"}
    page.locator("#search-sort").select_option("salary")
    wait_idle(page)
    pay = {p.title: top_pay(p, site.rates) for p in remote}
    shown = [pay[t] for t in titles(page)]
    assert shown == sorted(shown, reverse=True)
    assert parse_qs(urlsplit(page.url).query) == {"remote": ["remote"], "sort": ["salary"]}
    screenshot(page, "search-remote-by-salary")
    assert page.console_errors == []


def test_sort_by_salary_uses_annualised_pay(page, fixture_url):
    site, postings = open_postings(FIXTURE, FIXTURE_NOW)
    search_page(page, fixture_url)
    page.locator("#search-sort").select_option("salary")
    wait_idle(page)
    # Hourly pay x 2,080 ($55.50/hr -> $115,440) sorts between $160K and €90K (~$102,771);
    # no salary sorts last.
    expected = [p.title for p in sorted(postings, key=lambda p: top_pay(p, site.rates), reverse=True)]
    assert titles(page) == expected
    assert titles(page)[-1] == "Technical Writer"
    assert page.locator("#search-status").inner_text() == f"{len(expected)} jobs, highest salary first."
    assert page.console_errors == []


def test_facet_counts_match_the_fixture(page, fixture_url):
    site, postings = open_postings(FIXTURE, FIXTURE_NOW)
    expected: dict[str, Counter] = {key: Counter() for key in ("company", "remote", "type", "tag", "country", "salary", "band", "seniority", "visa")}
    for p in postings:
        expected["company"][site.companies[p.company].name] += 1
        expected["remote"][REMOTE[p.remote]] += 1
        expected["type"][p.employment_type] += 1
        expected["tag"].update(p.tags)
        # Can apply from: the fixture's locations end in a country code, and its regions are codes.
        countries = {loc.rsplit(",", 1)[-1].strip() for loc in p.locations} | (set(p.remote_regions) if p.remote is True else set())
        expected["country"].update(countries)
        expected["salary"]["yes" if p.salary else "no"] += 1
        expected["band"].update(band_labels(p.salary, site.rates) if p.salary else [])
        expected["seniority"].update(p.seniority)
        expected["visa"].update([] if p.visa_sponsorship is None else ["yes" if p.visa_sponsorship else "no"])
    search_page(page, fixture_url)
    assert counts(page) == {key: dict(c) for key, c in expected.items()}
    screenshot(page, "search-fixture-facets")
    # Ticking a value narrows the other facets' counts but keeps its own facet's alternatives.
    facet_box(page, "remote", "on-site").check()
    wait_idle(page)
    on_site = [p for p in postings if p.remote is False]
    shown = counts(page)
    assert shown["remote"] == dict(expected["remote"])
    assert shown["type"] == {**{k: 0 for k in expected["type"]}, **Counter(p.employment_type for p in on_site)}
    assert page.console_errors == []


def counts(tab) -> dict[str, dict[str, int]]:
    rows = tab.locator("#search-facets li").evaluate_all(
        "items => items.map(li => [li.querySelector('input').name, li.querySelector('input').value,"
        " li.querySelector('.facet-count').textContent])"
    )
    found: dict[str, dict[str, int]] = {}
    for facet, value, count in rows:
        found.setdefault(facet, {})[value] = int(count.strip("()"))
    return found


def test_reload_and_back_restore_the_search(page, fixture_url):
    search_page(page, fixture_url)
    everything = state(page)
    submit_words(page, "python")
    with_words = state(page)
    facet_box(page, "remote", "remote").check()
    wait_idle(page)
    facet_box(page, "remote", "hybrid").check()
    wait_idle(page)
    page.locator("#search-sort").select_option("salary")
    wait_idle(page)
    final = state(page)
    assert final["checked"] == ["remote=remote", "remote=hybrid"]
    assert final["titles"] == ["Remote Python Developer", "Hybrid Data Scientist"]
    assert urlsplit(page.url).query == "q=python&remote=remote&remote=hybrid&sort=salary"

    page.reload()
    wait_idle(page)
    assert state(page) == final

    page.go_back()
    wait_idle(page)
    assert state(page)["checked"] == ["remote=remote", "remote=hybrid"]
    assert state(page)["sort"] == ""
    page.go_back()
    page.go_back()
    wait_idle(page)
    assert state(page) == with_words
    page.go_back()
    wait_idle(page)
    assert state(page) == everything
    assert page.console_errors == []


def test_closed_and_unpublished_postings_never_appear(page, fixture_url):
    search_page(page, fixture_url)
    listed = titles(page)
    _, postings = open_postings(FIXTURE, FIXTURE_NOW)
    assert sorted(listed) == sorted(p.title for p in postings)
    for words in ("Closed Platform Engineer", "platform", "Draft Engineering Manager", "Future Intern"):
        submit_words(page, words)
        assert not {"Closed Platform Engineer", "Draft Engineering Manager", "Future Intern"} & set(titles(page)), words
    submit_words(page, "platform")
    assert titles(page) == []
    assert page.locator("#search-status").inner_text() == "No jobs for “platform”. Try fewer words or filters."
    assert page.console_errors == []


def test_keyboard_only_search(page, fixture_url):
    search_page(page, fixture_url)
    page.locator("#search-q").focus()
    page.keyboard.type("designer")
    page.keyboard.press("Enter")
    wait_idle(page)
    assert titles(page) == ["Onsite Product Designer"]
    box = facet_box(page, "remote", "on-site")
    box.focus()
    page.keyboard.press("Space")
    wait_idle(page)
    assert box.is_checked()
    # Counts update in place, so focus stays on the ticked box.
    assert page.evaluate("document.activeElement.name + '=' + document.activeElement.value") == "remote=on-site"
    assert page.get_by_label("Words").input_value() == "designer"
    assert page.get_by_label("Sort by").count() == 1
    assert page.locator("#search-status[role=status][aria-live=polite]").count() == 1
    assert page.console_errors == []


CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:"


class _StrictHandler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CSP)
        super().end_headers()

    def log_message(self, *args) -> None:
        pass


def test_search_works_under_a_strict_content_security_policy(page, built_fixture):
    handler = functools.partial(_StrictHandler, directory=str(built_fixture))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        search_page(page, f"http://127.0.0.1:{server.server_address[1]}", "?q=designer&remote=on-site")
        assert titles(page) == ["Onsite Product Designer"]
        assert facet_box(page, "remote", "on-site").is_checked()
        assert page.console_errors == []
    finally:
        server.shutdown()


# Summed `layout-shift` entries since navigation, as CLS counts them (not those right after input).
CLS_JS = """() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => resolve(total), 100)));
})"""


@pytest.mark.parametrize("width, height", [(412, 915), (1280, 800)], ids=["phone", "desktop"])
@pytest.mark.parametrize("query", ["", "?q=engineer", "?company=Pinterest"])
def test_search_page_does_not_move_while_filters_and_results_arrive(browser, shipped_url, width, height, query):
    context = browser.new_context(viewport={"width": width, "height": height})
    tab = context.new_page()
    try:
        search_page(tab, shipped_url, query)
        assert titles(tab), "results arrived"
        assert tab.locator("#search-facets input").count() > 10
        shift = tab.evaluate(CLS_JS)
        assert shift <= 0.02, f"layout shift {shift:.3f} at {width}px on /search/{query}"
    finally:
        context.close()


def test_newest_first_really_is_newest_first(page, shipped_url):
    # Pagefind compares sort keys as 32-bit floats: days 2026-11-24 and -25 as yyyymmdd would tie.
    search_page(page, shipped_url, "?sort=newest")
    dates = page.locator("#search-results time").evaluate_all("times => times.map(t => t.dateTime)")
    _, postings = open_postings(ROOT, SHIPPED_NOW)
    assert dates == sorted((p.posted.isoformat() for p in postings), reverse=True)


def follow(tab) -> tuple[str, str | None]:
    line = tab.locator("#search-follow")
    link = line.locator("a")
    return line.inner_text(), (link.get_attribute("href") if link.count() else None)


def test_follow_links_the_feed_of_a_single_filter(page, fixture_url):
    search_page(page, fixture_url)
    assert follow(page) == ("Follow all new jobs (Atom feed)", "/feed.xml")
    facet_box(page, "tag", "python").check()
    wait_idle(page)
    assert follow(page) == ("Follow Tags: python (Atom feed)", "/tags/python/feed.xml")
    assert page.request.get(fixture_url + "/tags/python/feed.xml").ok
    facet_box(page, "company", "Acme Corp").check()
    wait_idle(page)
    assert follow(page) == ("These filters together have no feed.", None)
    facet_box(page, "tag", "python").uncheck()
    wait_idle(page)
    assert follow(page) == ("Follow Company: Acme Corp (Atom feed)", "/companies/acme/feed.xml")
    assert page.request.get(fixture_url + "/companies/acme/feed.xml").ok
    # Words narrow the results, not the feed.
    search_page(page, fixture_url, "?q=python")
    assert follow(page) == ("Follow all new jobs (Atom feed)", "/feed.xml")
    assert page.console_errors == []


def test_follow_says_so_when_a_filter_has_no_feed(page, fixture_url):
    search_page(page, fixture_url)
    feeds = json.loads(page.locator("#feed-index").text_content())
    for url in (u for values in feeds.values() for u in values.values()):
        assert page.request.get(fixture_url + url).ok, url
    boxes = page.locator("#search-facets input").evaluate_all("boxes => boxes.map(b => [b.name, b.value])")
    without = [(facet, value) for facet, value in boxes if value not in feeds.get(facet, {})]
    if not without:
        pytest.skip("every filter value has a feed of its own")
    facet, value = without[0]
    facet_box(page, facet, value).check()
    wait_idle(page)
    text, link = follow(page)
    assert link is None and text.endswith(" has no feed of its own."), text
    assert page.console_errors == []


def test_without_javascript_the_page_points_elsewhere(browser, fixture_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto(fixture_url + "/search/")
        assert tab.locator(".search-noscript").is_visible()
        assert not tab.locator("#search-facets").is_visible()  # they could not filter
        assert tab.locator("#search-follow a").get_attribute("href") == "/feed.xml"
        assert tab.locator("#search-q").is_visible()
    finally:
        context.close()
