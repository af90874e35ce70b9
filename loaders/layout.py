"""Positions for big graph pages, computed in Python so the browser needs little or no physics.

Three levels, each small enough for a force layout in pure Python: the hubs of a connected
component (its meetings, or its best-linked nodes when it has none) are linked by the people they
share and split into communities (Louvain); the communities are laid out as discs sized by what
they hold, the hubs inside each disc, and every other node beside the hubs it links to (a person
at one meeting rings it, a person at two sits between them). Components are packed in rows,
biggest first. Reproducible (no randomness) and about linear in the graph's size.
"""
from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from itertools import combinations

import networkx as nx

GOLDEN = math.pi * (3 - math.sqrt(5))
Pos = dict[str, list[float]]


def _unit(key: str) -> float:
    """A stable pseudo-random number in [0, 1) for a string."""
    return int(hashlib.blake2b(key.encode("utf-8"), digest_size=4).hexdigest(), 16) / 2**32


def sunflower(keys: list) -> dict:
    """Points spread evenly over a disc of radius ~sqrt(len(keys)), first keys in the middle."""
    return {key: [math.sqrt(i + 0.5) * math.cos(i * GOLDEN), math.sqrt(i + 0.5) * math.sin(i * GOLDEN)]
            for i, key in enumerate(keys)}


def force_layout(pos: dict, weights: dict[tuple, float], *, iterations: int = 60) -> dict:
    """Fruchterman-Reingold with unit ideal distance, in place. Repulsion comes only from nodes in
    neighbouring grid cells (the original paper's trick) so an iteration costs about linear time;
    small graphs (<= 60 nodes) use every pair."""
    nodes = list(pos)
    if len(nodes) < 2:
        return pos
    exact, cell = len(nodes) <= 60, 2.0
    temperature = math.sqrt(len(nodes)) * 0.2
    # the positions as two lists and the weights by index while the layout runs (no look-ups by name)
    at = {n: i for i, n in enumerate(nodes)}
    links = [(at[a], at[b], w) for (a, b), w in weights.items()]
    xs, ys = [pos[n][0] for n in nodes], [pos[n][1] for n in nodes]
    for _ in range(iterations):
        # the displacements, starting from the repulsions (lists of their own, changed below)
        dxs, dys = _all_pairs_repulsion(nodes, xs, ys) if exact else _near_repulsion(nodes, xs, ys, cell)
        for a, b, w in links:
            dx, dy = xs[a] - xs[b], ys[a] - ys[b]
            f = w * math.sqrt(dx * dx + dy * dy)  # d^2 / k along the unit vector
            dxs[a] -= dx * f
            dys[a] -= dy * f
            dxs[b] += dx * f
            dys[b] += dy * f
        for i, (dx, dy) in enumerate(zip(dxs, dys, strict=True)):
            d = math.sqrt(dx * dx + dy * dy)
            if d > 0:
                step = (d if d < temperature else temperature) / d  # (min(), without a call per node)
                xs[i] += dx * step
                ys[i] += dy * step
        temperature = max(temperature * 0.93, 0.02)
    for n, x, y in zip(nodes, xs, ys, strict=True):
        pos[n][0], pos[n][1] = x, y
    return pos


# The two repulsions below are the hot loops of a page's layout (a pass over pairs of nodes per
# iteration): each node's pushes are added up in the order of the others in `nodes` (the grid's:
# cell by cell), as the positions, rounded into the page, depend on that order to the last bit.
# Each gives the pushes' x and y parts as two lists in `nodes` order (a sum never is -0.0, so
# they are what adding them to displacements of 0.0 would give).

def _apart(a, b) -> tuple[float, float]:
    """The direction two nodes on top of each other are pushed apart in, from a's point of view:
    taken from their names, so the same for the same graph."""
    return _unit(str(a)) - 0.5, _unit(str(b)) - 0.5


def _pair_pushes(nodes: list, members: list, later: list, reach: float, fxs: list[float], fys: list[float]) -> None:
    """Add to fxs/fys the pushes, k^2 / d along the unit vector, between the nodes `members` ((index,
    x, y) in order) and from each of them to the ones after it and to `later`, those closer than
    `reach` (squared). A pair's push is worked out once: the other end's is its negative, exactly
    (a - b is -(b - a) in floating point), and it reaches that end before the end's own row is
    added up, so the order of the sums is that of a row-by-row sum."""
    for p, (a, ax, ay) in enumerate(members):
        fx, fy = fxs[a], fys[a]  # the pushes from the nodes before it
        for b, bx, by in members[p + 1:] + later:
            dx = ax - bx
            dy = ay - by
            d2 = dx * dx + dy * dy
            if d2 < reach:
                if d2 < 1e-6:  # on top of each other: apart in directions of their names (not symmetric)
                    ua, ub = _apart(nodes[a], nodes[b])
                    fx += ua / 0.01
                    fy += ub / 0.01
                    fxs[b] += ub / 0.01
                    fys[b] += ua / 0.01
                    continue
                tx = dx / d2
                ty = dy / d2
                fx += tx
                fy += ty
                fxs[b] -= tx
                fys[b] -= ty
        fxs[a], fys[a] = fx, fy


def _all_pairs_repulsion(nodes: list, xs: list[float], ys: list[float]) -> tuple[list[float], list[float]]:
    """The push on each node from every other one (see `_pair_pushes`)."""
    fxs, fys = [0.0] * len(nodes), [0.0] * len(nodes)
    _pair_pushes(nodes, list(zip(range(len(nodes)), xs, ys, strict=True)), [], math.inf, fxs, fys)
    return fxs, fys


# The cells after a cell in sorted order among its eight neighbours (those before it are the
# ones it comes after), in that order
_LATER_CELLS = ((0, 1), (1, -1), (1, 0), (1, 1))


def _near_repulsion(nodes: list, xs: list[float], ys: list[float], cell: float) -> tuple[list[float], list[float]]:
    """The push on each node from the others closer than `cell`, found among the nodes of its own
    and the eight neighbouring grid cells (see `_pair_pushes`). The cells are taken in sorted order,
    which is the order a node's neighbouring cells are added up in, so its pushes from earlier cells
    and from the nodes before it in its own cell reach it before its own row is added up."""
    grid: dict[tuple[int, int], list] = defaultdict(list)
    for i, (x, y) in enumerate(zip(xs, ys, strict=True)):
        grid[(int(x // cell), int(y // cell))].append((i, x, y))
    fxs, fys = [0.0] * len(nodes), [0.0] * len(nodes)
    for gx, gy in sorted(grid):
        later = [m for dx, dy in _LATER_CELLS for m in grid.get((gx + dx, gy + dy), ())]
        _pair_pushes(nodes, grid[(gx, gy)], later, cell * cell, fxs, fys)
    return fxs, fys


def separate_discs(centres: dict, radii: dict, *, rounds: int = 60) -> dict:
    """Push overlapping discs apart (in place) until none overlap or the rounds run out."""
    keys = list(centres)
    for _ in range(rounds if len(keys) <= 200 else 15):
        moved = False
        for a, b in combinations(keys, 2):
            dx, dy = centres[b][0] - centres[a][0], centres[b][1] - centres[a][1]
            d = math.sqrt(dx * dx + dy * dy)
            gap = radii[a] + radii[b] - d
            if gap > 0:
                if d < 1e-6:
                    dx, dy, d = math.cos(_unit(str(b)) * 6.283), math.sin(_unit(str(b)) * 6.283), 1.0
                share = gap / 2 / d
                centres[a][0] -= dx * share
                centres[a][1] -= dy * share
                centres[b][0] += dx * share
                centres[b][1] += dy * share
                moved = True
        if not moved:
            break
    return centres


def _hub_weights(U: nx.Graph, nodes: list[str], hubs: set[str]) -> dict[tuple[str, str], float]:
    """Hubs linked by the nodes they share (a node shared by many hubs chains them instead of
    linking every pair, which would be quadratic), plus any direct hub-hub edge."""
    weights: dict[tuple[str, str], float] = defaultdict(float)
    for n in nodes:
        if n in hubs:
            for m in U[n]:
                if m in hubs and m != n:
                    weights[tuple(sorted((n, m)))] = max(weights[tuple(sorted((n, m)))], 1.0)
            continue
        linked = sorted(m for m in U[n] if m in hubs)
        pairs = combinations(linked, 2) if len(linked) <= 8 else zip(linked, linked[1:], strict=False)
        for a, b in pairs:
            weights[(a, b)] += 1.0 / (len(linked) - 1)
    return dict(weights)


def _typical_gap(pos: dict) -> float:
    """The median distance from a node to its nearest neighbour (over at most 60 nodes)."""
    keys = list(pos)
    if len(keys) < 2:
        return 1.0
    gaps = sorted(min(math.dist(pos[a], pos[b]) for b in keys if b != a) for a in keys[:: max(1, len(keys) // 60)])
    return max(gaps[len(gaps) // 2], 1e-3)


def _place_hubs(hubs: list[str], weights: dict[tuple[str, str], float], per_hub: float, spacing: float) -> Pos:
    """Hub positions in pixels around (0, 0): communities as discs, hubs force-laid inside them."""
    W = nx.Graph()
    W.add_nodes_from(hubs)
    W.add_weighted_edges_from((a, b, w) for (a, b), w in weights.items())
    communities = ([sorted(c) for c in nx.community.louvain_communities(W, weight="weight", seed=1)]
                   if len(hubs) > 12 else [sorted(hubs)])
    communities.sort(key=lambda c: (-len(c), c[0]))
    home = {h: i for i, c in enumerate(communities) for h in c}
    hub_gap = spacing * max(1.5, 1.3 * math.sqrt(per_hub))  # room for each hub's ring of satellites
    inner: dict[int, dict] = defaultdict(dict)  # community -> the weights within it, in order (one pass)
    for (a, b), w in weights.items():
        if home[a] == home[b]:
            inner[home[a]][(a, b)] = min(w, 3.0)
    pos: Pos = {}
    radii = {}
    for i, members in enumerate(communities):
        local = force_layout(sunflower(members), inner[i], iterations=max(20, min(80, 40000 // len(members))))
        cx = sum(p[0] for p in local.values()) / len(local)
        cy = sum(p[1] for p in local.values()) / len(local)
        scale = hub_gap / _typical_gap(local)
        local = {h: [(p[0] - cx) * scale, (p[1] - cy) * scale] for h, p in local.items()}
        radii[i] = max(math.hypot(*p) for p in local.values()) + hub_gap
        pos.update({h: p + [i] for h, p in local.items()})
    between: dict[tuple[int, int], float] = defaultdict(float)
    for (a, b), w in weights.items():
        if home[a] != home[b]:
            between[tuple(sorted((home[a], home[b])))] += w
    top = max(between.values(), default=1.0)
    centres = force_layout(sunflower(list(range(len(communities)))), {k: w / top for k, w in between.items()},
                           iterations=80)
    mean_r = sum(radii.values()) / len(radii)
    centres = {i: [p[0] * mean_r * 2, p[1] * mean_r * 2] for i, p in centres.items()}
    separate_discs(centres, {i: r * 1.05 for i, r in radii.items()})
    return {h: [p[0] + centres[p[2]][0], p[1] + centres[p[2]][1]] for h, p in pos.items()}


def _component_layout(G: nx.MultiDiGraph, U: nx.Graph, comp: list[str], spacing: float) -> Pos:
    """Positions of one connected component, in pixels, around (0, 0)."""
    if len(comp) == 1:
        return {comp[0]: [0.0, 0.0]}
    degree = {n: U.degree(n) for n in comp}
    hubs = sorted(n for n in comp if G.nodes[n].get("label") == "Meeting")
    if not hubs:
        hubs = sorted(comp, key=lambda n: (-degree[n], n))[: max(1, len(comp) // 8)]
    pos = _place_hubs(hubs, _hub_weights(U, comp, set(hubs)), len(comp) / len(hubs), spacing)
    # Everything else in breadth-first order from the hubs, each near the mean of its placed neighbours.
    frontier, seen = sorted(hubs), set(hubs)
    while frontier:
        nxt = []
        for n in frontier:
            for m in sorted(U[n]):
                if m not in seen:
                    seen.add(m)
                    nxt.append(m)
        for n in nxt:
            placed = [pos[m] for m in U[n] if m in pos]
            mx = sum(p[0] for p in placed) / len(placed)
            my = sum(p[1] for p in placed) / len(placed)
            angle, dist = 2 * math.pi * _unit(n), spacing * (0.7 + 0.9 * _unit(n + "#"))
            pos[n] = [mx + dist * math.cos(angle), my + dist * math.sin(angle)]
        frontier = nxt
    return pos


def seed_layout(G: nx.MultiDiGraph, *, spacing: float = 60.0, skip: tuple[str, ...] = ("MENTIONED_IN",)
                ) -> dict[str, tuple[float, float]]:
    """Positions (x, y) in page pixels for every node of G, ignoring edges of the `skip` types."""
    U = nx.Graph()
    U.add_nodes_from(G)
    U.add_edges_from((u, v) for u, v, d in G.edges(data=True) if d.get("type") not in skip and u != v)
    comps = sorted((sorted(c) for c in nx.connected_components(U)), key=lambda c: (-len(c), c[0]))
    laid = [_component_layout(G, U, comp, spacing) for comp in comps if len(comp) > 1]
    # Nodes linked to nothing drawn go last, in one square block, grouped by label.
    lone = sorted((c[0] for c in comps if len(c) == 1), key=lambda n: (G.nodes[n].get("label", ""), n))
    if lone:
        cols = math.ceil(math.sqrt(len(lone)))
        laid.append({n: [(i % cols) * spacing / 2, (i // cols) * spacing / 2] for i, n in enumerate(lone)})
    m = spacing / 2
    boxes = [(min(p[0] for p in pos.values()) - m, min(p[1] for p in pos.values()) - m,
              max(p[0] for p in pos.values()) + m, max(p[1] for p in pos.values()) + m) for pos in laid]
    out: dict[str, tuple[float, float]] = {}
    area = sum((b[2] - b[0]) * (b[3] - b[1]) for b in boxes)
    row_width = max([math.sqrt(area) * 1.3] + [b[2] - b[0] for b in boxes])
    x = y = row_height = 0.0
    for pos, (x0, y0, x1, y1) in zip(laid, boxes, strict=True):
        if x > 0 and x + (x1 - x0) > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for n, (px, py) in pos.items():
            out[n] = (round(x + px - x0, 1), round(y + py - y0, 1))
        x, row_height = x + (x1 - x0), max(row_height, y1 - y0)
    return out
