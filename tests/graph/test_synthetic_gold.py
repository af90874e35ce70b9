"""Extraction on 64 reports of our own against their gold, a guard on generality:
tests/fixtures/synthetic (24: every level, Traditional and glossed scripts, web chrome, PDF text,
ethnic names), tests/fixtures/heldout (20, written later by another hand, in other outlets' styles)
and tests/fixtures/heldout2 (20 longer, messier ones; its bars are lower: it is read less well)."""
from pathlib import Path

import pytest

from graph.evaluate import evaluate, read_gold
from graph.pipeline import build_graph

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
BARS = {"persons": 0.97, "attended": 0.95, "chaired": 0.95, "spoke": 0.95, "meetings": 0.95}
HARDER_BARS = {"persons": 0.95, "attended": 0.82, "chaired": 0.90, "spoke": 0.83, "meetings": 0.95}


@pytest.fixture(scope="module", params=["synthetic", "heldout", "heldout2"])
def scored(request):
    folder = FIXTURES / request.param
    graph = build_graph([str(p) for p in sorted(folder.glob("*.txt"))]).graph
    return request.param, evaluate(graph, read_gold(folder))[0]


@pytest.mark.parametrize("measure", BARS)
def test_reports_of_our_own_meet_the_bars(scored, measure):
    name, scores = scored
    bar = (HARDER_BARS if name == "heldout2" else BARS)[measure]
    assert scores[measure]["f1"] >= bar, (name, scores[measure])
