"""The content cache and the page workers: fast, but never a stale or different page."""

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import ROOT
from jobsite.content import cache
from jobsite.content import reader as content
from jobsite.content.cache import CACHE_DIR, DB_NAME, RACY_NS, ContentCache
from jobsite.errors import BuildFailed

POSTING = "content/jobs/remote-python-dev.md"
TEMPLATE_MARK = '<p class="fixture-mark">{mark}</p>\n'


def page(site, rel="jobs/remote-python-dev/index.html"):
    return (site.output / rel).read_text(encoding="utf-8")


def count_renders(monkeypatch):
    """Count Markdown renders (the fixture site is small, so they happen in this process)."""
    calls = []
    original = content.render_markdown

    def counting(text):
        calls.append(text)
        return original(text)

    monkeypatch.setattr(content, "render_markdown", counting)
    return calls


def override_posting_template(site, mark):
    theme = (ROOT / "templates" / "posting.html").read_text(encoding="utf-8")
    site.write("templates/posting.html", theme.replace("{% block main %}", "{% block main %}" + TEMPLATE_MARK.format(mark=mark), 1))


@pytest.mark.parametrize("memo", ["in-process memo", "disk cache only"])
def test_template_and_posting_edits_show_after_a_cached_build(scratch, monkeypatch, memo):
    override_posting_template(scratch, "first template")
    scratch.build()
    assert "first template" in page(scratch)
    assert (scratch.root / CACHE_DIR / DB_NAME).is_file()
    if memo == "disk cache only":
        scratch.cache.forget_results()
    renders = count_renders(monkeypatch)
    override_posting_template(scratch, "second template")
    posting = scratch.root / POSTING
    posting.write_text(posting.read_text(encoding="utf-8").replace("This is the description", "This is the edited description"), encoding="utf-8")
    scratch.build()
    html = page(scratch)
    assert "second template" in html and "first template" not in html
    assert "This is the edited description" in html
    # Only the edited posting was rendered again: every other file came from the cache.
    assert len(renders) == 1 and "edited description" in renders[0]


def test_front_matter_edit_shows_although_the_body_is_unchanged(scratch):
    scratch.build()
    posting = scratch.root / POSTING
    posting.write_text(posting.read_text(encoding="utf-8").replace("max: 160000", "max: 170000"), encoding="utf-8")
    scratch.build()
    assert "$120K–$170K" in page(scratch)


def test_a_new_renderer_key_renders_everything_again(scratch, monkeypatch):
    scratch.build()
    scratch.cache.forget_results()
    renders = count_renders(monkeypatch)
    scratch.build()
    assert renders == []  # all from the cache
    # Another mistune (or nh3, or jobsite) version gives every file a new key.
    real = cache.version
    monkeypatch.setattr(cache, "version", lambda name: "999.0" if name == "mistune" else real(name))
    cache.renderer_key.cache_clear()
    try:
        scratch.build()
    finally:
        cache.renderer_key.cache_clear()
    files = list((scratch.root / "content").rglob("*.md"))
    assert len(renders) == len(files)


def test_a_cached_posting_whose_company_is_gone_is_an_error(scratch):
    scratch.build()
    (scratch.root / "content/companies/initech.md").unlink()
    with pytest.raises(BuildFailed) as failed:
        scratch.build()
    assert "content/jobs/onsite-designer.md:3: company: unknown company 'initech'" in str(failed.value)


def test_a_damaged_cache_is_ignored(scratch):
    scratch.build()
    (scratch.root / CACHE_DIR / DB_NAME).write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        (scratch.root / CACHE_DIR / (DB_NAME + suffix)).unlink(missing_ok=True)
    scratch.cache.forget_results()
    scratch.build()
    assert "This is the description" in page(scratch)


def test_two_builds_at_once_share_the_cache(scratch, tmp_path):
    outputs = [tmp_path / "one", tmp_path / "two"]
    errors = []

    def build(out):
        done = subprocess.run(
            [sys.executable, "-m", "jobsite", "build", "--site", str(scratch.root), "--output", str(out), "--now", "2026-06-15"],
            capture_output=True, text=True,
        )
        if done.returncode != 0:
            errors.append(done.stderr)

    threads = [threading.Thread(target=build, args=(out,)) for out in outputs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert _tree(outputs[0]) == _tree(outputs[1])


def test_page_workers_write_the_same_site_as_one_process(scratch, tmp_path):
    # The fixture is below the size where workers start, so force them in a fresh process.
    scratch.build(output=tmp_path / "single")
    forced = _forced_workers(scratch.root, tmp_path / "workers")
    assert forced.returncode == 0, forced.stderr
    assert _tree(tmp_path / "single") == _tree(tmp_path / "workers")


def test_a_template_error_in_a_worker_fails_the_build_and_keeps_the_output(scratch, tmp_path):
    out = tmp_path / "workers"
    assert _forced_workers(scratch.root, out).returncode == 0
    before = _tree(out)
    scratch.write("templates/tag.html", "{% extends 'base.html' %}{% block main %}{{ group.no_such_field }}{% endblock %}")
    failed = _forced_workers(scratch.root, out)
    assert failed.returncode == 1
    assert "templates/tag.html:1: template error while rendering /tags/" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert _tree(out) == before


def _forced_workers(site, out):
    code = (
        "import sys, jobsite.publish.pagewriter as w; w.PARALLEL_PAGES = 1; w.CHUNK = 3\n"
        "from jobsite.cli import main\n"
        f"sys.exit(main(['build', '--site', {str(site)!r}, '--output', {str(out)!r}, '--now', '2026-06-15']))"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


def _tree(folder):
    # Pagefind's index names carry hashes of its own that differ between runs.
    files = (p for p in sorted(folder.rglob("*")) if p.is_file())
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files if p.relative_to(folder).parts[0] != "pagefind"}


def test_the_key_covers_every_module_parsing_runs():
    # A cached result may only outlive code that could not have changed it: every jobsite
    # module that reading content loads must be part of the renderer key.
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, jobsite.content.reader; print(' '.join(m for m in sys.modules if m.startswith('jobsite')))"],
        capture_output=True, text=True, check=True,
    ).stdout.split()
    package = Path(cache.__file__).parents[1]
    keyed = {".".join(("jobsite", *p.relative_to(package).with_suffix("").parts)).removesuffix(".__init__") for p in cache.parse_modules()}
    assert set(loaded) <= keyed


def test_unchanged_files_are_not_read_again_in_one_process(scratch, monkeypatch):
    config = scratch.config()
    kept = ContentCache()
    content.read_content(config, kept)
    # Pretend the previous scan was long ago, so no file counts as racily changed.
    monkeypatch.setattr(kept, "last_scan_ns", kept.last_scan_ns + 10 * RACY_NS)
    reads = []
    real_read = content._read
    monkeypatch.setattr(content, "_read", lambda file: reads.append(file.name) or real_read(file))
    posting = scratch.root / "content/jobs/onsite-designer.md"
    posting.write_text(posting.read_text().replace("Onsite Product Designer", "Onsite Product Designerx"))
    titles = {p.slug: p.title for p in content.read_content(config, kept).postings}
    assert reads == ["onsite-designer.md"]
    assert titles["onsite-designer"] == "Onsite Product Designerx"


def test_an_edit_keeping_size_and_mtime_is_still_seen(scratch, monkeypatch):
    import os

    config = scratch.config()
    posting = scratch.root / "content/jobs/onsite-designer.md"
    kept = ContentCache()
    content.read_content(config, kept)
    monkeypatch.setattr(kept, "last_scan_ns", kept.last_scan_ns + 10 * RACY_NS)
    before = os.stat(posting)
    posting.write_text(posting.read_text().replace("Onsite Product Designer", "Onsite Product Designex"))
    os.utime(posting, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `cp -p` or rsync -t would
    assert os.stat(posting).st_size == before.st_size
    titles = {p.slug: p.title for p in content.read_content(config, kept).postings}
    assert titles["onsite-designer"] == "Onsite Product Designex"
