"""`jobsite import --issue-form`: issue bodies exactly as GitHub writes them become postings that build."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
import yaml

from jobsite.authoring.issueform import FIELDS, PERIOD, REMOTE, form_fields
from jobsite.build import build
from jobsite.cli import main
from jobsite.config import load_config
from jobsite.content.models import EMPLOYMENT_TYPES
from jobsite.content.source import parse_source

ROOT = Path(__file__).resolve().parents[1]
FORMS = ROOT / "tests" / "fixtures" / "issue_forms"
FORM_FILE = ROOT / ".github" / "ISSUE_TEMPLATE" / "post-a-job.yml"


@pytest.fixture
def board(tmp_path: Path) -> Path:
    """A copy of the shipped board: its settings, content and issue form."""
    site = tmp_path / "board"
    site.mkdir()
    shutil.copy(ROOT / "jobsite.toml", site)
    shutil.copytree(ROOT / "content", site / "content")
    shutil.copytree(ROOT / ".github", site / ".github")
    return site


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted((site / "content").rglob("*")) if p.is_file()}


def run_import(site: Path, form: str | Path, capsys, stdin: str | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
    code = main(["import", "--site", str(site), "--issue-form", str(form)])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def front_matter(path: Path) -> tuple[dict, str]:
    source = parse_source(path.read_bytes(), path.name)
    return source.data, source.body


def test_the_shipped_form_asks_what_the_importer_reads():
    form = yaml.safe_load(FORM_FILE.read_text())
    assert form["labels"] == ["job-submission"]
    items = [item for item in form["body"] if item["type"] != "markdown"]
    assert [item["id"] for item in items] == [f.id for f in FIELDS]
    assert [item["type"] for item in items] == [f.kind for f in FIELDS]
    for item, field in zip(items, FIELDS):
        assert item.get("validations", {}).get("required", False) == field.required or field.kind == "checkboxes", field.id
    options = {item["id"]: item["attributes"].get("options") for item in items}
    assert {o.lower() for o in options["remote"]} == set(REMOTE)
    assert {o.lower() for o in options["employment_type"]} == set(EMPLOYMENT_TYPES)
    assert {o.lower() for o in options["salary_period"]} == set(PERIOD)
    assert options["confirm"][0]["required"] is True


def test_the_forms_salary_wording_follows_require_salary():
    # The form is static YAML: when the board requires pay, its salary questions must say so.
    config = load_config(ROOT)
    items = {item.get("id"): item for item in yaml.safe_load(FORM_FILE.read_text())["body"]}
    for key in ("salary_min", "salary_currency", "salary_period"):
        assert items[key].get("validations", {}).get("required", False) == config.require_salary
    assert ("Optional" in items["salary_min"]["attributes"]["description"]) != config.require_salary


def test_a_full_form_becomes_a_posting_and_a_company_that_build(board, capsys):
    code, out, err = run_import(board, FORMS / "full.md", capsys)
    assert code == 0, err
    assert out == [str(board / "content/jobs/senior-platform-engineer.md"), str(board / "content/companies/tidewater-logistics.md")]
    data, body = front_matter(board / "content/jobs/senior-platform-engineer.md")
    assert data == {
        "title": "Senior Platform Engineer", "company": "tidewater-logistics",
        "location": ["Rotterdam, NL", "Hamburg, DE"], "remote": "hybrid", "employment_type": "full-time",
        "seniority": ["senior", "staff"], "visa_sponsorship": True,
        "salary": {"min": 85000, "max": 105000, "currency": "EUR", "period": "year"},
        "posted": dt.date.today(), "expires": dt.date(2099, 3, 31),
        "apply_url": "https://tidewater.example.com/careers/senior-platform-engineer?utm_source=board",
        "tags": ["Python", "Kubernetes", "postgres"], "draft": False,
    }
    assert "\r" not in body and body.startswith("\n## About the role\n\n") and body.endswith("within two weeks.\n")
    company, _ = front_matter(board / "content/companies/tidewater-logistics.md")
    assert company == {"name": "Tidewater Logistics", "website": "https://tidewater.example.com"}
    out_dir = board / "public"
    build(load_config(board))
    page = (out_dir / "jobs/senior-platform-engineer/index.html").read_text()
    assert "Senior Platform Engineer" in page and "Tidewater Logistics" in page and "Design and run the route-planning API" in page


def test_empty_optional_answers_are_left_out_and_known_companies_reused(board, capsys):
    code, out, err = run_import(board, FORMS / "empty-optional.md", capsys)
    assert code == 0, err
    assert out == [str(board / "content/jobs/maps-engineer.md")]  # northwind is on the board already
    data, _ = front_matter(board / "content/jobs/maps-engineer.md")
    assert data["company"] == "northwind" and data["remote"] is True and data["remote_regions"] == ["Europe"]
    assert data["apply_url"] == "mailto:jobs@northwind.example.com"  # a bare address, repaired
    assert data["employment_type"] == "contract"
    for absent in ("salary", "expires", "tags", "location", "seniority", "visa_sponsorship"):
        assert absent not in data
    build(load_config(board))


def test_a_known_company_is_matched_by_its_name_too(board, capsys):
    body = (FORMS / "empty-optional.md").read_text().replace("Northwind\n", "northwind analytics\n")
    form = board / "issue.md"
    form.write_text(body)
    code, out, _ = run_import(board, form, capsys)
    assert code == 0 and out == [str(board / "content/jobs/maps-engineer.md")]
    assert front_matter(board / "content/jobs/maps-engineer.md")[0]["company"] == "northwind"


def test_markdown_and_html_in_the_description_are_kept_and_sanitised_on_the_page(board, capsys):
    code, out, err = run_import(board, FORMS / "markdown-html.md", capsys)
    assert code == 0, err
    data, body = front_matter(board / "content/jobs/firmware-engineer-c-rust.md")
    assert data["seniority"] == ["mid"] and data["visa_sponsorship"] is False
    # A heading equal to a form label inside the description stays in the description.
    assert "### Company name\n\nThis heading is part of the description" in body
    assert "<script>alert('x')</script>" in body  # kept as written; the renderer removes it
    build(load_config(board))
    page = (board / "public/jobs/firmware-engineer-c-rust/index.html").read_text()
    assert "<strong>firmware</strong>" in page and "<table>" in page and "int main(void)" in page
    assert "<script>alert" not in page and "onclick" not in page and "<iframe" not in page
    assert 'href="javascript:' not in page


def test_a_hostile_form_is_refused_line_by_line_and_writes_nothing(board, capsys):
    before = files(board)
    code, out, err = run_import(board, FORMS / "hostile.md", capsys)
    assert code == 1 and out == []
    name = str(FORMS / "hostile.md")
    assert err == [
        f"{name}: Job title: must be one line",
        f"{name}: Company website: must be an http or https URL, not 'javascript:alert(document.cookie)'",
        f"{name}: Remote work: must be one of On-site, Hybrid, Remote, not 'Sometimes'",
        f"{name}: Visa sponsorship: must be one of the options, not 'Maybe'",
        f"{name}: Salary minimum: too long: 8,000 characters; at most 30",
        f"{name}: Salary maximum: must be a number such as 90000 or 90k, not '-5'",
        f"{name}: Salary currency: '$' could be any of USD, CAD, AUD, NZD, SGD, HKD, MXN; write the three-letter code",
        f"{name}: Salary period: must be one of Per year, Per month, Per week, Per day, Per hour, not 'Per fortnight'",
        f"{name}: How to apply: must be an email address or an http, https or mailto URL, not 'javascript:alert(1)'",
        f"{name}: Closing date: must be a date written as YYYY-MM-DD, like {dt.date.today() + dt.timedelta(days=60)}, not '2026-02-30'",
        f"{name}: Tags: too long: 3,888 characters; at most 400",
        f"{name}: Job description: too long: 70,078 characters; at most 20,000",
        f"{name}: Confirmation: tick the box to confirm the position is open",
        "Import failed: 13 problems; nothing was written.",
    ]
    assert files(board) == before


def test_path_traversal_and_yaml_in_answers_stay_text_inside_content_jobs(board, capsys, tmp_path):
    code, out, err = run_import(board, FORMS / "traversal.md", capsys)
    assert code == 0, err
    assert out == [str(board / "content/jobs/tmp-pwned.md"), str(board / "content/companies/windows-system32.md")]
    assert not (tmp_path / "pwned.md").exists() and not Path("/tmp/pwned.md").exists()
    data, body = front_matter(board / "content/jobs/tmp-pwned.md")
    assert data["title"] == "../../../../tmp/pwned" and "salary" not in data and data["draft"] is False
    assert body.startswith('\ntitle: "x"\nsalary: {min: 1}\n---\ndraft: true\n')
    assert front_matter(board / "content/companies/windows-system32.md")[0] == {"name": "..\\..\\Windows\\System32"}


def test_yaml_on_one_line_cannot_add_keys(board, capsys):
    body = (FORMS / "full.md").read_text()
    body = body.replace("Senior Platform Engineer", 'Lead: "x", salary: {min: 1} # draft: true')
    body = body.replace("Tidewater Logistics", "Evil: {name: x}\u202e &anchor")
    form = board / "issue.md"
    form.write_text(body)
    code, out, err = run_import(board, form, capsys)
    assert code == 1 and err[0].endswith("Company name: contains control characters")
    form.write_text(body.replace("\u202e", ""))
    code, out, err = run_import(board, form, capsys)
    assert code == 0, err
    data, _ = front_matter(Path(out[0]))
    assert data["title"] == 'Lead: "x", salary: {min: 1} # draft: true' and data["salary"]["min"] == 85000
    assert front_matter(Path(out[1]))[0]["name"] == "Evil: {name: x} &anchor"
    build(load_config(board))


def test_a_taken_file_name_gets_the_company_and_then_a_number(board, capsys):
    body = (FORMS / "full.md").read_text()
    slugs = []
    for n in range(3):
        form = board / f"issue{n}.md"
        # A different link each time: the same link twice is a duplicate, refused below.
        form.write_text(body.replace("senior-platform-engineer?", f"senior-platform-engineer-{n}?"))
        code, out, err = run_import(board, form, capsys)
        assert code == 0, err
        slugs.append(Path(out[0]).stem)
    assert slugs == ["senior-platform-engineer", "senior-platform-engineer-tidewater-logistics", "senior-platform-engineer-tidewater-logistics-2"]


def test_the_same_apply_link_already_open_is_refused(board, capsys):
    form = board / "issue.md"
    form.write_text((FORMS / "full.md").read_text().replace(
        "https://tidewater.example.com/careers/senior-platform-engineer?utm_source=board",
        "HTTPS://NorthWind.example.com/careers/senior-backend-engineer/?utm_campaign=x"))
    before = files(board)
    code, out, err = run_import(board, form, capsys)
    assert code == 1 and files(board) == before
    assert err[0] == (f"{form}: How to apply: this link is already posted in content/jobs/senior-backend-engineer-python.md "
                      "(Senior Backend Engineer (Python)); edit that posting instead")


def test_require_salary_makes_the_salary_questions_required(board, capsys):
    toml = board / "jobsite.toml"
    toml.write_text(toml.read_text().replace("require_salary = false", "require_salary = true"))
    code, _, err = run_import(board, FORMS / "empty-optional.md", capsys)
    assert code == 1
    assert err[0] == f"{FORMS / 'empty-optional.md'}: Salary minimum: required on this site (require_salary = true in jobsite.toml): add min, max, currency and period"


def test_salary_answers_are_read_as_people_write_them(board, capsys):
    body = (FORMS / "full.md").read_text()
    form = board / "issue.md"
    form.write_text(body.replace("\n85,000\n", "\n€85.000\n").replace("\neur\n", "\n€\n").replace("\n105k\n", "\n105000.50 EUR\n"))
    code, out, err = run_import(board, form, capsys)
    assert code == 1 and err[0].endswith("Salary minimum: must be a number such as 90000 or 90k, not '€85.000'")
    form.write_text(body.replace("\n85,000\n", "\n€85 000\n").replace("\neur\n", "\n€\n").replace("\n105k\n", "\n105000.50 EUR\n"))
    code, out, err = run_import(board, form, capsys)
    assert code == 0, err
    assert front_matter(Path(out[0]))[0]["salary"] == {"min": 85000, "max": 105000.5, "currency": "EUR", "period": "year"}


def test_closing_date_in_the_past_and_missing_sections(board, capsys, monkeypatch):
    body = (FORMS / "full.md").read_text().replace("2099-03-31", "2020-01-31")
    code, _, err = run_import(board, "-", capsys, stdin=body, monkeypatch=monkeypatch)
    assert code == 1 and err[0].startswith("<stdin>: Closing date: 2020-01-31 has passed; give a day from ")
    code, _, err = run_import(board, "-", capsys, stdin="### Job title\n\nX", monkeypatch=monkeypatch)
    assert code == 1
    assert err[:2] == ["<stdin>: Company name: required", "<stdin>: Remote work: choose one of the options"]
    code, _, err = run_import(board, "-", capsys, stdin="Please post my job", monkeypatch=monkeypatch)
    assert err == ["<stdin>: not a post-a-job form: no '### Job title' heading", "Import failed: 1 problem; nothing was written."]


def test_labels_come_from_the_sites_own_form(board, capsys):
    form_file = board / ".github/ISSUE_TEMPLATE/post-a-job.yml"
    form_file.write_text(form_file.read_text().replace("label: Job title", "label: Position"))
    assert form_fields(board)[0].label == "Position"
    form = board / "issue.md"
    form.write_text((FORMS / "full.md").read_text().replace("### Job title", "### Position"))
    code, out, err = run_import(board, form, capsys)
    assert code == 0, err
    assert Path(out[0]).name == "senior-platform-engineer.md"


def test_answers_the_posting_rejects_are_named_by_their_question(board, capsys):
    form = board / "issue.md"
    form.write_text((FORMS / "full.md").read_text().replace("Senior, Staff", "Senior, Overlord"))
    code, _, err = run_import(board, form, capsys)
    assert code == 1 and err[0].startswith(f"{form}: Seniority: ") and "overlord" in err[0]


def test_check_warns_when_the_form_and_require_salary_disagree(board, capsys):
    toml = board / "jobsite.toml"
    toml.write_text(toml.read_text().replace("require_salary = false", "require_salary = true"))
    for file in (board / "content/jobs").iterdir():  # postings without pay would be errors now
        if "salary:" not in file.read_text():
            file.unlink()
    form = board / ".github/ISSUE_TEMPLATE/post-a-job.yml"
    form.write_text(form.read_text().replace("    id: title\n", "    id: job_title\n"))
    assert main(["check", "--site", str(board)]) == 0
    out = [line for line in capsys.readouterr().out.splitlines() if "post-a-job.yml" in line]
    lines = form.read_text().splitlines()
    at = {key: lines.index(f"    id: {key}") + 1 for key in ("salary_min", "salary_currency", "salary_period")}
    assert out == [
        "warning: .github/ISSUE_TEMPLATE/post-a-job.yml: title: missing: jobsite import --issue-form needs this question",
        *(f"warning: .github/ISSUE_TEMPLATE/post-a-job.yml:{at[key]}: {key}: optional in the form, but jobsite.toml "
          "has require_salary = true; set its validations: required: true" for key in ("salary_min", "salary_currency", "salary_period")),
    ]


def test_the_shipped_form_gives_check_nothing_to_say(capsys):
    main(["check", "--site", str(ROOT)])
    assert "post-a-job.yml" not in capsys.readouterr().out
