"""Turning a company's front matter into a validated Company."""

from __future__ import annotations

from urllib.parse import urlsplit

from .fields import Checker
from .models import Company
from .source import Source

KEYS = ("name", "website", "logo", "location")


def parse_company(source: Source, slug: str, body_html: str) -> Company | list:
    """A Company, or the list of every error in its front matter."""
    data = source.data
    check = Checker(source)
    check.unknown_keys(data, KEYS)
    name = check.text(data, "name", required=True)
    website = check.url(data, "website", ("http", "https"))
    logo = check.text(data, "logo")
    if logo is not None:
        parts = urlsplit(logo)
        if parts.scheme and parts.scheme not in ("http", "https"):
            check.fail("logo", f"must be an http(s) URL or a path in static/, not {logo!r}")
        elif not parts.scheme and (".." in logo.split("/") or logo.startswith("//")):
            check.fail("logo", f"must be a path inside static/, not {logo!r}")
    location = check.text(data, "location")
    if check.errors:
        return check.errors
    return Company(slug=slug, source=source.path, name=name, website=website, logo=logo, location=location, body_html=body_html)
