"""Resolved entities and relations to a graph: a networkx MultiDiGraph, or the compact
`EdgeListGraph` a large build writes its outputs from (the contract in models.py)."""
from __future__ import annotations

from collections import Counter
from typing import Iterable, Iterator

import networkx as nx

from ..models import Entity, Relation
from .source import EdgeRecord, GraphSource, Pair, as_source, edge_attributes, edge_item, record_pair
from .spill import EDGE_SINKS

__all__ = ["EdgeListGraph", "EdgeRecord", "clean_value", "edge_attributes", "edge_item", "summary", "to_networkx"]


def clean_value(value):
    """A property value as the graph holds it: lists (tuples, sets) as lists of str."""
    if isinstance(value, (list, tuple, set)):
        return [str(v) for v in value]
    return value


def to_networkx(entities: Iterable[Entity], relations: Iterable[Relation]) -> nx.MultiDiGraph:
    """A MultiDiGraph: nodes keyed by entity id, edges keyed by relation id, sorted for stable output."""
    G = nx.MultiDiGraph()
    for e in sorted(entities, key=lambda e: e.id):
        attrs = {k: clean_value(v) for k, v in sorted(e.props.items()) if v is not None and k not in {"label", "name"}}
        G.add_node(e.id, label=e.label.value, name=e.name, **attrs)
    for r in sorted(relations, key=lambda r: r.id):
        p = r.provenance
        attrs = {k: clean_value(v) for k, v in sorted(r.props.items()) if v is not None}
        G.add_edge(r.source, r.target, key=r.id, type=r.type.value, doc=p.doc, doc_id=p.doc_id,
                   evidence=p.evidence, start=p.start, end=p.end, **attrs)
    return G


class _Nodes:
    """`G.nodes` of EdgeListGraph: iterate ids, `G.nodes[n]` for attributes, `G.nodes(data=True)`."""
    __slots__ = ("_data",)

    def __init__(self, data: dict[str, dict]):
        self._data = data

    def __call__(self, data: bool | str = False, default=None) -> Iterator:
        if data is True:
            return iter(self._data.items())
        if data:
            return ((n, d.get(data, default)) for n, d in self._data.items())
        return iter(self._data)

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __getitem__(self, node: str) -> dict:
        return self._data[node]

    def __contains__(self, node) -> bool:
        return node in self._data

    def __len__(self) -> int:
        return len(self._data)


class EdgeListGraph:
    """A read-only directed multigraph held compactly: node attributes by id, and edges as records
    (a list, or a graph.spill sink: EdgeList in memory, EdgeSpill out of the heap) whose attribute
    dicts are made as they are read. It is a source.GraphSource, what every writer reads, and
    offers the part of networkx's reading API tests and views use (`nodes`, `edges`, counts, `in`,
    `graph`); `to_networkx()` gives the full graph."""

    def __init__(self, nodes: dict[str, dict], edges: Iterable[EdgeRecord], graph: dict | None = None):
        self._nodes, self._edges = nodes, edges
        self._sink = edges if isinstance(edges, EDGE_SINKS) else None  # keeps records by pair, and counts
        self.graph = dict(graph or {})

    @property
    def nodes(self) -> _Nodes:
        return _Nodes(self._nodes)

    def edges(self, keys: bool = False, data: bool | str = False, default=None) -> Iterator[tuple]:
        """(source, target[, key][, data]) per edge, like `MultiDiGraph.edges`; `data` may name one
        attribute (`data="type"`), which is read without making the dict."""
        for record in self._edges:
            if data is True:
                value = edge_attributes(record)
            elif data:
                value = record.type if data == "type" else edge_attributes(record).get(data, default)
            if keys:
                yield (record.source, record.target, record.id, value) if data else (record.source, record.target, record.id)
            else:
                yield (record.source, record.target, value) if data else (record.source, record.target)

    def edge_records(self, pairs: Iterable[Pair] | None = None) -> Iterator[EdgeRecord]:
        """The edge records themselves (see source.EdgeRecord), for writers that need no attribute
        dicts; `pairs`: only those of these (type, from label, to label)s (from a sink that keeps
        them by pair, only their chunks are read)."""
        if pairs is None:
            return iter(self._edges)
        if self._sink is not None:
            return self._sink.records(pairs)
        wanted = set(pairs)
        return (r for r in self._edges if record_pair(r) in wanted)

    def pair_counts(self) -> dict[Pair, int] | None:
        """Records per (type, from label, to label), pairs with none left out, as the edges' sink
        (graph.spill.EdgeList or EdgeSpill) noted them while records came; None for a plain list."""
        return None if self._sink is None else {pair: n for pair, n in self._sink.layout.pairs.items() if n}

    def edge_properties(self) -> dict[str, set[tuple[str, type]]] | None:
        """Each type's (property, Python type)s, as the sink noted them; None for a plain list."""
        return None if self._sink is None else self._sink.layout.properties

    def number_of_nodes(self) -> int:
        return len(self._nodes)

    def number_of_edges(self) -> int:
        return len(self._edges)

    def edge_type_counts(self) -> Counter:
        """Edges per type (kept by an EdgeSpill as records come, so no pass over the edges)."""
        return Counter(self._sink.layout.types) if self._sink is not None else Counter(r.type for r in self._edges)

    def __len__(self) -> int:
        return len(self._nodes)

    def __iter__(self) -> Iterator[str]:
        return iter(self._nodes)

    def __contains__(self, node) -> bool:
        return node in self._nodes

    def is_directed(self) -> bool:
        return True

    def is_multigraph(self) -> bool:
        return True

    def to_networkx(self) -> nx.MultiDiGraph:
        G = nx.MultiDiGraph(**self.graph)
        G.add_nodes_from(self._nodes.items())
        # by id, as build.to_networkx adds them: the same graph in the same order
        G.add_edges_from((r.source, r.target, r.id, edge_attributes(r)) for r in sorted(self._edges))
        return G


def summary(G: GraphSource | nx.MultiDiGraph) -> dict[str, dict[str, int]]:
    """Counts of nodes by label and edges by type."""
    source = as_source(G)
    nodes = Counter(label for _, label in source.nodes(data="label"))
    edges = source.edge_type_counts()
    return {"nodes": dict(sorted(nodes.items())), "edges": dict(sorted(edges.items()))}
