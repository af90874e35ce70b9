"""loaders/neo4j_loader.py: the loader's Cypher (pinned), its order and batching, and a live run
against Neo4j when NEO4J_URI is set (marked `neo4j`)."""
from __future__ import annotations

import os

import pytest
from cypher_fixtures import tiny_graph

from huiyi.graph.merge.build import summary
from huiyi.graph.models import ConfigError, StoreError
from huiyi.loaders import neo4j_loader as nl
from huiyi.loaders.rows import graph_rows

live = pytest.mark.skipif(not os.environ.get("NEO4J_URI"),
                          reason="no Neo4j server: set NEO4J_URI (and NEO4J_PASSWORD) to run the live tests")


# ---- the statements, pinned ------------------------------------------------------------------

def test_constraint_and_index_statements():
    assert nl.constraint_statement("Person") == (
        "CREATE CONSTRAINT huiyi_person_id IF NOT EXISTS FOR (n:`Person`) REQUIRE n.id IS UNIQUE")
    assert nl.relationship_index_statement("ATTENDED") == (
        "CREATE INDEX huiyi_attended_id IF NOT EXISTS FOR ()-[r:`ATTENDED`]-() ON (r.id)")


def test_merge_statements():
    assert nl.merge_nodes_statement("Person") == (
        "UNWIND $rows AS row\nMERGE (n:`Person` {id: row.id})\nSET n += row.props")
    assert nl.merge_nodes_statement("Meeting", ["day"]) == (
        "UNWIND $rows AS row\nMERGE (n:`Meeting` {id: row.id})\nSET n += row.props\n"
        "SET n.`day` = date(row.dates.`day`)")
    assert nl.merge_relationships_statement("ATTENDED", "Person", "Meeting") == (
        "UNWIND $rows AS row\nMATCH (a:`Person` {id: row.source})\nMATCH (b:`Meeting` {id: row.target})\n"
        "MERGE (a)-[r:`ATTENDED` {id: row.id}]->(b)\nSET r += row.props")


def test_wipe_and_count_statements():
    assert nl.wipe_statement() == "MATCH (n) WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS deleted"
    assert nl.count_nodes_statement() == (
        "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS count ORDER BY label")
    assert nl.count_relationships_statement() == (
        "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count ORDER BY type")


@pytest.mark.parametrize("bad", ["Person`) DETACH DELETE n //", "Per son", ""])
def test_names_written_into_cypher_must_be_identifiers(bad):
    with pytest.raises(StoreError):
        nl.merge_nodes_statement(bad)
    with pytest.raises(StoreError):
        nl.merge_relationships_statement(bad, "Person", "Meeting")
    with pytest.raises(StoreError):
        nl.constraint_statement(bad)


def test_the_plan_loads_nodes_before_relationships_with_values_as_parameters():
    plan = nl.load_plan(graph_rows(tiny_graph()))
    kinds = ["node" if "MERGE (n:" in step.statement else "rel" for step in plan]
    assert kinds == sorted(kinds)  # every node statement first
    meeting = next(step.rows for step in plan if step.what == "Meeting")
    m1 = next(p for p in meeting if p["id"] == "Meeting:m1")
    assert m1["dates"] == {"day": "2020-02-20"} and "id" not in m1["props"] and m1["props"]["date"] == "2020-02-20"
    assert "ATTENDED (Person->Meeting)" in [step.what for step in plan]
    sent = {}
    for step in plan:
        sent[step.kind] = sent.get(step.kind, 0) + len(step.rows)
    s = summary(tiny_graph())
    assert sent == {**s["nodes"], **s["edges"]}


# ---- the loader, against a recording driver -------------------------------------------------

class RecordingDriver:
    """Stands in for neo4j.Driver: records each transaction's statement and parameters."""

    def __init__(self):
        self.calls, self.deleted = [], [3, 0]

    def session(self, database=None):
        self.database = database
        return self

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def _run(self, fn):
        driver = self

        class Tx:
            def run(self, statement, **params):
                driver.calls.append((statement, params))

                class Result:
                    def data(self):
                        if "DETACH DELETE" in statement:
                            return [{"deleted": driver.deleted.pop(0)}]
                        if "labels(n)" in statement:
                            return [{"label": "Person", "count": 4}]
                        if "type(r)" in statement:
                            return [{"type": "ATTENDED", "count": 7}]
                        return []
                return Result()
        return fn(Tx())

    execute_write = execute_read = _run

    def close(self):
        pass


def test_load_creates_constraints_first_then_merges_in_batches():
    driver = RecordingDriver()
    counts = nl.load_neo4j(tiny_graph(), nl.Neo4jSettings(database="huiyi"), batch_size=2, driver=driver)
    statements = [s for s, _ in driver.calls]
    first_merge = next(i for i, s in enumerate(statements) if "MERGE" in s)
    assert all(s.startswith("CREATE ") for s in statements[:first_merge])
    assert not any(s.startswith("CREATE ") for s in statements[first_merge:])
    assert not any("DETACH DELETE" in s for s in statements)
    assert driver.database == "huiyi"
    person_batches = [p["rows"] for s, p in driver.calls if "MERGE (n:`Person`" in s]
    assert [len(b) for b in person_batches] == [2, 2]
    assert counts["sent"]["Person"] == 4 and counts["sent"]["ATTENDED"] == 7
    assert counts["nodes"] == {"Person": 4} and counts["edges"] == {"ATTENDED": 7}


def test_wipe_runs_only_when_asked_until_nothing_is_left():
    driver = RecordingDriver()
    nl.load_neo4j(tiny_graph(), nl.Neo4jSettings(), wipe=True, driver=driver)
    wipes = [i for i, (s, _) in enumerate(driver.calls) if "DETACH DELETE" in s]
    assert wipes == [0, 1]


def test_a_batch_size_below_one_is_refused():
    with pytest.raises(ConfigError, match="batch size"):
        nl.load_neo4j(tiny_graph(), nl.Neo4jSettings(), batch_size=0, driver=RecordingDriver())


# ---- the dry run: what a load sends, without a server ----------------------------------------

@pytest.mark.parametrize("wipe", [False, True])
def test_the_dry_run_lists_each_statement_the_load_sends_once_in_order(wipe):
    driver = RecordingDriver()
    nl.load_neo4j(tiny_graph(), nl.Neo4jSettings(), batch_size=2, wipe=wipe, driver=driver)
    sent = list(dict.fromkeys(statement for statement, _ in driver.calls))
    assert [step.statement for step in nl.dry_run(tiny_graph(), batch_size=2, wipe=wipe)] == sent


def test_the_dry_run_counts_rows_and_batches_per_statement():
    steps = {step.what: step for step in nl.dry_run(tiny_graph())}
    assert len(steps["Person"].rows) == 4 and steps["Person"].batches(3) == 2
    assert steps["ATTENDED (Person->Meeting)"].batches(2000) == 1
    assert steps["constraint Person"].rows is None and steps["constraint Person"].batches(2) == 1
    lines = nl.describe_steps(list(steps.values()), batch_size=3)
    assert lines[0].startswith(f"dry run, nothing sent: {len(steps)} statements; ")
    assert "  Person: 4 rows in 2 batches" in lines and "  constraint Person: once" in lines
    assert "  count nodes: read, once" in lines
    with pytest.raises(ConfigError, match="batch size"):
        nl.dry_run(tiny_graph(), batch_size=0)


# ---- settings and connection errors ---------------------------------------------------------

def test_settings_come_from_options_then_the_environment(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "neo4j://db.example:7687")
    monkeypatch.setenv("NEO4J_USER", "reader")
    monkeypatch.setenv("NEO4J_PASSWORD", "secret")
    monkeypatch.delenv("NEO4J_DATABASE", raising=False)
    assert nl.Neo4jSettings.resolve() == nl.Neo4jSettings("neo4j://db.example:7687", "reader", "secret", None)
    assert nl.Neo4jSettings.resolve("bolt://localhost:7688", database="g").uri == "bolt://localhost:7688"
    with pytest.raises(ConfigError, match="bolt, bolt"):
        nl.Neo4jSettings.resolve("http://localhost:7474")


def test_an_unreachable_server_is_one_clear_error():
    with pytest.raises(StoreError, match="cannot reach Neo4j at bolt://127.0.0.1:1"):
        nl.load_neo4j(tiny_graph(), nl.Neo4jSettings("bolt://127.0.0.1:1", password="x"))


# ---- live: a real Neo4j (docker compose up -d; NEO4J_URI=bolt://localhost:7687) --------------

@pytest.mark.neo4j
@live
def test_live_loading_twice_leaves_the_same_counts():
    settings = nl.Neo4jSettings.resolve()
    first = nl.load_neo4j(tiny_graph(), settings, wipe=True, batch_size=3)
    second = nl.load_neo4j(tiny_graph(), settings, batch_size=3)
    s = summary(tiny_graph())
    assert first["nodes"] == second["nodes"] == s["nodes"]
    assert first["edges"] == second["edges"] == s["edges"]


@pytest.mark.neo4j
@live
def test_live_reads_refuse_writes():
    with nl.Neo4jStore(nl.Neo4jSettings.resolve()) as store:
        with pytest.raises(StoreError, match="read-only"):
            store.execute("CREATE (:Person {id: 'Person:x'})")
