"""`jobsite import --issue-form`: a submitted post-a-job form -> content/jobs/<slug>.md (+ company).

The form's answers are read and checked by issueform.py; here the posting is checked again by
the posting's own validation and against the board (duplicates, taken file names), and only
then written, all or nothing.
"""

from __future__ import annotations

from pathlib import Path

from ..config import Config
from ..content.fields import apply_url_key
from ..content.reader import COMPANIES_DIR, JOBS_DIR, read_content
from ..errors import BuildFailed, JobsiteError, SourceError
from ..site import Site, assemble
from .frontmatter import source_text
from .issueform import KEY_FIELD, FormProblems, Submission, form_fields, read_answers, to_submission
from .newfiles import check_new_posting, write_new_files


class IssueFormFailed(JobsiteError):
    """Every problem of one submitted form, in the form's order, each naming its question."""

    def __init__(self, errors: list[SourceError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def import_issue_form(body: str, name: str, config: Config) -> list[Path]:
    """Write the posting an issue form describes (and its company, when new); the paths written.

    Everything is checked first, by the form's rules and then by the posting's own validation;
    on any problem IssueFormFailed lists them all and nothing is written. `name` names the input
    in messages (a file, or `<stdin>`).
    """
    fields = form_fields(config.site_dir)
    labels = {f.id: f.label for f in fields}

    def failed(problems: list[tuple[str, str]]) -> IssueFormFailed:
        # A key the form does not ask for (a field the board declared) is named as it is.
        return IssueFormFailed([SourceError(name, 0, labels.get(field, field), message) for field, message in problems])

    site = _current_site(config)
    companies = _company_names(config, site)
    try:
        submission = to_submission(read_answers(body, fields), fields, companies=companies, today=config.now)
    except FormProblems as exc:
        raise failed(exc.problems) from None
    slug = _free_slug(config.site_dir, submission, site)
    if slug is None:
        raise failed([("title", f"content/jobs/{submission.slug}.md and every variant of it already exist; change the title")])
    text = source_text(submission.front_matter, submission.body)
    company_text = None
    if submission.new_company is not None:
        company_text = source_text(submission.new_company)
    problems = _validate(text, slug, company_text, submission, config, site, set(companies))
    if problems:
        raise failed(problems)
    return _write(config.site_dir, slug, text, submission.company_slug, company_text)


def _current_site(config: Config) -> Site | None:
    """The board as it is, to reuse companies and spot duplicates; None when it has errors itself."""
    try:
        return assemble(config, read_content(config))
    except BuildFailed:
        return None


def _company_names(config: Config, site: Site | None) -> dict[str, str]:
    if site is not None:
        return {slug: company.name for slug, company in site.companies.items()}
    # A board with errors elsewhere still has its company files: match them by file name.
    folder = config.site_dir / COMPANIES_DIR
    return {path.stem: path.stem for path in folder.glob("*.md")} if folder.is_dir() else {}


def _free_slug(site_dir: Path, submission: Submission, site: Site | None) -> str | None:
    """The posting's slug, with the company and then a number added while the name is taken."""
    taken = {alias for p in (site.published if site else ()) for alias in p.aliases}
    base = submission.slug
    with_company = base if base.endswith(submission.company_slug) else f"{base}-{submission.company_slug}"
    for candidate in (base, with_company, *(f"{with_company}-{n}" for n in range(2, 100))):
        if candidate not in taken and not (site_dir / JOBS_DIR / f"{candidate}.md").exists():
            return candidate
    return None


def _validate(
    text: str, slug: str, company_text: str | None, submission: Submission, config: Config,
    site: Site | None, companies: set[str],
) -> list[tuple[str, str]]:
    """The posting's own validation, as `jobsite check` would run it, in the form's words."""
    problems: list[tuple[str, str]] = []
    posting, errors = check_new_posting(
        config, slug, text, frozenset(companies | {submission.company_slug}), submission.company_slug, company_text,
    )
    for error in errors:
        root = error.field.partition(".")[0]
        problems.append((KEY_FIELD.get(error.field, KEY_FIELD.get(root, root)), error.message))
    if site is not None and posting is not None and not posting.apply_url.startswith("mailto:"):
        key = apply_url_key(posting.apply_url)
        for other in site.open:
            if not other.draft and apply_url_key(other.apply_url) == key:
                problems.append(("apply_url", f"this link is already posted in {other.source} ({other.title}); edit that posting instead"))
    return problems


def _write(site_dir: Path, slug: str, text: str, company_slug: str, company_text: str | None) -> list[Path]:
    files = [(site_dir / JOBS_DIR / f"{slug}.md", text)]
    if company_text is not None:
        files.append((site_dir / COMPANIES_DIR / f"{company_slug}.md", company_text))
    return write_new_files(files)


def import_issue_form_file(file: str, site_dir: Path) -> int:
    """The command: read the body from FILE (or stdin for '-'), import it, print what happened."""
    import sys

    from ..config import load_config

    name = "<stdin>" if file == "-" else file
    try:
        raw = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as exc:
        raise JobsiteError(f"{file}: {exc.strerror}") from None
    config = load_config(site_dir)
    try:
        written = import_issue_form(raw.decode("utf-8", errors="replace"), name, config)
    except IssueFormFailed as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        count = len(exc.errors)
        print(f"Import failed: {count} problem{'s' if count != 1 else ''}; nothing was written.", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0
