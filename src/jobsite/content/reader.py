"""Reading content/ into validated Postings and Companies: every error at once."""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..errors import BuildFailed, SourceError
from .board_fields import FieldSpec
from .cache import ContentCache, content_key
from .companies import parse_company
from .fields import SLUG, slug_problem, slugify
from .files import file_problem, site_folder
from .markdown import count_words, render_markdown
from .models import Company, Posting
from .postings import parse_posting
from .rates import Rates, exchange_rates
from .source import parse_source

# Other spellings of Markdown files, reported rather than skipped (only .md is read).
MARKDOWN_SUFFIXES = ("md", "markdown", "mdown", "mkd", "mkdn")
JOBS_DIR = Path("content/jobs")
COMPANIES_DIR = Path("content/companies")
# Below this many files a process pool costs more to start than it saves.
PARALLEL_THRESHOLD = 64


@dataclass(frozen=True)
class Content:
    """Everything authors wrote, validated; drafts included (the site decides what shows)."""

    postings: tuple[Posting, ...]
    companies: tuple[Company, ...]
    rates: Rates  # into the base currency, for the currencies the postings use


@dataclass(frozen=True)
class _Task:
    kind: str  # "posting" | "company"
    file: Path
    name: str
    slug: str


def read_content(config: Config, cache: ContentCache | None = None) -> Content:
    """Validate every file under content/, raising BuildFailed with all errors found; `cache` skips unchanged files."""
    cache = cache or ContentCache()
    root = config.site_dir
    errors: list[SourceError] = []
    company_tasks = _tasks(root, COMPANIES_DIR, "company", errors)
    posting_tasks = _tasks(root, JOBS_DIR, "posting", errors)
    companies = frozenset(t.slug for t in company_tasks)
    results = _run([*company_tasks, *posting_tasks], companies, root, config.require_salary, config.fields, cache)
    loaded = [r for r in results if not isinstance(r, list)]
    for r in results:
        if isinstance(r, list):
            errors.extend(r)
    if errors:
        raise BuildFailed(errors)
    postings = tuple(r for r in loaded if isinstance(r, Posting))
    return Content(
        postings=postings,
        companies=tuple(r for r in loaded if isinstance(r, Company)),
        rates=exchange_rates(config.currency, {p.salary.currency for p in postings if p.salary}, root, cache),
    )


def _tasks(root: Path, folder: Path, kind: str, errors: list) -> list[_Task]:
    tasks = []
    try:
        directory = site_folder(root, folder.as_posix())
        # scandir knows each entry's type without a stat, and names sort faster than paths:
        # this runs on every `serve` rebuild, over thousands of files.
        entries = sorted(os.scandir(directory), key=lambda e: e.name) if directory else []
    except BuildFailed as failed:  # the folder links out of the site
        errors.extend(failed.errors)
        return tasks
    except OSError as exc:  # unreadable: an empty board would silently unpublish every posting
        errors.append(SourceError(folder.as_posix(), 0, "", f"cannot be read: {exc.strerror or exc}"))
        return tasks
    if directory is None and os.path.lexists(root / folder):
        what = "a file" if (root / folder).exists() else "a link to nothing"
        errors.append(SourceError(folder.as_posix(), 0, "", f"is {what}; it must be a folder holding one .md file per {kind}"))
        return tasks
    prefix = folder.as_posix() + "/"
    for entry in entries:
        stem, dot, suffix = entry.name.rpartition(".")
        if not dot or not stem or entry.name.startswith("."):
            continue
        name = prefix + entry.name
        if suffix != "md":
            if suffix.lower() in MARKDOWN_SUFFIXES:
                # Most likely meant as a posting: silently skipping it would lose it.
                errors.append(SourceError(name, 0, "", f"not read: only files ending in .md are read; rename it to {slugify(stem) or 'posting'}.md"))
            continue
        # Only a link needs resolving: a plain entry of a folder inside the site is inside it.
        problem = file_problem(Path(entry.path), root) if entry.is_symlink() else None
        if problem is None and not entry.is_file():
            problem = "not a regular file"
        if problem:
            errors.append(SourceError(name, 0, "", problem))
        elif not SLUG.match(stem):
            better = slugify(stem) or "staff-data-scientist"
            errors.append(SourceError(name, 0, "", f"file name must be a slug (lowercase letters, digits and hyphens): rename it to {better}.md"))
        elif too_long := slug_problem(stem):
            errors.append(SourceError(name, 0, "", f"the file name {too_long}"))
        else:
            tasks.append(_Task(kind, directory / entry.name, name, stem))
    return tasks


def _run(
    tasks: list[_Task], companies: frozenset[str], root: Path, require_salary: bool,
    fields: tuple[FieldSpec, ...], cache: ContentCache,
) -> list:
    # Each file's bytes are read once, here: the key is made from exactly the bytes parsed.
    # The declared fields are part of it: a posting valid under one declaration may not be under the next.
    options = (b"require_salary" if require_salary else b"") + repr(fields).encode("utf-8")
    raws, keys = _read_all(tasks, options, cache)
    results = cache.lookup(root, keys)
    # A cached posting passed validation when its company existed; if that company is gone
    # it is parsed again so the error is reported.
    results = [None if isinstance(r, Posting) and r.company not in companies else r for r in results]
    missing = [i for i, r in enumerate(results) if r is None]
    jobs = [(tasks[i], raws[i], companies, require_salary, fields) for i in missing]
    for i, result in zip(missing, _map(_load, jobs)):
        results[i] = result
    fresh = {keys[i]: results[i] for i in missing if keys[i] and not isinstance(results[i], list)}
    cache.keep(root, {k: r for k, r in zip(keys, results) if k and not isinstance(r, list)}, fresh)
    return results


def _read_all(tasks: list[_Task], options: bytes, cache: ContentCache) -> tuple[list[bytes | None], list[str]]:
    """Each file's bytes (None when unchanged since this cache last saw it) and content key."""
    started = time.time_ns()
    raws: list[bytes | None] = []
    keys: list[str] = []
    for task in tasks:
        try:
            st = os.stat(task.file)
        except OSError:
            raws.append(None)
            keys.append("")
            continue
        stat = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
        known = cache.known_key(task.file, options, stat, st.st_ctime_ns)
        if known:
            raws.append(None)  # unchanged; a worker reads it again only if nothing is cached
            keys.append(known)
            continue
        raw = _read(task.file)
        key = content_key(task.kind, task.name, raw, options) if raw is not None else ""
        if key:
            cache.remember_key(task.file, options, stat, key)
        raws.append(raw)
        keys.append(key)
    cache.last_scan_ns = started
    return raws, keys


def _map(function, jobs: list) -> list:
    """Run jobs in a process pool when there are enough of them to pay for it."""
    workers = os.cpu_count() or 1
    if len(jobs) < PARALLEL_THRESHOLD or workers < 2:
        return [function(job) for job in jobs]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(function, jobs, chunksize=max(1, len(jobs) // (workers * 8))))


def _read(file: Path) -> bytes | None:
    try:
        return file.read_bytes()
    except OSError:
        return None


def _load(job: tuple[_Task, bytes | None, frozenset[str], bool, tuple[FieldSpec, ...]]) -> Posting | Company | list:
    """Parse, render and validate one file's bytes (runs in a worker process)."""
    task, raw, companies, require_salary, fields = job
    raw = task.file.read_bytes() if raw is None else raw
    return parse_file(task.kind, task.name, task.slug, raw, companies, require_salary, fields)


def parse_file(
    kind: str, name: str, slug: str, raw: bytes, companies: frozenset[str],
    require_salary: bool = False, fields: tuple[FieldSpec, ...] = (),
) -> Posting | Company | list:
    """One file's bytes parsed, rendered and validated as the build does: a Posting or Company, or its errors.

    `jobsite import`, `new` and the issue form check what they would write with it too.
    """
    source = parse_source(raw, name)
    if isinstance(source, SourceError):
        return [source]
    html = render_markdown(source.body)
    if kind == "company":
        return parse_company(source, slug, html)
    return parse_posting(source, slug, companies, html, count_words(source.body), require_salary=require_salary, fields=fields)
