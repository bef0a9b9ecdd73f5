"""Running one command and measuring it: wall and CPU seconds, peak memory of its process tree."""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

# How often the process tree's memory is sampled while a command runs.
SAMPLE_SECONDS = 0.05


@dataclass(frozen=True)
class Run:
    """One finished command."""

    wall: float  # seconds
    cpu: float  # user + system seconds of the whole tree
    max_rss_mb: float  # largest single process (getrusage), as /usr/bin/time reports it
    tree_mb: float  # largest sum over the tree at one moment (PSS, so shared pages count once)
    returncode: int
    stdout: str


def run(command: list[str], cwd: Path | None = None, env: dict | None = None, timeout: float = 1800) -> Run:
    """Run a command to its end, sampling the memory of it and its descendants."""
    # Whatever earlier commands left to write goes to disk first, so it is not this one's cost.
    os.sync()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=err)
        peak = 0
        while True:
            # wait4 reports the child's own usage together with that of everything it reaped.
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            peak = max(peak, tree_pss_kb(proc.pid))
            if time.perf_counter() - started > timeout:
                proc.kill()
            time.sleep(SAMPLE_SECONDS)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text = out.read().decode("utf-8", "replace")
        if proc.returncode != 0:
            text += err.read().decode("utf-8", "replace")
    return Run(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        max_rss_mb=usage.ru_maxrss / 1024,
        tree_mb=(peak or usage.ru_maxrss) / 1024,  # a run too short to sample is one process
        returncode=proc.returncode,
        stdout=text,
    )


def tree_pss_kb(root: int) -> int:
    """Proportional memory of a process and all its descendants right now, in KiB."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as stat:
                    # The command name may hold spaces; the fields after its ')' do not.
                    fields = stat.read().rpartition(b")")[2].split()
                parents[int(entry.name)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
    tree = {root}
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grew = True
    return sum(_pss_kb(pid) for pid in tree)


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
            for line in rollup:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


@dataclass(frozen=True)
class Summary:
    """The median of several runs of one command."""

    wall: float
    cpu: float
    max_rss_mb: float
    tree_mb: float
    runs: int

    @staticmethod
    def of(runs: list[Run]) -> Summary:
        """Medians over the runs (all must have succeeded)."""
        return Summary(
            wall=statistics.median(r.wall for r in runs),
            cpu=statistics.median(r.cpu for r in runs),
            max_rss_mb=statistics.median(r.max_rss_mb for r in runs),
            tree_mb=statistics.median(r.tree_mb for r in runs),
            runs=len(runs),
        )
