"""Writing every output of a build, with the store in a second process when there are workers."""
import pytest

from graph.models import StoreError
from loaders import outputs
from loaders.embedded_store import EmbeddedStore


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_output_is_written(seed_graph, tmp_path, jobs):
    paths = outputs.write_outputs(seed_graph, tmp_path, jobs=jobs)
    assert [p.name for p in paths] == ["graph.json", "graph.html", "graph.lbug"]
    with EmbeddedStore(tmp_path / "graph.lbug") as store:
        assert store.execute("MATCH (p:Person) RETURN count(p)")[1] == [[sum(
            1 for _, d in seed_graph.nodes(data=True) if d["label"] == "Person")]]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_store_that_fails_fails_the_build(seed_graph, tmp_path, monkeypatch, jobs):
    def refuse(G, path, **_):
        raise StoreError(f"{path}: the store refused the load: disk full")
    monkeypatch.setattr(outputs, "write_store", refuse)
    with pytest.raises(StoreError, match="disk full"):
        outputs.write_outputs(seed_graph, tmp_path, jobs=jobs)
    assert (tmp_path / "graph.json").exists()
