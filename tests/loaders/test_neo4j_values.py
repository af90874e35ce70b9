"""Every value `huiyi load neo4j` sends is one a Neo4j 5 server stores (tests/neo4j_rules.py): for
the seeds, the devset, the real corpus (5,523 reports) and a graph of awkward values; full dates go
through Cypher's date()."""
from __future__ import annotations

import networkx as nx
import pytest
from conftest import DEVSET, REAL_CORPUS, SEEDS
from neo4j_rules import date_problem, property_problem

from huiyi.loaders.json_export import read_json
from huiyi.loaders.neo4j_loader import load_plan
from huiyi.loaders.rows import graph_rows


def problems(G) -> list[str]:
    """What a server would refuse in the rows the load sends for `G`, one line each."""
    found = []
    for step in load_plan(graph_rows(G)):
        for row in step.rows:
            where = f"{step.what} {row['id']}"
            found += [f"{where}: {k} is not a string id" for k in ("id", "source", "target")
                      if k in row and not isinstance(row[k], str)]
            found += [f"{where}: {k}: {p}" for k, v in row["props"].items()
                      if v is not None and (p := property_problem(v))]  # null: the property is removed
            found += [f"{where}: {k}: {p}" for k, v in row["dates"].items() if (p := date_problem(v))]
            assert all(f"date(row.dates.`{k}`)" in step.statement for k in row["dates"]), step.statement
            assert not row["props"].keys() & row["dates"].keys()
    return found


def test_the_rules_refuse_what_neo4j_refuses():
    for bad in ({"a": 1}, [1, "a"], ["a", None], [["a"]], [{"a": 1}], 2**63, "\ud800"):
        assert property_problem(bad), bad
    for good in ("云南", 3, -2**63, 0.5, True, ["a", "b"], [1, 2], []):
        assert property_problem(good) is None, good
    assert date_problem("2020-02-20") is None and date_problem(None) is None
    assert date_problem("--02-20") and date_problem("2020-02-30") and date_problem(20200220)


def awkward_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("Person:a", label="Person", name="a", titles=["省长", None], aliases=[["老a"], {"k": 1}],
               extra={"k": 1}, big=2**70, mixed=[1, "a"], numbers=[1, 2.5])
    G.add_node("Person:b", label="Person", name="b", titles=("副省长",), extra=3, big=1)
    G.add_node("Meeting:m", label="Meeting", name="m", date="2020-02-30", day="--02-20")
    G.add_node("Meeting:n", label="Meeting", name="n", date=20200220)
    G.add_node("Meeting:o", label="Meeting", name="o", date="2020-02-20")
    G.add_edge("Person:a", "Meeting:m", key="ATTENDED:1", type="ATTENDED", doc="d", doc_id="Document:d",
               evidence="e", start=3, end=2**64, weird={"a": [1]})
    return G


def test_awkward_values_are_sent_as_neo4j_stores_them():
    assert problems(awkward_graph()) == []
    plan = {step.what: step.rows for step in load_plan(graph_rows(awkward_graph()))}
    people = {row["id"]: row for row in plan["Person"]}
    assert people["Person:a"]["props"]["titles"] == ["省长"]  # a null in a list is no item
    assert people["Person:a"]["props"]["big"] == str(2**70)  # beyond 64 bits: its digits
    assert people["Person:b"]["props"]["big"] == 1
    meetings = {row["id"]: row for row in plan["Meeting"]}
    assert meetings["Meeting:m"]["dates"] == {"day": None}  # no day of the calendar: no date
    assert meetings["Meeting:o"]["dates"] == {"day": "2020-02-20"}
    assert plan["ATTENDED (Person->Meeting)"][0]["props"]["end"] == str(2**64)


@pytest.mark.slow
@pytest.mark.parametrize("folder", [SEEDS, DEVSET, REAL_CORPUS], ids=["seeds", "devset", "real-corpus"])
def test_every_value_loaded_from_a_build_is_one_neo4j_stores(built_out, folder):
    G = read_json(built_out(folder) / "graph.json")
    assert G.number_of_edges() > 0
    assert problems(G) == []
