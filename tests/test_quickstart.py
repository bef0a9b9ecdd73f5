"""The README's Quick start commands work with a system Python that refuses pip outside a venv (PEP 668),
and .ci/run runs exactly the README's test command."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from repocopy import ROOT, repo_copy

SYSTEM_PYTHON = Path("/usr/bin/python3")


def quick_start() -> tuple[str, str]:
    """The two commands of the README's Quick start: build the shipped site, run the tests."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    build, tests = re.findall(r"```bash\n(.+?)\n```", section)
    return build, tests


def externally_managed() -> bool:
    if not SYSTEM_PYTHON.exists():
        return False
    stdlib = subprocess.run([str(SYSTEM_PYTHON), "-c", "import sysconfig; print(sysconfig.get_path('stdlib'))"],
                            capture_output=True, text=True).stdout.strip()
    return (Path(stdlib) / "EXTERNALLY-MANAGED").exists()


def test_ci_runs_the_readme_test_command():
    _, tests = quick_start()
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert f"{tests} || status=$?" in ci


@pytest.mark.skipif(not externally_managed(), reason="no PEP 668 system Python at /usr/bin/python3")
def test_quick_start_works_with_the_system_python(tmp_path):
    board = repo_copy(tmp_path / "board")
    # The system python3 first on PATH, as on a fresh Debian or Ubuntu, and under `netlify build`.
    env = {**os.environ, "PATH": f"/usr/bin{os.pathsep}{os.environ['PATH']}"}
    env.pop("VIRTUAL_ENV", None)

    def shell(command: str, **extra: str) -> subprocess.CompletedProcess:
        return subprocess.run(["bash", "-c", command], cwd=board, env={**env, **extra},
                              capture_output=True, text=True, timeout=400)

    # What the Quick start used to say, refused: this machine is the one the README must work on.
    refused = shell("python3 -m pip install .")
    assert refused.returncode != 0 and "externally-managed-environment" in refused.stderr

    build, tests = quick_start()
    built = shell(build)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (board / "public" / "index.html").is_file()
    assert "Built " in built.stdout + built.stderr

    # The test command as written, pytest narrowed to one quick file through its environment variable.
    tested = shell(tests, PYTEST_ADDOPTS="-q -p no:cacheprovider tests/test_salary.py")
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert re.search(r"^\d+ passed", tested.stdout, re.M)
