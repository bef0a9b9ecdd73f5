"""Checks shared by postings and companies: each returns a clean value or adds an error."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit

from ..errors import SourceError, did_you_mean
from .source import InvalidDate, Source

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Every slug names a folder of the output; file systems take names of 255 bytes at most, and
# the longest useful slug is far shorter.
MAX_SLUG = 200
MAX_NUMBER = 10**15
# Characters no title or name needs: control characters (a NUL, a terminal escape that recolours
# check's output) and bidi overrides, which make a text read differently from what it says.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def control_problem(text: str) -> str | None:
    """Why a text may not be published as it is (it holds control characters), or None."""
    found = CONTROL.search(text)
    return f"contains a control character (U+{ord(found.group()):04X}); remove it" if found else None


def slugify(text: str) -> str:
    """ASCII, lowercase, hyphen-separated: `Data Science` -> `data-science`, `C++` -> `c-plus-plus`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    # Spell out the symbols that tell technologies apart, so C, C++ and C# stay three tags.
    ascii_text = ascii_text.replace("+", "-plus").replace("#", "-sharp")
    ascii_text = re.sub(r"(?<![a-z0-9])\.(?=[a-z])", "dot", ascii_text)  # .NET -> dotnet
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def shorten(text: str, most: int = 40) -> str:
    """A value as messages quote it: its first `most` characters, and "…" when there are more."""
    return text if len(text) <= most else text[:most] + "…"


def slug_problem(slug: str) -> str | None:
    """Why a slug cannot name a page's folder, or None."""
    if len(slug) > MAX_SLUG:
        return f"makes a page name of {len(slug)} characters; at most {MAX_SLUG} fit a file name"
    return None


class Checker:
    """Collects errors for one source while turning raw front matter into typed values."""

    def __init__(self, source: Source):
        self.source = source
        self.errors: list = []

    def fail(self, key: str, message: str, *, at: str | None = None) -> None:
        """An error about `key`, on the line of `at` when given (`tags.2`: the list's third item)."""
        self.errors.append(SourceError(self.source.path, self.source.line(at or key), key, message))

    def page_name(self, key: str, text: str) -> str:
        """The slug of a value that names a page (a tag, a location); an error when it cannot."""
        slug = slugify(text)
        problem = slug_problem(slug)
        if problem:
            self.fail(key, f"'{shorten(text)}' {problem}")
        return slug

    def unknown_keys(self, data: dict, allowed, prefix: str = "") -> None:
        for key in data:
            if key not in allowed:
                name = f"{prefix}{key}"
                self.fail(name, "unknown key" + did_you_mean(str(key), allowed))

    def text(self, data: dict, key: str, *, required: bool = False, path: str | None = None) -> str | None:
        path = path or key
        value = data.get(key)
        if value is None:
            if required:
                self.fail(path, "required")
            return None
        if isinstance(value, (dict, list, bool)):
            self.fail(path, "must be text")
            return None
        value = str(value).strip()
        if required and not value:
            self.fail(path, "must not be empty")
            return None
        if problem := control_problem(value):
            self.fail(path, problem)
            return None
        return value or None

    def text_list(self, data: dict, key: str) -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value):
            self.fail(key, "must be text or a list of text")
            return ()
        texts = tuple(str(v).strip() for v in value if str(v).strip())
        if problem := next(filter(None, map(control_problem, texts)), None):
            self.fail(key, problem)
            return ()
        return texts

    def boolean(self, data: dict, key: str, default: bool = False) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.fail(key, f"must be true or false, not {value!r}")
            return default
        return value

    def one_of(self, value, key: str, choices: tuple[str, ...]):
        """`value` if it is one of `choices`, else None and an error naming the closest one."""
        if value in choices:
            return value
        self.fail(key, f"must be one of {', '.join(choices)}, not {value!r}" + did_you_mean(str(value), choices))
        return None

    def number(self, value, key: str, written: str = "a number"):
        """A finite number (an int when it is whole), else None and an error saying what to write."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(key, f"must be {written}, not {value!r}")
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.fail(key, "must be a finite number")
            return None
        # A huge YAML integer cannot become a float; no board field needs one.
        if abs(value) >= MAX_NUMBER:
            self.fail(key, "must have at most 15 digits before the decimal point")
            return None
        return int(value) if float(value).is_integer() else value

    def date(self, data: dict, key: str, *, required: bool = False) -> dt.date | None:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(key, "required (a date like 2026-11-25)")
            return None
        if isinstance(value, InvalidDate):
            self.fail(key, f"{value} is not a real date ({value.reason})")
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        self.fail(key, f"must be a date like 2026-11-25, not {value!r}")
        return None

    def url(self, data: dict, key: str, schemes: tuple[str, ...], *, required: bool = False) -> str | None:
        value = self.text(data, key, required=required)
        if value is None:
            return None
        problem = url_problem(value, schemes)
        if problem:
            self.fail(key, problem)
            return None
        return value


def url_problem(value: str, schemes: tuple[str, ...]) -> str | None:
    """Why a URL is not acceptable, or None. Only http, https and mailto ever pass."""
    if any(ord(c) < 32 or c.isspace() for c in value):
        return "must not contain spaces or control characters"
    parts = urlsplit(value)
    if parts.scheme.lower() not in schemes:
        either = " or ".join(filter(None, (", ".join(schemes[:-1]), schemes[-1])))
        return f"must be an {either} URL, not {value!r}"
    if parts.scheme.lower() == "mailto":
        return None if "@" in parts.path else f"must be a mailto: URL with an address, not {value!r}"
    if not parts.netloc:
        return f"must be a full URL with a host, like https://example.com/apply, not {value!r}"
    return None


# Query parameters that say where a visitor came from, not which job: two links differing only
# in these lead to the same application.
TRACKING_PARAMS = frozenset({
    "gclid", "dclid", "fbclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "_hsenc", "_hsmi",
    "gh_src", "lever-source", "lever-origin", "ref", "referrer", "source", "src",
})


def apply_url_key(url: str) -> str:
    """The link with what does not change its target removed, so two spellings compare equal.

    http and https, the host's case, a default port, a trailing slash, the fragment, the order of
    query parameters and tracking parameters (utm_*, gclid, ref, ...) are ignored.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return url.strip().lower() if scheme == "mailto" else url.strip()
    try:
        port = parts.port
    except ValueError:
        port = None
    host = (parts.hostname or "") + (f":{port}" if port not in (None, 80, 443) else "")
    query = sorted(
        (key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith("utm_") and key.lower() not in TRACKING_PARAMS
    )
    return f"https://{host}{parts.path.rstrip('/')}" + (f"?{urlencode(query)}" if query else "")
