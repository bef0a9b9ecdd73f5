"""The one pipeline, and its first door: build() writes the site to disk and publishes it."""

from __future__ import annotations

import time
from dataclasses import dataclass

from .config import Config
from .content.cache import ContentCache
from .content.reader import read_content
from .pages import Page, list_pages
from .publish.assets import Assets
from .publish.feeds import site_files
from .publish.output import claim_output
from .publish.search_index import PostingIndex, index_site
from .publish.sink import Sink
from .publish.staging import Staging, copy_tree
from .site import Site, assemble


@dataclass(frozen=True)
class BuildResult:
    """What a finished build produced, for the one-line summary."""

    site: Site
    pages: int
    seconds: float

    def summary(self) -> str:
        site = self.site
        return (
            f"Built {len(site.open)} open and {len(site.closed)} closed postings, "
            f"{len(site.companies)} companies, {self.pages} pages in {self.seconds:.2f} s"
            f" -> {site.config.output_dir}"
        )


def build(config: Config, cache: ContentCache | None = None) -> BuildResult:
    """Read, validate, render and publish the site; on any error the old output stays as it was.

    Big boards render in forked workers, so call it from a process running no other threads.
    """
    started = time.perf_counter()
    claim_output(config)  # before anything is read or written: never an output over the sources
    # Leaving the search index last ends Pagefind's process, after any render workers.
    with PostingIndex() as search, Staging(config.output_dir, parallel=True) as staging:
        site, pages = run(config, staging, cache)
        search.add_postings(site)  # Pagefind indexes them while workers still render pages
        staging.finish()  # pages render in workers while run() makes the feeds and the sitemap
        index_site(search, staging.root)
        staging.publish()  # last: only a complete build replaces the output
    return BuildResult(site, len(pages), time.perf_counter() - started)


def run(config: Config, sink: Sink, cache: ContentCache | None = None) -> tuple[Site, list[Page]]:
    """Every stage up to the output, into `sink`: a Staging folder (build), a NullSink (check), memory (serve)."""
    content = read_content(config, cache)  # every file checked; BuildFailed lists all errors
    site = assemble(config, content)
    pages = list_pages(site)
    assets = Assets(config.site_dir)
    sink.add_pages(site, pages, assets.url)  # across all cores on big boards; serve renders on request
    assets.write(sink)
    copy_tree(sink, config.site_dir / "static")
    sink.add_files(site_files(site, pages), owner="jobsite")  # feeds, jobs.json, sitemap, robots, redirects
    return site, pages
