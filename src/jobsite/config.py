"""jobsite.toml -> a frozen Config. Unknown keys are errors, with a suggestion."""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from urllib.parse import urlencode
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.numbers import get_territory_currencies, is_currency

from .content.board_fields import FieldSpec, read_declarations
from .content.fields import control_problem, shorten
from .content.files import file_problem
from .content.postings import KEYS as POSTING_KEYS
from .errors import BuildFailed, JobsiteError, SourceError, did_you_mean
from .render.facets import SEARCH_PARAMETERS

CONFIG_FILE = "jobsite.toml"
# The post-a-job issue form, in the repository that `repository` names.
ISSUE_FORM = Path(".github/ISSUE_TEMPLATE/post-a-job.yml")
# https://<host>/<owner>/<name>: GitHub's rules for owner and repository names.
# A BCP 47 language tag ("en", "pt-BR", "zh-Hant-TW"): it is the pages' lang, and Pagefind names
# its index files after it, so anything else (a "/", a very long name) would reach the file system.
LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,4}$")
REPOSITORY = re.compile(r"^https://[a-z0-9.-]+\.[a-z]{2,}/[A-Za-z0-9][A-Za-z0-9-]{0,38}/(?!.*\.git/?$)[A-Za-z0-9._-]{1,100}/?$")


@dataclass(frozen=True)
class CurrencySettings:
    """The `[currency]` table: the board's base currency, the ECB rates' day, and rates the board sets."""

    base: str = "USD"
    rates_date: dt.date | None = None  # None: the latest day in the ECB data
    rates: tuple[tuple[str, float], ...] = ()  # (XYZ, value of one XYZ in the base currency)


@dataclass(frozen=True)
class Config:
    """Site settings from jobsite.toml plus the options of this run."""

    site_dir: Path
    title: str = "Job board"
    base_url: str = "http://localhost:8000/"
    language: str = "en"
    description: str = ""
    output: Path = Path("public")
    postings_per_page: int = 20
    require_salary: bool = False
    locale: str = "en_US"
    max_open_days: int | None = None  # close postings without `expires` this long after `posted`
    repository: str | None = None  # https://github.com/owner/board: enables /post-a-job/
    fields: tuple[FieldSpec, ...] = ()  # [fields.NAME] tables: the board's own posting keys
    currency: CurrencySettings = field(default_factory=CurrencySettings)
    # Options of this run, not of the file.
    drafts: bool = False
    now: dt.date = field(default_factory=dt.date.today)
    live_reload: bool = False
    force: bool = False  # replace an output folder jobsite did not build
    # Where `output` was set, for messages: the --output text as typed, else jobsite.toml's line.
    output_flag: str | None = None
    output_line: int = 0

    @property
    def output_dir(self) -> Path:
        return self.output if self.output.is_absolute() else self.site_dir / self.output

    def issue_form_url(self, **prefill: str) -> str | None:
        """The address of the post-a-job form on GitHub, its fields prefilled by id; None without `repository`."""
        if not self.repository:
            return None
        query = {"template": ISSUE_FORM.name, **{k: v for k, v in prefill.items() if v}}
        return f"{self.repository}/issues/new?{urlencode(query)}"

    def url(self, path: str) -> str:
        """The absolute URL of a site path like `/jobs/x/`."""
        return self.base_url.rstrip("/") + path


# Keys a site may set, with their types (bool is checked before int: True is an int).
_KEYS: dict[str, type] = {
    "title": str,
    "base_url": str,
    "language": str,
    "description": str,
    "output": str,
    "postings_per_page": int,
    "require_salary": bool,
    "locale": str,
    "max_open_days": int,
    "repository": str,
    "fields": dict,
    "currency": dict,
}
_CURRENCY_KEYS = ("base", "rates_date", "rates")


def find_site(site_dir: Path) -> Path:
    """The site folder `--site` names; a JobsiteError when it is missing or holds no site."""
    if not site_dir.exists():
        raise JobsiteError(f"--site: {site_dir} does not exist")
    if not site_dir.is_dir():
        raise JobsiteError(f"--site: {site_dir} is a file, not a site folder")
    # An empty or unrelated folder would build an empty board over whatever `output` names.
    if not (site_dir / CONFIG_FILE).exists() and not (site_dir / "content").is_dir():
        raise JobsiteError(f"--site: {site_dir} has neither {CONFIG_FILE} nor content/; is it a jobsite site?")
    return site_dir


def load_config(site_dir: Path, **options) -> Config:
    """Read `site_dir/jobsite.toml` (optional) and merge the run's options."""
    site_dir = site_dir.resolve()
    path = site_dir / CONFIG_FILE
    values: dict = {}
    lines: list[str] = []
    if path.is_dir():
        raise BuildFailed([SourceError(CONFIG_FILE, 0, "", "is a folder, not a file of settings")])
    if os.path.lexists(path):
        # A pull request can make it a link: never read settings (and echo them in errors) from outside the site.
        if problem := file_problem(path, site_dir):
            raise BuildFailed([SourceError(CONFIG_FILE, 0, "", problem)])
        values, lines = _read(path)
    if "output" in values:
        values["output"] = Path(values["output"])
        values["output_line"] = _key_line(lines, "output")
    if options.get("output") is not None:
        values["output_flag"] = str(options["output"])
        values["output"] = Path(options.pop("output")).resolve()
    options.pop("output", None)
    if "repository" in values:
        values["repository"] = values["repository"].rstrip("/")
    if "base_url" in values and not values["base_url"].endswith("/"):
        values["base_url"] += "/"
    values["currency"] = _currency_settings(values.get("currency", {}), values.get("locale", "en_US"))
    return Config(site_dir=site_dir, **values, **{k: v for k, v in options.items() if v is not None})


def _read(path: Path) -> tuple[dict, list[str]]:
    name = CONFIG_FILE
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except OSError as exc:
        raise BuildFailed([SourceError(name, 0, "", f"cannot be read: {exc.strerror or exc}")]) from None
    except UnicodeDecodeError:
        raise BuildFailed([SourceError(name, 1, "", "not UTF-8 text")]) from None
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", 0) or _line_from_message(str(exc))
        raise BuildFailed([SourceError(name, line, "", f"invalid TOML: {exc}")]) from None
    lines = text.splitlines()
    errors = []
    for key, value in data.items():
        line = _key_line(lines, key)
        want = _KEYS.get(key)
        if want is None:
            errors.append(SourceError(name, line, key, "unknown key" + did_you_mean(key, _KEYS)))
        elif not isinstance(value, want) or (want is int and isinstance(value, bool)):
            errors.append(SourceError(name, line, key, f"must be {_TYPE_NAMES[want]}"))
    if not errors:
        errors += _check_values(data, lines)
    if "fields" in data and not errors:
        data["fields"], found = read_declarations(data["fields"], lambda path: _table_line(lines, path), _RESERVED, CONFIG_FILE)
        errors += found
    if errors:
        raise BuildFailed(errors)
    return data, lines


_TYPE_NAMES = {str: "a string", int: "a whole number", bool: "true or false", dict: "a table"}
# What a declared field may not be called, and why.
_RESERVED = {
    **{name: "the search parameter" for name in SEARCH_PARAMETERS},
    **{name: "the built-in posting key" for name in POSTING_KEYS},
}


def _check_values(data: dict, lines: list[str]) -> list[SourceError]:
    errors = []
    if data.get("postings_per_page", 1) < 1:
        errors.append(SourceError(CONFIG_FILE, _key_line(lines, "postings_per_page"), "postings_per_page", "must be at least 1"))
    for key in ("title", "description", "output"):
        if isinstance(data.get(key), str) and (problem := control_problem(data[key])):
            errors.append(SourceError(CONFIG_FILE, _key_line(lines, key), key, problem))
    if "language" in data and not LANGUAGE.match(data["language"]):
        errors.append(SourceError(CONFIG_FILE, _key_line(lines, "language"), "language", f'must be a language tag like "en" or "pt-BR", not {shorten(data["language"])!r}'))
    url = data.get("base_url")
    if url is not None and not url.startswith(("http://", "https://")):
        errors.append(SourceError(CONFIG_FILE, _key_line(lines, "base_url"), "base_url", "must start with http:// or https://"))
    if data.get("max_open_days", 1) < 1:
        errors.append(SourceError(CONFIG_FILE, _key_line(lines, "max_open_days"), "max_open_days", "must be at least 1 (leave it out to keep postings open until they expire)"))
    if "repository" in data and not REPOSITORY.match(data["repository"]):
        errors.append(SourceError(
            CONFIG_FILE, _key_line(lines, "repository"), "repository",
            f"must be the repository's address, like https://github.com/owner/board, not {data['repository']!r}",
        ))
    if "locale" in data:
        try:
            Locale.parse(data["locale"])
        except (UnknownLocaleError, ValueError):
            errors.append(SourceError(CONFIG_FILE, _key_line(lines, "locale"), "locale", f"unknown locale {data['locale']!r}"))
    errors += _check_currency(data.get("currency", {}), lines)
    return errors


def _check_currency(table: dict, lines: list[str]) -> list[SourceError]:
    def error(key: str, message: str) -> SourceError:
        # `rates = { XYZ = 0.01 }` is one line: a rate's own line, else its table's.
        line = _key_line(lines, key.rsplit(".", 1)[-1])
        if line == 1:
            line = _key_line(lines, key.split(".", 1)[0])
        return SourceError(CONFIG_FILE, line, f"currency.{key}", message)

    errors = [error(k, "unknown key" + did_you_mean(k, _CURRENCY_KEYS)) for k in table if k not in _CURRENCY_KEYS]
    base = table.get("base")
    if base is not None and not (isinstance(base, str) and is_currency(base)):
        errors.append(error("base", f"unknown currency {base!r} (use an ISO 4217 code such as USD, EUR or GBP)"))
    day = table.get("rates_date")
    if day is not None and not _as_date(day):
        errors.append(error("rates_date", f"must be a date like 2025-06-02, not {day!r}"))
    rates = table.get("rates", {})
    if not isinstance(rates, dict):
        errors.append(error("rates", "must be a table like { XYZ = 0.0123 }"))
        rates = {}
    for code, value in rates.items():
        if not is_currency(code):
            errors.append(error(f"rates.{code}", f"unknown currency {code!r} (use an ISO 4217 code)"))
        elif isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < float("inf"):
            errors.append(error(f"rates.{code}", f"must be a positive number (one {code} in the base currency), not {value!r}"))
    return errors


def _as_date(value) -> dt.date | None:
    # TOML has dates of its own (rates_date = 2025-06-02); a quoted one is accepted too.
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _currency_settings(table: dict, locale: str) -> CurrencySettings:
    """The checked `[currency]` table; the base defaults to the currency of the locale's territory."""
    base = table.get("base") or locale_currency(locale)
    day = table.get("rates_date")
    rates = tuple(sorted((code, float(value)) for code, value in table.get("rates", {}).items()))
    return CurrencySettings(base, _as_date(day) if day is not None else None, rates)


def locale_currency(locale: str) -> str:
    """The currency of a locale's territory (`de_CH` -> CHF); a language alone uses its likely territory."""
    parsed = Locale.parse(locale)
    territory = parsed.territory or Locale.parse(get_global("likely_subtags").get(parsed.language, "en_US")).territory
    found = get_territory_currencies(territory, tender=True, non_tender=False)
    return found[0] if found else "USD"


def _key_line(lines: list[str], key: str) -> int:
    for number, line in enumerate(lines, 1):
        if line.split("=", 1)[0].strip().strip('"') == key:
            return number
    return 1


def _table_line(lines: list[str], path: str) -> int:
    """The line of a dotted key such as `fields.stack.type`: in its `[fields.stack]` table, else that table's header."""
    parts = path.split(".")
    for depth in range(len(parts), 0, -1):
        header = f"[{'.'.join(parts[:depth])}]"
        start = next((n for n, line in enumerate(lines) if line.strip() == header), None)
        if start is None:
            continue
        if depth < len(parts):
            for number in range(start + 1, len(lines)):
                if lines[number].lstrip().startswith("["):
                    break
                if lines[number].split("=", 1)[0].strip().strip('"') == parts[depth]:
                    return number + 1
        return start + 1
    return _key_line(lines, parts[0])


def _line_from_message(message: str) -> int:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else 1
