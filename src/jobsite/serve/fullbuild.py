"""`jobsite serve`'s full builds (feeds, search index, every file), run as `jobsite build` in the background."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..config import Config
from ..publish.removal import remove_in_background


@dataclass(frozen=True)
class FullBuild:
    """How one full build ended: the folder it wrote, or the errors it printed."""

    number: int  # the preview build it is the full build of
    folder: Path
    errors: tuple[str, ...]
    ms: int


def build_command(config: Config, folder: Path) -> list[str]:
    """The `jobsite build` that writes the same state of the site as the preview into `folder`."""
    command = [sys.executable, "-c", _NICE_BUILD, "build", "--site", str(config.site_dir), "--output", str(folder), "--now", config.now.isoformat()]
    return command + (["--drafts"] if config.drafts else [])


# `python -m jobsite`, at a lower priority: the author's next save must not wait for the CPU.
_NICE_BUILD = "import os, sys; os.nice(10); from jobsite.cli import main; sys.exit(main(sys.argv[1:]))"


class FullBuilds:
    """At most one full build at a time, always of the newest state: starting one ends the one before.

    A subprocess rather than a thread: the build forks its own rendering workers, which a
    process running threads (the server) must not do, and it leaves the server's GIL alone.
    """

    def __init__(self, workdir: Path, done: Callable[[FullBuild], None]):
        self.workdir = workdir
        self.done = done
        self._lock = threading.Lock()
        self._running: subprocess.Popen | None = None
        self._closed = False

    def start(self, number: int, config: Config) -> None:
        """Build state `number` into a fresh folder; `done` hears of it unless a newer one started first."""
        folder = self.workdir / f"full-{number}"
        with self._lock:
            self._end_running()
            if self._closed:
                return
            # Its own session: stopping it stops its workers and Pagefind too.
            process = subprocess.Popen(build_command(config, folder), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
            self._running = process
        threading.Thread(target=self._wait, args=(process, number, folder, time.perf_counter()), name="jobsite-full-build", daemon=True).start()

    def cancel(self) -> None:
        """Stop the running full build: its state is out of date."""
        with self._lock:
            self._end_running()

    def close(self) -> None:
        """Stop the running full build and start no more."""
        with self._lock:
            self._closed = True
            self._end_running()

    def _end_running(self) -> None:
        process, self._running = self._running, None
        if process is not None and process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except OSError:
                pass

    def _wait(self, process: subprocess.Popen, number: int, folder: Path, started: float) -> None:
        _, err = process.communicate()
        ms = round((time.perf_counter() - started) * 1000)
        with self._lock:
            current = self._running is process
            if current:
                self._running = None
        if not current:
            # Stopped: a newer state is on its way, or the preview ended. What it wrote goes.
            for leftover in [folder, *self.workdir.glob(f".{folder.name}.jobsite-new-*")]:
                remove_in_background(leftover)
            return
        errors = () if process.returncode == 0 else _errors(err.decode("utf-8", "replace"), process.returncode)
        self.done(FullBuild(number, folder, errors, ms))


def _errors(stderr: str, code: int) -> tuple[str, ...]:
    """The errors a failed `jobsite build` printed, one `path:line: message` each."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    if any(line.startswith("Traceback") for line in lines):
        return (lines[-1],)  # a crash: its last line names the exception
    found = tuple(line for line in lines if not line.startswith("Build failed: "))
    return found or (f"error: jobsite build exited with status {code}",)
