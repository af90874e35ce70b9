"""Writing every output of a build; a large graph's store (or any with workers) loaded by its own process."""
import json

import pytest

from graph.build import summary
from graph.models import StoreError
from loaders import outputs
from loaders.embedded_store import EmbeddedStore, write_store
from loaders.store_process import PendingStore, load_saved, save_tables


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
    from loaders import store_process
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


def test_a_page_drawn_by_a_child_that_fails_fails_the_build(seed_graph, tmp_path, monkeypatch):
    from graph.models import HuiyiError
    from loaders import html_view

    def broken(G, path, **_):
        raise html_view.ConfigError("layout 'spiral' unknown; choose auto, seed or physics")
    monkeypatch.setattr(html_view, "write_html", broken)
    with pytest.raises(HuiyiError, match="spiral"):
        outputs.write_outputs(seed_graph, tmp_path, jobs=2)  # the page is drawn by a forked child
    assert (tmp_path / "graph.json").exists()
    with EmbeddedStore(tmp_path / "graph.lbug") as store:  # the store's process was still waited for
        assert store.counts() == summary(seed_graph)
