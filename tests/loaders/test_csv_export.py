"""loaders/csv_export.py (neo4j-admin import CSVs) and loaders/graphml_export.py."""
from __future__ import annotations

import csv

import networkx as nx
from cypher_fixtures import EVIDENCE, tiny_graph

from huiyi.graph.merge.build import summary
from huiyi.loaders.csv_export import export_csv, import_command
from huiyi.loaders.graphml_export import write_graphml


def read(path):
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_one_file_per_label_and_type_with_typed_headers(tmp_path):
    files = export_csv(tiny_graph(), tmp_path)
    names = {f.name for f in files}
    s = summary(tiny_graph())
    assert names == ({f"nodes_{k}.csv" for k in s["nodes"]} | {f"relationships_{k}.csv" for k in s["edges"]}
                     | {"import.sh"})
    person = read(tmp_path / "nodes_Person.csv")
    assert person[0] == ["id:ID", "name", "role", "titles:string[]", "aliases:string[]", ":LABEL"]
    meeting = read(tmp_path / "nodes_Meeting.csv")[0]
    assert meeting[:7] == ["id:ID", "name", "date", "jurisdiction", "place", "kind", "day:date"]
    assert "reported:boolean" in meeting and meeting[-1] == ":LABEL"
    attended = read(tmp_path / "relationships_ATTENDED.csv")
    assert attended[0] == [":START_ID", ":END_ID", ":TYPE", "id", "doc", "doc_id", "evidence", "start:long",
                           "end:long", "how", "rule"]
    assert read(tmp_path / "relationships_MENTIONED_IN.csv")[0][-1] == "count:long"


def test_rows_hold_every_node_and_edge_with_their_values(tmp_path):
    export_csv(tiny_graph(), tmp_path)
    rows = {r[0]: r for r in read(tmp_path / "nodes_Person.csv")[1:]}
    assert rows["Person:甲"] == ["Person:甲", "甲", "official", "省长;组长, 副组长", "老甲", "Person"]
    assert rows["Person:丙"][3:5] == ["", ""]  # absent properties are empty fields
    edges = read(tmp_path / "relationships_DIRECTED.csv")[1:]
    assert len(edges) == 2
    assert next(e for e in edges if e[0] == "Person:甲")[6] == EVIDENCE  # quoted, newline and all
    total = sum(len(read(f)) - 1 for f in tmp_path.glob("relationships_*.csv"))
    assert total == tiny_graph().number_of_edges()


def test_the_import_command_names_every_file_and_the_options_it_needs(tmp_path):
    export_csv(tiny_graph(), tmp_path, database="huiyi")
    script = (tmp_path / "import.sh").read_text(encoding="utf-8")
    assert "neo4j-admin database import full huiyi" in script
    assert "--multiline-fields=true" in script  # the evidence spans lines
    assert "--nodes=nodes_Person.csv" in script and "--relationships=relationships_ATTENDED.csv" in script
    assert "'--array-delimiter=;'" in script
    assert script.startswith("#!/bin/sh\n") and (tmp_path / "import.sh").stat().st_mode & 0o111


def test_the_array_delimiter_avoids_what_the_lists_hold(tmp_path):
    G = tiny_graph()
    G.nodes["Person:乙"]["titles"] = ["副省长;副指挥长"]
    export_csv(G, tmp_path)
    rows = {r[0]: r for r in read(tmp_path / "nodes_Person.csv")[1:]}
    assert rows["Person:甲"][3] == "省长|组长, 副组长"
    assert "'--array-delimiter=|'" in (tmp_path / "import.sh").read_text(encoding="utf-8")


def test_import_command_without_multiline_values(tmp_path):
    command = import_command([tmp_path / "nodes_Person.csv"], array_delimiter="\u001f")
    assert "--multiline-fields" not in command and "--array-delimiter=U+001F" in command


def test_graphml_keeps_nodes_edges_and_joins_lists(tmp_path):
    path = write_graphml(tiny_graph(), tmp_path / "g.graphml")
    H = nx.read_graphml(path, force_multigraph=True)
    assert H.number_of_nodes() == tiny_graph().number_of_nodes()
    assert H.number_of_edges() == tiny_graph().number_of_edges()
    assert H.nodes["Person:甲"]["titles"] == "省长; 组长, 副组长"
