"""Pagefind's service protocol: the framing, its errors as one line, and a process reaped on every path."""

from __future__ import annotations

import base64
import json
import os

import pytest

from jobsite.errors import BuildFailed, SourceError
from jobsite.publish import pagefind, search_index
from jobsite.publish.staging import Staging


def test_a_request_is_base64_json_and_a_comma():
    framed = pagefind.encode(3, {"type": "AddFile", "url": "/jobs/c/", "file_contents": "C++ & C# — ünïcode"})
    assert framed.endswith(b",") and framed.count(b",") == 1
    assert json.loads(base64.b64decode(framed[:-1])) == {
        "message_id": 3, "payload": {"type": "AddFile", "url": "/jobs/c/", "file_contents": "C++ & C# — ünïcode"},
    }


def test_answers_are_read_whole_however_the_pipe_splits_them():
    answers = [{"message_id": n, "payload": {"type": "IndexedFile", "page_url": f"/jobs/{n}/"}} for n in range(3)]
    stream = b"".join(base64.b64encode(json.dumps(a).encode()) + b"," for a in answers)
    read, write = os.pipe()
    with os.fdopen(read, "rb") as reader:
        # Bytes arrive in pieces that cut answers anywhere, the end of the stream included.
        for start in range(0, len(stream), 7):
            os.write(write, stream[start:start + 7])
        os.close(write)
        assert list(pagefind.read_answers(reader)) == answers


def test_a_panic_is_told_by_its_message():
    stderr = (
        "\nthread 'main' (26830) panicked at pagefind/src/output/mod.rs:422:46:\n"
        "called `Result::unwrap()` on an `Err` value: Os { code: 2 }\n"
        "stack backtrace:\nnote: Some details are omitted, run with `RUST_BACKTRACE=full` for a verbose backtrace.\n"
    )
    assert pagefind.last_words(stderr) == "called `Result::unwrap()` on an `Err` value: Os { code: 2 }"
    assert pagefind.last_words("Error: no index\nnote: run with RUST_BACKTRACE=1\n") == "Error: no index"
    assert pagefind.last_words("") == ""


def test_an_error_answer_names_the_page(tmp_path):
    service = pagefind.PagefindService(search_index.pagefind_executable(), search_index.CONFIG)
    try:
        service.send({"type": "AddFile", "index_id": service.index_id + 1, "url": "/jobs/x/", "file_contents": "<html></html>"}, "/jobs/x/")
        with pytest.raises(pagefind.PagefindError) as failure:
            service.write_files(tmp_path / "pagefind")
    finally:
        service.close()
    assert str(failure.value) == "Pagefind failed on /jobs/x/: Invalid index, does not yet exist in the Pagefind service"
    assert service.process.returncode is not None
    assert not (tmp_path / "pagefind").exists()


def started_services(monkeypatch) -> list[pagefind.PagefindService]:
    started = []

    class Recorded(pagefind.PagefindService):
        def __init__(self, *args):
            super().__init__(*args)
            started.append(self)

    monkeypatch.setattr(search_index, "PagefindService", Recorded)
    return started


def test_a_build_failing_after_postings_were_sent_reaps_pagefind(scratch, monkeypatch):
    started = started_services(monkeypatch)

    def broken_template(self):
        raise BuildFailed([SourceError("templates/posting.html", 3, "", "broken")])

    # Pages are waited for after the postings went to Pagefind: it is running when this fails.
    monkeypatch.setattr(Staging, "finish", broken_template)
    with pytest.raises(BuildFailed):
        scratch.build()
    assert len(started) == 1
    assert started[0].process.returncode is not None  # killed and waited for
    assert not started[0].finished


def test_a_finished_build_lets_pagefind_end_with_its_input(scratch, monkeypatch):
    started = started_services(monkeypatch)
    scratch.build()
    assert [s.process.returncode for s in started] == [0]
    assert (scratch.output / "pagefind/pagefind-entry.json").is_file()
