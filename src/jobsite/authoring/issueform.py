"""The post-a-job issue form: its questions, and reading a submitted body into a posting (pure).

GitHub writes a submitted form as `### <label>` headings in the form's order, a blank line, the
answer (`_No response_` for an empty input or textarea, `None` for an unanswered dropdown,
`- [X] <option>` per ticked checkbox), sections joined by a blank line and no final newline.
The body is untrusted: every answer is checked, and the posting is written as YAML by a dumper,
never by pasting text, so no answer can add a key.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from ..config import ISSUE_FORM
from ..content.fields import CONTROL, slugify, url_problem
from ..content.files import file_problem
from ..errors import SourceError
from .importer import fix_mojibake
from .importparse import ISO_CODES, SYMBOLS

NO_RESPONSE = "_No response_"
NO_CHOICE = "None"  # what GitHub writes for a dropdown left unanswered


@dataclass(frozen=True)
class Field:
    """One question of the form: its id (what it becomes), default label, kind and limits."""

    id: str
    label: str
    kind: str = "input"  # input | dropdown | textarea | checkboxes
    required: bool = False
    max_length: int = 200


# In the form's order. The ids are the contract with .github/ISSUE_TEMPLATE/post-a-job.yml
# (a test keeps them equal); the labels there may be reworded and are read from it.
FIELDS: tuple[Field, ...] = (
    Field("title", "Job title", required=True, max_length=120),
    Field("company_name", "Company name", required=True, max_length=100),
    Field("company_website", "Company website", max_length=500),
    Field("location", "Location", max_length=300),
    Field("remote", "Remote work", kind="dropdown", required=True),
    Field("remote_regions", "Remote regions", max_length=300),
    Field("employment_type", "Employment type", kind="dropdown", required=True),
    Field("seniority", "Seniority", kind="dropdown"),
    Field("visa_sponsorship", "Visa sponsorship", kind="dropdown"),
    Field("salary_min", "Salary minimum", max_length=30),
    Field("salary_max", "Salary maximum", max_length=30),
    Field("salary_currency", "Salary currency", max_length=10),
    Field("salary_period", "Salary period", kind="dropdown"),
    Field("apply_url", "How to apply", required=True, max_length=2000),
    Field("expires", "Closing date", max_length=30),
    Field("tags", "Tags", max_length=400),
    Field("description", "Job description", kind="textarea", required=True, max_length=20_000),
    Field("confirm", "Confirmation", kind="checkboxes", required=True),
)
REMOTE = {"on-site": False, "hybrid": "hybrid", "remote": True}
# A dropdown answer's first word, as GitHub writes it; several choices come joined by ", ".
VISA = {"yes": True, "no": False}
PERIOD = {"per year": "year", "per month": "month", "per week": "week", "per day": "day", "per hour": "hour"}
MAX_TAGS = 12
_MISSING = {"dropdown": "choose one of the options", "checkboxes": "tick the box to confirm the position is open"}
# Where each front-matter key came from, so a validation error names the question asked.
KEY_FIELD = {
    "title": "title", "company": "company_name", "location": "location", "remote": "remote",
    "remote_regions": "remote_regions", "employment_type": "employment_type",
    "seniority": "seniority", "visa_sponsorship": "visa_sponsorship",
    "salary": "salary_min", "salary.min": "salary_min", "salary.max": "salary_max",
    "salary.currency": "salary_currency", "salary.period": "salary_period",
    "apply_url": "apply_url", "expires": "expires", "tags": "tags", "body": "description",
    "name": "company_name", "website": "company_website",
}
_EMAIL = re.compile(r"^[^@\s/:]+@[^@\s/:]+\.[A-Za-z]{2,}$")
_AMOUNT = re.compile(r"^(?P<n>\d{1,3}(?:[,\u00a0 ']\d{3})+|\d+)(?:\.(?P<c>\d{1,2}))?\s*(?P<k>[kK])?$")
# Symbols several currencies share: the currency field must name one by its code.
_SHARED_SYMBOLS = {"$": ("USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN"), "¥": ("JPY", "CNY")}


@dataclass(frozen=True)
class Submission:
    """What a valid form becomes: the posting's front matter and body, and its company."""

    slug: str
    front_matter: dict
    body: str
    company_slug: str
    new_company: dict | None  # front matter of content/companies/<company_slug>.md, if new


class FormProblems(Exception):
    """The answers that cannot become a posting, each as (field id, message)."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("; ".join(f"{f}: {m}" for f, m in problems))


def form_fields(site_dir: Path) -> tuple[Field, ...]:
    """The fields with the labels of the site's own form when it has one (labels may be reworded)."""
    try:
        form = yaml.safe_load(_form_text(site_dir))
        labels = {item["id"]: item["attributes"]["label"] for item in form["body"] if "id" in item}
    except (OSError, yaml.YAMLError, KeyError, TypeError):
        return FIELDS
    return tuple(Field(f.id, labels.get(f.id, f.label), f.kind, f.required, f.max_length) for f in FIELDS)


def _form_text(site_dir: Path) -> str:
    """The site's issue form; OSError when there is none, or it is no regular file of the site (a link out, a FIFO)."""
    path = site_dir / ISSUE_FORM
    if problem := file_problem(path, site_dir):
        raise OSError(problem)
    return path.read_text(encoding="utf-8")


# The questions a board with require_salary = true must make required, and no others.
SALARY_IDS = ("salary_min", "salary_currency", "salary_period")


def form_warnings(site_dir: Path, require_salary: bool) -> list[SourceError]:
    """Where the site's issue form disagrees with the importer or jobsite.toml (for `jobsite check`)."""
    path = site_dir / ISSUE_FORM
    if os.path.lexists(path) and (problem := file_problem(path, site_dir)):
        return [SourceError(ISSUE_FORM.as_posix(), 0, "", problem, "warning")]
    try:
        text = _form_text(site_dir)
        items = {item.get("id"): item for item in yaml.safe_load(text)["body"] if isinstance(item, dict)}
    except (OSError, UnicodeDecodeError, yaml.YAMLError, KeyError, TypeError):
        return []  # no form, or one GitHub itself would reject: check-jsonschema's job
    lines = text.splitlines()

    def warn(field_id: str, message: str) -> SourceError:
        line = next((n for n, l in enumerate(lines, 1) if l.strip() == f"id: {field_id}"), 0)
        return SourceError(ISSUE_FORM.as_posix(), line, field_id, message, "warning")

    found = [warn(f.id, "missing: jobsite import --issue-form needs this question") for f in FIELDS if f.required and f.id not in items]
    want = "true" if require_salary else "false"
    for field_id in SALARY_IDS:
        item = items.get(field_id)
        required = isinstance(item, dict) and bool((item.get("validations") or {}).get("required"))
        if item is not None and required != require_salary:
            found.append(warn(field_id, f"{'required' if required else 'optional'} in the form, but jobsite.toml has require_salary = {want}; set its validations: required: {want}"))
    return found


def read_answers(body: str, fields: tuple[Field, ...]) -> dict[str, str | None]:
    """Each field's answer by id (None when unanswered); FormProblems for a body not from the form."""
    text = body.replace("\r\n", "\n")
    if not text.strip():
        raise FormProblems([("", "the issue body is empty")])
    # Free text may hold headings of its own, even one equal to a label: find the questions
    # before the description from the top, and those after it from the bottom.
    free = next((i for i, f in enumerate(fields) if f.kind == "textarea"), len(fields))
    starts: dict[str, tuple[int, int]] = {}
    position = 0
    for field in fields[:free + 1]:
        found = _heading(text, field.label, position, forward=True)
        if found:
            starts[field.id] = found
            position = found[1]
    end = len(text)
    for field in reversed(fields[free + 1:]):
        found = _heading(text, field.label, position, forward=False, end=end)
        if found:
            starts[field.id] = found
            end = found[0]
    if not starts:
        raise FormProblems([("", f"not a post-a-job form: no '### {fields[0].label}' heading")])
    ordered = sorted(starts.items(), key=lambda item: item[1][0])
    answers: dict[str, str | None] = {f.id: None for f in fields}
    for (field_id, (_, answer_start)), following in zip(ordered, [*ordered[1:], None]):
        answer_end = following[1][0] if following else len(text)
        answers[field_id] = _clean(text[answer_start:answer_end], next(f for f in fields if f.id == field_id))
    return answers


def _heading(text: str, label: str, start: int, *, forward: bool, end: int | None = None) -> tuple[int, int] | None:
    """(start of the `### label` line, start of its answer) within text[start:end], or None."""
    pattern = re.compile(rf"(?:^|\n)### {re.escape(label)}[ \t]*\n")
    matches = list(pattern.finditer(text, start, len(text) if end is None else end))
    if not matches:
        return None
    match = matches[0] if forward else matches[-1]
    return match.start() + (1 if match.group().startswith("\n") else 0), match.end()


def _clean(raw: str, field: Field) -> str | None:
    answer = raw.strip("\n")
    if field.kind == "textarea":
        answer = answer.rstrip()
    else:
        answer = answer.strip()
    if answer == "" or (answer == NO_RESPONSE and field.kind in ("input", "textarea")):
        return None
    if answer == NO_CHOICE and field.kind == "dropdown":
        return None
    return fix_mojibake(answer)


def to_submission(
    answers: dict[str, str | None], fields: tuple[Field, ...], *, companies: dict[str, str], today: dt.date,
) -> Submission:
    """The posting a set of answers describes; FormProblems listing every answer that is wrong.

    `companies` maps each existing company's slug to its name, to reuse rather than duplicate it.
    """
    problems: list[tuple[str, str]] = []

    def fail(field_id: str, message: str) -> None:
        # One problem per question: the first is the one to fix, the rest usually follow from it.
        if all(field_id != seen for seen, _ in problems):
            problems.append((field_id, message))

    for field in fields:
        answer = answers.get(field.id)
        if answer is None:
            if field.required:
                fail(field.id, _MISSING.get(field.kind, "required"))
            continue
        if len(answer) > field.max_length:
            fail(field.id, f"too long: {len(answer):,} characters; at most {field.max_length:,}")
            answers[field.id] = None
        elif CONTROL.search(answer):  # ftfy drops most control characters; these survive it
            fail(field.id, "contains control characters")
            answers[field.id] = None
        elif field.kind in ("input", "dropdown") and "\n" in answer:
            fail(field.id, "must be one line")
            answers[field.id] = None

    get = answers.get
    front: dict = {}
    title = get("title")
    if title is not None:
        front["title"] = title
    company_name = get("company_name")
    company_slug = slugify(company_name or "")[:60].strip("-")
    if company_name is not None and not company_slug:
        fail("company_name", "needs letters or digits")
    # Reuse a company the board has: same file name, or the same name written differently.
    existing = next((s for s, n in companies.items() if n.casefold() == (company_name or "").casefold()), None)
    company_slug = existing or company_slug
    front["company"] = company_slug
    new_company = None
    if company_slug and company_slug not in companies:
        new_company = {"name": company_name}
        website = get("company_website")
        if website is not None:
            problem = url_problem(website, ("http", "https"))
            if problem:
                fail("company_website", problem)
            else:
                new_company["website"] = website

    locations = [part.strip() for part in (get("location") or "").split(";") if part.strip()]
    remote_answer = get("remote")
    remote = None
    if remote_answer is not None:
        remote = REMOTE.get(remote_answer.lower())
        if remote is None:
            fail("remote", f"must be one of On-site, Hybrid, Remote, not {remote_answer!r}")
    if locations:
        front["location"] = locations[0] if len(locations) == 1 else locations
    elif remote is not None and remote is not True:
        fail("location", "required unless the job is fully remote")
    if remote is not None:
        front["remote"] = remote
    regions = _list(get("remote_regions"))
    if regions:
        front["remote_regions"] = regions

    employment = get("employment_type")
    if employment is not None:
        front["employment_type"] = employment.lower()  # the posting's own check names the choices

    seniority = _list(get("seniority"))
    if seniority:
        front["seniority"] = [level.lower() for level in seniority]  # the posting's check names the levels
    visa = get("visa_sponsorship")
    if visa is not None:
        first = visa.split(",")[0].split()[0].lower() if visa.split() else ""
        if first not in VISA:
            fail("visa_sponsorship", f"must be one of the options, not {visa!r}")
        else:
            front["visa_sponsorship"] = VISA[first]

    salary = _salary(answers, fail)
    if salary:
        front["salary"] = salary
    front["posted"] = today
    expires = get("expires")
    if expires is not None:
        when = _date(expires)
        if when is None:
            fail("expires", f"must be a date written as YYYY-MM-DD, like {today + dt.timedelta(days=60)}, not {expires!r}")
        elif when < today:
            fail("expires", f"{when} has passed; give a day from {today} on")
        else:
            front["expires"] = when
    apply_url = get("apply_url")
    if apply_url is not None:
        if _EMAIL.match(apply_url):
            apply_url = "mailto:" + apply_url
        problem = url_problem(apply_url, ("http", "https", "mailto"))
        if problem:
            fail("apply_url", problem.replace("must be an", "must be an email address or an"))
        else:
            front["apply_url"] = apply_url
    tags = _list(get("tags"))
    if len(tags) > MAX_TAGS:
        fail("tags", f"{len(tags)} tags; give at most {MAX_TAGS}")
    elif tags:
        front["tags"] = tags
    front["draft"] = False

    confirm = get("confirm")
    if confirm is not None and not re.search(r"^- \[[xX]\] ", confirm, re.MULTILINE):
        fail("confirm", _MISSING["checkboxes"])
    if problems:
        order = {f.id: i for i, f in enumerate(fields)}
        raise FormProblems(sorted(problems, key=lambda p: order.get(p[0], -1)))
    slug = _slug(title or "")
    if not slug:
        raise FormProblems([("title", "needs letters or digits to make the page's address from")])
    body = (get("description") or "").strip("\n") + "\n"
    return Submission(slug, front, body, company_slug, new_company)


def _list(answer: str | None) -> list[str]:
    return list(dict.fromkeys(part.strip() for part in (answer or "").split(",") if part.strip()))


def _slug(title: str) -> str:
    # Long titles make long URLs: keep whole words up to 60 characters.
    slug = slugify(title)
    if len(slug) > 60:
        slug = slug[:61].rsplit("-", 1)[0]
    return slug


def _date(text: str) -> dt.date | None:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _salary(answers: dict[str, str | None], fail) -> dict | None:
    """salary: {min, max, currency, period} from the four answers, or None when none is given."""
    keys = ("salary_min", "salary_max", "salary_currency", "salary_period")
    if all(answers.get(k) is None for k in keys):
        return None
    currency = _currency(answers.get("salary_currency"), fail)
    low = _amount(answers.get("salary_min"), "salary_min", currency, fail, required=True)
    high = _amount(answers.get("salary_max"), "salary_max", currency, fail)
    period_answer = answers.get("salary_period")
    period = PERIOD.get((period_answer or "").lower())
    if period_answer is None:
        fail("salary_period", "choose how often the salary is paid")
    elif period is None:
        fail("salary_period", f"must be one of {', '.join(p.capitalize() for p in PERIOD)}, not {period_answer!r}")
    if low is None or currency is None or period is None:
        return None
    if high is not None and high < low:
        fail("salary_max", f"must be at least the minimum ({low})")
        return None
    return {"min": low, "max": high if high is not None else low, "currency": currency, "period": period}


def _currency(answer: str | None, fail) -> str | None:
    if answer is None:
        fail("salary_currency", "required with a salary: a code such as USD, EUR or GBP")
        return None
    text = answer.strip()
    if text in _SHARED_SYMBOLS:
        choices = ", ".join(_SHARED_SYMBOLS[text])
        fail("salary_currency", f"{text!r} could be any of {choices}; write the three-letter code")
        return None
    code = SYMBOLS.get(text) or text.upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        fail("salary_currency", f"must be a three-letter code such as USD, EUR or GBP, not {answer!r}")
        return None
    return code  # the posting's own check knows every ISO 4217 code


def _amount(answer: str | None, field_id: str, currency: str | None, fail, required: bool = False):
    if answer is None:
        if required:
            fail(field_id, "required with a salary: a number such as 90000")
        return None
    text = answer.strip()
    # A currency written with the amount ("€85,000", "85000 EUR") is fine when it is the one given.
    for mark in sorted((*SYMBOLS, *ISO_CODES), key=len, reverse=True):
        if text.startswith(mark) or text.endswith(mark):
            if currency is not None and currency in (mark, SYMBOLS.get(mark), *_SHARED_SYMBOLS.get(mark, ())):
                text = (text[len(mark):] if text.startswith(mark) else text[: -len(mark)]).strip()
            break
    match = _AMOUNT.match(text)
    if not match:
        fail(field_id, f"must be a number such as 90000 or 90k, not {answer!r}")
        return None
    try:
        value = Decimal(re.sub(r"\D", "", match["n"]) + (f".{match['c']}" if match["c"] else ""))
    except InvalidOperation:
        fail(field_id, f"must be a number such as 90000 or 90k, not {answer!r}")
        return None
    if match["k"]:
        value *= 1000
    if value <= 0 or value >= 10**9:
        fail(field_id, f"must be between 1 and 999,999,999, not {answer!r}")
        return None
    return int(value) if value == value.to_integral_value() else float(value)

