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
from functools import cached_property
from itertools import chain
from typing import Iterator

import networkx as nx

from huiyi.graph.merge.source import GraphSource, as_source
from huiyi.graph.models import EDGE_PROPERTIES, NODE_PROPERTIES, Label, RelType, StoreError

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

    @cached_property
    def ids_name_label(self) -> bool:
        """Whether every id starts with the label and a colon (graph.models.stable_id); asked once
        per table, though each pass of the store's writer relies on it."""
        prefix = f"{self.label}:"
        return all(node.startswith(prefix) for node in self.data.get("id", ()))


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
    return [dict(zip(names, values, strict=False)) for values in zip(*data.values(), strict=False)] if names else []


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


def _column_type(python_type: type) -> str:
    """The column type that holds values of a Python type (lists of any kind: of text)."""
    if issubclass(python_type, (list, tuple, set)):
        return STRINGS
    if issubclass(python_type, bool):
        return BOOL
    if issubclass(python_type, int):
        return INT
    if issubclass(python_type, float):
        return FLOAT
    return STRING


def coerce(value, kind: str):
    """`value` as a column of type `kind` holds it (None stays None)."""
    if value is None:
        return None
    if kind == STRINGS:  # a null in a list is no item (Neo4j refuses lists holding null)
        return [str(v) for v in value if v is not None] if isinstance(value, (list, tuple, set)) else [str(value)]
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
        for values, value in zip(self.fixed.values(), fixed, strict=False):
            values.append(value)
        cols = self.cols
        for name, values in cols.items():
            values.append(data.get(name))
        if not data.keys() <= cols.keys():
            for name in data.keys() - cols.keys():
                cols[name] = [None] * self.n + [data[name]]
        self.n += 1


def _dict_columns(ids: list, records: list[dict]) -> _Columns:
    """Records' attribute dicts as columns (with `ids` as the id column): a pass per attribute name,
    not one per record and name as `_Columns.add` goes."""
    group = _Columns(("id",))
    group.fixed["id"] = ids
    for name in dict.fromkeys(chain.from_iterable(records)):  # every name, in the order first seen
        group.cols[name] = [data.get(name) for data in records]
    group.n = len(ids)
    return group


def _kinds(groups: list[_Columns], skip: set[str]) -> dict[str, set[str]]:
    """Each attribute name seen in the groups, with the column types of its values."""
    kinds: dict[str, set[str]] = {}
    for g in groups:
        for key, values in g.cols.items():
            if key not in skip:  # (each Python type once, not each value)
                kinds.setdefault(key, set()).update(map(_column_type, set(map(type, values)) - {type(None)}))
    return kinds


def _columns(declared: dict[str, str], kinds: dict[str, set[str]]) -> dict[str, str]:
    """Declared columns first (with `day` after `date`), then undeclared ones typed from the data
    (`kinds`: name -> the types of its values)."""
    columns = dict(declared)
    if "date" in columns:
        columns["day"] = DATE
    for key in sorted(set(kinds) - set(columns)):
        if kinds[key]:  # mixed values are kept as text
            columns[identifier(key, "property")] = next(iter(kinds[key])) if len(kinds[key]) == 1 else STRING
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
            data[name] = [d if d is not None else full_date(v) for d, v in zip(given, group.cols.get("date", none), strict=False)]
        else:
            data[name] = _typed(group.cols.get(name, none), kind, name in trusted)
    return data


def node_tables(G: nx.MultiDiGraph) -> dict[str, NodeTable]:
    """A typed table per node label, in G's order; StoreError for a node without a label."""
    by_label: dict[str, tuple[list, list[dict]]] = {label.value: ([], []) for label in Label}  # ids, attributes
    for node, data in G.nodes(data=True):
        label = data.get("label")
        if label not in by_label:
            if not label:
                raise StoreError(f"node {node!r} has no label; every node needs one of "
                                 + ", ".join(label.value for label in Label))
            by_label[identifier(label, "label")] = ([], [])
        ids, attributes = by_label[label]
        ids.append(node)
        attributes.append(data)
    nodes = {}
    for label, (ids, attributes) in by_label.items():
        group = _dict_columns(ids, attributes)
        declared = {"id": STRING, "name": STRING, **NODE_PROPERTIES.get(Label(label), {})} \
            if label in Label._value2member_map_ else {"id": STRING, "name": STRING}
        columns = _columns(declared, _kinds([group], skip={"label"}))
        nodes[label] = NodeTable(label, columns, _table_data(group, columns, set()))
    return nodes


def _label_of(nodes: dict[str, NodeTable]) -> dict[str, str]:
    return {node: label for label, table in nodes.items() for node in table.data.get("id", ())}


def _edge_key(kind: str, source: str, target: str, key) -> str:
    return key if type(key) is str else f"{kind}:{source}:{target}:{key}"  # a graph built without relation ids


EDGE_FIXED = ("id", "source", "target", *PROVENANCE)  # the columns every edge row starts with
_NO_PROPS: dict = {}


def _edge_rows(source: GraphSource) -> Iterator[tuple[str, tuple, dict]]:
    """(type, (id, source, target, doc, doc_id, evidence, start, end), properties) per edge, from
    its record: the properties are `more` as a dict (a networkx edge's own dict, type and
    provenance included: readers skip them); no dict is made per edge."""
    for r in source.edge_records():
        more, key = r.more, r.id
        yield r.type, (key if type(key) is str else _edge_key(r.type, r.source, r.target, key), r.source, r.target, r.doc, r.doc_id, r.evidence,
                     r.start, r.end), _NO_PROPS if more is None else {"count": more} if type(more) is int else more


def _declared_relation_columns(kind: str) -> dict[str, str]:
    return {"id": STRING, **PROVENANCE, **EDGE_PROPERTIES.get(RelType(kind), {})} \
        if kind in RelType._value2member_map_ else {"id": STRING, **PROVENANCE}


def _new_relation_type(kind, declared: dict, found: dict, seen: dict) -> None:
    identifier(kind or "", "relation type")
    declared[kind], found[kind], seen[kind] = _declared_relation_columns(kind), set(), {}


def _relation_layout(declared: dict[str, dict[str, str]], found: dict[str, set[tuple[str, type]]],
                     seen: dict[str, dict[tuple[str, str], None]]) -> dict[str, RelTable]:
    """Tables with no rows from what was seen: per type, its undeclared (property, Python type)s
    and its (from, to) pairs; the contract's pairs come first."""
    tables = {}
    for kind, types in found.items():
        kinds: dict[str, set[str]] = {}
        for key, python_type in types:
            kinds.setdefault(key, set()).add(_column_type(python_type))
        pairs = dict.fromkeys([*sorted(CONTRACT_ENDPOINTS.get(kind, ())), *sorted(seen[kind])])
        tables[kind] = RelTable(kind, _columns(declared[kind], kinds), {pair: {} for pair in pairs})
    return tables


def graph_rows(G: nx.MultiDiGraph) -> GraphRows:
    """Split `G` (networkx or any source.GraphSource) into typed node and relationship tables (see
    the module docstring), in G's order: one pass over the edges, gathering them by type and pair."""
    G = as_source(G)
    nodes = node_tables(G)
    label_of = _label_of(nodes)
    declared = {t.value: _declared_relation_columns(t.value) for t in RelType}
    found: dict[str, set[tuple[str, type]]] = {t.value: set() for t in RelType}
    seen: dict[str, dict[tuple[str, str], None]] = {t.value: {} for t in RelType}
    groups: dict[tuple[str, tuple[str, str]], _Columns] = {}
    for kind, fixed, props in _edge_rows(G):
        at = (kind, (label_of[fixed[1]], label_of[fixed[2]]))
        group = groups.get(at)
        if group is None:
            if kind not in found:
                _new_relation_type(kind, declared, found, seen)
            seen[kind][at[1]] = None
            group = groups[at] = _Columns(EDGE_FIXED)
        group.add(fixed, props)
    for (kind, _), group in groups.items():  # the types of undeclared properties, from their values
        known = declared[kind]
        for key, values in group.cols.items():
            if key not in known and key != "type":
                found[kind].update((key, type(v)) for v in values if v is not None)
    relations = _relation_layout(declared, found, seen)
    for kind, table in relations.items():
        for pair in table.pairs:  # pairs with no edges get empty columns (a store's schema)
            group = groups.get((kind, pair), _Columns(EDGE_FIXED))
            table.pairs[pair] = _table_data(group, table.columns, set())
    return GraphRows(nodes, relations)
