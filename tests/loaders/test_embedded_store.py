"""loaders/embedded_store.py: the LadybugDB store `huiyi build` writes and `huiyi query` reads."""
from __future__ import annotations

from datetime import date

import pytest
from cypher_fixtures import EVIDENCE, tiny_graph

from huiyi.graph.merge.build import summary
from huiyi.graph.models import StoreError
from huiyi.loaders.embedded_store import EmbeddedStore, store_path, update_nodes, update_rels, write_store


@pytest.fixture()
def store(tmp_path):
    path = tmp_path / "graph.lbug"
    write_store(tiny_graph(), path)
    return path


def counts_of(path):
    with EmbeddedStore(path) as s:
        return s.counts()


def test_a_fresh_store_holds_exactly_the_graph(store):
    assert counts_of(store) == summary(tiny_graph())
    # checkpointed when it closed (automatic checkpoints are off during the bulk load): one file,
    # no write-ahead log left beside it for the rename to lose
    assert [p.name for p in store.parent.iterdir()] == ["graph.lbug"]


def test_loading_again_by_merge_leaves_the_same_counts(store):
    first = counts_of(store)
    assert write_store(tiny_graph(), store, fresh=False) == first
    assert write_store(tiny_graph(), store, fresh=False) == first


def test_a_merge_adds_what_is_new_and_extends_the_schema(store):
    G = tiny_graph()
    G.add_node("Person:戊", label="Person", name="戊", titles=["秘书长"], nickname="小戊")
    G.add_node("Meeting:m1", **{**G.nodes["Meeting:m1"], "kind": "video conference"})
    G.add_edge("Person:戊", "Meeting:m3", key="ATTENDED:new", type="ATTENDED", doc="c.txt", doc_id="Document:c",
               evidence="戊出席。", start=1, end=5, how="出席")
    G.add_edge("Meeting:m3", "Meeting:m1", key="FOLLOWS:1", type="FOLLOWS", doc="c.txt", doc_id="Document:c",
               evidence="…", start=0, end=1)
    G.add_edge("Body:云南省政府", "Meeting:m1", key="ATTENDED:body", type="ATTENDED", doc="c.txt",
               doc_id="Document:c", evidence="…", start=0, end=1)
    counts = write_store(G, store, fresh=False)
    assert counts == summary(G)
    assert write_store(G, store, fresh=False) == counts
    with EmbeddedStore(store) as s:
        assert s.execute("MATCH (p:Person {id: 'Person:戊'}) RETURN p.nickname, p.titles")[1] == [["小戊", ["秘书长"]]]
        assert s.execute("MATCH (m:Meeting {id: 'Meeting:m1'}) RETURN m.kind")[1] == [["video conference"]]


def test_a_fresh_write_replaces_the_store(store):
    G = tiny_graph()
    G.remove_node("Person:丁")
    assert write_store(G, store) == summary(G)
    assert not list(store.parent.glob("*.building*"))


def test_values_come_back_as_written(store):
    with EmbeddedStore(store) as s:
        _, rows = s.execute("MATCH (p:Person {id: 'Person:甲'})-[r:DIRECTED]->(x:Policy) "
                            "RETURN r.evidence, r.start, r.`end`, p.titles, p.aliases")
        # line breaks in evidence and commas in list items arrive as written (Arrow, no text file)
        assert "\n" in EVIDENCE
        assert rows == [[EVIDENCE, 0, 3, ["省长", "组长, 副组长"], ["老甲"]]]
        _, rows = s.execute("MATCH (m:Meeting) RETURN m.id, m.date, m.day, m.reported ORDER BY m.id")
        assert rows == [["Meeting:m1", "2020-02-20", "2020-02-20", True], ["Meeting:m2", "--04-02", None, None],
                        ["Meeting:m3", "2020-02-27", "2020-02-27", None]]
        _, rows = s.execute("MATCH (m:Meeting) WHERE m.day >= $d RETURN count(m)", {"d": date(2020, 2, 21)})
        assert rows == [[1]]
        _, rows = s.execute("MATCH (p:Person)-[r:HOLDS_POSITION]->(b:Body) WHERE r.day IS NOT NULL RETURN r.title")
        assert rows == [["省长"]]


def test_nodes_and_relations_come_back_as_plain_dicts(store):
    with EmbeddedStore(store) as s:
        _, rows = s.execute("MATCH (p:Person {id: 'Person:乙'})-[r:CHAIRED]->(m:Meeting {id: 'Meeting:m1'}) RETURN p, r")
    person, rel = rows[0]
    assert person == {"id": "Person:乙", "name": "乙", "role": "official", "titles": ["副省长"], "label": "Person"}
    assert rel["type"] == "CHAIRED" and rel["doc"] == "a.txt" and not any(k.startswith("_") for k in rel)


def test_the_store_opens_read_only_unless_asked(store):
    before = counts_of(store)
    with EmbeddedStore(store) as s:
        for statement in ("CREATE (p:Person {id: 'x', name: 'x'})", "MATCH (n) DETACH DELETE n",
                          "MATCH (p:Person) SET p.name = 'x'"):
            with pytest.raises(StoreError, match="read-only"):
                s.execute(statement)
    assert counts_of(store) == before
    with EmbeddedStore(store, write=True) as s:
        s.execute("CREATE (p:Person {id: 'Person:new', name: 'new'})")
    assert counts_of(store)["nodes"]["Person"] == before["nodes"]["Person"] + 1


def test_a_missing_store_says_how_to_make_one(tmp_path):
    with pytest.raises(StoreError, match=r"no graph store in .*; run `huiyi build REPORTS --out"):
        EmbeddedStore(store_path(tmp_path / "out"))


@pytest.mark.parametrize("cypher, where", [
    ("MATCH (p:Person RETURN p", "at line 1, column 17"),
    ("MATCH (p:Person)\nRETURN p LIMIT x y", "at line 2, column"),
    ("MATCH (p:Persn) RETURN p", "at line 1, column 10"),
    ("MATCH (p:Person) RETURN q", "at line 1, column 25"),
])
def test_a_cypher_error_is_one_line_with_the_position(store, cypher, where):
    with EmbeddedStore(store) as s, pytest.raises(StoreError) as err:
        s.execute(cypher)
    message = str(err.value)
    assert message.startswith("Cypher error") and where in message and "\n" not in message


def test_update_statements_take_values_only_as_parameters():
    columns = {"id": "STRING", "name": "STRING", "day": "DATE"}
    assert update_nodes("Meeting", columns) == (
        "UNWIND $rows AS row MATCH (x:`Meeting` {id: row.id}) "
        "SET x.`name` = CAST(row.`name` AS STRING), x.`day` = date(CAST(row.`day` AS STRING))")
    assert update_rels("ATTENDED", {"id": "STRING", "start": "INT64"}) == (
        "UNWIND $rows AS row MATCH ()-[x:`ATTENDED`]->() WHERE x.id = row.id SET x.`start` = CAST(row.`start` AS INT64)")


def test_a_merge_updates_changed_values_and_clears_removed_ones(store):
    G = tiny_graph()
    G.nodes["Person:甲"]["titles"] = ["书记", "x]y"]
    del G.nodes["Person:甲"]["aliases"]
    G.edges["Person:甲", "Policy:六稳", "DIRECTED:Person:甲:Policy:六稳:a.txt:0"]["evidence"] = "新的证据"
    write_store(G, store, fresh=False)
    with EmbeddedStore(store) as s:
        assert s.execute("MATCH (p:Person {id: 'Person:甲'})-[r:DIRECTED]->() RETURN p.titles, p.aliases, r.evidence"
                         )[1] == [[["书记", "x]y"], None, "新的证据"]]


def test_a_merge_batch_whose_values_are_all_missing_still_loads(tmp_path):
    import networkx as nx

    G = nx.MultiDiGraph()
    for i in range(3):  # batches of one: each row alone types the batch
        G.add_node(f"Person:{i}", label="Person", name=str(i), **({"titles": ["省长"]} if i == 1 else {}))
    path = tmp_path / "graph.lbug"
    assert write_store(G, path, fresh=False, batch_size=1) == {"nodes": {"Person": 3}, "edges": {}}
    assert write_store(G, path, fresh=False, batch_size=1) == {"nodes": {"Person": 3}, "edges": {}}


def test_the_seed_graph_loads_whole(seed_graph, tmp_path):
    assert write_store(seed_graph, tmp_path / "graph.lbug") == summary(seed_graph)
    assert write_store(seed_graph, tmp_path / "graph.lbug", fresh=False) == summary(seed_graph)


def test_an_empty_graph_gives_an_empty_store_every_query_can_read(tmp_path):
    import networkx as nx

    from huiyi.queries import registry

    path = tmp_path / "graph.lbug"
    assert write_store(nx.MultiDiGraph(), path) == {"nodes": {}, "edges": {}}
    with EmbeddedStore(path) as s:
        for q in registry.list_queries():
            assert registry.run(q.name, q.example, store=s) == []


def test_evidence_with_line_breaks_survives_a_bulk_load(tmp_path):
    """PDF text keeps line breaks inside sentences; the bulk load (hundreds of rows) keeps them, and
    quotes, commas and tabs, exactly as written."""
    import networkx as nx

    from huiyi.loaders.embedded_store import EmbeddedStore, write_store
    G = nx.MultiDiGraph()
    G.add_node("Document:d", label="Document", name="d.txt")
    for i in range(400):
        G.add_node(f"Person:p{i}", label="Person", name=f"人{i}")
        G.add_edge(f"Person:p{i}", "Document:d", key=f"e{i}", type="MENTIONED_IN", doc="d.txt", doc_id="Document:d",
                   evidence=f"第一行{i}\n第二行,\"引号\"\t完" if i % 3 == 0 else f"一行{i}", start=i, end=i + 5, count=1)
    write_store(G, tmp_path / "s.lbug")
    with EmbeddedStore(tmp_path / "s.lbug") as store:
        _, rows = store.execute("MATCH (p:Person)-[r:MENTIONED_IN]->(:Document) WHERE p.name = '人3' RETURN r.evidence")
        assert rows == [["第一行3\n第二行,\"引号\"\t完"]]
        assert store.execute("MATCH ()-[r:MENTIONED_IN]->() RETURN count(r)")[1] == [[400]]


def test_a_fresh_store_removes_only_its_own_files(tmp_path):
    # files and folders that merely share the store's name are the user's: a build keeps them
    (tmp_path / "graph.lbug.bak").write_text("backup", encoding="utf-8")
    (tmp_path / "graph.lbug.notes").mkdir()
    (tmp_path / "graph.lbug.notes" / "n.txt").write_text("notes", encoding="utf-8")
    (tmp_path / "graph.json").write_text("{}", encoding="utf-8")
    write_store(tiny_graph(), tmp_path / "graph.lbug")
    write_store(tiny_graph(), tmp_path / "graph.lbug")
    assert (tmp_path / "graph.lbug.bak").read_text(encoding="utf-8") == "backup"
    assert (tmp_path / "graph.lbug.notes" / "n.txt").exists() and (tmp_path / "graph.json").exists()
    write_store(tiny_graph(), tmp_path / "graph")  # a store named like the build's other outputs
    assert (tmp_path / "graph.json").read_text(encoding="utf-8") == "{}"
    with EmbeddedStore(tmp_path / "graph") as s:
        assert s.execute("MATCH (n) RETURN count(n)")[1][0][0] > 0


def test_a_folder_where_the_store_goes_is_an_error_naming_it(tmp_path):
    (tmp_path / "graph.lbug").mkdir()
    with pytest.raises(StoreError, match="graph.lbug: is a folder"):
        write_store(tiny_graph(), tmp_path / "graph.lbug")
    assert (tmp_path / "graph.lbug").is_dir()
