"""Turning a posting's front matter into a validated Posting, collecting every error."""

from __future__ import annotations

from babel.numbers import is_currency

from ..errors import did_you_mean
from .board_fields import FieldSpec, read_values
from .fields import SLUG, Checker, slugify
from .models import EMPLOYMENT_TYPES, PERIODS, SENIORITY_LEVELS, Posting, Salary
from .source import Source

KEYS = (
    "title", "company", "location", "remote", "remote_regions", "employment_type", "salary",
    "posted", "expires", "filled", "apply_url", "tags", "draft", "extra", "aliases", "seniority", "visa_sponsorship",
)
SALARY_KEYS = ("min", "max", "currency", "period")
APPLY_SCHEMES = ("http", "https", "mailto")
# A trillion of any currency per period: above any real pay, even in currencies counted in
# tens of thousands to the dollar, and small enough that every sum and format stays exact.
MAX_PAY = 10**12


def parse_posting(
    source: Source, slug: str, companies: frozenset[str], body_html: str, words: int,
    *, require_salary: bool = False, fields: tuple[FieldSpec, ...] = (),
) -> Posting | list:
    """A Posting, or the list of every error in its front matter; `fields` are the board's declared ones."""
    data = source.data
    check = Checker(source)
    check.unknown_keys(data, (*KEYS, *(spec.name for spec in fields)))
    title = check.text(data, "title", required=True)
    company = _company(check, data, companies)
    remote = _remote(check, data)
    locations = check.text_list(data, "location")
    for location in locations:
        check.page_name("location", location)  # each location has a page
    if not locations and remote is not True and "location" not in data:
        check.fail("location", "required unless remote: true")
    employment_type = _employment_type(check, data)
    salary = _salary(check, data)
    posted = check.date(data, "posted", required=True)
    expires = check.date(data, "expires")
    if posted and expires and expires < posted:
        check.fail("expires", f"must be on or after posted ({posted.isoformat()})")
    filled = check.date(data, "filled")
    if posted and filled and filled < posted:
        check.fail("filled", f"must be on or after posted ({posted.isoformat()})")
    apply_url = check.url(data, "apply_url", APPLY_SCHEMES, required=True)
    tags, tag_names = _tags(check, data)
    aliases = _aliases(check, data, slug)
    draft = check.boolean(data, "draft")
    # Drafts are exempt so `jobsite new` gives a file that passes before the pay is known.
    if require_salary and "salary" not in data and not draft:
        check.fail("salary", "required on this site (require_salary = true in jobsite.toml): add min, max, currency and period")
    seniority = _seniority(check, data)
    # Left out (or empty), the posting says nothing about visas: neither yes nor no.
    visa = check.boolean(data, "visa_sponsorship") if data.get("visa_sponsorship") is not None else None
    declared = read_values(check, data, fields)
    remote_regions = check.text_list(data, "remote_regions")
    extra = data.get("extra", {})
    if not isinstance(extra, dict):
        check.fail("extra", "must be a mapping of keys to values")
    if check.errors:
        return check.errors
    return Posting(
        slug=slug, source=source.path, title=title, company=company, locations=locations,
        remote=remote, remote_regions=remote_regions,
        employment_type=employment_type, salary=salary, posted=posted, expires=expires, filled=filled,
        apply_url=apply_url, tags=tags, tag_names=tag_names, draft=draft, aliases=aliases, body_html=body_html,
        words=words, extra=extra, seniority=seniority, visa_sponsorship=visa, fields=declared,
    )


def _company(check: Checker, data: dict, companies: frozenset[str]) -> str | None:
    company = check.text(data, "company", required=True)
    if company is not None and company not in companies:
        hint = did_you_mean(company, companies) or f" (add content/companies/{slugify(company) or 'name'}.md)"
        check.fail("company", f"unknown company {company!r}{hint}")
    return company


def _remote(check: Checker, data: dict):
    value = data.get("remote", False)
    if value is True or value is False or value == "hybrid":
        return value
    check.fail("remote", f"must be true, false or hybrid, not {value!r}")
    return False


def _employment_type(check: Checker, data: dict) -> str:
    return check.one_of(data.get("employment_type", "full-time"), "employment_type", EMPLOYMENT_TYPES) or "full-time"


def _seniority(check: Checker, data: dict) -> tuple[str, ...]:
    """One level or a list of them (`[senior, staff]`), kept in career order."""
    levels = {check.one_of(level, "seniority", SENIORITY_LEVELS) for level in check.text_list(data, "seniority")}
    return tuple(level for level in SENIORITY_LEVELS if level in levels)


def _salary(check: Checker, data: dict) -> Salary | None:
    value = data.get("salary")
    if value is None:
        return None
    if not isinstance(value, dict):
        check.fail("salary", "must be a mapping with min, max, currency and period")
        return None
    before = len(check.errors)
    check.unknown_keys(value, SALARY_KEYS, prefix="salary.")
    low = _amount(check, value, "min", required=True)
    high = _amount(check, value, "max") if "max" in value else low
    currency = value.get("currency")
    if currency is None:
        check.fail("salary.currency", "required (an ISO 4217 code such as USD, EUR or GBP)")
    elif not isinstance(currency, str) or not currency.isalpha() or not is_currency(currency.upper()):
        check.fail("salary.currency", f"unknown currency {currency!r} (use an ISO 4217 code such as USD, EUR or GBP)")
    period = value.get("period")
    if period is None:
        check.fail("salary.period", f"required (one of {', '.join(PERIODS)})")
    elif period not in PERIODS:
        check.fail("salary.period", f"must be one of {', '.join(PERIODS)}, not {period!r}" + did_you_mean(str(period), PERIODS))
    if low is not None and high is not None and high < low:
        check.fail("salary.max", f"must be at least salary.min ({_plain(low)})")
    if len(check.errors) > before:
        return None
    return Salary(min=low, max=high, currency=currency.upper(), period=period)


def _amount(check: Checker, value: dict, key: str, required: bool = False):
    amount = value.get(key)
    name = f"salary.{key}"
    if amount is None:
        if required:
            check.fail(name, "required")
        return None
    if isinstance(amount, bool) or not isinstance(amount, (int, float)):
        check.fail(name, f"must be a number without currency signs or separators, not {amount!r}")
        return None
    if amount < 0:
        check.fail(name, "must not be negative")
        return None
    if amount > MAX_PAY:  # non-finite numbers never get here: the YAML check refuses them
        check.fail(name, f"must be at most {MAX_PAY:,} (a salary no job pays is a typo)")
        return None
    return int(amount) if float(amount).is_integer() else amount


def _plain(amount) -> str:
    return str(int(amount)) if float(amount).is_integer() else str(amount)


def _tags(check: Checker, data: dict) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The tags' slugs (for URLs) and names as written (for people), without repeats."""
    tags: dict[str, str] = {}
    for tag in check.text_list(data, "tags"):
        slug = check.page_name("tags", tag)
        if not slug:
            check.fail("tags", f"tag {tag!r} has no letters or digits")
        else:
            tags.setdefault(slug, tag)
    return tuple(tags), tuple(tags.values())


def _aliases(check: Checker, data: dict, slug: str) -> tuple[str, ...]:
    aliases = check.text_list(data, "aliases")
    for alias in aliases:
        if not SLUG.match(alias):
            check.fail("aliases", f"{alias!r} is not a slug (lowercase letters, digits and hyphens)")
        elif alias == slug:
            check.fail("aliases", f"{alias!r} is this posting's own slug")
    return aliases
