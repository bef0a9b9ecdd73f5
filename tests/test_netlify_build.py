"""netlify.toml under Netlify's own build engine (`netlify build --offline`): it builds with a
system Python, and the second deploy is warm, jobsite's content cache restored by the plugin."""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import sqlite3
import subprocess
import tomllib
from pathlib import Path

import pytest

from repocopy import ROOT, repo_copy

NODE_MODULES = ROOT / "tests" / "node_modules"
NETLIFY = NODE_MODULES / ".bin" / "netlify"
MARK = " [restored from the Netlify cache]"

pytestmark = pytest.mark.skipif(not NETLIFY.exists(), reason="netlify-cli is not installed: npm ci --prefix tests")


def netlify_build(site: Path, tmp: Path) -> str:
    # Netlify puts /usr/bin first on PATH, so the build command meets Debian's python3 (PEP 668).
    # CI=true: netlify-cli sends no telemetry; its settings go to a folder of the test's own.
    env = {**os.environ, "CI": "true", "XDG_CONFIG_HOME": str(tmp / "config")}
    result = subprocess.run([str(NETLIFY), "build", "--offline"], cwd=site, env=env,
                            capture_output=True, text=True, timeout=240)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    return log


def fresh_clone(site: Path) -> None:
    """Leave only what a new deploy starts from: the repository, Netlify's cache and installed plugins.

    The virtual environment stays too, only to spare the test a second install of jobsite: it holds
    no build state (the build command makes it again, and `pip install .` finds jobsite in place).
    """
    tracked = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout.split()
    keep = set(tracked) | {".netlify", "node_modules", ".venv"}
    for entry in site.iterdir():
        if entry.name not in keep and not any(k.startswith(entry.name + "/") for k in keep):
            subprocess.run(["rm", "-rf", str(entry)], check=True)


def mark_saved_postings(cache_db: Path) -> int:
    """Change every posting's title in the cache Netlify saved: a page showing it came from there."""
    db = sqlite3.connect(cache_db)
    marked = 0
    for key, value in db.execute("SELECT key, value FROM results").fetchall():
        result = pickle.loads(value)
        if dataclasses.is_dataclass(result) and hasattr(result, "apply_url"):
            marked_result = dataclasses.replace(result, title=result.title + MARK)
            db.execute("UPDATE results SET value = ? WHERE key = ?", (pickle.dumps(marked_result), key))
            marked += 1
    db.commit()
    db.close()
    return marked


def test_the_plugin_netlify_installs_is_the_one_tested():
    shipped = json.loads((ROOT / "package.json").read_text())["devDependencies"]
    tested = json.loads((ROOT / "tests" / "package.json").read_text())["devDependencies"]
    assert shipped == {"netlify-plugin-cache": tested["netlify-plugin-cache"]}
    config = tomllib.loads((ROOT / "netlify.toml").read_text())
    assert config["plugins"] == [{"package": "netlify-plugin-cache", "inputs": {"paths": [".jobsite-cache"]}}]


def test_second_netlify_build_is_warm(tmp_path):
    site = repo_copy(tmp_path / "board")
    # Netlify installs package.json's devDependencies before building; here they come pinned from tests/.
    (site / "node_modules").symlink_to(NODE_MODULES)

    first = netlify_build(site, tmp_path)
    assert "A cache of '.jobsite-cache' doesn't exist (yet)." in first
    assert "Successfully cached: .jobsite-cache" in first
    assert (site / "public" / "index.html").is_file()
    saved = site / ".netlify" / "cache" / "cwd" / ".jobsite-cache" / "content.sqlite"
    assert mark_saved_postings(saved) >= 5

    fresh_clone(site)
    assert not (site / ".jobsite-cache").exists() and not (site / "public").exists()

    second = netlify_build(site, tmp_path)
    assert "Successfully restored: .jobsite-cache" in second
    # The postings on the new pages are the cached ones: jobsite parsed and rendered none of them again.
    pages = [p.read_text() for p in (site / "public" / "jobs").glob("*/index.html")]
    assert pages and all(MARK in page for page in pages)
