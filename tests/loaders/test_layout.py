"""Positions for big pages: complete, reproducible, and showing the graph's structure."""
from __future__ import annotations

import math
import time
from statistics import mean

import pytest
from view_graphs import hand_graph, synthetic_graph

from huiyi.loaders.layout import force_layout, seed_layout, separate_discs


@pytest.fixture(scope="module")
def big():
    return synthetic_graph(5000)


@pytest.fixture(scope="module")
def big_layout(big):
    start = time.monotonic()
    pos = seed_layout(big)
    return pos, time.monotonic() - start


def test_every_node_placed_reproducibly(big, big_layout):
    pos, seconds = big_layout
    assert set(pos) == set(big)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in pos.values())
    assert seed_layout(hand_graph()) == seed_layout(hand_graph())
    assert seconds < 15, f"seed_layout took {seconds:.1f}s for 5,000 nodes"


def test_meetings_of_a_province_sit_together(big, big_layout):
    """The generator puts meeting i in province i % 20 and draws its people mostly from there."""
    pos, _ = big_layout
    meetings = sorted((n for n in big if n.startswith("Meeting:")), key=lambda n: int(n.split("第")[1].split("次")[0]))
    province = {m: i % 20 for i, m in enumerate(meetings)}
    same, other = [], []
    for i, a in enumerate(meetings[:120]):
        for b in meetings[i + 1:120]:
            (same if province[a] == province[b] else other).append(math.dist(pos[a], pos[b]))
    assert mean(same) * 3 < mean(other)


def test_hubs_do_not_pile_up(big, big_layout):
    pos, _ = big_layout
    meetings = [pos[n] for n in big if n.startswith("Meeting:")]
    nearest = [min(math.dist(p, q) for q in meetings if q is not p) for p in meetings[:100]]
    assert min(nearest) > 10


def test_components_do_not_overlap():
    G = hand_graph()
    G.add_node("Person:独", label="Person", name="独")  # linked to nothing
    pos = seed_layout(G)
    main = {n for n in G if n not in ("Person:独",)}
    box = (min(pos[n][0] for n in main), min(pos[n][1] for n in main), max(pos[n][0] for n in main),
           max(pos[n][1] for n in main))
    x, y = pos["Person:独"]
    assert not (box[0] <= x <= box[2] and box[1] <= y <= box[3])


def test_force_layout_finds_the_unit_distance():
    pos = force_layout({"a": [0.0, 0.0], "b": [5.0, 0.0]}, {("a", "b"): 1.0}, iterations=200)
    assert 0.7 < math.dist(pos["a"], pos["b"]) < 1.4


def test_separate_discs():
    centres = {i: [0.1 * i, 0.0] for i in range(5)}
    separate_discs(centres, {i: 1.0 for i in range(5)}, rounds=200)
    for a in range(5):
        for b in range(a + 1, 5):
            assert math.dist(centres[a], centres[b]) >= 1.99


def _near_repulsion_row_by_row(nodes, xs, ys, cell):
    """The near repulsion worked out per node, every pair twice: what layout._near_repulsion,
    which works each pair out once, must give to the last bit."""
    from collections import defaultdict

    from huiyi.loaders.layout import _apart

    grid = defaultdict(list)
    for i, (x, y) in enumerate(zip(xs, ys, strict=True)):
        grid[(int(x // cell), int(y // cell))].append(i)
    fxs, fys = [0.0] * len(nodes), [0.0] * len(nodes)
    for a in range(len(nodes)):
        gx, gy = int(xs[a] // cell), int(ys[a] // cell)
        for b in (b for dx in (-1, 0, 1) for dy in (-1, 0, 1) for b in grid.get((gx + dx, gy + dy), ())):
            dx, dy = xs[a] - xs[b], ys[a] - ys[b]
            d2 = dx * dx + dy * dy
            if b != a and d2 < cell * cell:
                if d2 < 1e-6:
                    (dx, dy), d2 = _apart(nodes[a], nodes[b]), 0.01
                fxs[a] += dx / d2
                fys[a] += dy / d2
    return fxs, fys


def test_near_repulsion_adds_each_push_in_order():
    import random

    from huiyi.loaders.layout import _near_repulsion

    rnd = random.Random(7)
    for _ in range(50):
        nodes = [f"n{i}" for i in range(rnd.randint(2, 200))]
        spread = rnd.choice([1.0, 6.0, 30.0])
        xs = [rnd.uniform(-spread, spread) for _ in nodes]
        ys = [rnd.uniform(-spread, spread) for _ in nodes]
        for _ in range(3):  # some on top of each other
            i, j = rnd.randrange(len(nodes)), rnd.randrange(len(nodes))
            xs[j], ys[j] = xs[i], ys[i]
        got = _near_repulsion(nodes, xs, ys, 2.0)
        want = _near_repulsion_row_by_row(nodes, xs, ys, 2.0)
        assert [v.hex() for v in got[0] + got[1]] == [v.hex() for v in want[0] + want[1]]
