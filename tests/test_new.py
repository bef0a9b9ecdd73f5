"""jobsite new posting: a commented draft with every key that passes check as written."""

import datetime as dt

import yaml

from jobsite.cli import main
from jobsite.content.postings import KEYS


def new(capsys, site, *args) -> tuple[int, str, str]:
    code = main(["new", "posting", "--site", str(site.root), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def check(capsys, site) -> tuple[int, str]:
    code = main(["check", "--site", str(site.root)])
    return code, capsys.readouterr().out


def test_new_posting_has_every_key_explained_and_passes_check(scratch, capsys):
    code, out, err = new(capsys, scratch, "--title", "Senior Backend Engineer (Python)", "--company", "acme")
    path = scratch.root / "content/jobs/senior-backend-engineer-python.md"
    assert (code, out, err) == (0, f"{path}\n", "")
    text = path.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    data = yaml.safe_load(head.removeprefix("---\n"))
    # Every key is there; the salary is an example to uncomment, so nothing invented is published.
    assert set(data) | {"salary"} == set(KEYS)
    assert "\n# salary:\n#   min: 90000\n#   max: 120000\n#   currency: USD\n" in text
    assert data["title"] == "Senior Backend Engineer (Python)"
    assert data["company"] == "acme"
    assert data["posted"] == dt.date.today()
    assert data["draft"] is True
    lines = head.splitlines()
    for number, line in enumerate(lines):
        if line and not line.startswith(("#", " ", "---")):
            assert lines[number - 1].startswith("#"), f"no comment above {line!r}"
    assert "## About the role" in body and "## How to apply" in body
    assert check(capsys, scratch)[0] == 0


def test_published_unedited_template_is_flagged_by_check(scratch, capsys):
    new(capsys, scratch, "--title", "Designer", "--company", "acme")
    path = scratch.root / "content/jobs/designer.md"
    path.write_text(path.read_text().replace("draft: true", "draft: false"), encoding="utf-8")
    code, out = check(capsys, scratch)
    assert code == 0
    flagged = [line.split(": ")[2] for line in out.splitlines() if "jobs/designer.md:" in line]
    # Guidance sits in HTML comments, which visitors never see and which don't count as words.
    assert flagged == ["salary", "location", "expires", "body"]
    assert "body: the description has 18 words;" in out


def test_uncommented_salary_example_is_valid(scratch, capsys):
    new(capsys, scratch, "--title", "Designer", "--company", "acme")
    path = scratch.root / "content/jobs/designer.md"
    text = path.read_text().replace("\n# salary:", "\nsalary:").replace("\n#   ", "\n  ")
    path.write_text(text.replace("draft: true", "draft: false"), encoding="utf-8")
    code, out = check(capsys, scratch)
    assert code == 0
    assert "designer.md:2: salary" not in out


def test_new_company_gets_a_stub_that_passes_check(scratch, capsys):
    code, out, _ = new(capsys, scratch, "--title", "C++ Engineer: Games", "--company", "blue-fin")
    job = scratch.root / "content/jobs/c-plus-plus-engineer-games.md"
    company = scratch.root / "content/companies/blue-fin.md"
    assert (code, out) == (0, f"{job}\n{company}\n")
    # The title needs quotes in YAML; the generator adds them.
    assert "\ntitle: 'C++ Engineer: Games'\n" in job.read_text()
    stub = company.read_text()
    assert yaml.safe_load(stub.split("---")[1]) == {"name": "Blue Fin"}
    assert stub.endswith("---\n\nTODO\n")
    assert check(capsys, scratch)[0] == 0


def test_existing_company_is_left_alone(scratch, capsys):
    acme = (scratch.root / "content/companies/acme.md").read_bytes()
    assert new(capsys, scratch, "--title", "Designer", "--company", "acme")[0] == 0
    assert (scratch.root / "content/companies/acme.md").read_bytes() == acme


def test_new_refuses_to_overwrite(scratch, capsys):
    assert new(capsys, scratch, "--title", "Designer", "--company", "acme")[0] == 0
    path = scratch.root / "content/jobs/designer.md"
    path.write_text("mine", encoding="utf-8")
    code, out, err = new(capsys, scratch, "--title", "Designer", "--company", "acme")
    assert (code, out) == (1, "")
    assert err == f"error: {path} already exists; edit it, or pick another --title\n"
    assert path.read_text() == "mine"


def test_new_checks_the_company_slug_and_title(scratch, capsys):
    code, _, err = new(capsys, scratch, "--title", "Designer", "--company", "Blue Fin")
    assert (code, err) == (1, "error: --company must be a slug (lowercase letters, digits and hyphens), not 'Blue Fin'; did you mean 'blue-fin'?\n")
    code, _, err = new(capsys, scratch, "--title", "!!!", "--company", "acme")
    assert (code, err) == (1, "error: the title '!!!' has no letters or digits to make a file name from\n")
    assert not (scratch.root / "content/companies/blue-fin.md").exists()


def test_new_with_require_salary_still_passes_as_a_draft(scratch, capsys):
    scratch.write("jobsite.toml", (scratch.root / "jobsite.toml").read_text() + "require_salary = true\n")
    (scratch.root / "content/jobs/no-salary-writer.md").unlink()
    assert new(capsys, scratch, "--title", "Designer", "--company", "acme")[0] == 0
    assert check(capsys, scratch)[0] == 0


def test_new_in_an_empty_folder_starts_a_site(empty_site, capsys):
    code, out, _ = new(capsys, empty_site, "--title", "First Job", "--company", "us")
    assert code == 0
    assert out.splitlines() == [
        str(empty_site.root / "content/jobs/first-job.md"), str(empty_site.root / "content/companies/us.md"),
    ]
    assert check(capsys, empty_site)[0] == 0


def test_a_title_too_long_for_a_file_name_writes_nothing(tmp_path, capsys):
    # Its file was written, then refused by every check and build (at most 200 characters).
    title = "a " * 110
    assert main(["new", "posting", "--title", title, "--company", "acme", "--site", str(tmp_path)]) == 1
    assert capsys.readouterr().err.strip() == f"error: the title {title[:40] + '…'!r} makes a page name of 219 characters; at most 200 fit a file name; shorten it"
    assert list(tmp_path.iterdir()) == []
