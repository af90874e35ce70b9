"""One graph -> rows conversion shared by every sink (embedded store, Neo4j, neo4j-admin CSV).

A node table per label, a relationship table per type, with typed columns in a fixed order:
nodes `id, name, <NODE_PROPERTIES[label]>`, relations `id, source, target, doc, doc_id, evidence,
start, end, <EDGE_PROPERTIES[type]>`. A `date` property is kept as written ("2020-02-20" or
"--02-20") and, when it is a full date, also given as `day` (a DATE column) so stores can compare
dates. Properties the contract does not declare (e.g. a Document's `url`, MENTIONED_IN's `count`)
follow, typed from their values. Relationship tables get the (FROM, TO) label pairs the contract
names plus any the data holds.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import networkx as nx

from graph.models import EDGE_PROPERTIES, NODE_PROPERTIES, Label, RelType, StoreError

# Column types, in the embedded store's spelling; other sinks map them.
STRING, STRINGS, INT, FLOAT, BOOL, DATE = "STRING", "STRING[]", "INT64", "DOUBLE", "BOOLEAN", "DATE"

PROVENANCE: dict[str, str] = {"doc": STRING, "doc_id": STRING, "evidence": STRING, "start": INT, "end": INT}

_P, _M, _B, _D = Label.PERSON.value, Label.MEETING.value, Label.BODY.value, Label.DOCUMENT.value
# The endpoints each relation type has by contract (graph/models.py); data may add more.
CONTRACT_ENDPOINTS: dict[str, set[tuple[str, str]]] = {
    RelType.CHAIRED.value: {(_P, _M)},
    RelType.ATTENDED.value: {(_P, _M)},
    RelType.SPOKE_AT.value: {(_P, _M)},
    RelType.DIRECTED.value: {(_P, Label.POLICY.value), (_B, Label.POLICY.value)},
    RelType.HOLDS_POSITION.value: {(_P, _B)},
    RelType.HELD_IN.value: {(_M, Label.PLACE.value)},
    RelType.MENTIONED_IN.value: {(label.value, _D) for label in Label if label is not Label.DOCUMENT},
    RelType.REPORTED_IN.value: {(_M, _D)},
    RelType.CONVENED.value: {(_B, _M)},
    RelType.AUTHORED.value: {(_P, _D)},
    RelType.LOCATED_IN.value: {(Label.PLACE.value, Label.PLACE.value)},
}

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class NodeTable:
    label: str
    columns: dict[str, str]  # name -> type, in order; starts with id, name
    data: dict[str, list] = field(default_factory=dict)  # column -> one value per node, in `columns` order

    def __len__(self) -> int:
        return len(self.data.get("id", ()))

    @property
    def rows(self) -> list[dict]:
        return _as_rows(self.data)


@dataclass
class RelTable:
    type: str
    columns: dict[str, str]  # properties, in order; starts with id, then provenance
    # (from, to) -> column -> values: `id, source, target`, then `columns` after id
    pairs: dict[tuple[str, str], dict[str, list]] = field(default_factory=dict)

    def __len__(self) -> int:
        return sum(len(data.get("id", ())) for data in self.pairs.values())

    def pair_rows(self, pair: tuple[str, str]) -> list[dict]:
        return _as_rows(self.pairs.get(pair, {}))

    @property
    def rows(self) -> list[dict]:
        return [r for pair in self.pairs for r in self.pair_rows(pair)]


def _as_rows(data: dict[str, list]) -> list[dict]:
    """Column lists as one dict per row (for the sinks that send rows: Neo4j, CSV)."""
    names = list(data)
    return [dict(zip(names, values)) for values in zip(*data.values())] if names else []


@dataclass
class GraphRows:
    nodes: dict[str, NodeTable]
    relations: dict[str, RelTable]


def identifier(name: str, what: str = "name") -> str:
    """`name` if it is safe to write into Cypher as a label, type or property; else StoreError."""
    if not _IDENTIFIER.match(name or ""):
        raise StoreError(f"{what} {name!r} cannot be a Cypher identifier (letters, digits and _ only)")
    return name


def full_date(value) -> str | None:
    """'YYYY-MM-DD' when `value` is a valid full date, else None ('--MM-DD' stays a string only)."""
    if isinstance(value, str) and _FULL_DATE.match(value):
        try:
            date.fromisoformat(value)
            return value
        except ValueError:
            return None
    return None


def _type_of(value) -> str:
    if isinstance(value, (list, tuple, set)):
        return STRINGS
    if isinstance(value, bool):
        return BOOL
    if isinstance(value, int):
        return INT
    if isinstance(value, float):
        return FLOAT
    return STRING


def coerce(value, kind: str):
    """`value` as a column of type `kind` holds it (None stays None)."""
    if value is None:
        return None
    if kind == STRINGS:
        return [str(v) for v in value] if isinstance(value, (list, tuple, set)) else [str(value)]
    if kind == STRING or kind == DATE:
        return value if isinstance(value, str) else str(value)
    return value


class _Columns:
    """Records' attributes gathered column by column as they come (a million edge dicts are never
    held at once): every name seen gets a list with one value per record, None where it is absent."""
    __slots__ = ("fixed", "cols", "n")

    def __init__(self, fixed: tuple[str, ...]):
        self.fixed = {name: [] for name in fixed}
        self.cols: dict[str, list] = {}
        self.n = 0

    def add(self, fixed: tuple, data: dict) -> None:
        for values, value in zip(self.fixed.values(), fixed):
            values.append(value)
        cols = self.cols
        for name, values in cols.items():
            values.append(data.get(name))
        if not data.keys() <= cols.keys():
            for name in data.keys() - cols.keys():
                cols[name] = [None] * self.n + [data[name]]
        self.n += 1


def _columns(declared: dict[str, str], groups: list[_Columns], skip: set[str]) -> dict[str, str]:
    """Declared columns first (with `day` after `date`), then undeclared ones typed from the data."""
    columns = dict(declared)
    if "date" in columns:
        columns["day"] = DATE
    for key in sorted(set().union(*(g.cols for g in groups)) - set(columns) - skip):
        kinds = {_type_of(v) for g in groups for v in g.cols.get(key, ()) if v is not None}
        if kinds:  # mixed values are kept as text
            columns[identifier(key, "property")] = kinds.pop() if len(kinds) == 1 else STRING
    return columns


def _typed(values: list, kind: str, trusted: bool) -> list:
    """One column's values: text columns hold str (lists: of str); None stays None."""
    if trusted or kind not in (STRING, STRINGS):
        return values
    if kind == STRING:
        if set(map(type, values)) <= {str, type(None)}:
            return values
        return [v if v is None or type(v) is str else str(v) for v in values]
    return [v if v is None or (type(v) is list and all(type(x) is str for x in v)) else coerce(v, kind)
            for v in values]


def _table_data(group: _Columns, columns: dict[str, str], trusted: set[str]) -> dict[str, list]:
    """The fixed columns, then `columns` in order, each as a list; `day` from `date` unless given."""
    data = dict(group.fixed)
    none = [None] * group.n
    for name, kind in columns.items():
        if name in data:
            continue
        if name == "day" and kind == DATE:
            given = group.cols.get("day", none)
            data[name] = [d if d is not None else full_date(v) for d, v in zip(given, group.cols.get("date", none))]
        else:
            data[name] = _typed(group.cols.get(name, none), kind, name in trusted)
    return data


def graph_rows(G: nx.MultiDiGraph) -> GraphRows:
    """Split `G` (networkx or build.EdgeListGraph) into typed node and relationship tables (see the
    module docstring), in G's order."""
    by_label: dict[str, _Columns] = {label.value: _Columns(("id",)) for label in Label}
    label_of: dict[str, str] = {}
    for node, data in G.nodes(data=True):
        label = data.get("label")
        if label not in by_label:
            if not label:
                raise StoreError(f"node {node!r} has no label; every node needs one of "
                                 + ", ".join(label.value for label in Label))
            by_label[identifier(label, "label")] = _Columns(("id",))
        label_of[node] = label
        by_label[label].add((node,), data)
    nodes = {}
    for label, group in by_label.items():
        declared = {"id": STRING, "name": STRING, **NODE_PROPERTIES.get(Label(label), {})} \
            if label in Label._value2member_map_ else {"id": STRING, "name": STRING}
        columns = _columns(declared, [group], skip={"label"})
        nodes[label] = NodeTable(label, columns, _table_data(group, columns, set()))

    groups: dict[str, dict[tuple[str, str], _Columns]] = {t.value: {} for t in RelType}  # type -> (from, to) -> columns
    for source, target, key, data in G.edges(keys=True, data=True):
        kind = data.get("type")
        pairs = groups.get(kind)
        if pairs is None:
            pairs = groups[identifier(kind or "", "relation type")] = {}
        if type(key) is not str:  # a graph built without relation ids: make one
            key = f"{kind}:{source}:{target}:{key}"
        pair = (label_of[source], label_of[target])
        group = pairs.get(pair)
        if group is None:
            group = pairs[pair] = _Columns(("id", "source", "target"))
        group.add((key, source, target), data)
    relations = {}
    for kind, pairs in groups.items():
        declared = {"id": STRING, **PROVENANCE, **EDGE_PROPERTIES.get(RelType(kind), {})} \
            if kind in RelType._value2member_map_ else {"id": STRING, **PROVENANCE}
        columns = _columns(declared, list(pairs.values()), skip={"type"})
        table = RelTable(kind, columns, {pair: _table_data(_Columns(("id", "source", "target")), columns, set())
                                         for pair in sorted(CONTRACT_ENDPOINTS.get(kind, ()))})
        for pair, group in pairs.items():
            table.pairs[pair] = _table_data(group, columns, set(PROVENANCE))
        relations[kind] = table
    return GraphRows(nodes, relations)
