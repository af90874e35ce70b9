"""Extraction on 24 reports of our own (tests/fixtures/synthetic: every level, Traditional and glossed
scripts, web chrome, PDF text, ethnic names) against their gold: a guard on generality."""
from pathlib import Path

import pytest

from graph.evaluate import evaluate, read_gold
from graph.pipeline import build_graph

SYNTHETIC = Path(__file__).resolve().parent.parent / "fixtures" / "synthetic"
BARS = {"persons": 0.97, "attended": 0.95, "chaired": 0.93, "spoke": 0.95, "meetings": 0.93}


@pytest.fixture(scope="module")
def scores():
    graph = build_graph([str(p) for p in sorted(SYNTHETIC.glob("*.txt"))]).graph
    return evaluate(graph, read_gold(SYNTHETIC))[0]


@pytest.mark.parametrize("measure, bar", BARS.items())
def test_synthetic_reports_meet_the_bars(scores, measure, bar):
    assert scores[measure]["f1"] >= bar, scores[measure]
