"""Reading content/ into validated Postings and Companies: every error at once."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .cache import MarkdownCache
from .companies import parse_company
from .config import Config
from .errors import BuildFailed, SourceError, relpath
from .fields import SLUG, slugify
from .markdown import count_words, render_markdown
from .models import Company, Posting
from .postings import parse_posting
from .source import read_source

JOBS_DIR = Path("content/jobs")
COMPANIES_DIR = Path("content/companies")
# Below this many files a process pool costs more to start than it saves.
PARALLEL_THRESHOLD = 64


@dataclass(frozen=True)
class Content:
    """Everything authors wrote, validated; drafts included (the site decides what shows)."""

    postings: tuple[Posting, ...]
    companies: tuple[Company, ...]


@dataclass(frozen=True)
class _Task:
    kind: str  # "posting" | "company"
    file: Path
    name: str
    slug: str


def read_content(config: Config, warnings: list | None = None) -> Content:
    """Validate every file under content/, raising BuildFailed with all errors found."""
    root = config.site_dir
    errors: list[SourceError] = []
    company_tasks = _tasks(root, COMPANIES_DIR, "company", errors)
    posting_tasks = _tasks(root, JOBS_DIR, "posting", errors)
    companies = frozenset(t.slug for t in company_tasks)
    results = _run([*company_tasks, *posting_tasks], companies, root, config.require_salary)
    loaded = [r for r in results if not isinstance(r, list)]
    for r in results:
        if isinstance(r, list):
            errors.extend(r)
    if errors:
        raise BuildFailed(errors)
    return Content(
        postings=tuple(r for r in loaded if isinstance(r, Posting)),
        companies=tuple(r for r in loaded if isinstance(r, Company)),
    )


def _tasks(root: Path, folder: Path, kind: str, errors: list) -> list[_Task]:
    tasks = []
    directory = root / folder
    if not directory.is_dir():
        return tasks
    for file in sorted(directory.iterdir()):
        if file.suffix != ".md" or file.name.startswith("."):
            continue
        name = relpath(file, root)
        if not file.is_file():
            errors.append(SourceError(name, 0, "", "not a regular file"))
        elif not SLUG.match(file.stem):
            better = slugify(file.stem) or "staff-data-scientist"
            errors.append(SourceError(name, 0, "", f"file name must be a slug (lowercase letters, digits and hyphens): rename it to {better}.md"))
        else:
            tasks.append(_Task(kind, file, name, file.stem))
    return tasks


def _run(tasks: list[_Task], companies: frozenset[str], root: Path, require_salary: bool) -> list:
    jobs = [(t, companies, root, require_salary) for t in tasks]
    workers = os.cpu_count() or 1
    if len(tasks) < PARALLEL_THRESHOLD or workers < 2:
        return [_load(job) for job in jobs]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_load, jobs, chunksize=max(1, len(jobs) // (workers * 8))))


def _load(job: tuple[_Task, frozenset[str], Path, bool]) -> Posting | Company | list:
    """Read, render and validate one file (runs in a worker process)."""
    task, companies, root, require_salary = job
    source = read_source(task.file, task.name)
    if isinstance(source, SourceError):
        return [source]
    html = _render(source.body, MarkdownCache(root))
    if task.kind == "company":
        return parse_company(source, task.slug, html)
    return parse_posting(source, task.slug, companies, html, count_words(source.body), require_salary=require_salary)


def _render(text: str, cache: MarkdownCache) -> str:
    key = cache.key(text)
    html = cache.get(key)
    if html is None:
        html = render_markdown(text)
        cache.put(key, html)
    return html
