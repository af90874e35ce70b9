"""Shared fixtures: the seed reports, their gold annotations, and the graph built from them."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = Path(__file__).resolve().parent / "gold"


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def seed_gold() -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))}


@pytest.fixture(scope="session")
def seed_build():
    """The BuildResult of the five seeds (built once per test session)."""
    from graph.pipeline import build_graph
    return build_graph([SEEDS], keep_text=True)  # the tests read evidence back from the texts


@pytest.fixture(scope="session")
def seed_graph(seed_build):
    return seed_build.graph


@pytest.fixture(scope="session")
def seed_compact():
    """The seeds' graph as `huiyi build` writes its outputs from: a build.EdgeListGraph whose edges
    are in a spill (graph/spill.py). Read-only: tests must not change it."""
    from graph.pipeline import build_graph
    return build_graph([SEEDS], compact=True).graph
