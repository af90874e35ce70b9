"""The import CSVs read back with the rules of Neo4j 5's `neo4j-admin database import` format
(tests/neo4j_import.py): every node and relationship, typed, as the graph's rows hold them."""
from __future__ import annotations

import math
from datetime import date

import networkx as nx
import pytest
from conftest import DEVSET, REAL_CORPUS, SEEDS
from cypher_fixtures import tiny_graph
from neo4j_import import Options, Refused, parse_header, read_import, split_records

from huiyi.loaders.csv_export import export_csv
from huiyi.loaders.json_export import read_json
from huiyi.loaders.rows import DATE, full_date, graph_rows


def _expected(value, kind):
    """A row's value as the importer would store it (None: no property)."""
    if kind == DATE:
        return date.fromisoformat(value) if full_date(value) else None
    return None if value in (None, "", []) or value == [""] else value


def assert_round_trip(G, folder):
    """The import of `export_csv(G)` holds exactly G's rows: ids, labels, types and typed values."""
    export_csv(G, folder)
    imported = read_import(folder)
    rows = graph_rows(G)
    expected_nodes = {}
    for label, table in rows.nodes.items():
        for row in table.rows:
            props = {c: _expected(row[c], k) for c, k in table.columns.items()}
            expected_nodes[(None, row["id"])] = ((label,), {c: v for c, v in props.items() if v is not None})
    assert {key: (n.labels, n.properties) for key, n in imported.nodes.items()} == expected_nodes
    expected_rels = sorted(
        (kind, row["source"], row["target"],
         sorted((c, repr(v)) for c, k in table.columns.items() if (v := _expected(row[c], k)) is not None))
        for kind, table in rows.relations.items() for row in table.rows)
    got = sorted((r.type, r.start[1], r.end[1], sorted((c, repr(v)) for c, v in r.properties.items()))
                 for r in imported.relationships)
    assert got == expected_rels
    return imported


def test_the_header_rules():
    columns = parse_header(["id:ID", "name", "day:date", "titles:string[]", ":LABEL", ":START_ID(Person)"])
    assert [(c.name, c.type, c.array, c.space) for c in columns] == [
        ("id", "ID", False, None), ("name", "string", False, None), ("day", "date", False, None),
        ("titles", "string", True, None), ("", "LABEL", False, None), ("", "START_ID", False, "Person")]
    for bad in ("n:strng", ":string", "x:LABEL[]", "n:long(Space)"):
        with pytest.raises(Refused):
            parse_header([bad])


def test_the_quoting_rules():
    options = Options(multiline=True)
    assert split_records('a,"b,""c""\nd",\n', options) == [[("a", False), ('b,"c"\nd', True), ("", False)]]
    with pytest.raises(Refused, match="multiline"):
        split_records('"a\nb"\n', Options())
    with pytest.raises(Refused, match="unquoted"):
        split_records('a"b\n', options)


def test_the_tiny_graph_reads_back_whole(tmp_path):
    imported = assert_round_trip(tiny_graph(), tmp_path)
    m1 = imported.nodes[(None, "Meeting:m1")]
    assert m1.properties["day"] == date(2020, 2, 20) and m1.properties["reported"] is True
    assert imported.nodes[(None, "Person:甲")].properties["titles"] == ["省长", "组长, 副组长"]


def test_line_ends_and_control_characters_in_values_read_back_as_they_are(tmp_path):
    # A report's text or a record's id may hold \r, \r\n or a control character: in a quoted field
    # they are data (RFC 4180), and the reader in tests/neo4j_import.py sees the file's very characters
    G = nx.MultiDiGraph()
    G.add_node("Document:d", label="Document", name="x.jsonl#a\rb", title="标题\r\n第二行\x0c", path="p")
    G.add_node("Person:a", label="Person", name="张三")
    G.add_edge("Person:a", "Document:d", key="MENTIONED_IN:1", type="MENTIONED_IN", doc="x.jsonl#a\rb",
               doc_id="Document:d", evidence="一句\r二句\x1b", start=0, end=4)
    imported = assert_round_trip(G, tmp_path)
    assert imported.nodes[(None, "Document:d")].properties["title"] == "标题\r\n第二行\x0c"
    assert imported.relationships[0].properties["evidence"] == "一句\r二句\x1b"


def test_values_that_do_not_fit_their_column_type_are_written_so_the_import_reads_them(tmp_path):
    G = nx.MultiDiGraph()
    G.add_node("Person:a", label="Person", name="a", big=2**70, score=float("nan"), share=math.inf, flag=True)
    G.add_node("Person:b", label="Person", name="b", big=1, score=0.5, share=-math.inf, flag="yes")
    G.add_node("Meeting:m", label="Meeting", name="m", date="2020-02-30", day="--02-20")
    G.add_node("Meeting:n", label="Meeting", name="n", date="2020-02-20")
    G.add_edge("Person:a", "Meeting:m", key="ATTENDED:1", type="ATTENDED", doc="d", doc_id="Document:d",
               evidence='他说："好"', start=3, end="7")
    export_csv(G, tmp_path)
    imported = read_import(tmp_path)
    a, b = imported.nodes[(None, "Person:a")].properties, imported.nodes[(None, "Person:b")].properties
    assert a["big"] == str(2**70) and b["big"] == "1"  # beyond 64 bits: the column is text
    assert math.isnan(a["score"]) and a["share"] == math.inf and b["share"] == -math.inf
    assert (a["flag"], b["flag"]) == ("True", "yes")  # mixed values are text (loaders/rows.py)
    assert "day" not in imported.nodes[(None, "Meeting:m")].properties  # no such day
    assert imported.nodes[(None, "Meeting:n")].properties["day"] == date(2020, 2, 20)
    (edge,) = imported.relationships
    assert edge.properties["evidence"] == '他说："好"' and edge.properties["end"] == "7"


@pytest.mark.slow
@pytest.mark.parametrize("folder", [SEEDS, DEVSET, REAL_CORPUS], ids=["seeds", "devset", "real-corpus"])
def test_a_build_reads_back_whole(built_out, folder, tmp_path):
    G = read_json(built_out(folder) / "graph.json")
    imported = assert_round_trip(G, tmp_path / "import")
    assert len(imported.nodes) == G.number_of_nodes()
    assert len(imported.relationships) == G.number_of_edges()
