"""`jobsite prune --closed-for DAYS`: long-closed postings' files go, and nothing else ever does."""

from __future__ import annotations

from pathlib import Path

from jobsite.cli import main


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and ".jobsite-cache" not in p.parts}


def posting(scratch, slug, more, draft=False):
    scratch.posting(slug, f"title: {slug}\ncompany: initech\nremote: true\nposted: 2026-03-01\napply_url: https://initech.example.com/{slug}\n{more}\ndraft: {str(draft).lower()}", "x\n")


def prune(scratch, capsys, *args):
    code = main(["prune", "--site", str(scratch.root), "--now", "2026-08-15", "--closed-for", "60", *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def board(scratch):
    scratch.write("jobsite.toml", (scratch.root / "jobsite.toml").read_text() + "max_open_days = 90\n")
    posting(scratch, "filled-long-ago", "expires: 2026-12-31\nfilled: 2026-06-01")  # closed 75 days
    posting(scratch, "filled-recently", "expires: 2026-12-31\nfilled: 2026-07-01")  # 45 days
    posting(scratch, "past-max-open-days", "")  # posted 03-01 + 90 days: closed from 05-30, 77 days
    posting(scratch, "expired-exactly-60-days", "expires: 2026-06-15")  # closed from 06-16: 60 days, kept
    posting(scratch, "old-draft", "expires: 2026-04-01", draft=True)  # drafts are the author's to remove


def test_prune_deletes_exactly_the_postings_closed_long_enough(scratch, capsys):
    board(scratch)
    before = snapshot(scratch.root)
    code, out, err = prune(scratch, capsys)
    assert code == 0
    # closed-engineer (fixture) expired 2026-05-31: closed for 75 days.
    expected = ["content/jobs/closed-engineer.md", "content/jobs/filled-long-ago.md", "content/jobs/past-max-open-days.md"]
    assert out == expected
    assert err == ["Deleted 3 posting(s) closed for more than 60 days."]
    after = snapshot(scratch.root)
    assert {k: v for k, v in before.items() if k not in expected} == after  # companies and the rest untouched
    assert main(["check", "--site", str(scratch.root), "--now", "2026-08-15"]) == 0


def test_dry_run_lists_the_same_and_deletes_nothing(scratch, capsys):
    board(scratch)
    before = snapshot(scratch.root)
    code, out, err = prune(scratch, capsys, "--dry-run")
    assert code == 0 and len(out) == 3
    assert err == ["Would delete 3 posting(s) closed for more than 60 days; --dry-run deleted nothing."]
    assert snapshot(scratch.root) == before


def test_a_link_to_a_file_outside_stops_prune_and_the_file_stays(scratch, capsys, tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text("---\ntitle: Outside\ncompany: acme\nremote: true\nposted: 2026-03-01\nexpires: 2026-04-01\napply_url: https://a.example/o\n---\n\nx\n")
    (scratch.root / "content/jobs/linked.md").symlink_to(outside)
    before = snapshot(scratch.root)
    code, out, err = prune(scratch, capsys)
    assert code == 1 and out == []
    assert err[0] == "content/jobs/linked.md: a link to a file outside the site; only files inside the site are published"
    assert outside.exists() and snapshot(scratch.root) == before


def test_a_site_with_errors_is_not_pruned(scratch, capsys):
    posting(scratch, "broken", "salary: lots")
    before = snapshot(scratch.root)
    code, out, err = prune(scratch, capsys)
    assert code == 1 and out == []
    assert err[-1] == "Prune stopped: the site has 1 error(s) to fix first; nothing was deleted."
    assert snapshot(scratch.root) == before


def test_closed_for_must_be_a_number_of_days(scratch, capsys):
    try:
        main(["prune", "--site", str(scratch.root), "--closed-for", "two months"])
    except SystemExit as exc:
        assert exc.code == 2
    assert "not a whole number of days: 'two months'" in capsys.readouterr().err
