"""The benchmark runs end to end on a tiny board (the real figures come from `python -m jobsite.bench`)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from jobsite.bench.corpus import write_corpus

KIT = Path(__file__).resolve().parents[2] / "shared" / "bench"


def test_bench_runs_at_twenty_postings(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "jobsite.bench", "--n", "20", "--runs", "1", "--edits", "1", "--workdir", str(tmp_path)],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "## 20 postings (" in out
    for row in ("| cold |", "| warm |", "| one changed |", "| cold + search |"):
        assert row in out
    assert "search index (Pagefind stage of the build):" in out
    assert "serve edit-to-reload: median" in out
    result = json.loads((tmp_path / "results.json").read_text())["results"][0]
    assert result["n"] == 20 and result["pages"] > 20
    assert result["summary"]["cold"]["tree_mb"] > 0
    assert len(list((tmp_path / "c20" / "content" / "companies").iterdir())) == 1


def test_corpus_is_deterministic_and_in_jobsite_format(tmp_path):
    first = write_corpus(tmp_path / "a", 40)
    second = write_corpus(tmp_path / "b", 40)
    assert [f.read_bytes() for f in first] == [f.read_bytes() for f in second]
    text = first[0].read_text(encoding="utf-8")
    for key in ("title:", "company:", "location:", "remote:", "employment_type:", "salary:", "  period: year",
                "posted:", "expires:", "apply_url:", "tags:"):
        assert f"\n{key}" in text
    words = [len(f.read_text(encoding="utf-8").split("\n---\n", 1)[1].split()) for f in first]
    assert 600 <= sum(words) / len(words) <= 900


@pytest.mark.skipif(not (KIT / "make_corpus.py").is_file(), reason="the benchmark kit (../shared/bench) is not beside the repository")
def test_corpus_bodies_match_the_kit_the_peers_build(tmp_path):
    mine = write_corpus(tmp_path / "mine", 30)
    subprocess.run([sys.executable, str(KIT / "make_corpus.py"), "--n", "30", "--out", str(tmp_path / "kit"), "--layouts", "canonical"],
                   check=True, capture_output=True)
    theirs = sorted((tmp_path / "kit" / "postings").iterdir())
    assert [f.name for f in mine] == [f.name for f in theirs]
    body = lambda f: f.read_text(encoding="utf-8").split("\n---\n", 1)[1].strip()
    assert [body(f) for f in mine] == [body(f) for f in theirs]


def test_targets_are_judged_on_same_run_medians():
    from jobsite.bench.__main__ import targets

    def row(wall, mb=100):
        return {"wall": wall, "cpu": wall, "max_rss_mb": mb, "tree_mb": mb, "runs": 3}

    summary = {"cold": row(8.0), "warm": row(2.5), "one changed": row(2.7), "cold + search": row(12.0, 2100),
               "hugo": row(2.5, 570), "pagefind over hugo": row(9.5), "eleventy": row(7.3)}
    judged = {name: (figures, met) for name, figures, met in targets({"n": 20000, "summary": summary, "serve": {"median_ms": 310}})}
    assert judged["warm ≤ 1.0× Hugo"] == ("1.00× (2.50 s vs 2.50 s, medians)", True)
    assert judged["one changed ≤ 1.0× Hugo"][1] is False
    assert judged["cold ≤ 2.5× Hugo"] == ("3.20× (8.00 s vs 2.50 s, medians)", False)
    assert judged["cold with search ≤ 1.0× Hugo + Pagefind"] == ("1.00× (12.00 s vs 12.00 s, medians)", True)
    assert judged["20,000 postings with search < 2 GB"] == ("2,100 MB (tree PSS)", False)
    assert judged["serve edit-to-reload ≤ 300 ms"] == ("median 310 ms", False)
