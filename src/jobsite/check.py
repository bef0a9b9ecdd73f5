"""`jobsite check`: the build's own stages run in memory, plus warnings about poor postings."""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

from .build import run
from .config import Config, find_site, load_config
from .content.models import Posting
from .content.source import read_source
from .errors import BuildFailed, SourceError
from .publish.output import output_problem
from .publish.sink import NullSink
from .site import Site

# An open posting closing sooner than this is worth a reminder to extend it.
EXPIRING_DAYS = 3
# A posting closed by max_open_days gets this much notice, time to set `expires` if still open.
CLOSING_WARNING_DAYS = 7
# Below this a description rarely says what the job is, who the team is and how to apply.
MIN_WORDS = 50


def check(args: argparse.Namespace) -> int:
    """Validate the site as build does, print every problem, and return the exit code."""
    find_site(args.site)
    try:
        config = load_config(args.site, now=args.now)
    except BuildFailed as exc:
        problems, site = list(exc.errors), None
    else:
        problems, site = find_problems(config)
    base = Path(args.site).resolve()  # what load_config reads paths against
    links = None
    if getattr(args, "links", False) and site is not None:
        found, links = find_link_problems(site, strict=args.strict, timeout=args.timeout)
        problems += found
    printer = _github if args.format == "github" else format_text
    for problem in problems:
        print(printer(problem, base))
    if links:
        print(links)
    print(_summary(problems, site))
    return 1 if any(p.severity == "error" for p in problems) else 0


def find_problems(config: Config) -> tuple[list[SourceError], Site | None]:
    """Every error build would report; when there are none, warnings about open postings."""
    # An output folder over the sources is the one thing build refuses before reading content.
    refused = [p for p in [output_problem(config)] if p is not None]
    try:
        site = validate(config)
    except BuildFailed as exc:
        return refused + list(exc.errors), None
    return (refused, None) if refused else (find_warnings(site), site)


def validate(config: Config) -> Site:
    """Everything build checks, in build's order, without writing a byte; BuildFailed on errors."""
    site, _pages = run(config, NullSink())  # build's own stages, into nothing
    return site


def find_warnings(site: Site) -> list[SourceError]:
    """Legal but poor: open, published postings without pay, end date, description or regions."""
    warnings = []
    twins = _same_job_twice(site)
    for posting in site.open:
        found = posting_warnings(posting, site.config.now, site.config.max_open_days) + rate_warnings(posting, site)
        if posting.slug in twins:
            other = twins[posting.slug]
            found.append(("title", "title", f"{other.title!r} at this company is also open in {other.source}; is it the same job?"))
        if found:
            # Posting keeps no line numbers; the source is re-read only when there is news.
            source = read_source(site.config.site_dir / posting.source, posting.source)
            for key, anchor, message in found:
                line = _line(source, anchor)
                warnings.append(SourceError(posting.source, line, key, message, "warning"))
    from .authoring.issueform import form_warnings  # only boards with a form pay for its import

    warnings += form_warnings(site.config.site_dir, site.config.require_salary)
    return sorted(warnings)


def find_link_problems(site: Site, *, strict: bool, timeout: float) -> tuple[list[SourceError], str]:
    """Each open posting whose apply link is dead, and a line saying what was checked."""
    from . import __version__
    from .links import check_links, network_down

    severity = "error" if strict else "warning"
    by_url: dict[str, list[Posting]] = {}
    mailto = 0
    for posting in site.open:
        if posting.apply_url.lower().startswith("mailto:"):
            mailto += 1
        else:
            by_url.setdefault(posting.apply_url, []).append(posting)
    agent = f"Mozilla/5.0 (compatible; jobsite/{__version__} link check; +{site.config.base_url})"
    started = time.monotonic()
    results = check_links(by_url, user_agent=agent, timeout=timeout)
    seconds = time.monotonic() - started
    dead = {url: r for url, r in results.items() if r.problem}
    skipped = f", {_plural(mailto, 'mailto: link')} skipped" if mailto else ""
    if network_down(results):
        reason = next(iter(results.values())).problem
        message = f"no link could be checked: no server answered (the first: {reason}); is the network down?"
        return [SourceError("", 0, "apply_url", message, severity)], f"Links: none of {len(results)} checked{skipped}."
    problems = []
    for url, result in dead.items():
        for posting in by_url[url]:
            source = read_source(site.config.site_dir / posting.source, posting.source)
            problems.append(SourceError(posting.source, _line(source, "apply_url"), "apply_url", f"{result.problem} ({url})", severity))
    summary = f"Links: {_plural(len(results), 'link')} checked in {seconds:.1f} s, {len(dead)} dead{skipped}."
    return sorted(problems), summary


def _same_job_twice(site: Site) -> dict[str, Posting]:
    """Each open posting whose title an earlier open posting of its company has, with that one."""
    first: dict[tuple[str, str], Posting] = {}
    twins = {}
    for posting in sorted(site.open, key=lambda p: (p.posted, p.slug)):  # the later one is told
        other = first.setdefault((posting.company, " ".join(posting.title.casefold().split())), posting)
        if other is not posting:
            twins[posting.slug] = other
    return twins


def posting_warnings(posting: Posting, today: dt.date, max_open_days: int | None = None) -> list[tuple[str, str, str]]:
    """(field, key whose line to point at, message) for each weakness of one posting."""
    found = []
    if posting.salary is None:
        found.append(("salary", "salary", "not listed; add min, max, currency and period so candidates see the pay"))
    if posting.expires is None and max_open_days:
        last = posting.closes_on(max_open_days) - dt.timedelta(days=1)
        if (days := (last - today).days) <= CLOSING_WARNING_DAYS:
            found.append(("expires", "posted", (
                f"not set, so it closes {_in_days(days)} ({last.isoformat()}), {max_open_days} days after posted "
                "(max_open_days in jobsite.toml); set expires to keep it open longer"
            )))
    elif posting.expires is None:
        found.append(("expires", "expires", "not set; the posting stays open until someone removes it"))
    elif (days := (posting.expires - today).days) < EXPIRING_DAYS:
        found.append(("expires", "expires", f"closes {_in_days(days)} ({posting.expires.isoformat()}); extend it if the job is still open"))
    if posting.words < MIN_WORDS:
        found.append(("body", "body", f"the description has {posting.words} words; write at least {MIN_WORDS} about the job, the team and how to apply"))
    if posting.remote is True and not posting.remote_regions:
        found.append(("remote_regions", "remote", "not set for a remote posting; list where candidates may live, like [US, CA]"))
    if not posting.locations and posting.remote is not True:
        found.append(("location", "location", "empty; say where the job is, or set remote: true"))
    return found


def _in_days(days: int) -> str:
    return {0: "today", 1: "tomorrow"}.get(days, f"in {days} days")


def rate_warnings(posting: Posting, site: Site) -> list[tuple[str, str, str]]:
    """A salary in a currency without an exchange rate: it sorts and bands in its own currency."""
    rates = site.rates
    if posting.salary is None or posting.salary.currency not in rates.missing:
        return []
    code = posting.salary.currency
    when = f" on {rates.date.isoformat()}" if rates.date else ""
    return [("salary.currency", "salary.currency", (
        f"no exchange rate for {code}{when}; it is compared in {code}, apart from the others; "
        f"add [currency] rates = {{ {code} = ... }} (one {code} in {rates.base}) to jobsite.toml"
    ))]


def _line(source, anchor: str) -> int:
    if isinstance(source, SourceError):  # the file changed since it was validated
        return 0
    return source.body_line if anchor == "body" else source.line(anchor)


def format_text(problem: SourceError, base: Path | None = None) -> str:
    """`path:line: field: message`, prefixed `warning: ` for a warning."""
    return f"warning: {problem}" if problem.severity == "warning" else str(problem)


def _github(problem: SourceError, base: Path) -> str:
    """One GitHub Actions workflow command, so the problem shows on the pull request's diff."""
    kind = "warning" if problem.severity == "warning" else "error"
    props = f" file={_escape(_repo_path(problem.path, base), property=True)}" if problem.path else ""
    if problem.line:
        props += f",line={problem.line}"
    message = f"{problem.field}: {problem.message}" if problem.field else problem.message
    return f"::{kind}{props}::{_escape(message)}"


def _repo_path(path: str, base: Path) -> str:
    # Annotations need paths from the checkout's root (the working folder in Actions).
    full = base / path
    cwd = Path.cwd()
    return full.relative_to(cwd).as_posix() if full.is_relative_to(cwd) else path


def _escape(text: str, property: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property else text


def _plural(count: int, word: str, words: str = "") -> str:
    return f"{count} {word if count == 1 else words or word + 's'}"


def _summary(problems: list[SourceError], site: Site | None) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if errors and site is not None:  # the site is valid: the errors are links, under --strict
        return f"Check failed: {_plural(errors, 'error')} (--strict), {_plural(warnings, 'warning')}; the site itself builds."
    if errors:
        return f"Check failed: {_plural(errors, 'error')}, {_plural(warnings, 'warning')}; build would write nothing."
    counts = f"{len(site.open)} open and {len(site.closed)} closed postings, {_plural(len(site.companies), 'company', 'companies')}"
    return f"Check passed with {_plural(warnings, 'warning')}: {counts}."
