"""jobsite import on the command line: paths written, warnings per file, then check's verdict."""

import datetime as dt
import re
from pathlib import Path

import yaml

from jobsite.cli import main
from jobsite.authoring.importer import import_text

# A copy of ../shared/seeds/raw-posting-pinterest-staff-data-scientist.md, so CI needs no sibling.
RAW = Path(__file__).parent / "fixtures" / "raw" / "raw-posting-pinterest-staff-data-scientist.md"
NO_LINK = "# Platform Engineer\n### Acme Widgets\n#### `💰 $100k-$120k` `🌎 Remote,US`\n\nWe build widgets.\n"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(["import", *map(str, argv)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err


def test_raw_seed_into_an_empty_site_prints_paths_and_passes_check(empty_site, capsys):
    code, out, err = run(capsys, RAW, "--site", empty_site.root)
    job = empty_site.root / "content/jobs/staff-data-scientist-ecosystem.md"
    company = empty_site.root / "content/companies/pinterest.md"
    assert code == 0
    assert out == f"{job}\n{company}\n"
    # Each warning names the file to fix; check adds nothing the importer already said.
    lines = err.splitlines()
    assert lines and all(line.startswith(f"{job}: ") for line in lines), err
    assert f"{job}: expires: not set; add a closing date" in lines
    data = yaml.safe_load(job.read_text(encoding="utf-8").split("---\n")[1])
    assert data["salary"] == {"min": 148049, "max": 304496, "currency": "USD", "period": "year"}
    assert (data["company"], data["location"], data["remote"]) == ("pinterest", "San Francisco, CA, US", True)
    assert data["posted"] == dt.date.today()
    assert main(["check", "--site", str(empty_site.root)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("Check passed with 1 warning: 1 open")


def test_shipped_seed_matches_the_import_of_the_raw_seed():
    # The shipped posting is the import plus hand edits: a closing date, two tags, its seniority
    # and the shipped board's own fields (jobsite.toml's [fields]), which no scraped text states.
    shipped = yaml.safe_load(Path(__file__).parents[1].joinpath("content/jobs/staff-data-scientist-ecosystem.md").read_text().split("---\n")[1])
    imported = import_text(RAW.read_text(encoding="utf-8"), today=dt.date(2026, 11, 25)).front_matter
    hand_edited = {"expires", "tags", "seniority", "open_source_share", "interview_rounds"}
    assert {k: v for k, v in shipped.items() if k not in hand_edited} == {k: v for k, v in imported.items() if k not in hand_edited}
    assert set(imported["tags"]) <= set(shipped["tags"])


def test_stdout_prints_the_posting_and_writes_nothing(empty_site, capsys):
    code, out, err = run(capsys, RAW, "--site", empty_site.root, "--stdout")
    assert code == 0
    assert out == import_text(RAW.read_text(encoding="utf-8"), today=dt.date.today()).text
    assert all(line.startswith(f"{RAW}: ") for line in err.splitlines())
    assert list(empty_site.root.iterdir()) == []


def test_a_posting_that_would_not_build_is_not_written(empty_site, capsys):
    raw = empty_site.write("raw.md", NO_LINK)
    code, out, err = run(capsys, raw, "--site", empty_site.root)
    # Validated first, written last: a file that does not build would break every later build.
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"error: {raw}: apply_url: required",
        f"error: {raw}: not imported, it would not build; content/ is unchanged (--stdout prints it, to finish by hand)",
    ]
    assert sorted(p.name for p in empty_site.root.rglob("*")) == ["raw.md"]


def test_an_absurd_salary_is_one_line_and_nothing_is_written(empty_site, capsys):
    # The badge's figure is the one kept; 10^33 once Decimal raised from deep inside the importer.
    raw = empty_site.write("raw.md", RAW.read_text(encoding="utf-8").replace("USD 148k~304k", "USD 999999999999999999999999999999k"))
    code, out, err = run(capsys, raw, "--site", empty_site.root)
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == f"error: {raw}: salary.min: must be at most 1,000,000,000,000 (a salary no job pays is a typo)"
    assert sorted(p.name for p in empty_site.root.rglob("*")) == ["raw.md"]


def test_an_import_the_site_wide_check_refuses_is_taken_back(empty_site, capsys):
    # One apply link posted twice is seen only against the whole board, after the file is written.
    assert run(capsys, RAW, "--site", empty_site.root)[0] == 0
    before = sorted(p.name for p in (empty_site.root / "content").rglob("*"))
    again = empty_site.write("again.md", RAW.read_text(encoding="utf-8").replace("Ecosystem]", "Ecosystem II]", 1))
    code, out, err = run(capsys, again, "--site", empty_site.root)
    assert (code, out) == (1, "")
    assert err.splitlines()[-1] == f"error: {again}: not imported, it would not build; content/ is unchanged (--stdout prints it, to finish by hand)"
    assert "content/jobs/staff-data-scientist-ecosystem-ii.md:" in err and "apply_url: the same link as" in err
    assert sorted(p.name for p in (empty_site.root / "content").rglob("*")) == before


def test_a_file_that_cannot_be_imported_fails_but_the_others_are_written(empty_site, capsys):
    good = empty_site.write("good.md", RAW.read_text(encoding="utf-8"))
    notes = empty_site.write("notes.md", "just some notes\n")
    missing = empty_site.root / "missing.md"
    code, out, err = run(capsys, notes, good, missing, "--site", empty_site.root)
    assert code == 1
    assert out.splitlines()[0] == str(empty_site.root / "content/jobs/staff-data-scientist-ecosystem.md")
    errors = [line for line in err.splitlines() if line.startswith("error: ")]
    assert errors == [
        f"error: {notes}: no '# Title' heading found; is this a scraped posting?",
        f"error: {missing}: No such file or directory",
    ]


def test_import_refuses_to_overwrite(empty_site, capsys):
    assert run(capsys, RAW, "--site", empty_site.root)[0] == 0
    job = empty_site.root / "content/jobs/staff-data-scientist-ecosystem.md"
    job.write_text("edited by hand", encoding="utf-8")
    code, out, err = run(capsys, RAW, "--site", empty_site.root)
    assert (code, out) == (1, "")
    assert re.fullmatch(rf"error: {re.escape(str(RAW))}: .*already exists.*\n", err)
    assert job.read_text() == "edited by hand"
