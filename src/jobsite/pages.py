"""Which pages the site has: one record per URL, naming its template and variables (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from .site import Site


@dataclass(frozen=True)
class Page:
    """One HTML page to render: URL path, template, and the variables only it needs."""

    path: str  # "/jobs/x/" or "/404.html"
    template: str
    context: Mapping[str, Any] = field(default_factory=dict)
    source: str = ""  # the content file behind it, for collision messages

    @property
    def file(self) -> str:
        """The output file, relative to the output folder."""
        return self.path.lstrip("/") + ("index.html" if self.path.endswith("/") else "")


def list_pages(site: Site) -> list[Page]:
    """Every HTML page of the site, in a stable order."""
    pages = _home_pages(site)
    pages += [Page(p.url, "posting.html", {"posting": p}, p.source) for p in site.published]
    pages.append(Page("/companies/", "companies.html"))
    pages += [
        Page(c.url, "company.html", {"company": c}, c.source)
        for c in site.companies.values()
    ]
    pages.append(Page("/tags/", "tags.html"))
    for g in site.tags.values():
        pages += _paginated(site, g.postings, f"/tags/{g.slug}/", "tag.html", {"group": g})
    pages.append(Page("/locations/", "locations.html"))
    for g in site.locations.values():
        pages += _paginated(site, g.postings, f"/locations/{g.slug}/", "location.html", {"group": g})
    pages.append(Page("/search/", "search.html"))
    pages.append(Page("/salaries/", "salaries.html"))
    if site.config.repository:  # employers post through the repository's issue form
        pages.append(Page("/post-a-job/", "post-a-job.html"))
    pages.append(Page("/404.html", "404.html"))
    return pages


def _home_pages(site: Site) -> list[Page]:
    # Counted once here: every home page shows it, and a big board has hundreds of them.
    paid = sum(1 for p in site.open if p.salary is not None)
    return _paginated(site, site.open, "/", "home.html", {"paid": paid})


def _paginated(site: Site, postings: tuple, base: str, template: str, context: dict) -> list[Page]:
    """`base`, `base`page/2/, ...: `postings_per_page` of the postings each, with a pager."""
    size = site.config.postings_per_page
    chunks = [postings[i:i + size] for i in range(0, len(postings), size)] or [()]
    pages = []
    for number, chunk in enumerate(chunks, 1):
        pager = {
            "number": number,
            "count": len(chunks),
            "previous": _page_url(base, number - 1) if number > 1 else None,
            "next": _page_url(base, number + 1) if number < len(chunks) else None,
        }
        pages.append(Page(_page_url(base, number), template, {**context, "postings": chunk, "pager": pager}))
    return pages


def _page_url(base: str, number: int) -> str:
    return base if number == 1 else f"{base}page/{number}/"


def feed_path(page_path: str) -> str:
    """The Atom feed of a page that has one: `/` -> `/feed.xml`, `/tags/x/` -> `/tags/x/feed.xml`."""
    return page_path + "feed.xml"


def feed_of(page: Page) -> str | None:
    """The feed a page advertises: the site feed on home pages, its own on company, tag and location pages."""
    if page.template == "home.html":
        return feed_path("/")
    if page.template == "company.html":
        return feed_path(page.path)
    if page.template in ("tag.html", "location.html"):
        # Every page of a tag or location offers its one feed.
        folder = "tags" if page.template == "tag.html" else "locations"
        return feed_path(f"/{folder}/{page.context['group'].slug}/")
    return None
