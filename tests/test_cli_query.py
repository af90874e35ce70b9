"""The Cypher commands: `huiyi query`, `huiyi ask`, `huiyi load neo4j`, `huiyi export csv|graphml`,
and the store `huiyi build` writes."""
from __future__ import annotations

import csv
import io
import json

import pytest
from cypher_fixtures import tiny_graph
from typer.testing import CliRunner

from huiyi.graph.cli import app
from huiyi.loaders.embedded_store import EmbeddedStore, write_store
from huiyi.loaders.json_export import write_json
from huiyi.queries import registry

runner = CliRunner()
SEVEN = ["任军号", "宗国英", "张国华", "李玛琳", "杨杰", "阮成发", "陈豪"]
AT_TWO_OR_MORE = ("MATCH (p:Person)-[:ATTENDED]->(m:Meeting) WITH p, count(DISTINCT m) AS n WHERE n >= 2 "
                  "RETURN p.name AS name ORDER BY name")


def huiyi(*args):
    return runner.invoke(app, [str(a) for a in args])


def one_error_line(result) -> str:
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), result.output
    return lines[0]


@pytest.fixture()
def out(tmp_path):
    folder = tmp_path / "out"
    write_json(tiny_graph(), folder / "graph.json")
    write_store(tiny_graph(), folder / "graph.lbug")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory, seed_paths):
    """`huiyi build seeds/` into a fresh folder."""
    folder = tmp_path_factory.mktemp("built") / "out"
    result = huiyi("build", *seed_paths, "--out", folder, "--no-html", "--no-cache")
    return folder, result


def test_build_writes_the_store_and_says_so(built):
    folder, result = built
    assert (folder / "graph.lbug").exists()
    assert f"{folder}/graph.lbug" in result.output.replace("\n", "")


def test_acceptance_people_at_two_or_more_meetings(built):
    folder, _ = built
    result = huiyi("query", AT_TWO_OR_MORE, "--out", folder, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"name": n} for n in sorted(SEVEN)]


def test_ask_list_shows_every_query_and_each_runs_on_the_seeds(built):
    folder, _ = built
    listing = huiyi("ask", "--list")
    assert listing.exit_code == 0
    for q in registry.list_queries():
        assert f"{q.name}: {q.description}" in listing.stdout
        args = [a for k, v in q.example.items() for a in ("--param", f"{k}={v}")]
        result = huiyi("ask", q.name, *args, "--out", folder, "--format", "json")
        assert result.exit_code == 0, (q.name, result.output)
        assert isinstance(json.loads(result.stdout), list)


def test_query_formats(out):
    cypher = "MATCH (p:Person) WHERE p.name IN $names RETURN p.name AS name, p.titles AS titles ORDER BY name"
    args = ["query", cypher, "--out", out, "--param", 'names=["甲", "乙"]']
    rows = json.loads(huiyi(*args, "--format", "json").stdout)
    assert rows == [{"name": "乙", "titles": ["副省长"]}, {"name": "甲", "titles": ["省长", "组长, 副组长"]}]
    table = list(csv.reader(io.StringIO(huiyi(*args, "--format", "csv").stdout)))
    assert table == [["name", "titles"], ["乙", '["副省长"]'], ["甲", '["省长", "组长, 副组长"]']]
    text = huiyi(*args).stdout
    assert "name" in text and "甲" in text and "2 rows" in text


def test_query_takes_typed_parameters_and_a_store_file(out):
    result = huiyi("query", "MATCH (m:Meeting) WHERE m.day >= date($d) RETURN count(m) AS n", "--db",
                   out / "graph.lbug", "--param", "d=2020-02-21", "--format", "json")
    assert json.loads(result.stdout) == [{"n": 1}]


def test_query_refuses_writes_without_write(out):
    line = one_error_line(huiyi("query", "MATCH (n) DETACH DELETE n", "--out", out))
    assert "read-only" in line and "--write" in line
    with EmbeddedStore(out / "graph.lbug") as s:
        assert s.counts()["nodes"]["Person"] == 4
    assert huiyi("query", "CREATE (:Person {id: 'Person:new', name: 'new'})", "--out", out, "--write").exit_code == 0
    with EmbeddedStore(out / "graph.lbug") as s:
        assert s.counts()["nodes"]["Person"] == 5


def test_a_cypher_error_is_one_line_with_the_position(out):
    line = one_error_line(huiyi("query", "MATCH (p:Person RETURN p", "--out", out))
    assert "line 1, column 17" in line


def test_no_store_says_how_to_make_one(tmp_path):
    line = one_error_line(huiyi("query", "MATCH (n) RETURN n", "--out", tmp_path / "empty"))
    assert "no graph store in" in line and "huiyi build REPORTS --out" in line


def test_a_bad_format_or_param_is_refused_before_running(out):
    assert "table, json, csv" in one_error_line(huiyi("query", "RETURN 1", "--out", out, "--format", "xml"))
    assert "key=value" in one_error_line(huiyi("query", "RETURN 1", "--out", out, "--param", "oops"))


def test_ask_runs_a_named_query(out):
    result = huiyi("ask", "meetings_chaired", "--param", "person=乙", "--out", out, "--format", "json")
    assert [r["meeting_id"] for r in json.loads(result.stdout)] == ["Meeting:m2", "Meeting:m1"]


def test_ask_explains_what_is_wrong(out):
    assert "meetings_chaired" in one_error_line(huiyi("ask", "no_such_query", "--out", out))
    assert "person" in one_error_line(huiyi("ask", "meetings_chaired", "--out", out))
    assert "no parameter who" in one_error_line(huiyi("ask", "meetings_chaired", "--param", "who=x", "--out", out))
    assert "huiyi ask --list" in one_error_line(huiyi("ask", "--out", out))


def test_ask_with_hostile_values_finds_nothing_and_changes_nothing(out):
    for value in ("' OR 1=1 //", "}) DETACH DELETE n //"):
        result = huiyi("ask", "meetings_attended", "--param", f"person={value}", "--out", out, "--format", "json")
        assert json.loads(result.stdout) == []
    with EmbeddedStore(out / "graph.lbug") as s:
        assert s.counts()["nodes"]["Person"] == 4


def test_load_neo4j_with_no_server_is_one_line_and_fails(out):
    line = one_error_line(huiyi("load", "neo4j", "--out", out, "--uri", "bolt://127.0.0.1:1", "--password", "x"))
    assert "cannot reach Neo4j at bolt://127.0.0.1:1" in line
    assert "scheme" in one_error_line(huiyi("load", "neo4j", "--out", out, "--uri", "http://127.0.0.1:1"))


def test_load_neo4j_dry_run_prints_the_statements_and_contacts_no_server(out, monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")  # a server that is not there
    result = huiyi("load", "neo4j", "--out", out, "--dry-run", "--batch-size", "2")
    assert result.exit_code == 0, result.output
    statements = [s.strip() for s in result.stdout.split("\n;\n") if s.strip()]
    assert result.stdout.endswith("\n;\n") and len(statements) == result.stdout.count("\n;\n")
    assert statements[0].startswith("CREATE CONSTRAINT huiyi_person_id")
    assert any(s.startswith("UNWIND $rows AS row\nMERGE (n:`Person`") for s in statements)
    assert f"dry run, nothing sent: {len(statements)} statements" in result.stderr
    assert "  Person: 4 rows in 2 batches" in result.stderr
    assert "no graph here" in one_error_line(huiyi("load", "neo4j", "--out", out / "none", "--dry-run"))


def test_export_csv_and_graphml(out, tmp_path):
    result = huiyi("export", "csv", "--out", out, "--to", tmp_path / "import")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "import" / "nodes_Person.csv").exists() and (tmp_path / "import" / "import.sh").exists()
    result = huiyi("export", "graphml", "--out", out)
    assert result.exit_code == 0 and (out / "graph.graphml").exists()
    assert "no graph here" in one_error_line(huiyi("export", "csv", "--out", tmp_path / "nothing"))


def test_queries_the_engine_cannot_survive_are_refused_with_one_line(out):
    deep = "RETURN " + "(" * 3000 + "1" + ")" * 3000
    long_sum = "RETURN " + "+".join(["1"] * 10000)
    for cypher, says in ((deep, "nests brackets 3000 deep"), (long_sum, "chains 9,999 operators"),
                         ("   ", "the query is empty")):
        assert says in one_error_line(huiyi("query", cypher, "--out", out))
    assert "beyond a 64-bit integer" in one_error_line(
        huiyi("query", "RETURN $n AS n", "-p", "n=99999999999999999999", "--out", out))
    assert "beyond a 64-bit integer" in one_error_line(
        huiyi("ask", "frequent_attendees", "-p", "min_meetings=99999999999999999999", "--out", out))
    # a plus inside a string is data, not an operator
    assert huiyi("query", "RETURN '" + "+" * 5000 + "' AS s", "--out", out, "--format", "json").exit_code == 0


def test_a_query_from_a_file_or_standard_input_and_no_rows_said(out, tmp_path):
    statement = tmp_path / "q.cypher"
    statement.write_text("MATCH (p:Person) RETURN count(p) AS n", encoding="utf-8")
    from_file = huiyi("query", "--file", statement, "--out", out, "--format", "json")
    assert from_file.exit_code == 0 and json.loads(from_file.output)[0]["n"] > 0
    from_stdin = runner.invoke(app, ["query", "--file", "-", "--out", str(out), "--format", "json"],
                               input="MATCH (p:Person) RETURN count(p) AS n")
    assert json.loads(from_stdin.output) == json.loads(from_file.output)
    none = huiyi("query", "MATCH (p:Person {name: 'nobody'}) RETURN p.name", "--out", out)
    assert none.exit_code == 0 and none.output.strip() == "no rows"
    assert "either as an argument or with --file" in one_error_line(huiyi("query", "--out", out))


def test_smaller_defects_of_the_commands(tmp_path, seed_paths):
    import os

    from huiyi.graph.inputs.documents import discover
    from huiyi.loaders.subgraph import _not_found
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert discover([fifo]).files == [fifo]  # named, so reading it says it is a pipe (not "no such file")
    hint = str(_not_found("person", "信长", ["信(xin)長(chang)星", "信长星", "王五"], "--person"))
    assert "信长星" in hint and "(xin)" not in hint
    version = huiyi("--version")
    assert version.exit_code == 0 and version.output.startswith("huiyi ")
    assert "<bool>" not in huiyi("build", "--help").output and "<list[str]>" not in huiyi("query", "--help").output
    tiny = tmp_path / "tiny.txt"
    tiny.write_text("会议" * 2000, encoding="utf-8")
    result = huiyi("build", tiny, "--out", tmp_path / "out", "--max-mb", "0.001", "-q")
    assert "over the 1 KB limit" in result.output


def test_query_views_with_other_parameters_are_other_pages(out):
    first = huiyi("view", "--query", "frequent_attendees", "-p", "min_meetings=1", "--out", out)
    second = huiyi("view", "--query", "frequent_attendees", "-p", "min_meetings=2", "--out", out)
    assert first.exit_code == 0 and second.exit_code == 0, (first.output, second.output)
    pages = sorted(p.name for p in out.glob("view-query-*.html"))
    assert pages == ["view-query-frequent_attendees-min_meetings=1.html",
                     "view-query-frequent_attendees-min_meetings=2.html"]
