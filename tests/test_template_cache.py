"""Compiled templates are kept in .jobsite-cache/templates/: reused, never stale, never fatal."""

from __future__ import annotations

import jinja2
import pytest

from jobsite.content.cache import CACHE_DIR

CODE = f"{CACHE_DIR}/templates"


@pytest.fixture
def compiles(monkeypatch) -> list[str]:
    """The name of every template Jinja compiles from source."""
    names: list[str] = []
    original = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        names.append(name)
        return original(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names


def test_a_second_build_compiles_no_template(scratch, compiles):
    scratch.build()
    assert "posting.html" in compiles and "base.html" in compiles
    assert any((scratch.root / CODE).iterdir())
    compiles.clear()
    scratch.build()
    assert compiles == []


def test_an_edited_template_is_compiled_again_and_shown(scratch, compiles):
    scratch.build()
    compiles.clear()
    scratch.write("templates/posting.html", '{% extends "base.html" %}\n{% block main %}<h1>Edited {{ posting.title }}</h1>{% endblock %}\n')
    scratch.build()
    assert compiles == ["posting.html"]
    assert "<h1>Edited Remote Python Developer</h1>" in (scratch.output / "jobs/remote-python-dev/index.html").read_text()


def test_a_damaged_entry_is_compiled_afresh(scratch, compiles):
    scratch.build()
    for entry in (scratch.root / CODE).iterdir():
        entry.write_bytes(b"not marshalled code")
    compiles.clear()
    scratch.build()
    assert "posting.html" in compiles
    assert "Remote Python Developer" in (scratch.output / "jobs/remote-python-dev/index.html").read_text()


def test_a_cache_that_cannot_be_written_costs_nothing_but_time(scratch):
    (scratch.root / CACHE_DIR).mkdir(exist_ok=True)
    (scratch.root / CODE).write_text("a file where the folder would go")
    scratch.build()
    assert (scratch.output / "jobs/remote-python-dev/index.html").is_file()
    assert (scratch.root / CODE).read_text() == "a file where the folder would go"
