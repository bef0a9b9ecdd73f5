"""build(): the pipeline, one line per stage."""

from __future__ import annotations

import time
from dataclasses import dataclass

from .config import Config
from .content.reader import read_content
from .pages import Page, list_pages
from .publish.assets import Assets
from .publish.feeds import site_files
from .publish.pagewriter import write_pages
from .publish.search_index import index_site
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


def build(config: Config) -> BuildResult:
    """Read, validate, render and publish the site; on any error the old output stays as it was."""
    started = time.perf_counter()
    content = read_content(config)  # every file checked; BuildFailed lists all errors
    site = assemble(config, content)
    with Staging(config.output_dir) as staging:
        pages = write_site(site, staging)
        index_site(staging.root, site)  # Pagefind reads the written pages, so after them
        staging.publish()  # last: only a complete build replaces the output
    return BuildResult(site, len(pages), time.perf_counter() - started)


def write_site(site: Site, staging: Staging) -> list[Page]:
    """Render every page and file of the site into staging; `jobsite check` passes a dry one."""
    pages = list_pages(site)
    assets = Assets(site.config.site_dir)
    write_pages(staging, site, pages, assets.url)  # across all cores on big boards
    assets.write(staging)
    copy_tree(staging, site.config.site_dir / "static")
    for rel, data in site_files(site, pages):  # feeds, jobs.json, sitemap, robots, redirects
        staging.write(rel, data, owner="jobsite")
    return pages
