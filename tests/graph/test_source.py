"""graph/source.py: every writer reads one protocol; a networkx graph and the compact graph a build
makes give the same bytes through it."""
from __future__ import annotations

import networkx as nx
import pytest

from huiyi.graph.merge.build import EdgeListGraph, summary
from huiyi.graph.merge.source import GraphSource, NetworkxSource, as_source, edge_item
from huiyi.loaders.csv_export import export_csv
from huiyi.loaders.html_view import overview, write_html
from huiyi.loaders.json_export import read_json, to_node_link, write_json
from huiyi.loaders.rows import graph_rows


def test_both_kinds_of_graph_are_sources(seed_graph, seed_compact):
    assert isinstance(as_source(seed_graph), NetworkxSource) and isinstance(as_source(seed_graph), GraphSource)
    assert as_source(seed_compact) is seed_compact and isinstance(seed_compact, GraphSource)
    assert as_source(seed_graph).to_networkx() is seed_graph
    assert as_source(seed_graph).pair_counts() is None  # networkx keeps no counts: writers read every edge
    assert sum(seed_compact.pair_counts().values()) == seed_compact.number_of_edges()
    records = list(as_source(seed_graph).edge_records())
    assert sorted(edge_item(r)["id"] for r in records) == sorted(r[0] for r in seed_compact.edge_records())


@pytest.fixture(scope="module")
def sunk(seed_paths):
    """The seeds' compact graph merged with each record sink: lists (the default), the spill."""
    from huiyi.graph.merge.resolve import Merger
    from huiyi.graph.merge.spill import IN_MEMORY, SPILLED
    from huiyi.graph.run.pipeline import process
    graphs = []
    for sinks in (IN_MEMORY, SPILLED):
        merger = Merger(sinks=sinks)
        for path in reversed(seed_paths):  # any order: the records come back in report order
            for item in process(path):
                merger.add(item.facts)
        merger.finish()
        graphs.append(merger.to_graph())
    return graphs


def test_a_networkx_graph_is_written_as_its_own_edges(seed_graph):
    assert to_node_link(seed_graph)["edges"] == [{"id": k, "source": u, "target": v, **d}
                                                 for u, v, k, d in seed_graph.edges(keys=True, data=True)]


def test_the_merger_gives_the_same_records_from_a_list_or_a_spill(sunk, seed_compact):
    listed, spilled = sunk
    assert type(listed._edges).__name__ == "EdgeList" and type(spilled._edges).__name__ == "EdgeSpill"
    assert list(listed.edge_records()) == list(spilled.edge_records()) == list(seed_compact.edge_records())
    assert listed.pair_counts() == spilled.pair_counts() and listed.edge_properties() == spilled.edge_properties()
    pair = next(iter(listed.pair_counts()))
    assert list(listed.edge_records([pair])) == list(spilled.edge_records([pair]))


@pytest.mark.parametrize("write", [write_json, write_html], ids=["json", "html"])
def test_a_writer_gives_the_same_bytes_from_either_sink_and_from_the_adapter(write, sunk, tmp_path):
    listed, spilled = sunk
    write(listed, tmp_path / "a")
    write(spilled, tmp_path / "b")
    write(NetworkxSource(spilled.to_networkx()), tmp_path / "c")  # small: the page draws it whole, sorted
    assert (tmp_path / "a").read_bytes() == (tmp_path / "b").read_bytes()
    if write is write_html:
        assert (tmp_path / "b").read_bytes() == (tmp_path / "c").read_bytes()


def test_the_rows_and_the_csv_are_the_same_from_either(sunk, seed_graph, tmp_path):
    listed, spilled = sunk
    a, b = graph_rows(listed), graph_rows(spilled)
    assert {k: t.data for k, t in a.nodes.items()} == {k: t.data for k, t in b.nodes.items()}
    assert {k: (t.columns, t.pairs) for k, t in a.relations.items()} == \
        {k: (t.columns, t.pairs) for k, t in b.relations.items()}
    one, two = export_csv(listed, tmp_path / "a"), export_csv(spilled, tmp_path / "b")
    assert [p.read_bytes() for p in one if p.suffix == ".csv"] == [p.read_bytes() for p in two if p.suffix == ".csv"]
    from_networkx = graph_rows(seed_graph)  # the adapter's: the same tables, edges in networkx's order
    assert {k: t.columns for k, t in from_networkx.relations.items()} == {k: t.columns for k, t in a.relations.items()}
    assert {k: sorted(d["id"]) for k, t in from_networkx.relations.items() for d in t.pairs.values()} == \
        {k: sorted(d["id"]) for k, t in a.relations.items() for d in t.pairs.values()}


def test_an_overview_is_the_same_from_either(sunk, seed_graph, seed_compact):
    small = dict(max_nodes=40, max_edges=60)
    listed, spilled = (overview(G, **small) for G in sunk)
    assert list(listed.nodes(data=True)) == list(spilled.nodes(data=True))
    assert list(listed.edges(keys=True, data=True)) == list(spilled.edges(keys=True, data=True))
    # the best-linked nodes do not depend on the edges' order; which edges fill the page does
    assert list(overview(seed_graph, **small).nodes(data=True)) == list(spilled.nodes(data=True))
    assert summary(seed_graph) == summary(seed_compact) == summary(as_source(seed_graph))


def test_an_edge_missing_its_provenance_comes_back_as_it_was(tmp_path):
    G = nx.MultiDiGraph()
    G.add_node("Person:甲", label="Person", name="甲")
    G.add_node("Meeting:m", label="Meeting", name="会")
    G.add_edge("Person:甲", "Meeting:m", key=0, how="出席", type="ATTENDED")  # no provenance, odd order
    G.add_edge("Person:甲", "Meeting:m", key=1)  # nothing at all
    node_link = to_node_link(G)
    assert node_link["edges"] == [{"id": 0, "source": "Person:甲", "target": "Meeting:m", "how": "出席",
                                   "type": "ATTENDED"}, {"id": 1, "source": "Person:甲", "target": "Meeting:m"}]
    back = read_json(write_json(G, tmp_path / "graph.json"))
    assert list(back.edges(keys=True, data=True)) == list(G.edges(keys=True, data=True))
    assert list(overview(G, max_nodes=1, max_edges=5).edges(data=True)) == []  # one node: no edge among them


def test_a_compact_graph_over_a_plain_list_keeps_no_counts(seed_compact):
    plain = EdgeListGraph(dict(seed_compact.nodes(data=True)), list(seed_compact.edge_records()))
    assert plain.pair_counts() is None and plain.edge_properties() is None
    assert plain.edge_type_counts() == seed_compact.edge_type_counts()
    pair = next(iter(seed_compact.pair_counts()))
    assert list(plain.edge_records([pair])) == list(seed_compact.edge_records([pair]))
