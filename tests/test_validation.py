"""Every kind of malformed input gives one exact `path:line: field: message` line from build."""

import hashlib
import subprocess
import sys

import pytest

from jobsite.cli import main

NOW = ["--now", "2026-06-15"]
GOOD = """title: Broken Example
company: acme
location: Springfield, IL, US
posted: 2026-06-01
apply_url: https://acme.example.com/jobs/9"""


def front(*replace: tuple[str, str], add: str = "") -> bytes:
    """A posting that is valid except for the given edits to GOOD."""
    text = GOOD
    for old, new in replace:
        assert old in text
        text = text.replace(old, new)
    return f"---\n{text}\n{add}---\n\nA job.\n".encode()


# (file name, file bytes, the one line build prints for it)
CASES = [
    ("unknown-key.md", front(add="salery: 100\n"),
     "content/jobs/unknown-key.md:7: salery: unknown key (did you mean 'salary'?)"),
    ("yaml-syntax.md", front(("location: Springfield, IL, US", "location: [Springfield")),
     "content/jobs/yaml-syntax.md:5: invalid YAML: did not find expected ',' or ']' (while parsing a [ ] list that starts on line 4)"),
    ("yaml-colon.md", front(("title: Broken Example", "title: Engineer: Backend")),
     "content/jobs/yaml-colon.md:2: invalid YAML: mapping values are not allowed in this context; put quotes around a value that contains ': '"),
    ("wrong-type.md", front(add="draft: maybe\n"),
     "content/jobs/wrong-type.md:7: draft: must be true or false, not 'maybe'"),
    ("list-title.md", front(("title: Broken Example", "title: [a, b]")),
     "content/jobs/list-title.md:2: title: must be text"),
    ("unknown-currency.md", front(add="salary: {min: 1, max: 2, currency: XYZ, period: year}\n"),
     "content/jobs/unknown-currency.md:7: salary.currency: unknown currency 'XYZ' (use an ISO 4217 code such as USD, EUR or GBP)"),
    ("unknown-period.md", front(add="salary: {min: 1, max: 2, currency: USD, period: yearly}\n"),
     "content/jobs/unknown-period.md:7: salary.period: must be one of hour, day, week, month, year, not 'yearly' (did you mean 'year'?)"),
    ("min-over-max.md", front(add="salary:\n  min: 300000\n  max: 200000\n  currency: USD\n  period: year\n"),
     "content/jobs/min-over-max.md:9: salary.max: must be at least salary.min (300000)"),
    ("negative-pay.md", front(add="salary:\n  min: -5\n  currency: USD\n  period: hour\n"),
     "content/jobs/negative-pay.md:8: salary.min: must not be negative"),
    ("pay-with-signs.md", front(add="salary: {min: '$90,000', currency: USD, period: year}\n"),
     "content/jobs/pay-with-signs.md:7: salary.min: must be a number without currency signs or separators, not '$90,000'"),
    ("bad-date.md", front(("posted: 2026-06-01", "posted: 2026-02-30")),
     "content/jobs/bad-date.md:5: posted: 2026-02-30 is not a real date (day is out of range for month)"),
    ("text-date.md", front(("posted: 2026-06-01", "posted: next monday")),
     "content/jobs/text-date.md:5: posted: must be a date like 2026-11-25, not 'next monday'"),
    ("expires-early.md", front(add="expires: 2026-05-01\n"),
     "content/jobs/expires-early.md:7: expires: must be on or after posted (2026-06-01)"),
    ("javascript-url.md", front(("https://acme.example.com/jobs/9", "javascript:alert(1)")),
     "content/jobs/javascript-url.md:6: apply_url: must be an http, https or mailto URL, not 'javascript:alert(1)'"),
    ("unknown-company.md", front(("company: acme", "company: acmee")),
     "content/jobs/unknown-company.md:3: company: unknown company 'acmee' (did you mean 'acme'?)"),
    ("new-company.md", front(("company: acme", "company: Hooli Inc")),
     "content/jobs/new-company.md:3: company: unknown company 'Hooli Inc' (add content/companies/hooli-inc.md)"),
    ("not-utf8.md", front(("Broken Example", "Caf\xe9")).decode().encode("latin-1"),
     "content/jobs/not-utf8.md:2: not UTF-8 text (byte 0xe9); save the file as UTF-8"),
    ("binary.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
     "content/jobs/binary.md:1: binary file, not Markdown text"),
    ("empty.md", b"  \n\n",
     "content/jobs/empty.md:1: empty file"),
    ("no-front-matter.md", b"# Broken Example\n\nA job.\n",
     "content/jobs/no-front-matter.md:1: missing front matter: the file must start with a line '---'"),
    ("unclosed.md", b"---\ntitle: Broken Example\ncompany: acme\n\nA job.\n",
     "content/jobs/unclosed.md:1: front matter is not closed: add a line '---' after it"),
    ("Senior_Engineer.md", front(),
     "content/jobs/Senior_Engineer.md: file name must be a slug (lowercase letters, digits and hyphens): rename it to senior-engineer.md"),
]


def build(site, capsys) -> tuple[int, str]:
    code = main(["build", "--site", str(site.root), *NOW])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.err


@pytest.mark.parametrize("name, data, expected", CASES, ids=[c[0] for c in CASES])
def test_each_malformed_file_gives_one_exact_line(scratch, capsys, name, data, expected):
    (scratch.root / "content/jobs" / name).write_bytes(data)
    code, err = build(scratch, capsys)
    assert code == 1
    assert err == f"{expected}\nBuild failed: 1 error; nothing was written.\n"


def test_every_broken_file_is_reported_in_one_run(scratch, capsys):
    for name, data, _ in CASES:
        (scratch.root / "content/jobs" / name).write_bytes(data)
    code, err = build(scratch, capsys)
    assert code == 1
    # Sorted by file, then line: the order authors scan a list in.
    expected = sorted(line for _, _, line in CASES)
    assert err.splitlines() == [*expected, f"Build failed: {len(CASES)} errors; nothing was written."]


def test_several_errors_in_one_file_all_reported(scratch, capsys):
    # Valid YAML reports every field, an impossible date included; only a YAML syntax error
    # stops a file at its first problem.
    scratch.posting("many", "title: [x]\ncompany: acmee\nposted: 2026-02-30\n")
    scratch.posting("more", "title: More\ncompany: acme\nremote: sometimes\nposted: 2026-06-01\ntags: [python, '!!']")
    code, err = build(scratch, capsys)
    assert code == 1
    assert err.splitlines() == [
        "content/jobs/many.md:2: apply_url: required",
        "content/jobs/many.md:2: location: required unless remote: true",
        "content/jobs/many.md:2: title: must be text",
        "content/jobs/many.md:3: company: unknown company 'acmee' (did you mean 'acme'?)",
        "content/jobs/many.md:4: posted: 2026-02-30 is not a real date (day is out of range for month)",
        # A missing key points at the first front-matter line.
        "content/jobs/more.md:2: apply_url: required",
        "content/jobs/more.md:2: location: required unless remote: true",
        "content/jobs/more.md:4: remote: must be true, false or hybrid, not 'sometimes'",
        "content/jobs/more.md:6: tags: tag '!!' has no letters or digits",
        "Build failed: 9 errors; nothing was written.",
    ]


def snapshot(folder):
    """Every file under folder with its hash, and every folder name."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
        for p in sorted(folder.rglob("*"))
    }


def test_failed_build_leaves_previous_output_byte_for_byte(scratch, capsys):
    assert main(["build", "--site", str(scratch.root), *NOW]) == 0
    before = snapshot(scratch.output)
    assert len(before) > 20
    siblings = staging_folders(scratch.root)
    for name, data, _ in CASES:
        (scratch.root / "content/jobs" / name).write_bytes(data)
    code, _ = build(scratch, capsys)
    assert code == 1
    assert snapshot(scratch.output) == before
    # No half-written staging folder is left beside the output.
    assert staging_folders(scratch.root) == siblings


def staging_folders(folder):
    """The names in folder apart from replaced outputs, which a background process deletes when it can."""
    return sorted(p.name for p in folder.iterdir() if ".jobsite-old-" not in p.name)


def test_a_real_process_exits_1_without_traceback(scratch):
    (scratch.root / "content/jobs/unclosed.md").write_bytes(CASES[-2][1])
    done = subprocess.run(
        [sys.executable, "-m", "jobsite", "build", "--site", str(scratch.root), *NOW],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr == f"{CASES[-2][2]}\nBuild failed: 1 error; nothing was written.\n"
    assert not scratch.output.exists()
