"""The one interface every writer reads a graph through: `GraphSource`.

A writer (graph.json, the page, the stores' rows, summaries) needs the nodes with their attributes,
the edges as records (see `EdgeRecord`), and, when the graph kept them as its edges came, the
records per (type, from label, to label) and each type's property types, so that it can read one
pair's records alone and skip a pass over the edges. The compact graph a build produces
(`build.EdgeListGraph`) is a GraphSource; `as_source` wraps a networkx graph in `NetworkxSource`,
which keeps no counts. Writers call `as_source(G)` once and never ask what kind of graph they got.
"""
from __future__ import annotations

from collections import Counter
from itertools import islice
from typing import Any, Iterable, Iterator, NamedTuple, Protocol, runtime_checkable

import networkx as nx


class EdgeRecord(NamedTuple):
    """An edge as the merge writes it and every writer reads it: a tuple (as cheap to pickle and to
    hold; a million small attribute dicts, as networkx holds them, would take more memory than the
    rest of a build), its fields named."""
    id: str
    source: str
    target: str
    type: str
    doc: str
    doc_id: str
    evidence: str
    start: int
    end: int
    more: Any  # None, MENTIONED_IN's count (an int) or a dict of further properties

Pair = tuple[str, str, str]  # (type, from label, to label), a label being an id's part before its colon


def edge_attributes(record: EdgeRecord) -> dict[str, Any]:
    """The attributes networkx would hold for one edge record."""
    return _add_attributes({}, record)


def edge_item(record: EdgeRecord) -> dict[str, Any]:
    """An edge record as graph.json's node-link item: id, source, target, then its attributes
    (the dict networkx's edge gives, made in one go)."""
    return _add_attributes({"id": record.id, "source": record.source, "target": record.target}, record)


class WholeAttributes(dict):
    """A record's `more` that is all of an edge's attributes, as they are (a networkx edge that
    lacks some of the record's fixed attributes, or holds them in another order)."""

    def __bool__(self) -> bool:  # (even when empty)
        return True


def _add_attributes(attrs: dict[str, Any], record: EdgeRecord) -> dict[str, Any]:
    _, _, _, attrs["type"], attrs["doc"], attrs["doc_id"], attrs["evidence"], attrs["start"], attrs["end"], more \
        = record
    if isinstance(more, int):
        attrs["count"] = more
    elif more:
        if type(more) is WholeAttributes:
            return {**{k: attrs[k] for k in ("id", "source", "target") if k in attrs}, **more}
        attrs.update(more)
    return attrs


def record_pair(record: EdgeRecord) -> Pair:
    """An edge record's (type, from label, to label) (ids as graph.models.stable_id makes them)."""
    return record.type, record.source[:record.source.find(":")], record.target[:record.target.find(":")]


@runtime_checkable
class GraphSource(Protocol):
    """What writers read: nodes, edge records and, if kept, the records per pair."""
    graph: dict  # the graph's own attributes

    @property
    def nodes(self) -> Any:
        """Like networkx's node view: iterate ids, `nodes[n]`, `nodes(data=True)`, `n in nodes`."""

    def number_of_nodes(self) -> int: ...

    def number_of_edges(self) -> int: ...

    def edge_records(self, pairs: Iterable[Pair] | None = None) -> Iterator[EdgeRecord]:
        """Every edge as a record, in the graph's order; `pairs`: only those of these pairs."""

    def pair_counts(self) -> dict[Pair, int] | None:
        """Records per pair (none left out at 0) as kept while the edges came; None if not kept."""

    def edge_properties(self) -> dict[str, set[tuple[str, type]]] | None:
        """Per type, its further properties' (name, Python type)s, kept with `pair_counts`."""

    def edge_type_counts(self) -> Counter: ...

    def to_networkx(self) -> nx.MultiDiGraph: ...


_FIXED = ("type", "doc", "doc_id", "evidence", "start", "end")


class NetworkxSource:
    """A networkx MultiDiGraph as a GraphSource. A record's `more` is the edge's own dict (its fixed
    attributes are set again from it, in place), so no dict is made per edge; an edge whose dict
    does not start with them gives a WholeAttributes copy, so that writers give it back as it is.
    No counts are kept."""
    __slots__ = ("G", "graph")

    def __init__(self, G: nx.MultiDiGraph):
        self.G, self.graph = G, G.graph

    @property
    def nodes(self):
        return self.G.nodes

    def number_of_nodes(self) -> int:
        return self.G.number_of_nodes()

    def number_of_edges(self) -> int:
        return self.G.number_of_edges()

    def edge_records(self, pairs: Iterable[Pair] | None = None) -> Iterator[EdgeRecord]:
        records = (_record(u, v, k, d) for u, v, k, d in self.G.edges(keys=True, data=True))
        if pairs is None:
            return records
        wanted = set(pairs)
        return (r for r in records if record_pair(r) in wanted)

    def pair_counts(self) -> None:
        return None

    def edge_properties(self) -> None:
        return None

    def edge_type_counts(self) -> Counter:
        return Counter(kind for _, _, kind in self.G.edges(data="type"))

    def to_networkx(self) -> nx.MultiDiGraph:
        return self.G


def _record(u, v, k, d: dict) -> EdgeRecord:
    # a dict that starts with the fixed attributes in order gives them back as it is (no copy)
    regular = len(d) >= len(_FIXED) and tuple(islice(d, len(_FIXED))) == _FIXED
    return EdgeRecord(k, u, v, *map(d.get, _FIXED), d if regular else WholeAttributes(d))


def as_source(G: GraphSource | nx.MultiDiGraph) -> GraphSource:
    """G as a GraphSource: a networkx graph wrapped, a GraphSource (e.g. build.EdgeListGraph) as is."""
    return NetworkxSource(G) if isinstance(G, nx.Graph) else G
