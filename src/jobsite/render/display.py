"""How templates show small facts: relative days and company monograms (pure)."""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import lru_cache

from babel import Locale
from babel.dates import format_date

# Monogram backgrounds, as .mono-0 ... .mono-11 in style.css (classes, not style attributes, so a
# strict Content-Security-Policy allows them). Each gives white text at least 4.99:1 contrast
# (WCAG AA) in both themes because the square carries its own colour.
MONOGRAM_COLOURS = (
    "#1d4ed8", "#047857", "#b45309", "#6d28d9", "#b91c1c", "#0e7490",
    "#be185d", "#475569", "#4338ca", "#4d7c0f", "#c2410c", "#0f766e",
)


# How visitors read a posting's `remote:` value, on pages and in search results.
REMOTE_LABELS = {True: "Remote", "hybrid": "Hybrid", False: "On-site"}


# Babel is slow, and a board shows the same few hundred days on thousands of pages.
@lru_cache(maxsize=4096)
def day_text(day: dt.date, locale: Locale | str, fmt: str = "medium") -> str:
    """A day as the locale writes it: `Jun 10, 2026`."""
    return format_date(day, format=fmt, locale=locale)


# The parts of the site the header's menu marks as the one a page is in.
NAV_SECTIONS = ("/companies/", "/salaries/", "/tags/", "/locations/")


def nav_section(path: str) -> str:
    """Which part of the site a page is in, for the header and footer: `/`, `/tags/`, ... or ""."""
    if path in ("/", "/search/", "/post-a-job/"):
        return path
    return next((section for section in NAV_SECTIONS if path.startswith(section)), "")


def remote_label(remote: bool | str) -> str:
    """`Remote`, `Hybrid` or `On-site`."""
    return REMOTE_LABELS[remote]


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def posted_ago(posted: dt.date, today: dt.date) -> str:
    """`today`, `yesterday` or `N days ago`, counted from the build's date."""
    days = (today - posted).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{_days(days)} ago"


def closes_in(expires: dt.date, today: dt.date) -> str:
    """`closes today`, `closes in N days`, or `closed N days ago` once past its last day."""
    days = (expires - today).days
    if days == 0:
        return "closes today"
    if days > 0:
        return f"closes in {_days(days)}"
    # A posting is open through its `expires` day, so the day after is "closed yesterday".
    return "closed yesterday" if days == -1 else f"closed {_days(-days)} ago"


def monogram_initials(name: str) -> str:
    """One or two capital initials: `Acme Corp` -> `AC`, `Globex` -> `G`."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isalnum()]
    if not words:
        return (name.strip()[:1] or "?").upper()
    return "".join(w[0] for w in words[:2]).upper()


def monogram_class(slug: str) -> str:
    """`mono-N`: the stylesheet class giving the slug's monogram colour, the same on every build."""
    # A digest, not hash(): Python salts str hashes per process.
    digest = hashlib.sha1(slug.encode("utf-8")).digest()
    return f"mono-{int.from_bytes(digest, 'big') % len(MONOGRAM_COLOURS)}"
