"""The monthly prune workflow's shell step, run as GitHub runs it, on a board with old postings."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from repocopy import ROOT

BIN = Path(sys.executable).parent
WORKFLOW = ROOT / ".github" / "workflows" / "prune.yml"


def has_prune() -> bool:
    result = subprocess.run([sys.executable, "-m", "jobsite", "prune", "--help"], capture_output=True, text=True)
    return result.returncode == 0 and "--closed-for" in result.stdout


pytestmark = pytest.mark.skipif(not has_prune(), reason="this jobsite has no `prune --closed-for` yet")


def step(name_start: str) -> dict:
    steps = yaml.safe_load(WORKFLOW.read_text())["jobs"]["prune"]["steps"]
    return next(s for s in steps if s.get("name", "").startswith(name_start))


def test_prune_step_deletes_long_closed_postings_and_writes_the_pull_requests_body(tmp_path):
    site = tmp_path / "site"
    (site / "content" / "jobs").mkdir(parents=True)
    (site / "content" / "companies").mkdir()
    (site / "jobsite.toml").write_text('title = "Prune"\nbase_url = "https://prune.example.com/"\n')
    (site / "content" / "companies" / "acme.md").write_text("---\nname: Acme\n---\n\nAcme.\n")
    today = dt.date.today()
    for slug, expires in {"long-closed": today - dt.timedelta(days=90), "just-closed": today - dt.timedelta(days=10),
                          "open": today + dt.timedelta(days=30)}.items():
        (site / "content" / "jobs" / f"{slug}.md").write_text(
            f"---\ntitle: {slug}\ncompany: acme\nremote: true\nposted: {today - dt.timedelta(days=200)}\n"
            f"expires: {expires}\napply_url: https://acme.example.com/{slug}\n---\n\nThe job.\n"
        )
    runner_temp = tmp_path / "runner"
    runner_temp.mkdir()
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "RUNNER_TEMP": str(runner_temp)}
    # GitHub runs a step's script with `bash -e`.
    result = subprocess.run(["bash", "-e", "-c", step("Delete postings")["run"]], cwd=site, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.stem for p in (site / "content" / "jobs").glob("*.md")) == ["just-closed", "open"]
    body = (runner_temp / "pr-body.md").read_text()
    assert "jobsite prune --closed-for 60" in body
    listed = [line for line in body.splitlines() if line.startswith("- ")]
    assert len(listed) == 1 and listed[0].endswith("content/jobs/long-closed.md")
    check = subprocess.run(["bash", "-e", "-c", step("Check the site")["run"]], cwd=site, env=env,
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr
    assert step("Open or update")["with"]["body-path"] == "${{ runner.temp }}/pr-body.md"
