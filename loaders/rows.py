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
    rows: list[dict] = field(default_factory=list)


@dataclass
class RelTable:
    type: str
    columns: dict[str, str]  # properties, in order; starts with id, then provenance
    pairs: dict[tuple[str, str], list[dict]] = field(default_factory=dict)  # (from, to) -> rows

    @property
    def rows(self) -> list[dict]:
        return [r for rows in self.pairs.values() for r in rows]


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


def _columns(declared: dict[str, str], datas: list[dict], skip: set[str]) -> dict[str, str]:
    """Declared columns first (with `day` after `date`), then undeclared ones typed from the data."""
    columns = dict(declared)
    if "date" in columns:
        columns["day"] = DATE
    for key in sorted(set().union(*datas) - set(columns) - skip):
        kinds = {_type_of(d[key]) for d in datas if d.get(key) is not None}
        if kinds:  # mixed values are kept as text
            columns[identifier(key, "property")] = kinds.pop() if len(kinds) == 1 else STRING
    return columns


def _rows(records: list[tuple], columns: dict[str, str], fixed: tuple[str, ...], trusted: set[str],
          skip: str) -> list[dict]:
    """One row per record (fixed values..., attributes): the fixed columns, then `columns` in order."""
    template = dict.fromkeys([*fixed, *(c for c in columns if c not in fixed)])
    with_day = "day" in columns
    # text columns must hold str (lists: of str); provenance comes typed from models.Provenance
    checked = [(c, k) for c, k in columns.items() if c not in fixed and c not in trusted and k in (STRING, STRINGS)]
    rows = []
    for record in records:
        data = record[-1]
        row = {**template, **data}
        row.pop(skip, None)
        row.update(zip(fixed, record))
        if with_day and "day" not in data:
            row["day"] = full_date(data.get("date"))
        for name, kind in checked:
            value = row[name]
            if value is None:
                continue
            if kind == STRING:
                if type(value) is not str:
                    row[name] = str(value)
            elif type(value) is not list or not all(type(v) is str for v in value):
                row[name] = coerce(value, kind)
        rows.append(row)
    return rows


def graph_rows(G: nx.MultiDiGraph) -> GraphRows:
    """Split `G` into typed node and relationship tables (see the module docstring), in G's order."""
    by_label: dict[str, list[dict]] = {label.value: [] for label in Label}
    label_of: dict[str, str] = {}
    for node, data in G.nodes(data=True):
        label = data.get("label")
        if label not in by_label:
            if not label:
                raise StoreError(f"node {node!r} has no label; every node needs one of "
                                 + ", ".join(label.value for label in Label))
            by_label[identifier(label, "label")] = []
        label_of[node] = label
        by_label[label].append((node, data))
    nodes = {}
    for label, records in by_label.items():
        declared = {"id": STRING, "name": STRING, **NODE_PROPERTIES.get(Label(label), {})} \
            if label in Label._value2member_map_ else {"id": STRING, "name": STRING}
        columns = _columns(declared, [data for _, data in records], skip={"label"})
        nodes[label] = NodeTable(label, columns, _rows(records, columns, ("id",), set(), "label"))

    groups: dict[str, dict[tuple[str, str], list[tuple]]] = {t.value: {} for t in RelType}
    for source, target, key, data in G.edges(keys=True, data=True):
        kind = data.get("type")
        pairs = groups.get(kind)
        if pairs is None:
            pairs = groups[identifier(kind or "", "relation type")] = {}
        if type(key) is not str:  # a graph built without relation ids: make one
            key = f"{kind}:{source}:{target}:{key}"
        pair = (label_of[source], label_of[target])
        records = pairs.get(pair)
        if records is None:
            records = pairs[pair] = []
        records.append((key, source, target, data))
    relations = {}
    for kind, pairs in groups.items():
        declared = {"id": STRING, **PROVENANCE, **EDGE_PROPERTIES.get(RelType(kind), {})} \
            if kind in RelType._value2member_map_ else {"id": STRING, **PROVENANCE}
        columns = _columns(declared, [r[-1] for records in pairs.values() for r in records], skip={"type"})
        table = RelTable(kind, columns, {pair: [] for pair in sorted(CONTRACT_ENDPOINTS.get(kind, ()))})
        for pair, records in pairs.items():
            table.pairs[pair] = _rows(records, columns, ("id", "source", "target"), set(PROVENANCE), "type")
        relations[kind] = table
    return GraphRows(nodes, relations)
