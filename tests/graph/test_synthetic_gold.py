"""Extraction on 44 reports of our own against their gold, a guard on generality:
tests/fixtures/synthetic (24: every level, Traditional and glossed scripts, web chrome, PDF text,
ethnic names) and tests/fixtures/heldout (20, written later by another hand, in other outlets' styles)."""
from pathlib import Path

import pytest

from graph.evaluate import evaluate, read_gold
from graph.pipeline import build_graph

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
BARS = {"persons": 0.97, "attended": 0.95, "chaired": 0.95, "spoke": 0.95, "meetings": 0.95}


@pytest.fixture(scope="module", params=["synthetic", "heldout"])
def scores(request):
    folder = FIXTURES / request.param
    graph = build_graph([str(p) for p in sorted(folder.glob("*.txt"))]).graph
    return evaluate(graph, read_gold(folder))[0]


@pytest.mark.parametrize("measure, bar", BARS.items())
def test_reports_of_our_own_meet_the_bars(scores, measure, bar):
    assert scores[measure]["f1"] >= bar, scores[measure]
