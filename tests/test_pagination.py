"""Long lists are split into pages: home, each tag and each location, `postings_per_page` cards each."""

import re

import pytest

# The fixture shows 3 postings per page; with these three remote Python postings the tag and
# the remote location run to a second page.
EXTRA = [
    ("py-one", "2026-06-14", "salary: {min: 100000, max: 120000, currency: USD, period: year}"),
    ("py-two", "2026-06-13", "salary: {min: 90000, max: 110000, currency: USD, period: year}"),
    ("py-three", "2026-06-12", ""),
]


@pytest.fixture
def board(scratch):
    for slug, posted, salary in EXTRA:
        scratch.posting(slug, f"title: {slug}\ncompany: acme\nremote: true\nposted: {posted}\napply_url: https://a.example.com/{slug}\ntags: [python]\n{salary}")
    site = scratch.build().site
    return scratch, site


def cards(html: str) -> list[str]:
    """The posting URLs of the cards on a list page, in order."""
    return re.findall(r'<h2 class="card-title"><a href="(/jobs/[^"]+/)">', html)


def read(folder, rel):
    return (folder / rel).read_text(encoding="utf-8")


@pytest.mark.parametrize(("kind", "slug"), [("tags", "python"), ("locations", "remote")])
def test_tag_and_location_pages_are_paginated_in_order(board, kind, slug):
    scratch, site = board
    group = (site.tags if kind == "tags" else site.locations)[slug]
    count = len(group.postings)
    assert 3 < count <= 6
    first = read(scratch.output, f"{kind}/{slug}/index.html")
    second = read(scratch.output, f"{kind}/{slug}/page/2/index.html")
    assert not (scratch.output / f"{kind}/{slug}/page/3").exists()
    # Every open posting of the group once, newest first, three to a page.
    assert cards(first) + cards(second) == [p.url for p in group.postings]
    assert len(cards(first)) == 3
    # Both pages count the whole group and link to each other.
    assert f'<p class="count">{count} open positions</p>' in first and f'<p class="count">{count} open positions</p>' in second
    assert f'<a rel="next" href="/{kind}/{slug}/page/2/">' in first and 'rel="prev"' not in first
    assert f'<a rel="prev" href="/{kind}/{slug}/">' in second and 'rel="next"' not in second
    assert "<span>Page 2 of 2</span>" in second
    assert re.search(r"<title>Page 2 · [^<]+</title>", second)
    assert f'<link rel="canonical" href="https://fixture.example.com/{kind}/{slug}/page/2/">' in second


def test_the_tag_salary_chart_is_on_the_first_page_only_and_counts_every_posting(board):
    scratch, site = board
    paid = [p for p in site.tags["python"].postings if p.salary]
    first = read(scratch.output, "tags/python/index.html")
    second = read(scratch.output, "tags/python/page/2/index.html")
    # One histogram per currency; together they count every paid posting, not just page 1's.
    assert sum(int(n) for n in re.findall(r"Spread of (\d+) annual salaries", first)) == len(paid) > 3
    assert 'id="tag-pay"' not in second
    # The tag's one feed is offered on each of its pages.
    for html in (first, second):
        assert '<link rel="alternate" type="application/atom+xml" href="/tags/python/feed.xml"' in html
    assert not (scratch.output / "tags/python/page/2/feed.xml").exists()


def test_sitemap_lists_every_page_of_a_long_list(board):
    scratch, _ = board
    sitemap = read(scratch.output, "sitemap.xml")
    for path in ("/tags/python/", "/tags/python/page/2/", "/locations/remote/", "/locations/remote/page/2/"):
        assert f"<loc>https://fixture.example.com{path}</loc>" in sitemap


def test_a_short_list_has_one_page_and_no_pager(built_fixture):
    html = read(built_fixture, "tags/design/index.html")
    assert 'class="pager"' not in html
    assert not (built_fixture / "tags/design/page").exists()
