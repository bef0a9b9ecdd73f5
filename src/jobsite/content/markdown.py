"""Markdown to safe HTML: mistune renders, nh3 keeps only an allow-list of tags and URLs."""

from __future__ import annotations

import re

import mistune
import nh3

# Only these link schemes survive; javascript:, data:, vbscript: and the like are dropped.
URL_SCHEMES = {"http", "https", "mailto"}
TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt",
    "em", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "kbd", "li", "ol", "p", "pre", "s",
    "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "th", "thead",
    "tr", "u", "ul",
}
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
    "code": {"class"},
}


def _shift_headings(markdown: mistune.Markdown, state: mistune.BlockState) -> None:
    """Make the body's highest heading an <h2>: the page owns the only <h1> (the posting title),
    and axe's heading-order rule flags a body that starts at <h3> under it."""
    headings = list(_headings(state.tokens))
    if not headings:
        return
    shift = 2 - min(token["attrs"]["level"] for token in headings)
    for token in headings:
        token["attrs"]["level"] = min(token["attrs"]["level"] + shift, 6)


def _headings(tokens):
    # Headings inside quotes and list items count too.
    for token in tokens:
        if token["type"] == "heading":
            yield token
        yield from _headings(token.get("children") or ())


_markdown = mistune.create_markdown(
    renderer=mistune.HTMLRenderer(escape=False),
    plugins=["strikethrough", "table", "url"],
)
_markdown.before_render_hooks.append(_shift_headings)


def render_markdown(text: str) -> str:
    """Sanitised HTML for a Markdown body; raw HTML in the source is filtered, not trusted."""
    html = _markdown(text)
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )


_WORD = re.compile(r"\w+")
# Comments never reach the page (nh3 strips them), so guidance left in one is not a description.
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)


def count_words(text: str) -> int:
    """Words in a Markdown body as visitors see it, for the 'description is short' warning."""
    return len(_WORD.findall(_COMMENT.sub(" ", text)))
