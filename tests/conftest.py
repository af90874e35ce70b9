"""Shared fixtures: the seed reports, their gold annotations, and the graph built from them."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = Path(__file__).resolve().parent / "gold"
DEVSET = ROOT.parent / "shared" / "devset"  # beside the clone, as on CI; its texts are never read here
REAL_CORPUS = ROOT.parent / "shared" / "corpus" / "real.jsonl"  # 5,523 real reports, JSON Lines; beside it too


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def seed_gold() -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))}


@pytest.fixture(scope="session")
def seed_build():
    """The BuildResult of the five seeds (built once per test session)."""
    from huiyi.graph.run.pipeline import build_graph
    return build_graph([SEEDS], keep_text=True)  # the tests read evidence back from the texts


@pytest.fixture(scope="session")
def seed_graph(seed_build):
    return seed_build.graph


@pytest.fixture(scope="session")
def seed_compact():
    """The seeds' graph as `huiyi build` writes its outputs from: a build.EdgeListGraph whose edges
    are in a spill (graph/spill.py). Read-only: tests must not change it."""
    from huiyi.graph.run.pipeline import build_graph
    return build_graph([SEEDS], compact=True).graph


@pytest.fixture(scope="session")
def built_out(tmp_path_factory):
    """`huiyi build FOLDER --out TMP` (a folder of reports or a JSON Lines file) run once per input
    per session, with two processes; returns TMP (graph.json in it). An input that is not there is
    skipped, with the reason."""
    made: dict[Path, Path] = {}

    def build(folder: Path) -> Path:
        if not folder.exists():
            pytest.skip(f"{folder} is not here (the shared folder beside the clone)")
        if folder not in made:
            out = tmp_path_factory.mktemp(folder.stem)
            done = subprocess.run([sys.executable, "-m", "huiyi.graph.cli", "build", str(folder), "--out", str(out),
                                   "--no-html", "--no-store", "--no-cache", "--quiet", "--jobs", "2"],
                                  capture_output=True, text=True, cwd=ROOT)
            assert (out / "graph.json").exists(), f"huiyi build {folder} failed: {done.stderr[-2000:]}"
            made[folder] = out
        return made[folder]

    return build
