"""loaders/rows.py: the one graph -> rows conversion every sink shares."""
from __future__ import annotations

import networkx as nx
import pytest
from cypher_fixtures import EVIDENCE, tiny_graph

from huiyi.graph.models import EDGE_PROPERTIES, NODE_PROPERTIES, Label, RelType, StoreError
from huiyi.loaders.rows import CONTRACT_ENDPOINTS, full_date, graph_rows


@pytest.fixture(scope="module")
def rows():
    return graph_rows(tiny_graph())


def test_node_columns_follow_the_contract_in_order(rows):
    for label in Label:
        columns = list(rows.nodes[label.value].columns)
        declared = ["id", "name", *NODE_PROPERTIES[label]]
        assert columns[:len(declared)] == declared
        assert ("day" in columns) == ("date" in declared)


def test_edge_rows_start_with_id_ends_and_provenance(rows):
    for kind in RelType:
        table = rows.relations[kind.value]
        assert list(table.columns)[:6] == ["id", "doc", "doc_id", "evidence", "start", "end"]
        for name in EDGE_PROPERTIES.get(kind, {}):
            assert name in table.columns
        for row in table.rows:
            assert list(row)[:8] == ["id", "source", "target", "doc", "doc_id", "evidence", "start", "end"]


def test_undeclared_properties_are_kept_and_typed_from_their_values(rows):
    assert rows.nodes["Document"].columns["url"] == "STRING"
    assert rows.nodes["Meeting"].columns["reported"] == "BOOLEAN"
    assert rows.relations["MENTIONED_IN"].columns["count"] == "INT64"


def test_full_dates_get_a_day_and_month_days_keep_only_their_text(rows):
    meetings = {r["id"]: r for r in rows.nodes["Meeting"].rows}
    assert meetings["Meeting:m1"]["date"] == "2020-02-20" and meetings["Meeting:m1"]["day"] == "2020-02-20"
    assert meetings["Meeting:m2"]["date"] == "--04-02" and meetings["Meeting:m2"]["day"] is None
    positions = {r["target"]: r for r in rows.relations["HOLDS_POSITION"].rows if r["source"] == "Person:乙"}
    assert positions["Body:云南省政府"]["day"] is None
    assert full_date("2020-02-30") is None and full_date("2020-02-29") == "2020-02-29"


def test_every_node_and_edge_appears_once_with_its_values():
    G = tiny_graph()
    rows = graph_rows(G)
    node_ids = [r["id"] for t in rows.nodes.values() for r in t.rows]
    edge_ids = [r["id"] for t in rows.relations.values() for r in t.rows]
    assert sorted(node_ids) == sorted(G.nodes)
    assert sorted(edge_ids) == sorted(k for _, _, k in G.edges(keys=True))
    directed = {r["target"]: r for r in rows.relations["DIRECTED"].rows}
    assert directed["Policy:六稳"]["evidence"] == EVIDENCE
    person = next(r for r in rows.nodes["Person"].rows if r["id"] == "Person:甲")
    assert person["titles"] == ["省长", "组长, 副组长"] and person["aliases"] == ["老甲"]


def test_relationship_pairs_come_from_the_contract_and_the_data(rows):
    directed = rows.relations["DIRECTED"].pairs
    assert len(directed[("Person", "Policy")]["id"]) == 1 and len(directed[("Body", "Policy")]["id"]) == 1
    mentioned = rows.relations["MENTIONED_IN"].pairs
    assert set(CONTRACT_ENDPOINTS["MENTIONED_IN"]) <= set(mentioned)
    assert len(mentioned[("Meeting", "Document")]["id"]) == 1
    assert rows.relations["MENTIONED_IN"].pair_rows(("Meeting", "Document"))[0]["target"].startswith("Document:")

    G = tiny_graph()
    G.add_edge("Meeting:m2", "Meeting:m1", key="FOLLOWS:1", type="FOLLOWS", doc="a.txt", doc_id="Document:a.txt",
               evidence="…", start=0, end=1)
    G.add_edge("Person:甲", "Place:昆明", key="MI:x", type="MENTIONED_IN", doc="a.txt", doc_id="Document:a.txt",
               evidence="…", start=0, end=1)
    more = graph_rows(G)
    assert list(more.relations["FOLLOWS"].pairs) == [("Meeting", "Meeting")]
    assert len(more.relations["MENTIONED_IN"].pair_rows(("Person", "Place"))) == 1


def test_values_are_made_to_fit_their_column():
    G = nx.MultiDiGraph()
    G.add_node("Person:x", label="Person", name="x", titles="省长", aliases=("a", 2))
    G.add_node("Meeting:y", label="Meeting", name=5)
    G.add_edge("Person:x", "Meeting:y", type="ATTENDED", doc="d", doc_id="D", evidence="e", start=0, end=1)
    G.add_edge("Person:x", "Meeting:y", type="ATTENDED", doc="d", doc_id="D", evidence="e", start=2, end=3)
    rows = graph_rows(G)
    person = rows.nodes["Person"].rows[0]
    assert person["titles"] == ["省长"] and person["aliases"] == ["a", "2"]
    assert rows.nodes["Meeting"].rows[0]["name"] == "5"
    ids = [r["id"] for r in rows.relations["ATTENDED"].rows]  # integer keys -> distinct string ids
    assert len(set(ids)) == 2 and all(isinstance(i, str) for i in ids)


@pytest.mark.parametrize("label", [None, "", "Per son", "Person`) DETACH DELETE n //"])
def test_a_node_without_a_usable_label_is_refused(label):
    G = nx.MultiDiGraph()
    G.add_node("x", name="x", **({} if label is None else {"label": label}))
    with pytest.raises(StoreError):
        graph_rows(G)


def test_a_relation_type_that_is_not_an_identifier_is_refused():
    G = tiny_graph()
    G.add_edge("Person:甲", "Person:乙", key="k", type="KNOWS]->() DELETE x", doc="d", doc_id="D",
               evidence="e", start=0, end=1)
    with pytest.raises(StoreError, match="identifier"):
        graph_rows(G)


def test_streamed_chunks_hold_at_most_size_edges_and_add_up_to_the_tables(seed_graph):
    from huiyi.loaders.rows import node_tables
    from huiyi.loaders.streamed_rows import relation_chunks, relation_tables
    whole = graph_rows(seed_graph)
    nodes = node_tables(seed_graph)
    tables = relation_tables(seed_graph, nodes)
    assert {k: t.columns for k, t in tables.items()} == {k: t.columns for k, t in whole.relations.items()}
    assert all(len(data) == 0 for t in tables.values() for data in t.pairs.values())  # the layout, no rows
    gathered: dict = {}
    for kind, pair, data in relation_chunks(seed_graph, nodes, tables, size=9):
        assert 0 < len(data["id"]) <= 9 and list(data) == ["id", "source", "target", *list(tables[kind].columns)[1:]]
        for name, values in data.items():
            gathered.setdefault((kind, pair), {}).setdefault(name, []).extend(values)
    assert gathered == {(k, p): d for k, t in whole.relations.items() for p, d in t.pairs.items() if d["id"]}


def test_a_compact_graph_gives_its_relation_layout_without_reading_its_edges(seed_compact, monkeypatch):
    from huiyi.loaders import rows, streamed_rows
    nodes = rows.node_tables(seed_compact)
    with monkeypatch.context() as m:
        m.setattr(streamed_rows, "_edge_rows", lambda *a, **k: pytest.fail("the edges were read"))
        kept = streamed_rows.relation_tables(seed_compact, nodes)
    read = streamed_rows.relation_tables(seed_compact.to_networkx(), nodes)
    assert {k: (t.columns, list(t.pairs)) for k, t in kept.items()} == \
        {k: (t.columns, list(t.pairs)) for k, t in read.items()}
    assert kept["MENTIONED_IN"].columns["count"] == rows.INT  # an undeclared property, typed from its values


def test_chunks_of_some_pairs_only(seed_compact):
    from huiyi.loaders.rows import node_tables
    from huiyi.loaders.streamed_rows import relation_chunks, relation_tables
    nodes = node_tables(seed_compact)
    tables = relation_tables(seed_compact, nodes)
    every = {(k, p): len(d["id"]) for k, p, d in relation_chunks(seed_compact, nodes, tables)}
    wanted = {("CHAIRED", "Person", "Meeting"), ("MENTIONED_IN", "Body", "Document"),
              ("MENTIONED_IN", "Person", "Document")}
    some = {(k, p): len(d["id"]) for k, p, d in relation_chunks(seed_compact, nodes, tables, only=wanted)}
    assert some == {at: n for at, n in every.items() if (at[0], *at[1]) in wanted} and len(some) == 3
    assert sum(every.values()) == seed_compact.number_of_edges()
    G = seed_compact.to_networkx()  # the same filter on a networkx graph's edge dicts
    assert {(k, p): len(d["id"]) for k, p, d in relation_chunks(G, nodes, tables, only=wanted)} == some


def test_a_compact_graph_reads_only_the_chunks_of_the_pairs_asked_for(seed_compact, monkeypatch):
    from huiyi.graph.merge.spill import Spill
    from huiyi.loaders.rows import node_tables
    from huiyi.loaders.streamed_rows import relation_chunks, relation_tables
    nodes = node_tables(seed_compact)
    tables = relation_tables(seed_compact, nodes)
    read = []  # bytes of the chunks read from the spill
    real = Spill._load
    monkeypatch.setattr(Spill, "_load", lambda self, blob: read.append(len(blob)) or real(self, blob))
    list(relation_chunks(seed_compact, nodes, tables, only={("CHAIRED", "Person", "Meeting")}))
    chaired = list(read)
    read.clear()
    list(relation_chunks(seed_compact, nodes, tables))
    assert len(chaired) == 5  # a chunk from each report
    assert sum(read) == seed_compact._edges._size and sum(chaired) < sum(read) / 20


def _rows_by_id(chunks) -> dict:
    out = {}
    for kind, pair, data in chunks:
        for row in zip(*data.values(), strict=False):
            out[row[0]] = (kind, pair, dict(zip(data, row, strict=False)))
    return out


def test_a_compact_graphs_records_become_the_rows_its_networkx_graph_gives(seed_compact):
    from huiyi.loaders.rows import node_tables
    from huiyi.loaders.streamed_rows import relation_chunks, relation_tables
    G = seed_compact.to_networkx()
    nodes = node_tables(G)
    tables = relation_tables(G, nodes)
    compact = _rows_by_id(relation_chunks(seed_compact, nodes, tables, size=5))  # records, transposed
    assert compact == _rows_by_id(relation_chunks(G, nodes, tables, size=5))  # dicts, value by value
    assert len(compact) == G.number_of_edges()
    assert any(row["count"] for kind, _, row in compact.values() if kind == "MENTIONED_IN")
    assert any(row["how"] for kind, _, row in compact.values() if kind == "ATTENDED")
