"""`jobsite new posting`: a draft with every front-matter key explained, that passes check as is."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import yaml

from ..config import load_config
from ..content.board_fields import describe
from ..content.fields import SLUG, shorten, slug_problem, slugify
from ..content.models import EMPLOYMENT_TYPES, PERIODS, SENIORITY_LEVELS
from ..content.reader import COMPANIES_DIR, JOBS_DIR
from ..errors import JobsiteError
from .frontmatter import company_stub
from .newfiles import write_new_files

# Each key with the comment above it. Values that need the author are left empty or commented
# out, so nothing invented is published; draft: true keeps the file off the site until then.
POSTING = """\
---
# The job title as candidates would search for it. The file name (and URL) came from it.
title: {title}
# The company's slug: the name of its file in content/companies/ (without .md).
company: {company}
# Where the job is: "City, Region, Country", or a list of them like ["Austin, TX, US", "Remote"].
# Leave it empty only for a job that is fully remote.
location: []
# true for remote, false for on-site, or hybrid.
remote: false
# For remote jobs: where candidates may live, like [US, CA] or [Europe].
remote_regions: []
# One of: {employment_types}.
employment_type: full-time
# The level, or a list like [senior, staff]; one of: {seniority_levels}.
seniority:
# true if the company sponsors a work visa, false if it does not; leave empty to say nothing.
visa_sponsorship:
# The pay: a range per period in an ISO 4217 currency (USD, EUR, GBP, ...). Remove the # signs
# and put in the real figures; a posting without pay gets a warning from `jobsite check`.
# salary:
#   min: 90000
#   max: 120000
#   currency: USD
#   period: year  # one of: {periods}
# The day the posting goes live; it stays off the site before then.
posted: {today}
# The last day it is open (like {expires_example}); leave empty to keep it open until removed.
expires:
# The day the job was filled: from then on the page says "This position has been filled".
filled:
# Where candidates apply: an https:// link or a mailto: address.
apply_url: https://example.com/replace-with-the-link-where-candidates-apply
# Topics for the tag pages, like [python, backend].
tags: []
# Old slugs of this posting whose URLs should lead here, if you rename the file later.
aliases: []
# true keeps the posting off the built site (`jobsite serve` still shows it). Set false to publish.
draft: true
{declared}# Your own fields for custom templates; jobsite ignores them.
extra: {{}}
---

## About the role

<!-- What the team does, what this person will own, and why it matters. -->

## What you'll do

<!-- Four to six bullet points about the work in a typical month. -->

## What we're looking for

<!-- Must-haves first, and only real ones: long lists put good people off. -->

## Pay and benefits

<!-- The range is in the front matter; add equity, leave, equipment and other benefits. -->

## How to apply

<!-- What to send, who reads it, and when candidates will hear back. -->
"""



def new_posting(args: argparse.Namespace) -> int:
    """Write content/jobs/<slug>.md (and a company stub if needed); print each path written."""
    site = Path(args.site)
    if not site.is_dir():
        raise JobsiteError(f"{site} is not a folder; pass the site folder with --site")
    slug = slugify(args.title)
    if not slug:
        raise JobsiteError(f"the title {args.title!r} has no letters or digits to make a file name from")
    if problem := slug_problem(slug):  # the file would be written, then refused by every build
        raise JobsiteError(f"the title {shorten(args.title)!r} {problem}; shorten it")
    if not SLUG.match(args.company):
        hint = f"; did you mean {slugify(args.company)!r}?" if slugify(args.company) else ""
        raise JobsiteError(f"--company must be a slug (lowercase letters, digits and hyphens), not {args.company!r}{hint}")
    job = site / JOBS_DIR / f"{slug}.md"
    today = dt.date.today()
    text = POSTING.format(
        title=_scalar(args.title.strip()), company=args.company, today=today.isoformat(),
        expires_example=(today + dt.timedelta(days=60)).isoformat(),
        employment_types=", ".join(EMPLOYMENT_TYPES), periods=", ".join(PERIODS),
        seniority_levels=", ".join(SENIORITY_LEVELS),
        declared="".join(f"# {spec.label}: {describe(spec)}.\n{spec.name}:\n" for spec in load_config(site).fields),
    )
    files = [(job, text)]
    company = site / COMPANIES_DIR / f"{args.company}.md"
    if not company.exists():
        name = args.company.replace("-", " ").title()
        files.append((company, company_stub(name, "TODO\n", explained=True)))
    for path in _create(files):
        print(path)
    return 0


def _scalar(value: str) -> str:
    """The value as a YAML scalar, quoted only when it has to be (`C++: Backend`)."""
    return yaml.safe_dump(value, allow_unicode=True, width=1 << 20).removesuffix("\n...\n").strip()


def _create(files: list[tuple[Path, str]]) -> list[Path]:
    """Write the posting and its company stub, both or neither; a problem is one line naming the file."""
    try:
        return write_new_files(files)
    except FileExistsError as exc:
        raise JobsiteError(f"{exc.filename} already exists; edit it, or pick another --title") from None
    except OSError as exc:  # a folder that is a file, a read-only disk, a full one
        raise JobsiteError(f"cannot write {exc.filename}: {exc.strerror or exc}") from None
