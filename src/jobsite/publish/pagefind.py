"""Pagefind's service mode (`pagefind --service`): requests on its stdin, answers on its stdout.

Each message either way is JSON, base64-encoded, followed by a comma; answers carry the
`message_id` of their request and come in the order the requests were sent.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import tempfile
from pathlib import Path
from typing import IO, TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from ..render.search import SearchRecord

# Requests sent ahead of their answers: Pagefind works while the build encodes the next page,
# and the requests it has read but not yet handled (it queues them all) stay few.
WINDOW = 16
READ_SIZE = 1 << 16


def encode(message_id: int, payload: dict) -> bytes:
    """One request as it goes down the pipe."""
    text = json.dumps({"message_id": message_id, "payload": payload}, ensure_ascii=False)
    return base64.b64encode(text.encode("utf-8")) + b","


def read_answers(stream: IO[bytes]) -> Iterator[dict]:
    """Every answer Pagefind writes, decoded, until its stdout closes; reads block, never poll."""
    pending = b""
    fd = stream.fileno()
    while chunk := os.read(fd, READ_SIZE):
        *whole, pending = (pending + chunk).split(b",")
        for framed in whole:
            yield json.loads(base64.b64decode(framed))


class PagefindError(Exception):
    """What Pagefind answered, or how it stopped; the search stage turns it into a JobsiteError."""


class PagefindService:
    """One running `pagefind --service` and one index in it; close() always reaps the process."""

    def __init__(self, executable: Path, config: dict):
        # A file, not a pipe: nothing has to read Pagefind's messages while it runs.
        self.stderr = tempfile.TemporaryFile()
        try:
            self.process = subprocess.Popen(
                [str(executable), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr,
            )
        except OSError:
            self.stderr.close()
            raise
        self.answers = read_answers(self.process.stdout)
        self.next_id = 0
        self.waiting: dict[int, str] = {}  # message id -> what it asked, for the error message
        self.finished = False
        try:
            self.index_id = self.call({"type": "NewIndex", "config": config}, "starting an index")["index_id"]
        except BaseException:
            self.close()
            raise

    def add_record(self, url: str, content: str, language: str, record: SearchRecord) -> None:
        """Send one posting as a custom record: its words, and the filters, sorts and meta its page carries.

        An error about it is raised by a later call, within WINDOW requests."""
        filters: dict[str, list[str]] = {}
        for key, value in record.filters:
            filters.setdefault(key, []).append(value)
        self.send({
            "type": "AddRecord", "index_id": self.index_id, "url": url, "content": content, "language": language,
            "meta": dict(record.meta), "filters": filters, "sort": dict(record.sorts),
        }, url)

    def write_files(self, folder: Path) -> None:
        """Build the index from every page sent and write it into `folder`."""
        self.call({"type": "WriteFiles", "index_id": self.index_id, "output_path": str(folder)}, "writing the index")
        self.finished = True

    def send(self, payload: dict, what: str) -> None:
        """Send a request without waiting for its answer (but for the one WINDOW requests back)."""
        message_id, self.next_id = self.next_id, self.next_id + 1
        self.waiting[message_id] = what
        try:
            self.process.stdin.write(encode(message_id, payload))
        except BrokenPipeError:
            raise self._stopped() from None
        while len(self.waiting) > WINDOW:
            self._take()

    def call(self, payload: dict, what: str) -> dict:
        """Send a request and return its answer's payload, once every earlier one is answered."""
        self.send(payload, what)
        answer: dict = {}
        while self.waiting:
            answer = self._take()
        return answer

    def _take(self) -> dict:
        try:
            self.process.stdin.flush()  # the requests waited for must have left the buffer
            answer = next(self.answers)
        except (BrokenPipeError, StopIteration):
            raise self._stopped() from None
        payload = answer["payload"]
        what = self.waiting.pop(answer.get("message_id"), None)
        if payload.get("type") == "Error":
            # A request Pagefind could not parse is answered without its id.
            raise PagefindError(f"Pagefind failed on {what or 'a request it could not read'}: {payload.get('message') or 'no reason given'}")
        return payload

    def _stopped(self) -> PagefindError:
        code = self.process.wait()
        self.stderr.seek(0)
        said = last_words(self.stderr.read().decode("utf-8", "replace"))
        return PagefindError(f"Pagefind stopped with exit code {code}" + (f": {said}" if said else ""))

    def close(self) -> None:
        """End the service and reap it: at the end of its input once the index is written, else killed."""
        if not self.finished:
            self.process.kill()
        try:
            self.process.stdin.close()
        except OSError:  # it already stopped: what was left in the buffer goes nowhere
            pass
        self.process.wait()  # Pagefind exits at the end of its stdin
        self.process.stdout.close()
        self.stderr.close()


def last_words(stderr: str) -> str:
    """The one line that says why Pagefind stopped: a panic's message, not its backtrace."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for at, line in enumerate(lines[:-1]):
        if " panicked at " in line:
            return lines[at + 1]
    said = [line for line in lines if not line.startswith("note:")]
    return said[-1] if said else ""
