"""A graph's relationship rows streamed a pair at a time, for the store's own process
(loaders/store_process.py): the tables' columns and pairs first (`relation_tables`, from what a
compact graph kept as its edges came when it did), then their rows in bounded chunks
(`relation_chunks`), one (type, from label, to label) at a time when the graph reads its records by
pair. graph_rows (loaders/rows.py) is the whole graph's rows at once, for small graphs and the other
sinks.
"""
from __future__ import annotations

from itertools import islice
from typing import Iterator

import networkx as nx

from huiyi.graph.merge.source import as_source
from huiyi.graph.models import RelType

from .rows import (
    EDGE_FIXED,
    NodeTable,
    RelTable,
    _Columns,
    _declared_relation_columns,
    _edge_key,
    _edge_rows,
    _label_of,
    _new_relation_type,
    _relation_layout,
    _table_data,
)


def _ids_name_labels(nodes: dict[str, NodeTable]) -> bool:
    """Whether every node's id starts with its table's label and a colon (graph.models.stable_id),
    so that an edge's (from, to) labels can be read off its ends' ids."""
    return all(table.ids_name_label for table in nodes.values())


def kept_pair_counts(G, nodes: dict[str, NodeTable]) -> dict[tuple[str, str, str], int] | None:
    """Edges per (type, from label, to label) as a compact graph kept them while its records came
    (graph.build.pair_counts), whose records it can read a pair at a time; None when it kept none
    or when its ids do not name their nodes' tables (then the edges are read)."""
    counts = as_source(G).pair_counts()
    if counts is None or any(source not in nodes or target not in nodes for _, source, target in counts):
        return None
    return counts if _ids_name_labels(nodes) else None


def _kept_layout(G, nodes: dict[str, NodeTable]) -> list[tuple[tuple[str, str, str], set]] | None:
    """((type, from label, to label), the type's (property, Python type)s) per pair of a compact
    graph that kept them (see `kept_pair_counts`); None when it did not."""
    counts = kept_pair_counts(G, nodes)
    if counts is None:
        return None
    properties = as_source(G).edge_properties() or {}
    return [(pair, properties.get(pair[0], set())) for pair in counts]


def relation_tables(G: nx.MultiDiGraph, nodes: dict[str, NodeTable]) -> dict[str, RelTable]:
    """A relationship table per type with its typed columns and (from, to) pairs but no rows: what
    one pass over the edges learns (or what a compact graph kept as its edges came), so that
    `relation_chunks` can stream the rows afterwards."""
    declared = {t.value: _declared_relation_columns(t.value) for t in RelType}
    found: dict[str, set[tuple[str, type]]] = {t.value: set() for t in RelType}  # (property, Python type)
    seen: dict[str, dict[tuple[str, str], None]] = {t.value: {} for t in RelType}  # type -> pairs
    source = as_source(G)
    kept = _kept_layout(source, nodes)
    if kept is not None:  # what the build's spill noted as records came: no pass over the edges
        for (kind, from_label, to_label), properties in kept:
            if kind not in found:
                _new_relation_type(kind, declared, found, seen)
            seen[kind][(from_label, to_label)] = None
            found[kind].update(p for p in properties if p[0] not in declared[kind] and p[0] != "type")
        return _relation_layout(declared, found, seen)
    label_of = _label_of(nodes)
    for kind, fixed, props in _edge_rows(source):
        if kind not in found:
            _new_relation_type(kind, declared, found, seen)
        seen[kind][(label_of[fixed[1]], label_of[fixed[2]])] = None
        if props:
            known, types = declared[kind], found[kind]
            for key, value in props.items():  # only undeclared properties need their values' types
                if value is not None and key not in known and key != "type":
                    types.add((key, type(value)))
    return _relation_layout(declared, found, seen)


def relation_chunks(G: nx.MultiDiGraph, nodes: dict[str, NodeTable], tables: dict[str, RelTable],
                    size: int | None = None, only: set[tuple[str, str, str]] | None = None
                    ) -> Iterator[tuple[str, tuple[str, str], dict[str, list]]]:
    """(type, (from, to), columns) chunks, in the column order of `tables` (see `relation_tables`)
    and in G's order within a pair: with `size`, whenever `size` edges are gathered, every pair's
    gathered edges come out (so at most `size` are held at once); with None, one chunk per pair.
    `only`: the (type, from label, to label)s wanted (None: all); a compact graph then reads
    only their records."""
    source = as_source(G)
    by_pair = only is not None and _ids_name_labels(nodes)  # then a record's pair is its ids' labels
    if by_pair and len(only) == 1:  # one pair's records, read alone: in batches, no look-ups
        (kind, from_label, to_label), = only
        chosen = source.edge_records(only)
        while batch := list(islice(chosen, size or None)):
            yield kind, (from_label, to_label), _table_data(_record_columns(batch), tables[kind].columns, set())
        return
    label_of = _label_of(nodes)
    # the records are gathered as they are, then transposed
    items = ((r.type, (label_of[r.source], label_of[r.target]), r) for r in source.edge_records(only if by_pair else None))
    if only is not None:
        items = (item for item in items if (item[0], *item[1]) in only)
    groups: dict[tuple[str, tuple[str, str]], list] = {}
    held = 0
    for kind, pair, item in items:
        group = groups.get((kind, pair))
        if group is None:
            group = groups[(kind, pair)] = []
        group.append(item)
        held += 1
        if size is not None and held >= size:
            for (kind, pair), group in groups.items():
                yield kind, pair, _table_data(_record_columns(group), tables[kind].columns, set())
            groups, held = {}, 0
    for (kind, pair), group in groups.items():
        yield kind, pair, _table_data(_record_columns(group), tables[kind].columns, set())


def _record_columns(records: list[tuple]) -> _Columns:
    """Edge records (build.EdgeRecord) as columns: transposed at once, not appended value by value."""
    columns = _Columns(EDGE_FIXED)
    values = list(zip(*records, strict=False))
    for name, i in zip(EDGE_FIXED, (0, 1, 2, 4, 5, 6, 7, 8), strict=False):
        columns.fixed[name] = list(values[i])
    if set(map(type, values[0])) != {str}:  # a graph built without relation ids: ids made of its keys
        columns.fixed["id"] = [_edge_key(r.type, r.source, r.target, r.id) for r in records]
    more = values[9]
    dicts = [m for m in more if isinstance(m, dict)]  # (source.WholeAttributes too)
    names = set().union(*dicts) if dicts else set()
    if len(dicts) < len(more) and any(type(m) is int for m in more):
        names.add("count")
    for name in names:
        columns.cols[name] = [m if type(m) is int and name == "count" else m.get(name) if isinstance(m, dict) else None
                              for m in more]
    columns.n = len(records)
    return columns
