"""`jobsite prune --closed-for DAYS`: delete the files of postings closed long ago.

A closed posting keeps its page (a link to a filled job still explains itself) until it has been
closed for DAYS; then its file goes. Only files in content/jobs/ are ever deleted: companies,
drafts and everything else stay.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from ..config import find_site, load_config
from ..content.models import Posting
from ..content.reader import JOBS_DIR, read_content
from ..errors import BuildFailed, JobsiteError


def prune(args: argparse.Namespace) -> int:
    """Delete (or with --dry-run list) each posting closed for more than --closed-for days."""
    find_site(args.site)
    config = load_config(args.site, now=args.now)
    try:
        # Only a valid board is pruned: a file that does not parse cannot say when it closed.
        content = read_content(config)
    except BuildFailed as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        print(f"Prune stopped: the site has {len(exc.errors)} error(s) to fix first; nothing was deleted.", file=sys.stderr)
        return 1
    doomed = closed_for_more_than(content.postings, args.closed_for, config.now, config.max_open_days)
    jobs = (config.site_dir / JOBS_DIR).resolve()
    for posting in doomed:
        path = config.site_dir / posting.source
        # The source comes from listing content/jobs/, but a deletion is checked, not trusted.
        if path.parent.resolve() != jobs or path.name != f"{posting.slug}.md":
            raise JobsiteError(f"{posting.source}: not a file in {JOBS_DIR.as_posix()}/; refusing to delete it")
        if not args.dry_run:
            os.unlink(path)  # a symbolic link is removed itself, never what it points to
        print(posting.source)
    days = f"closed for more than {args.closed_for} days"
    if args.dry_run:
        print(f"Would delete {len(doomed)} posting(s) {days}; --dry-run deleted nothing.", file=sys.stderr)
    else:
        print(f"Deleted {len(doomed)} posting(s) {days}.", file=sys.stderr)
    return 0


def closed_for_more_than(postings, days: int, today: dt.date, max_open_days: int | None) -> list[Posting]:
    """Postings (drafts aside) whose first closed day is more than `days` before today, by file."""
    try:
        cutoff = today - dt.timedelta(days=days)
    except OverflowError:  # further back than the calendar goes: nothing closed that long ago
        return []
    found = []
    for posting in postings:
        closes = posting.closes_on(max_open_days)
        if not posting.draft and closes is not None and closes < cutoff:
            found.append(posting)
    return sorted(found, key=lambda p: p.source)


def days_argument(text: str) -> int:
    """argparse type for --closed-for: a whole number of days, 0 or more."""
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"not a whole number of days: {text!r}")
    return int(text)
