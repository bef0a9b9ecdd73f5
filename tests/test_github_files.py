"""The workflows and issue forms under .github/ pass GitHub's schemas and actionlint; intake runs end to end."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from repocopy import ROOT, repo_copy

BIN = Path(sys.executable).parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ISSUE_TEMPLATES = sorted(p for p in (ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.y*ml"))
FORMS = ROOT / "tests" / "fixtures" / "issue_forms"
# Text anyone can write (an issue, a comment, a pull request's title or branch) that must reach a
# shell or a script only through env: or a file, never pasted into the code by `${{ }}`.
UNTRUSTED = re.compile(
    r"\$\{\{[^}]*github\.(event\.(issue|comment|pull_request|review|review_comment|discussion|head_commit|commits|pages)"
    r"|head_ref)"
)


def tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        pytest.skip(f"{name} is not installed: pip install -e '.[test]'")
    return str(path)


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=120)


def test_there_are_workflows_and_forms_to_check():
    names = {p.name for p in WORKFLOWS}
    assert {"check.yml", "rebuild.yml", "intake.yml", "links.yml", "prune.yml"} <= names
    assert any(p.name == "post-a-job.yml" for p in ISSUE_TEMPLATES)


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_githubs_schema(workflow):
    result = run(tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(workflow))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("template", ISSUE_TEMPLATES, ids=lambda p: p.name)
def test_issue_template_matches_githubs_schema(template):
    schema = "vendor.github-issue-config" if template.stem == "config" else "vendor.github-issue-forms"
    result = run(tool("check-jsonschema"), "--builtin-schema", schema, str(template))
    assert result.returncode == 0, result.stdout + result.stderr


def actionlint(cwd: Path) -> subprocess.CompletedProcess:
    # actionlint checks each run: script with shellcheck when it is on PATH (.ci/run installs it).
    return run(tool("actionlint"), "-oneline", cwd=cwd)


def test_actionlint_passes_every_workflow():
    result = actionlint(ROOT)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_actionlint_catches_an_outdated_action_and_an_injection(tmp_path):
    # The same run on a workflow with the two faults it exists for: proof the check is live.
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "bad.yml").write_text(
        "on: issues\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - run: echo \"${{ github.event.issue.title }}\"\n"
    )
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    out = actionlint(tmp_path).stdout
    assert 'runtime "node20" is deprecated' in out
    assert "potentially untrusted" in out


def code_blocks(workflow: Path) -> list[tuple[str, str]]:
    """(where, text) of every run: and actions/github-script script: in a workflow."""
    data = yaml.safe_load(workflow.read_text())
    blocks = []
    for job_name, job in data["jobs"].items():
        for number, step in enumerate(job.get("steps", []), 1):
            where = f"{workflow.name}: {job_name} step {number}"
            if "run" in step:
                blocks.append((where, step["run"]))
            if str(step.get("uses", "")).startswith("actions/github-script"):
                blocks.append((where, step["with"]["script"]))
    return blocks


def test_untrusted_text_never_reaches_code_by_interpolation():
    assert UNTRUSTED.search('run: echo "${{ github.event.issue.body }}"')
    assert UNTRUSTED.search("script: f(`${{ github.event.comment.body }}`)")
    assert not UNTRUSTED.search("run: echo \"$ISSUE_BODY\"")
    found = [where for workflow in WORKFLOWS for where, text in code_blocks(workflow) if UNTRUSTED.search(text)]
    assert found == []


def permissions(workflow: Path) -> tuple[object, dict[str, object]]:
    data = yaml.safe_load(workflow.read_text())
    return data.get("permissions"), {name: job.get("permissions") for name, job in data["jobs"].items()}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege(workflow):
    top, jobs = permissions(workflow)
    # Nothing granted to a whole workflow beyond reading; each job asks for what it writes.
    assert top in ({}, {"contents": "read"})
    for name, granted in jobs.items():
        assert granted != "write-all" and not isinstance(granted, str), name


def test_intake_jobs_split_reading_the_issue_from_writing():
    _, jobs = permissions(ROOT / ".github" / "workflows" / "intake.yml")
    assert jobs == {
        "import": {"contents": "read"},
        "pull-request": {"contents": "write", "pull-requests": "write"},
        "reply": {"issues": "write"},
    }
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "intake.yml").read_text())
    # PyYAML reads the `on:` key as True.
    assert workflow[True] == {"issues": {"types": ["opened", "edited"]}}
    steps = {step.get("id"): step for step in workflow["jobs"]["import"]["steps"]}
    assert steps["intake"]["env"] == {"ISSUE_BODY": "${{ github.event.issue.body }}"}
    assert ".github/scripts/intake.sh" in steps["intake"]["run"]
    pr = next(s for s in workflow["jobs"]["pull-request"]["steps"] if "create-pull-request" in s.get("uses", ""))
    assert pr["with"]["branch"] == "job-submission/issue-${{ github.event.issue.number }}"
    assert pr["with"]["body"].startswith("Closes #${{ github.event.issue.number }}\n")


# What .github/workflows/intake.yml runs on an issue, on a copy of the board.

@pytest.fixture
def board(tmp_path):
    site = repo_copy(tmp_path / "board")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "GITHUB_OUTPUT": str(tmp_path / "output")}
    return site, env, tmp_path


def intake(board, form: str) -> tuple[str, Path]:
    site, env, tmp = board
    body = (FORMS / form).read_text(encoding="utf-8")
    # As GitHub hands the body over: CRLF inside answers is kept byte for byte by the env var.
    result = subprocess.run(
        ["bash", ".github/scripts/intake.sh", str(tmp / "report")],
        cwd=site, env={**env, "ISSUE_BODY": body}, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return (tmp / "output").read_text(), tmp / "report"


def content_files(site: Path) -> set[str]:
    return {str(p.relative_to(site)) for p in (site / "content").rglob("*.md")}


def test_intake_turns_a_good_issue_into_a_posting_that_builds(board):
    site, env, _ = board
    before = content_files(site)
    output, report = intake(board, "full.md")
    assert output == "result=accepted\n"
    added = content_files(site) - before
    assert added == {"content/jobs/senior-platform-engineer.md", "content/companies/tidewater-logistics.md"}
    assert not (report / "comment.md").exists()
    build = subprocess.run(["jobsite", "build"], cwd=site, env=env, capture_output=True, text=True, timeout=120)
    assert build.returncode == 0, build.stderr
    assert "Senior Platform Engineer" in (site / "public" / "jobs" / "senior-platform-engineer" / "index.html").read_text()


def test_intake_answers_a_hostile_issue_with_a_comment_and_writes_nothing(board):
    site, _, _ = board
    before = {p: p.read_bytes() for p in (site / "content").rglob("*") if p.is_file()}
    output, report = intake(board, "hostile.md")
    assert output == "result=rejected\n"
    assert {p: p.read_bytes() for p in (site / "content").rglob("*") if p.is_file()} == before
    comment = (report / "comment.md").read_text()
    lines = comment.splitlines()
    assert lines[0].startswith("Thanks for the submission.")
    problems = [line for line in lines if line.startswith("    ")]
    # One line per problem in the form's own words, without the file the body was put in.
    assert "    How to apply: must be an email address or an http, https or mailto URL, not 'javascript:alert(1)'" in problems
    assert all("issue-body.md" not in line for line in lines)
    # Everything the submitter wrote stays inside the indented code block.
    assert "javascript:" not in "\n".join(line for line in lines if not line.startswith("    "))


def test_intake_does_not_blame_the_submitter_for_a_broken_board(board):
    site, env, tmp = board
    (site / "content" / "jobs" / "broken.md").write_text("---\ntitle: Broken\ncompany: nobody\n---\n\nx\n")
    before = content_files(site)
    result = subprocess.run(
        ["bash", ".github/scripts/intake.sh", str(tmp / "report")],
        cwd=site, env={**env, "ISSUE_BODY": (FORMS / "full.md").read_text()}, capture_output=True, text=True, timeout=120,
    )
    # The run fails for the maintainers to see; the submitter gets no comment and no pull request.
    assert result.returncode == 2
    assert "content/jobs/broken.md:3: company: unknown company 'nobody'" in result.stderr
    assert not (tmp / "report" / "comment.md").exists()
    assert not (tmp / "output").exists() or "result=" not in (tmp / "output").read_text()
    assert content_files(site) == before


def test_intake_needs_the_body_in_the_environment(board):
    site, env, tmp = board
    env = {k: v for k, v in env.items() if k != "ISSUE_BODY"}
    result = subprocess.run(["bash", ".github/scripts/intake.sh", str(tmp / "report")],
                            cwd=site, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "ISSUE_BODY" in result.stderr


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="shellcheck not installed (apt-get install shellcheck)")
def test_scripts_pass_shellcheck():
    scripts = [str(p) for p in sorted((ROOT / ".github" / "scripts").glob("*.sh"))] + [str(ROOT / ".ci" / "run")]
    result = run("shellcheck", *scripts)
    assert result.returncode == 0, result.stdout


# GitHub's own actions (actions/*) are pinned by their release tag; an action from anyone
# else runs with the job's token, so it is pinned to a commit that a moved tag cannot change.
USES = re.compile(r"^\s*(?:-\s*)?uses:\s*([^@\s]+)@(\S+)", re.M)


def test_third_party_actions_are_pinned_to_a_commit():
    found = [(workflow.name, action, ref) for workflow in WORKFLOWS for action, ref in USES.findall(workflow.read_text())]
    assert found, "no actions found"
    loose = [f for f in found if not f[1].startswith(("actions/", "./")) and not re.fullmatch(r"[0-9a-f]{40}", f[2])]
    assert loose == []
