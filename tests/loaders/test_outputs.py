"""Writing every output of a build; a large graph's store (or any with workers) loaded by its own process."""
import json

import pyarrow.parquet as pq
import pytest

from huiyi.graph.merge.build import summary
from huiyi.graph.models import StoreError
from huiyi.loaders import outputs, store_process
from huiyi.loaders.embedded_store import EmbeddedStore, write_store
from huiyi.loaders.store_process import PendingStore, load_saved, save_and_load, save_tables


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_output_is_written(seed_graph, tmp_path, jobs):
    paths = outputs.write_outputs(seed_graph, tmp_path, jobs=jobs)
    assert [p.name for p in paths] == ["graph.json", "graph.html", "graph.lbug"]
    with EmbeddedStore(tmp_path / "graph.lbug") as store:
        assert store.execute("MATCH (p:Person) RETURN count(p)")[1] == [[sum(
            1 for _, d in seed_graph.nodes(data=True) if d["label"] == "Person")]]
    assert not list(tmp_path.glob("*.building*"))


def test_a_store_that_fails_fails_the_build(seed_graph, tmp_path, monkeypatch):
    def refuse(G, path, **_):
        raise StoreError(f"{path}: the store refused the load: disk full")
    monkeypatch.setattr(outputs, "write_store", refuse)
    with pytest.raises(StoreError, match="disk full"):
        outputs.write_outputs(seed_graph, tmp_path, jobs=1)
    assert (tmp_path / "graph.json").exists()


def test_a_large_graph_goes_to_its_own_process_and_loads_the_same(seed_graph, tmp_path, monkeypatch):
    from huiyi.loaders import store_process
    monkeypatch.setattr(outputs, "SEPARATE_STORE_EDGES", 10)
    monkeypatch.setattr(store_process, "CHUNK_ROWS", 7)  # rows streamed to the files 7 at a time
    monkeypatch.setattr(outputs, "write_store", lambda *a, **k: pytest.fail("loaded in this process"))
    outputs.write_outputs(seed_graph, tmp_path / "a", jobs=1, html=False)
    expected = write_store(seed_graph, tmp_path / "b.lbug")
    with EmbeddedStore(tmp_path / "a" / "graph.lbug") as store:
        assert store.counts() == expected == {k: v for k, v in summary(seed_graph).items()}
        _, rows = store.execute("MATCH (p:Person)-[r:CHAIRED]->(m:Meeting) RETURN p.name, r.evidence ORDER BY p.name")
    chaired = sorted((seed_graph.nodes[u]["name"], d["evidence"]) for u, _, d in seed_graph.edges(data=True)
                     if d["type"] == "CHAIRED")
    assert sorted(map(tuple, rows)) == chaired


def test_the_separate_loader_reports_what_went_wrong(seed_graph, tmp_path):
    folder = tmp_path / "batches"
    folder.mkdir()
    manifest = save_tables(seed_graph, folder)
    plan = json.loads(manifest.read_text(encoding="utf-8"))
    assert plan["copy"] and all((folder / c["file"]).exists() for c in plan["copy"])
    assert load_saved(folder, tmp_path / "direct.lbug")["nodes"]["Person"] > 10
    (folder / plan["copy"][0]["file"]).unlink()  # a lost file: the child must say so, not hang
    with pytest.raises(StoreError, match="graph.lbug: the rows of Person are missing"):
        PendingStore(folder, tmp_path / "out" / "graph.lbug").wait()
    assert not folder.exists()  # the batches are removed whatever happened
    assert not (tmp_path / "out" / "graph.lbug").exists()


def test_a_page_that_fails_fails_the_build_and_the_store_is_still_waited_for(seed_graph, tmp_path, monkeypatch):
    from huiyi.graph.models import HuiyiError
    from huiyi.loaders import html_view

    def broken(G, path, **_):
        raise html_view.ConfigError("layout 'spiral' unknown; choose auto, seed or physics")
    monkeypatch.setattr(html_view, "write_html", broken)
    with pytest.raises(HuiyiError, match="spiral"):
        outputs.write_outputs(seed_graph, tmp_path, jobs=2)  # the store is written by a forked child
    assert (tmp_path / "graph.json").exists()
    with EmbeddedStore(tmp_path / "graph.lbug") as store:  # the store's process was still waited for
        assert store.counts() == summary(seed_graph)


def test_the_store_writer_hands_each_table_to_the_loader_as_it_ends(seed_compact, tmp_path):
    handed = []
    store_process._write_tables(seed_compact, tmp_path, lambda kind, items: handed.append((kind, items)))
    pairs = {pair for pair, n in seed_compact.pair_counts().items() if n}
    labels = summary(seed_compact)["nodes"]
    # the schema, then each node table, then a pass a pair: one table each
    assert [kind for kind, _ in handed] == ["create"] + ["copy"] * (len(labels) + len(pairs))
    assert all(len(items) == 1 for _, items in handed[1:])
    nodes, relations = handed[1:1 + len(labels)], handed[1 + len(labels):]
    assert {c["table"] for _, items in nodes for c in items} == set(labels)
    assert {c["table"] for _, items in relations for c in items} == set(seed_compact.edge_type_counts())
    from huiyi.loaders.embedded_store import pair_options
    files = {(c["table"], c["options"]): c["file"] for _, items in relations for c in items}
    for (kind, source, target) in pairs:  # each file holds its pair's edges, all of them
        data = pq.read_table(tmp_path / files[(kind, pair_options((source, target)))])
        assert data.num_rows == seed_compact.pair_counts()[(kind, source, target)]
        assert {i.split(":")[0] for i in data.column("source").to_pylist()} == {source}


def test_loaded_while_written_the_store_is_the_same(seed_compact, seed_graph, tmp_path, monkeypatch):
    monkeypatch.setattr(store_process, "CHUNK_ROWS", 7)
    (tmp_path / "rows").mkdir()
    counts = save_and_load(seed_compact, tmp_path / "rows", tmp_path / "a.lbug")
    assert counts == write_store(seed_graph, tmp_path / "b.lbug") == summary(seed_graph)
    query = "MATCH (p:Person)-[r:ATTENDED]->(m:Meeting) RETURN p.name, m.name, r.evidence, r.how ORDER BY r.id"
    with EmbeddedStore(tmp_path / "a.lbug") as a, EmbeddedStore(tmp_path / "b.lbug") as b:
        assert a.execute(query) == b.execute(query)
    assert not list(tmp_path.glob("*.building*"))


def test_when_the_rows_fail_midway_no_store_is_left(seed_compact, tmp_path, monkeypatch):
    real = store_process.relation_chunks
    passes = []

    def second_pass_fails(*args, **kw):
        passes.append(kw.get("only"))
        if len(passes) == 2:
            raise OSError("No space left on device")
        yield from real(*args, **kw)
    monkeypatch.setattr(store_process, "relation_chunks", second_pass_fails)
    (tmp_path / "rows").mkdir()
    with pytest.raises(OSError, match="No space left"):
        save_and_load(seed_compact, tmp_path / "rows", tmp_path / "graph.lbug")
    assert not list(tmp_path.glob("graph*.lbug*"))  # neither a store nor a half-built one


def test_when_the_load_fails_the_rows_stop_and_the_error_names_the_store(seed_compact, tmp_path, monkeypatch):
    import threading
    refused, passes = threading.Event(), []
    real = store_process.relation_chunks

    def after_the_refusal(*args, **kw):  # the first table ends only once the loader has failed
        passes.append(kw.get("only"))
        assert refused.wait(30)
        loader = next((t for t in threading.enumerate() if t.name == "huiyi-store-loader"), None)
        if loader is not None:
            loader.join(30)  # (the refusal is raised, and recorded, after the event is set)
        yield from real(*args, **kw)

    def refuse(conn, table, options, file):
        refused.set()
        raise RuntimeError("Copy exception: Unable to find primary key value Person:甲.")
    monkeypatch.setattr(store_process, "relation_chunks", after_the_refusal)
    monkeypatch.setattr(store_process, "copy_file", refuse)
    (tmp_path / "rows").mkdir()
    with pytest.raises(StoreError, match=r"graph.lbug: the store refused the load: Copy exception"):
        save_and_load(seed_compact, tmp_path / "rows", tmp_path / "graph.lbug")
    assert len(passes) == 1  # the node tables did not load: no second table was written
    assert not list(tmp_path.glob("graph*.lbug*"))


def test_one_pass_when_the_graph_kept_no_counts_or_has_one_pair_else_a_pass_per_pair(seed_compact, seed_graph):
    from huiyi.graph.merge.build import EdgeListGraph
    from huiyi.graph.merge.spill import EdgeSpill
    from huiyi.loaders.rows import node_tables
    from huiyi.loaders.streamed_rows import relation_tables
    nodes = node_tables(seed_graph)
    assert store_process._relation_jobs(seed_graph, nodes, relation_tables(seed_graph, nodes)) == [None]  # networkx
    chaired = [r for r in seed_compact.edge_records() if r[3] == "CHAIRED"]
    plain = EdgeListGraph(dict(seed_compact.nodes(data=True)), chaired)  # a plain list: no counts kept
    assert store_process._relation_jobs(plain, nodes, relation_tables(plain, nodes)) == [None]
    spill = EdgeSpill()
    spill.append(("all",), chaired)
    one_pair = EdgeListGraph(dict(seed_compact.nodes(data=True)), spill)  # counts kept, but of one pair
    assert one_pair.pair_counts() is not None
    assert store_process._relation_jobs(one_pair, nodes, relation_tables(one_pair, nodes)) == [None]
    jobs = store_process._relation_jobs(seed_compact, nodes, relation_tables(seed_compact, nodes))
    counts = seed_compact.pair_counts()
    sizes = [counts[next(iter(job))] for job in jobs]
    assert all(len(job) == 1 for job in jobs) and {p for job in jobs for p in job} == {p for p, n in counts.items() if n}
    assert sizes == sorted(sizes)  # smallest first


def test_build_and_write_is_huiyi_build_as_one_call(seed_paths, tmp_path):
    out = tmp_path / "out"
    run = outputs.build_and_write(seed_paths, out, store=False)
    assert [p.name for p in run.written] == ["graph.json", "graph.html"] and run.exit_code == 0
    assert json.loads((out / "report.json").read_text(encoding="utf-8")) == run.report
    assert run.report["summary"]["read"] == 5 and run.seconds > 0
    again = outputs.build_and_write(seed_paths, out, html=False, store=False)  # the lock was let go; cached now
    assert (out / "graph.json").read_bytes() == run.written[0].read_bytes()
    assert again.report["summary"]["cached"] == 5


def test_build_and_write_when_nothing_is_read_or_it_stops_at_a_problem(tmp_path):
    from huiyi.graph.run.outcomes import StoppedAtProblem
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    run = outputs.build_and_write([tmp_path / "in"], tmp_path / "out")
    assert run.written == [] and run.exit_code == 3 and not (tmp_path / "out" / "graph.json").exists()
    assert json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["summary"]["skipped"] == 1
    with pytest.raises(StoppedAtProblem):
        outputs.build_and_write([tmp_path / "in"], tmp_path / "strict", strict=True)
    assert json.loads((tmp_path / "strict" / "report.json").read_text(encoding="utf-8"))["summary"]["exit_code"] == 4
