"""One measured build, run in its own process: `python -m jobsite.bench.driver SITE OUT [--no-search]`.

Prints one JSON line: the build's seconds, pages, and the search index it wrote (if any).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from .corpus import BENCH_NOW


def main(argv: list[str] | None = None) -> int:
    """Build SITE into OUT as `jobsite build` would, timing the search stage apart."""
    parser = argparse.ArgumentParser(prog="python -m jobsite.bench.driver")
    parser.add_argument("site", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--no-search", action="store_true", help="skip the Pagefind stage")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    from .. import build as pipeline
    from ..config import load_config

    searches = []
    index_site = pipeline.index_site

    class NoSearch(pipeline.PostingIndex):
        def add_postings(self, site) -> None:
            pass  # Pagefind is never started

    def timed_index(feed, folder):
        if args.no_search:
            return None
        began = time.perf_counter()
        index = index_site(feed, folder)
        searches.append((time.perf_counter() - began, index))
        return index

    # The benchmark's own seams; builds are otherwise untouched.
    pipeline.index_site = timed_index
    if args.no_search:
        pipeline.PostingIndex = NoSearch
    config = load_config(args.site, output=args.output, now=BENCH_NOW)
    result = pipeline.build(config)
    report = {"seconds": result.seconds, "pages": result.pages, "total": time.perf_counter() - started}
    if searches:
        seconds, index = searches[0]
        report["search_seconds"] = seconds
        report["search_bytes"] = getattr(index, "bytes", 0)
        report["search_files"] = getattr(index, "files", 0)
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
