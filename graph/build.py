"""Resolved entities and relations to a networkx graph (the contract in models.py)."""
from __future__ import annotations

from collections import Counter
from typing import Iterable

import networkx as nx

from .models import Entity, Relation


def _clean(value):
    if isinstance(value, (list, tuple, set)):
        return [str(v) for v in value]
    return value


def to_networkx(entities: Iterable[Entity], relations: Iterable[Relation]) -> nx.MultiDiGraph:
    """A MultiDiGraph: nodes keyed by entity id, edges keyed by relation id, sorted for stable output."""
    G = nx.MultiDiGraph()
    for e in sorted(entities, key=lambda e: e.id):
        attrs = {k: _clean(v) for k, v in sorted(e.props.items()) if v is not None and k not in {"label", "name"}}
        G.add_node(e.id, label=e.label.value, name=e.name, **attrs)
    for r in sorted(relations, key=lambda r: r.id):
        p = r.provenance
        attrs = {k: _clean(v) for k, v in sorted(r.props.items()) if v is not None}
        G.add_edge(r.source, r.target, key=r.id, type=r.type.value, doc=p.doc, doc_id=p.doc_id,
                   evidence=p.evidence, start=p.start, end=p.end, **attrs)
    return G


def summary(G: nx.MultiDiGraph) -> dict[str, dict[str, int]]:
    """Counts of nodes by label and edges by type."""
    nodes = Counter(d["label"] for _, d in G.nodes(data=True))
    edges = Counter(d["type"] for _, _, d in G.edges(data=True))
    return {"nodes": dict(sorted(nodes.items())), "edges": dict(sorted(edges.items()))}
