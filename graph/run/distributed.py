"""Past one machine: extract a corpus on a Dask cluster (`pip install 'huiyi[dask]'`).

Extraction is a pure function of one report (`pipeline.process`), so batches of input files go to
the cluster's workers, which read, extract and cut each report down to its facts; this process
merges what comes back, keyed (people by name, meetings by jurisdiction and day, ...), into one
graph: the same graph as `huiyi build` on one machine. The workers must see the input files at the
same paths (a shared or copied folder); with `cache_dir`, the cache folder too.

    from huiyi.graph.run.distributed import build_graph_on_dask
    result = build_graph_on_dask(["reports/"], scheduler="local", workers=2)     # a local cluster
    result = build_graph_on_dask(["/shared/reports"], scheduler="tcp://10.0.0.5:8786")
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from ..models import ConfigError
from . import parallel
from .pipeline import BuildResult, build_graph, warm_up

INSTALL = "pip install 'huiyi[dask]'"


def _distributed():
    try:
        import distributed
    except ImportError as exc:
        raise ConfigError(f"the Dask path needs dask.distributed, which is not installed; {INSTALL}") from exc
    return distributed


@contextmanager
def dask_client(scheduler: str = "local", *, workers: int = 2) -> Iterator[object]:
    """A Dask client: `local` starts a LocalCluster of `workers` single-threaded processes on this
    machine (and stops it after); an address such as tcp://host:8786 joins a running scheduler."""
    distributed = _distributed()
    if scheduler == "local":
        cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                           dashboard_address=None)
        client = distributed.Client(cluster)
    elif "://" in scheduler:
        cluster = None
        try:
            client = distributed.Client(scheduler, timeout="20s")
        except OSError as exc:
            raise ConfigError(f"--dask {scheduler}: no Dask scheduler answers there ({exc}); start one "
                              "(`dask scheduler`) or use --dask local") from exc
    else:
        raise ConfigError(f"--dask {scheduler}: give `local` (a cluster on this machine) or a scheduler "
                          "address such as tcp://host:8786")
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def dask_map(client, *, batch: int = 8, window: int | None = None) -> parallel.Mapper:
    """A mapper (see parallel.py) that runs batches of tasks on the client's workers, in order."""
    client.run(warm_up)  # each worker loads the segmenter once, before its first report
    slots = sum(client.nthreads().values()) or 1

    def mapper(fn, items):
        yield from parallel.windowed(lambda chunk: client.submit(parallel.run_batch, fn, chunk, pure=False),
                                     items, batch=batch, window=window or 4 * slots)
    return mapper


def build_graph_on_dask(inputs: Iterable[str | Path], *, scheduler: str = "local", workers: int = 2,
                        **options) -> BuildResult:
    """`pipeline.build_graph(inputs, **options)` with the extraction on a Dask cluster."""
    with dask_client(scheduler, workers=workers) as client:
        return build_graph(inputs, mapper=dask_map(client), **options)
