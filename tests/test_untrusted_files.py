"""A pull request is untrusted: no file from outside the site may reach the output or an error message."""

from __future__ import annotations

import os

import pytest

from jobsite.cli import main

NOW = "2026-06-15"
SECRET = "SECRET_TOKEN=do-not-publish"


@pytest.fixture
def secret(tmp_path):
    """A file outside the site that must never be published (stands in for /proc/self/environ)."""
    path = tmp_path / "outside" / "environ"
    path.parent.mkdir()
    path.write_text(SECRET)
    return path


def run(command: str, site, capsys, *args: str) -> tuple[int, list[str]]:
    code = main([command, "--site", str(site), "--now", NOW, *args])
    captured = capsys.readouterr()
    return code, [line for line in (captured.out + captured.err).splitlines() if line.strip()]


def published(folder) -> str:
    """Everything under a folder as text, to search for the secret."""
    if not folder.exists():
        return ""
    return "".join(p.read_bytes().decode("utf-8", "replace") for p in folder.rglob("*") if p.is_file())


LINK_OUT = "a link to a file outside the site; only files inside the site are published"


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("templates/assets/env.css", f"templates/assets/env.css: {LINK_OUT}"),
        ("static/env.txt", f"static/env.txt: {LINK_OUT}"),
        ("static/deep/down/env.txt", f"static/deep/down/env.txt: {LINK_OUT}"),
        ("content/jobs/leak.md", f"content/jobs/leak.md: {LINK_OUT}"),
        ("content/companies/leak.md", f"content/companies/leak.md: {LINK_OUT}"),
        ("templates/partials/leak.html", f"templates/partials/leak.html: {LINK_OUT}"),
    ],
)
@pytest.mark.parametrize("command", ["build", "check"])
def test_a_link_out_of_the_site_is_an_error_naming_it(scratch, secret, capsys, where, expected, command):
    link = scratch.root / where
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(secret)
    if where.startswith("templates/partials/"):
        scratch.write("templates/404.html", '{% extends "base.html" %}{% block main %}{% include "partials/leak.html" %}{% endblock %}')
    code, lines = run(command, scratch.root, capsys)
    assert code == 1
    assert expected in lines
    assert SECRET not in "\n".join(lines)
    assert SECRET not in published(scratch.output)


@pytest.mark.parametrize("command", ["build", "check"])
def test_jobsite_toml_linking_out_of_the_site_is_never_read(scratch, tmp_path, capsys, command):
    # Settings from outside would be echoed by the errors about them (an unknown key names itself).
    outside = tmp_path / "outside.toml"
    outside.write_text('ssh_key_passphrase_hunter2 = "x"\n')
    (scratch.root / "jobsite.toml").unlink()
    (scratch.root / "jobsite.toml").symlink_to(outside)
    code, lines = run(command, scratch.root, capsys)
    assert code == 1
    assert lines[0] == f"jobsite.toml: {LINK_OUT}"
    assert "hunter2" not in "\n".join(lines)


def test_jobsite_toml_linking_to_nothing_is_an_error_not_the_defaults(scratch, capsys):
    (scratch.root / "jobsite.toml").unlink()
    (scratch.root / "jobsite.toml").symlink_to("gone.toml")
    assert run("build", scratch.root, capsys) == (1, [
        "jobsite.toml: a link to nothing (the file it points to does not exist)",
        "Build failed: 1 error; nothing was written.",
    ])
    assert not scratch.output.exists()


@pytest.mark.parametrize("folder", ["static", "templates", "templates/assets", "static/sub"])
def test_a_linked_folder_out_of_the_site_is_an_error(scratch, secret, capsys, folder):
    link = scratch.root / folder
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.exists():
        os.rename(link, scratch.root / "moved-away")
    link.symlink_to(secret.parent, target_is_directory=True)
    code, lines = run("build", scratch.root, capsys)
    assert code == 1
    assert f"{folder}: {LINK_OUT.replace('a file', 'a folder')}" in lines
    assert SECRET not in published(scratch.output)


def test_links_inside_the_site_are_followed(scratch, capsys):
    scratch.write("static/logos/acme.svg", "<svg/>")
    (scratch.root / "static" / "acme.svg").symlink_to(scratch.root / "static/logos/acme.svg")
    code, _ = run("build", scratch.root, capsys)
    assert code == 0
    assert (scratch.output / "acme.svg").read_text() == "<svg/>"


def test_a_fifo_in_static_is_an_error_not_a_hang(scratch, capsys):
    (scratch.root / "static").mkdir()
    os.mkfifo(scratch.root / "static" / "pipe")
    code, lines = run("build", scratch.root, capsys)
    assert code == 1
    assert "static/pipe: not a regular file" in lines


def test_serve_never_shows_a_file_from_outside(scratch, secret):
    from jobsite.serve.livesite import load_live_site

    (scratch.root / "static").mkdir()
    (scratch.root / "static" / "env.txt").symlink_to(secret)
    from jobsite.errors import BuildFailed

    with pytest.raises(BuildFailed) as failed:
        load_live_site(scratch.config(drafts=True))
    assert f"static/env.txt: {LINK_OUT}" in [str(e) for e in failed.value.errors]


def test_an_issue_form_that_is_a_fifo_is_a_warning_not_a_hang(scratch):
    import subprocess
    import sys

    form = scratch.root / ".github/ISSUE_TEMPLATE/post-a-job.yml"
    form.parent.mkdir(parents=True)
    os.mkfifo(form)
    done = subprocess.run(
        [sys.executable, "-m", "jobsite", "check", "--site", str(scratch.root), "--now", NOW],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "warning: .github/ISSUE_TEMPLATE/post-a-job.yml: not a regular file" in done.stdout.splitlines()
