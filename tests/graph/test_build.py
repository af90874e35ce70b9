"""graph/build.py: the compact EdgeListGraph a build writes from is the networkx graph, held smaller."""
from __future__ import annotations

import json

import networkx as nx
import pytest

from huiyi.graph.merge.build import EdgeListGraph, edge_attributes, summary
from huiyi.graph.merge.source import EdgeRecord
from huiyi.loaders.embedded_store import EmbeddedStore, write_store
from huiyi.loaders.html_view import overview
from huiyi.loaders.json_export import read_json, write_json


@pytest.fixture(scope="module")
def compact(seed_compact):
    return seed_compact


def _as_lists(G):
    return list(G.nodes(data=True)), list(G.edges(keys=True, data=True))


def test_the_compact_graph_is_the_networkx_graph(compact, seed_graph):
    assert isinstance(compact, EdgeListGraph) and isinstance(seed_graph, nx.MultiDiGraph)
    assert compact.number_of_nodes() == seed_graph.number_of_nodes() > 50
    assert compact.number_of_edges() == seed_graph.number_of_edges() > 200
    assert _as_lists(compact.to_networkx()) == _as_lists(seed_graph)
    nodes, edges = _as_lists(compact)
    assert nodes == list(seed_graph.nodes(data=True))
    assert sorted(edges) == sorted(seed_graph.edges(keys=True, data=True))
    # edges come report by report, in (file name, document id) order, whatever order reports were merged in
    docs = [(d["doc"], d["doc_id"]) for _, _, d in compact.edges(data=True)]
    assert docs == sorted(docs) and len(set(docs)) == 5


def test_reading_one_attribute_and_the_node_view(compact, seed_graph):
    assert sorted(compact.edges(data="type")) == sorted(seed_graph.edges(data="type"))
    assert sorted(compact.edges(data="doc")) == sorted(seed_graph.edges(data="doc"))
    person = next(n for n, label in compact.nodes(data="label") if label == "Person")
    assert person in compact and person in compact.nodes and "Person:nobody" not in compact
    assert compact.nodes[person] == seed_graph.nodes[person]
    assert len(compact.nodes) == len(compact) == seed_graph.number_of_nodes()
    assert summary(compact) == summary(seed_graph)
    assert summary(compact)["edges"]["CHAIRED"] >= 5


def test_edge_records_carry_counts_and_properties():
    record = EdgeRecord("MENTIONED_IN:x", "Person:甲", "Document:d", "MENTIONED_IN", "d.txt", "Document:d", "甲出席。", 0, 4, 2)
    assert edge_attributes(record) == {"type": "MENTIONED_IN", "doc": "d.txt", "doc_id": "Document:d",
                                       "evidence": "甲出席。", "start": 0, "end": 4, "count": 2}
    more = EdgeRecord("ATTENDED:x", "Person:甲", "Meeting:m", "ATTENDED", "d.txt", "Document:d", "甲出席。", 0, 4, {"how": "出席"})
    assert edge_attributes(more)["how"] == "出席"
    G = EdgeListGraph({"Person:甲": {"label": "Person", "name": "甲"}, "Meeting:m": {"label": "Meeting", "name": "会"},
                       "Document:d": {"label": "Document", "name": "d.txt"}}, [more, record])
    assert list(G.edges()) == [("Person:甲", "Meeting:m"), ("Person:甲", "Document:d")]
    assert list(G.edges(data="how")) == [("Person:甲", "Meeting:m", "出席"), ("Person:甲", "Document:d", None)]


def test_every_writer_takes_the_compact_graph_and_writes_the_same(compact, seed_graph, tmp_path):
    write_json(compact, tmp_path / "a.json")
    write_json(seed_graph, tmp_path / "b.json")
    a, b = (json.loads((tmp_path / f"{x}.json").read_text(encoding="utf-8")) for x in "ab")
    assert a["nodes"] == b["nodes"]
    key = lambda e: e["id"]  # noqa: E731
    assert sorted(a["edges"], key=key) == sorted(b["edges"], key=key)
    assert write_store(compact, tmp_path / "a.lbug") == write_store(seed_graph, tmp_path / "b.lbug")
    with EmbeddedStore(tmp_path / "a.lbug") as store:
        assert store.execute("MATCH ()-[r:CHAIRED]->() RETURN count(r)")[1] == [[summary(compact)["edges"]["CHAIRED"]]]
    small = overview(compact, max_nodes=40)
    assert isinstance(small, nx.MultiDiGraph) and small.number_of_nodes() == 40
    assert _as_lists(overview(compact)) == _as_lists(seed_graph)  # under the limit: the whole graph


def test_a_large_graph_is_written_in_batches_and_reads_back(compact, monkeypatch, tmp_path):
    from huiyi.loaders import json_export
    monkeypatch.setattr(json_export, "INDENTED_UP_TO", 10)
    monkeypatch.setattr(json_export, "BATCH", 7)  # batches end mid-list, across nodes and edges
    path = write_json(compact, tmp_path / "graph.json")
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") == 0  # one line: the large-graph form
    nodes, edges = _as_lists(read_json(path))
    assert nodes == list(compact.nodes(data=True)) and sorted(edges) == sorted(compact.edges(keys=True, data=True))


def test_a_value_the_fast_encoder_refuses_is_written_by_the_standard_one(monkeypatch, tmp_path):
    from huiyi.loaders import json_export
    monkeypatch.setattr(json_export, "INDENTED_UP_TO", 0)  # the streamed form, encoded by orjson
    G = nx.MultiDiGraph()
    G.add_node("Person:甲", label="Person", name="甲", votes=2**70)  # beyond 64 bits: orjson refuses it
    G.add_node("Meeting:m", label="Meeting", name="会", tags=["一", "二"])
    G.add_edge("Person:甲", "Meeting:m", key="ATTENDED:1", type="ATTENDED", evidence="甲出席会议。\t\"引\"")
    back = read_json(write_json(G, tmp_path / "graph.json"))
    assert _as_lists(back) == _as_lists(G)


def test_relation_ids_are_short_stable_and_unique(compact):
    from huiyi.graph.models import relation_id
    ids = [key for _, _, key in compact.edges(keys=True)]
    assert len(set(ids)) == len(ids)  # every relation of the seeds has its own id
    for (source, target, key), (_, _, data) in zip(compact.edges(keys=True), compact.edges(data=True), strict=False):
        kind, digest = key.split(":")
        assert kind == data["type"] and len(digest) == 16  # ASCII whatever the names: cheap to store
        assert key == relation_id(kind, source, target, data["doc_id"], data["start"])  # rebuilt the same
    one = ("CHAIRED", "Person:朱东", "Meeting:陕西:2024-05-27:城市更新工作会议", "Document:2b6eeb07d2f91b82", 319)
    assert relation_id(*one) == relation_id(*one)
    for i, other in enumerate(("SPOKE_AT", "Person:朱冬", "Meeting:陕西:2024-05-28:城市更新工作会议",
                                "Document:2b6eeb07d2f91b83", 320)):
        changed = list(one)
        changed[i] = other
        assert relation_id(*changed) != relation_id(*one)
