"""Importing a posting scraped from another job board (Markdown) as a jobsite posting.

The scraped shape is `# [Title](apply_url)`, `### Company`, a `####` line of backtick badges
(`💰 USD 148k~304k`, `🌎 San Francisco, CA,US,Remote`), then the description. Everything here
is pure except `import_file`, which is the one place that touches the disk.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import ftfy
import yaml

from .importparse import (
    ParsedSalary,
    SalaryMatch,
    best_salary,
    find_salaries,
    guess_employment_type,
    guess_tags,
    parse_location,
    parse_salary,
    salaries_agree,
)
from ..config import load_config
from ..content.fields import slugify
from ..errors import SourceError
from .frontmatter import company_stub, source_text
from .newfiles import check_new_posting, write_new_files

__all__ = [
    "ImportResult", "NotImported", "ParsedSalary", "import_file", "import_text", "parse_location", "parse_salary",
]


@dataclass(frozen=True)
class ImportResult:
    """An imported posting: its slugs, front matter, cleaned body and the file text to write."""

    slug: str
    company_slug: str
    company_name: str
    front_matter: dict
    body: str
    warnings: tuple[str, ...]  # each "field: message", for the editor to act on
    text: str  # the whole file: '---\n' + YAML + '---\n\n' + body


@dataclass(frozen=True)
class _Header:
    title: str
    apply_url: str | None
    company: str
    badges: tuple[str, ...]
    body_lines: tuple[str, ...]


_TITLE_LINK = re.compile(r"^#\s+\[(?P<title>.+)\]\((?P<url>[^)\s]+)\)\s*$")
_TITLE_PLAIN = re.compile(r"^#\s+(?P<title>.+?)\s*$")
_COMPANY = re.compile(r"^###\s+(?:\[(?P<linked>[^\]]+)\]\([^)]*\)|(?P<plain>.+?))\s*$")
_BADGES = re.compile(r"^####\s+(?P<badges>.*)$")
_APPLY_FOOTER = re.compile(r"^\s*#*\s*CLICK\s+TO\b.*APPLY", re.IGNORECASE)
_FOOTER_URL = re.compile(r"\]\((?P<url>https?://[^)\s]+)\)")
# ATS tracking tags (LinkedIn's "#LI-NM4", "#LI-HYBRID") are for the source board's search,
# not for readers; case-insensitive because "#LI-Remote" is as common as "#LI-REMOTE".
_ATS_TAG = re.compile(r"^#LI-[A-Z0-9]+$", re.IGNORECASE)
_BULLET = re.compile(r"^(?P<indent>[ \t]*)[*+-][ \t]+(?P<text>.*)$")
_MONEY_EMOJI = frozenset("💰💵💲💶💷💴🤑")
_PLACE_EMOJI = frozenset("🌎🌍🌏🌐📍🏠🏢🗺")
_TYPE_EMOJI = frozenset("⏰🕒🕘⌚💼📅")
_EMOJI_GLUE = frozenset("\u200d\ufe0e\ufe0f")


def fix_mojibake(raw: str) -> str:
    """Text with UTF-8-read-as-cp1252 repaired, curly quotes kept, line ends as `\\n`."""
    # uncurl_quotes=False: ftfy would otherwise turn the repaired "It’s" into "It's".
    return ftfy.fix_text(raw, uncurl_quotes=False).replace("\r\n", "\n").lstrip("\ufeff")


def _strip_emoji(text: str) -> str:
    # Symbols (So), skin-tone modifiers (Sk), joiners and variation selectors make up emoji.
    kept = (c for c in text if unicodedata.category(c) not in ("So", "Sk") and c not in _EMOJI_GLUE)
    return " ".join("".join(kept).split())


def _read_header(lines: list[str]) -> _Header:
    """Title, apply URL, company and badges from the top of the file, and the lines after."""
    start = next((i for i, line in enumerate(lines) if _TITLE_PLAIN.match(line)), None)
    if start is None:
        raise ValueError("no '# Title' heading found; is this a scraped posting?")
    linked = _TITLE_LINK.match(lines[start])
    title = (linked or _TITLE_PLAIN.match(lines[start]))["title"]
    company, badges, end = "", (), start + 1
    # The company and badge lines follow the title, possibly after blank lines.
    for i in range(start + 1, len(lines)):
        if not lines[i].strip():
            continue
        if (match := _COMPANY.match(lines[i])) and not company:
            company = (match["linked"] or match["plain"]).strip()
        elif (match := _BADGES.match(lines[i])) and not badges:
            badges = tuple(re.findall(r"`([^`]+)`", match["badges"])) or (match["badges"],)
        else:
            break
        end = i + 1
    return _Header(
        title=" ".join(title.split()), apply_url=linked["url"] if linked else None,
        company=" ".join(company.split()), badges=badges, body_lines=tuple(lines[end:]),
    )


def _classify_badges(badges: tuple[str, ...]) -> tuple[list[str], list[str], list[str], list[str]]:
    """(salary, location, employment-type, unknown) badge texts, emoji stripped."""
    money, places, types, unknown = [], [], [], []
    for badge in badges:
        emoji = {c for c in badge if unicodedata.category(c) == "So"}
        text = _strip_emoji(badge)
        if not text:
            continue
        if emoji & _MONEY_EMOJI or (not emoji and parse_salary(text)):
            money.append(text)
        elif emoji & _PLACE_EMOJI:
            places.append(text)
        elif emoji & _TYPE_EMOJI or re.search(r"\b(?:full|part)[- ]time\b|\bcontract\b|\bintern", text, re.I):
            types.append(text)
        elif not emoji:
            places.append(text)  # a bare badge that is not money or hours is most often a place
        else:
            unknown.append(text)
    return money, places, types, unknown


def _clean_body(lines: tuple[str, ...]) -> str:
    """The description as tidy Markdown: no footer, no ATS tags, `- ` bullets, single blank lines."""
    kept = [line for line in lines if not _APPLY_FOOTER.match(line) and not _ATS_TAG.match(line.strip())]
    out: list[str] = []
    indents: list[int] = []  # indentation of the open list levels, outermost first
    for line in kept:
        line = line.rstrip()
        bullet = _BULLET.match(line)
        if bullet:
            width = len(bullet["indent"].expandtabs(4))
            while indents and width < indents[-1]:
                indents.pop()
            if not indents or width > indents[-1]:
                indents.append(width)
            out.append("  " * (len(indents) - 1) + "- " + bullet["text"].strip())
            continue
        if line:
            indents = []
            indent = len(line) - len(line.lstrip(" "))
            # Up to three spaces mean nothing in Markdown; four or more would start a code block.
            line = line.lstrip(" ") if indent < 4 else line
        out.append(line)
    while out and not out[0]:
        out.pop(0)
    if out and re.fullmatch(r"(?:job\s+)?description:?", out[0].strip("*# ").strip(), re.IGNORECASE):
        out.pop(0)
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")
    return body + "\n" if body else ""


def _choose_salary(badge: list[SalaryMatch], body: list[SalaryMatch]) -> tuple[ParsedSalary | None, list[str]]:
    """The salary to keep and warnings about it; the badge fixes which range, the body may refine it."""
    anchor = best_salary(badge) or best_salary(body)
    if anchor is None:
        return None, ["salary: not found; add it or leave it out"]
    candidates = badge + body
    same = [m for m in candidates if salaries_agree(m.salary, anchor.salary)]
    # Most precise wins: "$148,049" over "148k" when both state the same range; on a tie
    # max() keeps the first, so the badge over the body.
    chosen = max(same, key=lambda m: m.precision).salary
    warnings = []
    stated = next((m.salary for m in same if not m.salary.period_assumed), None)
    if chosen.period_assumed and stated:
        chosen = ParsedSalary(chosen.min, chosen.max, chosen.currency, stated.period)
    elif chosen.period_assumed:
        warnings.append(f"salary: no pay period stated; assumed {chosen.period}")
    others = {_describe(m.salary) for m in candidates if m not in same}
    for other in sorted(others):
        warnings.append(f"salary: the text also mentions {other}; check which is the pay")
    return chosen, warnings


def _describe(salary: ParsedSalary) -> str:
    amount = f"{salary.min:,}" if salary.min == salary.max else f"{salary.min:,}–{salary.max:,}"
    return f"{salary.currency} {amount} per {salary.period}"


def import_text(raw: str, *, today: dt.date) -> ImportResult:
    """Turn a scraped Markdown posting into front matter, a clean body and the file text."""
    lines = fix_mojibake(raw).split("\n")
    header = _read_header(lines)
    warnings: list[str] = []
    body = _clean_body(header.body_lines)

    apply_url = header.apply_url
    if apply_url is None:
        # The footer "CLICK TO [APPLY](url)" is removed from the body but still names the link.
        footer = (_FOOTER_URL.search(line) for line in header.body_lines if _APPLY_FOOTER.match(line))
        apply_url = next((m["url"] for m in footer if m), None)
    if apply_url is None:
        warnings.append("apply_url: missing; add the link where candidates apply")
    if not header.company:
        warnings.append("company: no '### Company' line found; add the company")

    money, places, types, unknown = _classify_badges(header.badges)
    warnings += [f"badges: ignored {text!r}" for text in unknown]
    locations: list[str] = []
    remote: str | bool = False
    regions: list[str] = []
    for badge in places:
        found, badge_remote, badge_regions = parse_location(badge)
        locations += [loc for loc in found if loc not in locations]
        regions += [r for r in badge_regions if r not in regions]
        # Remote wins over hybrid, hybrid over on-site, across badges as within one.
        if badge_remote is True or (badge_remote == "hybrid" and remote is False):
            remote = badge_remote
    if not places:
        warnings.append("location: no location badge found; add location or remote")

    salary, salary_warnings = _choose_salary(
        [m for text in money for m in find_salaries(text)], find_salaries(body)
    )
    warnings += salary_warnings
    tags = guess_tags(header.title)
    if not tags:
        warnings.append("tags: none guessed from the title; add some")
    warnings.append("expires: not set; add a closing date")

    front_matter: dict = {"title": header.title, "company": slugify(header.company)}
    if locations:
        front_matter["location"] = locations[0] if len(locations) == 1 else locations
    front_matter["remote"] = remote
    if regions:
        front_matter["remote_regions"] = regions
    front_matter["employment_type"] = guess_employment_type(
        " ".join((header.title, *types)), body
    )
    if salary:
        front_matter["salary"] = {
            "min": salary.min, "max": salary.max, "currency": salary.currency, "period": salary.period,
        }
    front_matter["posted"] = today
    if apply_url:
        front_matter["apply_url"] = apply_url
    front_matter["tags"] = tags
    front_matter["draft"] = False

    slug = slugify(header.title)
    if not slug:
        warnings.append("title: has no letters or digits to make a file name from")
    if not body:
        warnings.append("body: empty; add a description")
    text = source_text(front_matter, body)
    return ImportResult(
        slug=slug, company_slug=slugify(header.company), company_name=header.company,
        front_matter=front_matter, body=body, warnings=tuple(warnings), text=text,
    )


def _inside(site_dir: Path, *parts: str) -> Path:
    path = site_dir.joinpath(*parts)
    # Slugs are [a-z0-9-] so this cannot escape, but refuse loudly if that ever changes.
    if not path.resolve().is_relative_to(site_dir.resolve()):
        raise ValueError(f"refusing to write outside the site folder: {path}")
    return path


class NotImported(ValueError):
    """A scraped posting that would not build: every error, and nothing written."""

    def __init__(self, path: Path, errors: list[SourceError]):
        self.errors = errors
        super().__init__(f"{path}: not imported, it would not build")


def import_file(
    path: Path, site_dir: Path, *, today: dt.date, stdout: bool = False
) -> tuple[ImportResult, list[Path]]:
    """Import one scraped file into site_dir's content/, or print it when stdout is true.

    Writes content/jobs/<slug>.md (never over an existing file) and, when missing,
    content/companies/<company_slug>.md, only once both pass the build's own checks
    (NotImported lists what fails). Returns the result and the paths written.
    """
    # errors="replace": a stray invalid byte should not stop an import that ftfy can repair.
    result = import_text(path.read_bytes().decode("utf-8", errors="replace"), today=today)
    if stdout:
        sys.stdout.write(result.text)
        return result, []
    if not result.slug:
        raise ValueError(f"{path}: the title {result.front_matter['title']!r} gives an empty slug")
    if not result.company_slug:
        raise ValueError(f"{path}: no company name to make content/companies/<slug>.md from")
    job = _inside(site_dir, "content", "jobs", f"{result.slug}.md")
    if job.exists():
        raise FileExistsError(f"{job} already exists; delete it or rename the title to import again")
    company = _inside(site_dir, "content", "companies", f"{result.company_slug}.md")
    files = [(job, result.text)]
    company_text = None
    if not company.exists():
        company_text = company_stub(result.company_name, f"TODO: describe {result.company_name}.\n")
        files.append((company, company_text))
    # Validate first, write last: a file that does not build would break every later build.
    companies = frozenset(p.stem for p in company.parent.glob("*.md")) | {result.company_slug}
    _, errors = check_new_posting(load_config(site_dir), result.slug, result.text, companies, result.company_slug, company_text)
    if errors:
        raise NotImported(path, errors)
    return result, write_new_files(files)
