"""--jobs and the Dask path give the graph one process gives; the pool streams in input order."""
from __future__ import annotations

import json
import os
import shutil
from concurrent.futures import Future
from functools import partial

import pytest
from typer.testing import CliRunner

from huiyi.graph.cli import app
from huiyi.graph.models import ConfigError
from huiyi.graph.run import parallel
from huiyi.graph.run.pipeline import build_graph
from huiyi.loaders.json_export import to_node_link

runner = CliRunner()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, seed_paths):
    """The seeds, a duplicate, a file with no meeting and an unreadable one: every outcome."""
    folder = tmp_path_factory.mktemp("corpus")
    for p in seed_paths:
        shutil.copy(p, folder / p.name)
    shutil.copy(seed_paths[0], folder / "zz copy.txt")
    (folder / "notes.txt").write_text("今天天气很好。我们去公园散步。", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    return folder


@pytest.fixture(scope="module")
def one_process(corpus):
    return build_graph([corpus], jobs=1)


def outcomes(result) -> list[tuple[str, str, str]]:
    return [(o.input, o.outcome, o.reason) for o in result.outcomes]


def test_two_jobs_give_the_same_graph_and_outcomes_as_one(corpus, one_process):
    two = build_graph([corpus], jobs=2)
    assert to_node_link(two.graph) == to_node_link(one_process.graph)
    assert outcomes(two) == outcomes(one_process)
    assert [d.id for d in two.documents] == [d.id for d in one_process.documents]
    assert {o.outcome for o in two.outcomes} == {"read", "duplicate", "skipped"}


def test_the_seed_graph_does_not_depend_on_the_number_of_jobs(seed_paths, seed_graph):
    assert to_node_link(build_graph(seed_paths, jobs=2).graph) == to_node_link(seed_graph)


def test_a_dask_local_cluster_gives_the_same_graph_and_reads_the_cache(corpus, one_process, tmp_path):
    pytest.importorskip("distributed", reason="the Dask path needs the extra: pip install 'huiyi[dask]'")
    from huiyi.graph.run.distributed import build_graph_on_dask, dask_client, dask_map

    result = build_graph_on_dask([corpus], scheduler="local", workers=2)
    assert to_node_link(result.graph) == to_node_link(one_process.graph)
    assert outcomes(result) == outcomes(one_process)

    with dask_client("local", workers=2) as client:  # workers in other processes read the cache's keys from its file
        first, again = (build_graph([corpus], mapper=dask_map(client), cache_dir=tmp_path / "cache") for _ in "12")
    cached = [o.outcome for o in again.outcomes]
    assert "read" in [o.outcome for o in first.outcomes]
    assert cached.count("cached") == len(one_process.documents) and "read" not in cached
    assert to_node_link(again.graph) == to_node_link(first.graph) == to_node_link(one_process.graph)


def test_a_bad_dask_scheduler_is_a_config_error():
    pytest.importorskip("distributed", reason="the Dask path needs the extra: pip install 'huiyi[dask]'")
    from huiyi.graph.run.distributed import dask_client

    with pytest.raises(ConfigError, match="local"):
        with dask_client("nowhere"):
            pass


def test_jobs_zero_means_one_per_core_and_negative_is_refused():
    assert parallel.check_jobs(0) >= 1 and parallel.check_jobs(3) == 3
    with pytest.raises(ConfigError, match="1 or more"):
        parallel.check_jobs(-2)


def test_windowed_yields_in_order_and_reads_ahead_only_a_window():
    read = []

    def items():
        for i in range(100):
            read.append(i)
            yield i

    def submit(chunk):
        f = Future()
        f.set_result([x * 10 for x in chunk])
        return f

    out = parallel.windowed(submit, items(), batch=4, window=3)
    first = [next(out) for _ in range(5)]
    assert first == [0, 10, 20, 30, 40]
    assert len(read) <= 4 * 4  # at most window + 1 batches read when the 2nd batch is consumed
    assert list(out) == [x * 10 for x in range(5, 100)]


def test_a_process_pool_maps_in_order():
    mapper = parallel.process_map(2, batch=3, window=2)
    assert list(mapper(_twice, range(20))) == [x for i in range(20) for x in (i, i)]


def _twice(i: int) -> list[int]:
    return [i, i]


def test_build_command_takes_jobs_and_prints_a_summary(tmp_path, seed_paths, seed_graph):
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(seed_paths[0].parent), "--out", str(out), "--jobs", "2",
                                 "--no-html", "--no-store", "--quiet"])
    assert result.exit_code == 0, result.output
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert len(graph["edges"]) == seed_graph.number_of_edges()
    assert "5 reports" in result.output and "MB/s" in result.output and "reports/s" in result.output


def test_build_command_refuses_negative_jobs(tmp_path, seed_paths):
    result = runner.invoke(app, ["build", str(seed_paths[0]), "--out", str(tmp_path), "--jobs", "-1"])
    assert result.exit_code == 2 and "1 or more" in result.output and "Traceback" not in result.output


def test_a_worker_that_dies_is_one_error_not_a_hang():
    mapper = parallel.process_map(2, batch=1, window=2)
    with pytest.raises(parallel.WorkerDied, match="fewer --jobs"):
        list(mapper(partial(_die_in_a_worker, os.getpid()), range(6)))


def _die_in_a_worker(parent: int, i: int) -> list[int]:
    if os.getpid() != parent:  # (the build's own process maps items too)
        os._exit(9)  # as the out-of-memory killer would
    return [i]


class _SlowFuture(Future):
    """A batch sent off that reports itself not done the first `waits` times it is asked."""

    def __init__(self, result: list, waits: int):
        super().__init__()
        self.value, self.waits = result, waits

    def done(self) -> bool:
        self.waits -= 1
        if self.waits < 0 and not super().done():
            self.set_result(self.value)
        return super().done()

    def result(self, timeout=None):
        if not super().done():
            self.set_result(self.value)
        return super().result()


def test_sharing_window_works_here_while_the_oldest_batch_is_out_and_keeps_input_order():
    sent, here = [], []

    def submit(chunk):
        sent.append(chunk)
        return _SlowFuture([x * 10 for x in chunk], waits=2)

    def run_here(chunk):
        here.append(chunk)
        return [x * 10 for x in chunk]

    out = list(parallel.sharing_window(submit, run_here, iter(range(50)), batch=4, window=3))
    assert out == [x * 10 for x in range(50)]
    assert here and sent  # both did some of the work, every item once
    assert sorted(x for chunk in sent + here for x in chunk) == list(range(50))
    assert sent[:3] == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]  # the window is filled first


def test_sharing_window_holds_at_most_a_window_of_its_own_results():
    def submit(chunk):
        return _SlowFuture([x * 10 for x in chunk], waits=10**6)  # never done before it is waited for

    here = []
    out = list(parallel.sharing_window(submit, lambda c: here.append(c) or c, iter(range(6)), batch=1, window=2))
    # 0 and 1 sent; 2 and 3 done here while 0 was out; then 0 awaited, 4 sent, 1 awaited, 5 sent
    assert out == [0, 10, 2, 3, 40, 50]
    assert here == [[2], [3]]


def _collector_state(_item) -> list[tuple[int, bool]]:
    import gc
    return [(gc.get_threshold()[0], gc.get_freeze_count() > 0)]


def test_extraction_runs_with_the_collector_settled_and_one_process_restores_it():
    """Workers and the one-process map run with the young generation collected every
    YOUNG_COLLECTION allocations and what was loaded first frozen; after a one-process map the
    collector is as it was."""
    import gc
    gc.unfreeze()  # (an earlier test's build froze its objects for writing)
    before = gc.get_threshold()
    assert before[0] != parallel.YOUNG_COLLECTION
    settled = [(parallel.YOUNG_COLLECTION, True)] * 3
    assert list(parallel.process_map(2)(_collector_state, range(3))) == settled
    assert list(parallel.process_map(1)(_collector_state, range(3))) == settled
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
    gc.freeze()  # a caller's freeze is kept
    frozen = gc.get_freeze_count()
    assert list(parallel.process_map(1)(_collector_state, range(3))) == settled
    assert gc.get_freeze_count() >= frozen > 0
    gc.unfreeze()


def test_a_build_leaves_the_collector_as_it_found_it(seed_paths):
    import gc
    gc.unfreeze()
    before = gc.get_threshold()
    assert build_graph(seed_paths[:2], jobs=2).documents
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
