"""The site-wide JSON Feed 1.1 (`/feed.json`): the same postings and words as `/feed.xml`."""

from __future__ import annotations

import json

from ..content.models import Posting
from ..site import Site
from .atom import summary, timestamp

VERSION = "https://jsonfeed.org/version/1.1"


def json_feed(site: Site, postings: list[Posting]) -> bytes:
    """Every listed open posting, newest first, with its description, summary line and tags."""
    config = site.config
    data = {
        "version": VERSION,
        "title": config.title,
        "home_page_url": config.url("/"),
        "feed_url": config.url("/feed.json"),
        **({"description": config.description} if config.description else {}),
        "language": config.language,
        "authors": [{"name": config.title, "url": config.url("/")}],
        "items": [_item(site, posting) for posting in postings],
    }
    # Compact, which lets json use its C encoder (an indented feed of 4,000 postings took seconds);
    # allow_nan=False: strict JSON, as every reader expects.
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n").encode("utf-8")


def _item(site: Site, posting: Posting) -> dict:
    company = site.companies[posting.company]
    url = site.config.url(posting.url)
    item = {
        "id": url,
        "url": url,
        "title": f"{posting.title} at {company.name}",
        "content_html": posting.body_html,
        "summary": summary(site, posting),
        "date_published": timestamp(posting.posted),
        "authors": [{"name": company.name, "url": site.config.url(company.url)}],
    }
    tags = [site.tags[tag].label if tag in site.tags else tag for tag in posting.tags]
    if tags:
        item["tags"] = list(dict.fromkeys(tags))
    return item
