"""Absurd numbers, duplicate keys, odd file names and machine faults: one clear line each, exit 1."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from jobsite.cli import main

NOW = "2026-06-15"
GOOD = """title: Odd Values
company: acme
location: Springfield, IL, US
posted: 2026-06-01
apply_url: https://acme.example.com/jobs/{slug}
"""
BOUND = "1,000,000,000,000"


def posting(scratch, front: str, name: str = "odd.md") -> Path:
    good = GOOD.format(slug=name.removesuffix(".md"))  # one apply link per posting
    return scratch.write(f"content/jobs/{name}", f"---\n{good}{front}---\n\nA job.\n")


def run(command: str, site: Path, capsys, *args: str) -> tuple[int, list[str]]:
    code = main([command, "--site", str(site), "--now", NOW, *args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    return code, [line for line in (captured.out + captured.err).splitlines() if line.strip()]


HUGE = "9" * 4301
CASES = [
    ("salary:\n  min: 10000000000000000000000000000000\n  currency: USD\n  period: year\n",
     f"content/jobs/odd.md:8: salary.min: must be at most {BOUND} (a salary no job pays is a typo)"),
    ("salary:\n  min: 1.0e+308\n  currency: USD\n  period: year\n",
     f"content/jobs/odd.md:8: salary.min: must be at most {BOUND} (a salary no job pays is a typo)"),
    ("salary:\n  min: 100\n  max: " + "1" * 321 + "\n  currency: USD\n  period: year\n",
     f"content/jobs/odd.md:9: salary.max: must be at most {BOUND} (a salary no job pays is a typo)"),
    (f"salary:\n  min: {HUGE}\n  currency: USD\n  period: year\n",
     "content/jobs/odd.md:8: salary.min: a number with more than 4,300 digits; no value needs that many"),
    (f"extra:\n  n: {HUGE}\n",
     "content/jobs/odd.md:8: extra.n: a number with more than 4,300 digits; no value needs that many"),
    ("extra: {n: .nan}\n",
     "content/jobs/odd.md:7: extra.n: .nan is not a finite number; write a number, or put it in quotes to keep it as text"),
    ("extra:\n  deep: [1, -.inf]\n",
     "content/jobs/odd.md:8: extra.deep: -.inf is not a finite number; write a number, or put it in quotes to keep it as text"),
    ("salary: {min: .inf, currency: USD, period: year}\n",
     "content/jobs/odd.md:7: salary.min: .inf is not a finite number; write a number, or put it in quotes to keep it as text"),
    ("title: Twice\n",
     "content/jobs/odd.md:7: title: duplicate key (first on line 2); keep one"),
    ("salary:\n  min: 1\n  min: 2\n  currency: USD\n  period: hour\n",
     "content/jobs/odd.md:9: salary.min: duplicate key (first on line 8); keep one"),
    ("extra:\n  team: a\n  team: b\n",
     "content/jobs/odd.md:9: extra.team: duplicate key (first on line 8); keep one"),
    # Control characters reached pages, feeds' labels and check's terminal output as they were.
    ('tags: ["python", "a\\u0000b"]\n',
     "content/jobs/odd.md:7: tags: contains a control character (U+0000); remove it"),
    ('remote_regions: ["US\\u202e"]\n',
     "content/jobs/odd.md:7: remote_regions: contains a control character (U+202E); remove it"),
    ('extra: {}\nvisa_sponsorship: true\nseniority: ["senior", "staff\\u001b[31m"]\n',
     "content/jobs/odd.md:9: seniority: contains a control character (U+001B); remove it"),
    # remote_regions was read after the last look at the errors, so its own were dropped.
    ("remote_regions: [{US: yes}]\n",
     "content/jobs/odd.md:7: remote_regions: must be text or a list of text"),
]


@pytest.mark.parametrize(("front", "expected"), CASES, ids=[f"case{i}" for i in range(len(CASES))])
@pytest.mark.parametrize("command", ["build", "check"])
def test_each_bad_value_is_one_line_at_its_line(scratch, capsys, front, expected, command):
    posting(scratch, front)
    code, lines = run(command, scratch.root, capsys)
    assert code == 1
    assert lines[0] == expected
    assert len(lines) == 2
    assert not scratch.output.exists()


def test_salaries_up_to_the_bound_build(scratch, capsys):
    posting(scratch, "salary: {min: 999999999999, max: 1000000000000, currency: IRR, period: year}\n")
    posting(scratch, "salary: {min: 0.5, max: 1000000000000, currency: VND, period: hour}\n", "hourly.md")
    code, _ = run("build", scratch.root, capsys)
    assert code == 0


def test_every_json_written_is_strict(scratch, capsys):
    posting(scratch, "extra: {ratio: 0.25, big: 123456789012345678901234567890, when: 2026-01-02}\n")
    code, _ = run("build", scratch.root, capsys)
    assert code == 0
    for path in scratch.output.rglob("*.json"):
        json.loads(path.read_text(), parse_constant=lambda name: pytest.fail(f"{path} has {name}"))
    jobs = json.loads((scratch.output / "jobs.json").read_text())
    odd = next(j for j in jobs["jobs"] if j["slug"] == "odd")
    assert odd["extra"] == {"ratio": 0.25, "big": 123456789012345678901234567890, "when": "2026-01-02"}


@pytest.mark.parametrize("name", ["Upper.MD", "long-form.markdown", "mixed.Md", "shouty.MARKDOWN"])
@pytest.mark.parametrize("folder", ["jobs", "companies"])
def test_markdown_files_with_another_extension_are_reported(scratch, capsys, name, folder):
    stem = name.rpartition(".")[0]
    scratch.write(f"content/{folder}/{name}", "---\ntitle: x\n---\n")
    code, lines = run("check", scratch.root, capsys)
    assert code == 1
    better = stem.lower()
    assert lines[0] == f"content/{folder}/{name}: not read: only files ending in .md are read; rename it to {better}.md"


def test_other_files_in_content_are_still_ignored(scratch, capsys):
    scratch.write("content/jobs/notes.txt", "todo")
    scratch.write("content/jobs/.remote-python-dev.md.swp", "swap")
    scratch.write("content/jobs/remote-python-dev.md~", "backup")
    assert run("check", scratch.root, capsys)[0] == 0


# --- machine faults ------------------------------------------------------------------------


def test_a_file_size_limit_is_one_line_and_the_output_is_kept(scratch):
    command = [sys.executable, "-m", "jobsite", "build", "--site", str(scratch.root), "--now", NOW]
    assert subprocess.run(command, capture_output=True).returncode == 0
    before = {p: p.read_bytes() for p in scratch.output.rglob("*") if p.is_file()}

    def small_files():
        # Writes past 4 KB fail with EFBIG ("File too large"), as on a full quota.
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    done = subprocess.run(command, capture_output=True, text=True, preexec_fn=small_files)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("error: cannot write the site into ") and lines[0].endswith(": File too large; the previous output is untouched")
    assert {p: p.read_bytes() for p in scratch.output.rglob("*") if p.is_file()} == before


def test_a_read_only_output_folder_is_one_line(scratch, capsys, monkeypatch):
    import errno
    import tempfile

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", kwargs.get("dir"))

    monkeypatch.setattr(tempfile, "mkdtemp", read_only)
    code, lines = run("build", scratch.root, capsys)
    assert code == 1
    assert lines == [f"error: cannot write the site into {scratch.output}: Read-only file system; nothing was written"]


def test_new_with_content_jobs_a_file_is_one_line(scratch, capsys):
    import shutil

    shutil.rmtree(scratch.root / "content/jobs")
    (scratch.root / "content/jobs").write_text("oops")
    code = main(["new", "posting", "--title", "Backend Dev", "--company", "acme", "--site", str(scratch.root)])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.err.strip() == f"error: cannot write {scratch.root / 'content/jobs/backend-dev.md'}: {scratch.root / 'content/jobs'} is a file, not a folder"


@pytest.mark.parametrize("port", ["70000", "-1", "http"])
def test_a_port_out_of_range_is_one_line(scratch, capsys, port):
    code = main(["serve", "--site", str(scratch.root), "--port", port])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.err.strip() == f"error: --port: {port} is not a port number (0 to 65535)"


def test_new_writes_the_posting_and_its_company_or_neither(scratch, capsys):
    import shutil

    shutil.rmtree(scratch.root / "content/companies")
    (scratch.root / "content/companies").write_text("oops")
    before = sorted((scratch.root / "content/jobs").iterdir())
    code = main(["new", "posting", "--title", "Backend Dev", "--company", "newco", "--site", str(scratch.root)])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.err.strip() == f"error: cannot write {scratch.root / 'content/companies/newco.md'}: {scratch.root / 'content/companies'} is a file, not a folder"
    assert sorted((scratch.root / "content/jobs").iterdir()) == before  # no posting without its company


@pytest.mark.parametrize("command", ["build", "check"])
def test_dates_at_the_calendars_end_build(scratch, capsys, command):
    # The day after 9999-12-31, or posted plus 10^11 days, raised OverflowError from deep inside.
    posting(scratch, "expires: 9999-12-31\n")
    posting(scratch, "", "no-end.md")
    scratch.write("jobsite.toml", "max_open_days = 100000000000\n" + (scratch.root / "jobsite.toml").read_text())
    code, lines = run(command, scratch.root, capsys)
    assert code == 0, lines


def test_prune_further_back_than_the_calendar_deletes_nothing(scratch, capsys):
    posting(scratch, "expires: 2026-06-02\n")
    code, lines = run("prune", scratch.root, capsys, "--closed-for", "99999999999", "--dry-run")
    assert (code, lines[-1]) == (0, "Would delete 0 posting(s) closed for more than 99999999999 days; --dry-run deleted nothing.")


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_nul_in_the_output_setting_is_one_line(scratch, capsys, command):
    # TOML's "\u0000" reached the file system, which raised ValueError: embedded null byte.
    toml = scratch.root / "jobsite.toml"
    toml.write_text(toml.read_text() + 'output = "pub\\u0000lic"\n')
    line = len(toml.read_text().splitlines())
    code, lines = run(command, scratch.root, capsys)
    assert code == 1
    assert lines[0] == f"jobsite.toml:{line}: output: contains a control character (U+0000); remove it"
    assert len(lines) == 2
