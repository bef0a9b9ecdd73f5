"""Atom feeds of open postings: the whole site, each company, tag and location, and each search filter value."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

from ..content.models import Posting
from ..pages import feed_path
from ..render import salary as pay
from ..site import Site

ATOM = "http://www.w3.org/2005/Atom"
# Every feed lists every open posting it covers. Only the site-wide feed carries each
# description in full: company and tag feeds repeating them would make a big board's feeds
# grow with postings x tags (114 MB for 5,000 postings), so their entries carry the summary.

# Characters XML 1.0 forbids even when escaped (most C0 controls, lone surrogates, U+FFFE/F).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'


def xml_text(text: str) -> str:
    """Text with the characters XML 1.0 cannot carry removed (escaping is ElementTree's job)."""
    return _NOT_XML.sub("", text)


def add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    """A child element whose text and attributes are fit for XML whatever they contain."""
    element = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attrs.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def timestamp(day: dt.date) -> str:
    """A day as the full RFC 3339 date-time Atom needs (postings carry only a day)."""
    return f"{day.isoformat()}T00:00:00Z"


class AtomFeeds:
    """Writes feeds for one site; a posting's entry is serialised once, however many feeds list it."""

    def __init__(self, site: Site):
        self.site = site
        self.entries: dict[tuple[str, bool], bytes] = {}

    def feed(self, postings, title: str, page_path: str, *, full: bool = True, path: str | None = None) -> bytes:
        """The feed of the page at `page_path`: all its open postings, with descriptions if `full`.

        A feed beside its page (`/tags/x/feed.xml`) is known by the page's URL; one written
        elsewhere (`path`, for a search filter's feed) by its own.
        """
        config = self.site.config
        shown = postings
        path = path or feed_path(page_path)
        head = ET.Element("feed", {"xmlns": ATOM, "xml:lang": config.language})
        add(head, "id", config.url(page_path if path == feed_path(page_path) else path))
        add(head, "title", title)
        if config.description:
            add(head, "subtitle", config.description)
        add(head, "updated", timestamp(max((p.posted for p in shown), default=config.now)))
        add(head, "link", rel="self", type="application/atom+xml", href=config.url(path))
        add(head, "link", rel="alternate", type="text/html", href=config.url(page_path))
        add(add(head, "author"), "name", config.title)
        add(head, "generator", "jobsite")
        ET.indent(head)
        text = ET.tostring(head, encoding="unicode").removesuffix("</feed>")
        # Entries are kept encoded: a big board's feeds repeat each one in a dozen feeds.
        entries = b"".join([self._entry(p, full) for p in shown])
        return (_DECLARATION + text).encode("utf-8") + entries + b"</feed>\n"

    def _entry(self, posting: Posting, full: bool) -> bytes:
        key = (posting.slug, full)
        if key not in self.entries:
            self.entries[key] = f"  {self._serialise(posting, full)}\n".encode("utf-8")
        return self.entries[key]

    def _serialise(self, posting: Posting, full: bool) -> str:
        # Written out directly, as ElementTree would indent and escape it: building and
        # serialising a tree per entry was most of a big board's feed time.
        site = self.site
        url = site.config.url(posting.url)
        company = site.companies[posting.company]
        lines = [
            "<entry>",
            _element("id", url),
            _element("title", f"{posting.title} at {company.name}"),
            _element("link", None, rel="alternate", type="text/html", href=url),
            _element("published", timestamp(posting.posted)),
            _element("updated", timestamp(posting.posted)),
            "    <author>",
            "  " + _element("name", company.name),
            "    </author>",
        ]
        for tag in posting.tags:
            lines.append(_element("category", None, term=tag, label=site.tags[tag].label if tag in site.tags else tag))
        lines.append(_element("summary", summary(site, posting)))
        if full:
            lines.append(_element("content", posting.body_html, type="html"))
        lines.append("  </entry>")
        return "\n".join(lines)


def _element(tag: str, text: str | None, **attrs: str) -> str:
    """One child line of an entry, indented and escaped as ElementTree writes it."""
    head = "    <" + tag + "".join(f' {key}="{_attribute(value)}"' for key, value in attrs.items())
    if not text:
        return head + " />"
    return f"{head}>{escape_text(text)}</{tag}>"


def escape_text(text: str) -> str:
    """Text fit for an XML element's content, escaped as ElementTree escapes it."""
    return xml_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(value: str) -> str:
    return (
        escape_text(value).replace('"', "&quot;").replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;")
    )


def summary(site: Site, posting: Posting) -> str:
    """One line for feed readers: company, pay, where, closing day."""
    company = site.companies[posting.company]
    parts = [company.name, pay.badge_or_not_listed(posting.salary, site.locale)]
    where = "; ".join(posting.locations)
    if posting.remote is True:
        where = f"Remote ({site.apply_from.remote_from(posting)})" if posting.remote_regions else "Remote"
        where += f"; {'; '.join(posting.locations)}" if posting.locations else ""
    elif posting.remote == "hybrid":
        where = f"Hybrid, {where}" if where else "Hybrid"
    if where:
        parts.append(where)
    if posting.expires:
        parts.append(f"apply by {posting.expires.isoformat()}")
    return " · ".join(parts)
