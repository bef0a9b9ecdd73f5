"""No output folder given to build can destroy what jobsite did not build, even when killed."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURE
from jobsite.cli import main

NOW = "2026-06-15"
MARKER = ".jobsite-build"


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every file's bytes and every link's target under a folder, for byte-for-byte comparisons."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[rel] = f"-> {os.readlink(path)}"
        elif path.is_file():
            found[rel] = path.read_bytes()
        else:
            found[rel] = "<dir>"
    return found


def build(site: Path, *args: str) -> int:
    return main(["build", "--site", str(site), "--now", NOW, *args])


def last_line(scratch) -> int:
    """The number of jobsite.toml's last line: the one a test just appended."""
    return len((scratch.root / "jobsite.toml").read_text().splitlines())


def err_lines(capsys) -> list[str]:
    return [line for line in capsys.readouterr().err.splitlines() if line.strip()]


@pytest.mark.parametrize(
    ("how", "value", "message"),
    [
        ("flag", ".", '--output: "." is the site folder itself; choose a folder of its own such as "public"'),
        ("toml", ".", 'jobsite.toml:{line}: output: "." is the site folder itself; choose a folder of its own such as "public"'),
        ("toml", "content", 'jobsite.toml:{line}: output: "content" is inside content/, which holds the site\'s sources; choose a folder of its own such as "public"'),
        ("toml", "content/jobs", 'jobsite.toml:{line}: output: "content/jobs" is inside content/, which holds the site\'s sources; choose a folder of its own such as "public"'),
        ("toml", "templates", 'jobsite.toml:{line}: output: "templates" is inside templates/, which holds the site\'s sources; choose a folder of its own such as "public"'),
        ("toml", "static/out", 'jobsite.toml:{line}: output: "static/out" is inside static/, which holds the site\'s sources; choose a folder of its own such as "public"'),
        ("flag", ".git", '--output: ".git" is inside .git/, which holds the site\'s history; choose a folder of its own such as "public"'),
        ("toml", "..", 'jobsite.toml:{line}: output: ".." contains the site folder; choose a folder of its own such as "public"'),
        ("flag", "/", '--output: "/" is the root folder; choose a folder of its own such as "public"'),
    ],
)
def test_output_over_the_sources_is_refused_and_nothing_changes(scratch, capsys, monkeypatch, how, value, message):
    monkeypatch.chdir(scratch.root)  # --output is relative to the current folder, as a user types it
    scratch.write("templates/base-extra.html", "{# mine #}")
    scratch.write("static/keep.txt", "mine")
    args: list[str] = []
    if how == "toml":
        with open(scratch.root / "jobsite.toml", "a", encoding="utf-8") as toml:
            toml.write(f'output = "{value}"\n')
    else:
        args = ["--output", value]
    before = snapshot(scratch.root.parent)
    assert build(scratch.root, *args) == 1
    errors = err_lines(capsys)
    assert errors[0] == message.format(line=last_line(scratch))  # the line the test appended
    assert len(errors) == 2 and errors[1].startswith("Build failed: 1 error")
    assert snapshot(scratch.root.parent) == before


def test_force_never_replaces_the_sites_history(scratch, capsys, monkeypatch):
    monkeypatch.chdir(scratch.root)
    scratch.write(".git/HEAD", "ref: refs/heads/main\n")
    before = snapshot(scratch.root)
    assert build(scratch.root, "--output", ".git", "--force") == 1
    assert err_lines(capsys)[0] == '--output: ".git" is inside .git/, which holds the site\'s history; choose a folder of its own such as "public"'
    assert snapshot(scratch.root) == before


def test_output_inside_a_source_folder_through_a_symlink_is_refused(scratch, capsys):
    (scratch.root / "public").symlink_to(scratch.root / "content")
    before = snapshot(scratch.root)
    assert build(scratch.root) == 1
    assert err_lines(capsys)[0] == 'jobsite.toml: output: "public" is inside content/, which holds the site\'s sources; choose a folder of its own such as "public"'
    assert snapshot(scratch.root) == before


def test_home_folder_is_refused(scratch, capsys, monkeypatch, tmp_path):
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    (home / "Documents" / "letter.txt").write_text("dear")
    monkeypatch.setenv("HOME", str(home))
    assert build(scratch.root, "--output", str(home)) == 1
    assert err_lines(capsys)[0] == f'--output: "{home}" is your home folder; choose a folder of its own such as "public"'
    assert (home / "Documents" / "letter.txt").read_text() == "dear"


def test_check_reports_an_output_over_the_sources(scratch, capsys):
    with open(scratch.root / "jobsite.toml", "a", encoding="utf-8") as toml:
        toml.write('output = "content"\n')
    assert main(["check", "--site", str(scratch.root), "--now", NOW]) == 1
    assert f'jobsite.toml:{last_line(scratch)}: output: "content" is inside content/' in capsys.readouterr().out


def test_a_folder_jobsite_did_not_build_is_kept_unless_forced(scratch, capsys, tmp_path):
    docs = tmp_path / "Documents"
    (docs / "taxes").mkdir(parents=True)
    (docs / "taxes" / "2025.pdf").write_bytes(b"%PDF precious")
    before = snapshot(docs)
    assert build(scratch.root, "--output", str(docs)) == 1
    assert err_lines(capsys)[0] == (
        f'--output: "{docs}" holds files jobsite did not build (such as taxes); '
        "choose another folder, or pass --force to replace it"
    )
    assert snapshot(docs) == before
    assert build(scratch.root, "--output", str(docs), "--force") == 0
    assert (docs / "index.html").is_file() and (docs / MARKER).is_file()
    assert not (docs / "taxes").exists()


def test_rebuilds_and_empty_folders_need_no_force(scratch, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    assert build(scratch.root, "--output", str(out)) == 0
    assert (out / MARKER).is_file()
    (out / "stale.html").write_text("from before")  # a file inside a jobsite build is jobsite's
    assert build(scratch.root, "--output", str(out)) == 0
    assert not (out / "stale.html").exists()


def test_output_that_is_a_file_is_refused(scratch, capsys, tmp_path):
    target = tmp_path / "notes.txt"
    target.write_text("mine")
    assert build(scratch.root, "--output", str(target)) == 1
    assert err_lines(capsys)[0] == f'--output: "{target}" is a file, not a folder; choose a folder of its own such as "public"'
    assert target.read_text() == "mine"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda root: None, "--site: {site} does not exist"),
        (lambda root: root.mkdir(), "--site: {site} has neither jobsite.toml nor content/; is it a jobsite site?"),
        (lambda root: root.write_text("x"), "--site: {site} is a file, not a site folder"),
    ],
)
@pytest.mark.parametrize("command", ["build", "check", "serve"])
def test_a_site_folder_that_is_not_a_site_is_an_error(tmp_path, capsys, make, message, command):
    site = tmp_path / "nowhere"
    make(site)
    assert main([command, "--site", str(site), "--now", NOW]) == 1
    captured = capsys.readouterr()
    assert (captured.err + captured.out).strip().splitlines()[0] == f"error: {message.format(site=site)}"
    assert not (tmp_path / "nowhere" / "public").exists()


def test_jobsite_toml_that_is_a_folder_is_one_line(scratch, capsys):
    (scratch.root / "jobsite.toml").unlink()
    (scratch.root / "jobsite.toml").mkdir()
    assert build(scratch.root) == 1
    assert err_lines(capsys)[0] == "jobsite.toml: is a folder, not a file of settings"


@pytest.mark.parametrize("folder", ["content/jobs", "content/companies"])
@pytest.mark.parametrize(("make", "what"), [
    (lambda path: path.write_text("x"), "a file"),
    (lambda path: path.symlink_to("gone"), "a link to nothing"),
])
@pytest.mark.parametrize("command", ["build", "check"])
def test_a_content_folder_that_is_not_a_folder_is_an_error_not_an_empty_board(scratch, capsys, folder, make, what, command):
    assert build(scratch.root) == 0
    before = {p: p.read_bytes() for p in scratch.output.rglob("*") if p.is_file()}
    capsys.readouterr()
    shutil.rmtree(scratch.root / folder)
    make(scratch.root / folder)
    kind = "posting" if folder.endswith("jobs") else "company"
    assert main([command, "--site", str(scratch.root), "--now", NOW]) == 1
    captured = capsys.readouterr()
    assert f"{folder}: is {what}; it must be a folder holding one .md file per {kind}" in (captured.out + captured.err).splitlines()
    assert {p: p.read_bytes() for p in scratch.output.rglob("*") if p.is_file()} == before


# --- killed builds ---------------------------------------------------------------------------


def _build_command(site: Path) -> list[str]:
    return [sys.executable, "-m", "jobsite", "build", "--site", str(site), "--now", NOW]


def _siblings(site: Path) -> list[str]:
    return sorted(p.name for p in site.iterdir() if p.name.startswith(".public.jobsite-"))


def test_a_build_killed_at_any_moment_leaves_a_whole_output(scratch):
    assert subprocess.run(_build_command(scratch.root), capture_output=True).returncode == 0
    first = snapshot(scratch.output)
    # A posting changes, so the next build's output differs from the first one.
    posting = scratch.root / "content/jobs/remote-python-dev.md"
    posting.write_text(posting.read_text().replace("Remote Python Developer", "Remote Python Engineer"))
    started = time.perf_counter()
    assert subprocess.run(_build_command(scratch.root), capture_output=True).returncode == 0
    took = time.perf_counter() - started
    second = snapshot(scratch.output)
    assert second != first
    for fraction in (0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.9, 0.97):
        process = subprocess.Popen(_build_command(scratch.root), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(took * fraction)
        os.killpg(process.pid, signal.SIGKILL)  # the build and every process it started
        process.wait()
        assert_whole(snapshot(scratch.output), second), f"killed after {fraction:.0%} of a build"
    assert subprocess.run(_build_command(scratch.root), capture_output=True).returncode == 0
    # The next build removed what the killed ones left behind (the replaced output is deleted
    # by a detached process, so allow it a moment).
    deadline = time.monotonic() + 30
    while _siblings(scratch.root) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _siblings(scratch.root) == []
    assert_whole(snapshot(scratch.output), second)


def assert_whole(found: dict, expected: dict) -> None:
    """The same pages as a finished build, and a search index complete in itself (Pagefind's
    file names vary from one run to the next)."""
    pages = {k: v for k, v in found.items() if not k.startswith("pagefind/")}
    assert pages == {k: v for k, v in expected.items() if not k.startswith("pagefind/")}
    entry = json.loads(found["pagefind/pagefind-entry.json"])
    language = entry["languages"]["en"]["hash"]
    assert f"pagefind/pagefind.{language}.pf_meta" in found


_HOLD_STAGING = """
import sys, time
from pathlib import Path
from jobsite.publish.staging import Staging
staging = Staging(Path(sys.argv[1]))
staging.write("half.html", "half a build")
print(staging.root, flush=True)
time.sleep(60)
"""


def test_leftovers_are_removed_only_when_abandoned(scratch, tmp_path):
    out = scratch.output
    assert build(scratch.root) == 0
    # A build still running: its staging folder is in use and stays.
    running = subprocess.Popen([sys.executable, "-c", _HOLD_STAGING, str(out)], stdout=subprocess.PIPE, text=True)
    live = Path(running.stdout.readline().strip())
    # A build killed mid-way: its staging folder is abandoned.
    killed = subprocess.Popen([sys.executable, "-c", _HOLD_STAGING, str(out)], stdout=subprocess.PIPE, text=True)
    dead = Path(killed.stdout.readline().strip())
    killed.kill()
    killed.wait()
    # A folder of the same pattern jobsite cannot prove it made.
    stranger = scratch.root / ".public.jobsite-new-mine"
    stranger.mkdir()
    (stranger / "notes.txt").write_text("mine")
    try:
        assert build(scratch.root) == 0
        assert live.is_dir() and (live / "half.html").is_file()
        assert not dead.exists()
        assert (stranger / "notes.txt").read_text() == "mine"
    finally:
        running.kill()
        running.wait()
