"""`python -m jobsite.bench`: build synthetic boards cold and warm, and against Hugo, Eleventy, Pelican.

    python -m jobsite.bench --n 1000 4000 --runs 3 --peers
    python -m jobsite.bench --n 20000 --runs 1 --peers hugo eleventy --no-serve

Every build runs in a process of its own; wall time, CPU time (user + system of the whole
process tree) and peak memory (the largest PSS sum of the tree, and the largest single
process as /usr/bin/time reports it) are the medians of --runs runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import time
from dataclasses import asdict
from pathlib import Path

from ..content.cache import CACHE_DIR
from ..publish.output import OLD
from . import measure, peers
from .corpus import SEED, write_corpus
from .serve_probe import probe_serve

DEFAULT_WORKDIR = Path("/tmp/jobsite-bench")
# The benchmark kit that ships beside the repository (make_corpus.py, peer skeletons).
DEFAULT_KIT = Path(os.environ.get("JOBSITE_BENCH_KIT", Path(__file__).resolve().parents[4] / "shared" / "bench"))
DEFAULT_TOOLS = Path(os.environ.get("BENCH_TOOLS", "/tmp/bench"))
SERVE_MAX_N = 4000  # edit-to-reload is measured on boards up to this size


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its tables; returns the exit code."""
    args = _parser().parse_args(argv)
    kit = peers.Kit(args.kit, args.tools)
    chosen = _chosen_peers(args.peers)
    if chosen:
        problems = kit.missing()
        if problems:
            print("cannot run --peers:\n  " + "\n  ".join(problems), file=sys.stderr)
            return 1
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(machine())
    results = []
    for n in args.n:
        result = bench_one(n, args, kit, chosen)
        results.append(result)
        print(report(result), flush=True)
    (args.workdir / "results.json").write_text(json.dumps({"machine": machine(), "results": results}, indent=2))
    print(f"(every run: {args.workdir / 'results.json'})")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m jobsite.bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 4000, 20000], help="postings per board (default: 1000 4000 20000)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each build; medians are reported (default: 3)")
    parser.add_argument("--peers", nargs="*", metavar="PEER", help=f"also build with {', '.join(peers.PEERS)} (all when none named)")
    parser.add_argument("--no-search", action="store_true", help="skip the builds with the Pagefind search index")
    parser.add_argument("--no-serve", action="store_true", help="skip the serve edit-to-reload measurement")
    parser.add_argument("--edits", type=int, default=5, help="edits per serve measurement (default: 5)")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR, help=f"corpora and outputs (default: {DEFAULT_WORKDIR})")
    parser.add_argument("--kit", type=Path, default=DEFAULT_KIT, help="folder with make_corpus.py and sites/ (default: ../shared/bench)")
    parser.add_argument("--tools", type=Path, default=DEFAULT_TOOLS, help="where install_peers.sh put the peers (default: /tmp/bench)")
    return parser


def _chosen_peers(named: list[str] | None) -> list[str]:
    if named is None:
        return []
    unknown = [p for p in named if p not in peers.PEERS]
    if unknown:
        raise SystemExit(f"unknown peer {unknown[0]!r}: choose from {', '.join(peers.PEERS)}")
    return named or list(peers.PEERS)


def machine() -> str:
    """The machine the figures come from."""
    memory = ""
    try:
        with open("/proc/meminfo") as info:
            kib = int(info.readline().split()[1])
        memory = f", {kib / 1024 / 1024:.1f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"# {os.cpu_count()} cores (nproc){memory}, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def bench_one(n: int, args: argparse.Namespace, kit: peers.Kit, chosen: list[str]) -> dict:
    """Every measurement for one board size, runs interleaved so load drifts hit all alike."""
    corpus = _corpus(args.workdir, n)
    output = args.workdir / f"out{n}"
    posting = sorted((corpus / "content" / "jobs").iterdir())[n // 2]
    original = posting.read_bytes()
    runs: dict[str, list[measure.Run]] = {}
    extra: dict[str, list[dict]] = {}

    def record(name: str, done: measure.Run) -> None:
        runs.setdefault(name, []).append(done)
        if done.stdout.strip().startswith("{"):
            extra.setdefault(name, []).append(json.loads(done.stdout.strip().splitlines()[-1]))

    if chosen:
        kit.make_corpus(args.workdir / f"peers{n}", n, SEED)
    try:
        for run in range(args.runs):
            shutil.rmtree(corpus / CACHE_DIR, ignore_errors=True)
            shutil.rmtree(output, ignore_errors=True)
            record("cold", _jobsite(corpus, output, search=False))
            record("warm", _jobsite(corpus, output, search=False))
            posting.write_bytes(original + f"\nChanged in run {run}.\n".encode())
            record("one changed", _jobsite(corpus, output, search=False))
            posting.write_bytes(original)
            if not args.no_search:
                shutil.rmtree(corpus / CACHE_DIR, ignore_errors=True)
                shutil.rmtree(output, ignore_errors=True)
                record("cold + search", _jobsite(corpus, output, search=True))
            for peer in chosen:
                peer_out = args.workdir / f"out{n}-{peer}"
                settle(args.workdir)
                record(peer, peers.build_peer(kit, peer, args.workdir / f"peers{n}", peer_out))
                if peer == "hugo" and not args.no_search:
                    settle(args.workdir)
                    record("pagefind over hugo", peers.index_with_pagefind(kit, peer_out))
    finally:
        posting.write_bytes(original)
    result = {
        "n": n,
        "pages": extra["cold"][0]["pages"],
        "summary": {name: asdict(measure.Summary.of(done)) for name, done in runs.items()},
        "runs": {name: [asdict(r) | {"stdout": ""} for r in done] for name, done in runs.items()},
    }
    if "cold + search" in extra:
        searches = extra["cold + search"]
        result["search"] = {
            "seconds": sorted(s["search_seconds"] for s in searches)[len(searches) // 2],
            "bytes": searches[-1]["search_bytes"],
            "files": searches[-1]["search_files"],
        }
    if not args.no_serve and n <= SERVE_MAX_N:
        reloads = probe_serve(corpus, posting, edits=args.edits)
        result["serve"] = asdict(reloads) | {"median_ms": reloads.median_ms}
    return result


def _corpus(workdir: Path, n: int) -> Path:
    corpus = workdir / f"c{n}"
    stamp = corpus / ".bench-corpus"
    if not stamp.exists() or stamp.read_text() != f"{n} {SEED}":
        shutil.rmtree(corpus, ignore_errors=True)
        write_corpus(corpus, n, SEED)
        stamp.write_text(f"{n} {SEED}")
    return corpus


def settle(workdir: Path, limit: float = 60) -> None:
    """Wait for the earlier builds' detached deletions of replaced output, so no measured build
    shares the disk with the one before it (measure.run then flushes what is left)."""
    deadline = time.monotonic() + limit
    while any(OLD in p.name for p in workdir.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.1)


def _jobsite(corpus: Path, output: Path, search: bool) -> measure.Run:
    settle(output.parent)
    command = [sys.executable, "-m", "jobsite.bench.driver", str(corpus), str(output)]
    done = measure.run(command + ([] if search else ["--no-search"]))
    if done.returncode != 0:
        raise RuntimeError(f"jobsite build failed ({done.returncode}):\n{done.stdout[-3000:]}")
    return done


def report(result: dict) -> str:
    """The table of one board size, with the ratios to Hugo."""
    s = result["summary"]
    pages = result["pages"]
    lines = [
        f"\n## {result['n']:,} postings ({pages:,} jobsite pages)",
        "| build | wall s | CPU s | peak MB (tree PSS) | largest process MB | pages/s |",
        "|---|---|---|---|---|---|",
    ]
    for name, row in s.items():
        rate = f"{pages / row['wall']:,.0f}" if not name.startswith(("hugo", "eleventy", "pelican", "pagefind")) else ""
        lines.append(f"| {name} | {row['wall']:.2f} | {row['cpu']:.2f} | {row['tree_mb']:.0f} | {row['max_rss_mb']:.0f} | {rate} |")
    if "search" in result:
        found = result["search"]
        lines.append(f"\nsearch index (Pagefind stage of the build): {found['seconds']:.2f} s, {found['bytes'] / 1e6:.1f} MB in {found['files']} files")
    if "hugo" in s:
        hugo = s["hugo"]
        ratio = lambda name, key="wall", base=hugo["wall"]: f"{s[name][key] / base:.2f}x" if name in s else "n/a"
        lines.append(
            f"\nratios to Hugo (wall): cold {ratio('cold')}, warm {ratio('warm')}, one changed {ratio('one changed')}"
            f"; CPU: cold {ratio('cold', 'cpu', hugo['cpu'])}, warm {ratio('warm', 'cpu', hugo['cpu'])}"
            f"; peak memory (tree) {ratio('cold', 'tree_mb', hugo['tree_mb'])}"
        )
        if "cold + search" in s and "pagefind over hugo" in s:
            both = hugo["wall"] + s["pagefind over hugo"]["wall"]
            lines.append(f"jobsite with search / (Hugo + Pagefind): {s['cold + search']['wall'] / both:.2f}x ({s['cold + search']['wall']:.2f} s vs {both:.2f} s)")
    if "serve" in result:
        serve = result["serve"]
        waits = ", ".join(f"{w:.0f}" for w in serve["edit_to_reload_ms"])
        lines.append(f"serve edit-to-reload: median {serve['median_ms']:.0f} ms (each: {waits} ms; first build {serve['first_build_s']:.1f} s)")
    lines += ["", "| target (issue 15) | same-run figures | result |", "|---|---|---|"]
    lines += [f"| {name} | {figures} | {'**met**' if met else '**missed**'} |" for name, figures, met in targets(result)]
    return "\n".join(lines)


# (what, jobsite's build, the peers it is compared with, the largest ratio allowed)
RATIO_TARGETS = (
    ("warm ≤ 1.0× Hugo", "warm", ("hugo",), 1.0),
    ("one changed ≤ 1.0× Hugo", "one changed", ("hugo",), 1.0),
    ("cold ≤ 2.5× Hugo", "cold", ("hugo",), 2.5),
    ("cold ≤ 1.0× Eleventy", "cold", ("eleventy",), 1.0),
    ("cold with search ≤ 1.0× Hugo + Pagefind", "cold + search", ("hugo", "pagefind over hugo"), 1.0),
)
SERVE_TARGET_MS = 300
MEMORY_TARGET_MB = 2000  # with search, at 20,000 postings


def targets(result: dict) -> list[tuple[str, str, bool]]:
    """Each target this run can judge: (target, the figures, met)."""
    s = result["summary"]
    found = []
    for name, ours, peers, limit in RATIO_TARGETS:
        if ours in s and all(p in s for p in peers):
            theirs = sum(s[p]["wall"] for p in peers)
            ratio = s[ours]["wall"] / theirs
            found.append((name, f"{ratio:.2f}× ({s[ours]['wall']:.2f} s vs {theirs:.2f} s, medians)", ratio <= limit))
    if "hugo" in s and "cold" in s:
        ratio = s["cold"]["tree_mb"] / s["hugo"]["tree_mb"]
        found.append(("peak memory ≤ Hugo's", f"{ratio:.2f}× ({s['cold']['tree_mb']:.0f} MB vs {s['hugo']['tree_mb']:.0f} MB)", ratio <= 1.0))
    if result["n"] >= 20000 and "cold + search" in s:
        peak = s["cold + search"]["tree_mb"]
        found.append((f"{result['n']:,} postings with search < 2 GB", f"{peak:,.0f} MB (tree PSS)", peak < MEMORY_TARGET_MB))
    if "serve" in result:
        median = result["serve"]["median_ms"]
        found.append((f"serve edit-to-reload ≤ {SERVE_TARGET_MS} ms", f"median {median:.0f} ms", median <= SERVE_TARGET_MS))
    return found


if __name__ == "__main__":
    raise SystemExit(main())
