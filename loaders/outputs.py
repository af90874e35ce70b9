"""Every output of a build from one graph: graph.json, graph.html and the embedded store; and
`build_and_write`, `huiyi build`'s whole run (build, outputs, report.json) as one library call.

`build_and_write` lives here, not in graph/, because graph/ never imports loaders/ (only
graph/cli.py does): the graph side, pipeline.build_graph, knows nothing of the outputs, and this
module, which writes them, is where the two meet.

A large graph's store (or any with more than one worker) is written by a process of its own
(loaders/store_process.py) while this one writes the JSON and then the page: the outputs are
independent and the store's rows and load are the longest of them, so they take the second core.
The child reads the edges from the build's spill (graph/spill.py) with positional reads, so
nothing of the graph is copied to it. (The page drawn by a third process was no faster on two
cores, and held ~90 MB more at the build's peak.)
"""
from __future__ import annotations

import gc
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import networkx as nx

from huiyi.graph.merge.source import GraphSource
from huiyi.graph.models import HuiyiError
from huiyi.graph.run.outcomes import EXIT_STRICT, EXIT_USAGE, Outcome, StoppedAtProblem, report
from huiyi.graph.run.parallel import collector_paused
from huiyi.graph.run.pipeline import BuildResult, build_graph
from huiyi.graph.run.progress import OnProgress

from .atomic import OutLock, writable_folder, write_text
from .child import release_freed_memory
from .embedded_store import STORE_NAME, write_store
from .json_export import write_json
from .store_process import start_store

SEPARATE_STORE_EDGES = 50_000  # from this many edges the store is loaded by its own process


def write_outputs(G: GraphSource | nx.MultiDiGraph, out: str | Path, *, html: bool = True, store: bool = True,
                  jobs: int = 1) -> list[Path]:
    """Write OUT/graph.json, OUT/graph.html (if `html`) and OUT/graph.lbug (if `store`) from G (a
    networkx graph or any source.GraphSource, e.g. a build.EdgeListGraph); returns the paths. Raises StoreError when the store
    refuses the graph."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    pending = start_store(G, out / STORE_NAME) \
        if store and (jobs > 1 or G.number_of_edges() >= SEPARATE_STORE_EDGES) else None
    try:
        written = [write_json(G, out / "graph.json")]
        if html:
            from .html_view import write_html
            write_html(G, out / "graph.html")
            written.append(out / "graph.html")
        if store:
            if pending is None:
                write_store(G, out / STORE_NAME)
            else:
                release_freed_memory()  # this process's writers are done; the store's load still grows
                pending.wait()
            written.append(out / STORE_NAME)
    except Exception:  # a writer failed: the store's process finishes (below), so its output is whole
        raise
    except BaseException:  # Ctrl-C: the store's work is not wanted either
        if pending is not None:
            pending.stop()
        raise
    finally:  # a writer that failed first leaves no other process behind (waiting again is free)
        if pending is not None:
            try:
                pending.wait()
            except HuiyiError:
                pass
    return written


def closing_lines(run: "BuildRun", out: Path, *, store: bool) -> list[str]:
    """`huiyi build`'s closing lines (rich markup): counts, where things are, warnings, the summary."""
    from huiyi.graph.merge.build import summary
    from huiyi.graph.run.progress import summary_line

    result, counts = run.result, run.report["summary"]
    s = summary(result.graph)
    lines = [f"[bold]{len(result.documents)} documents[/bold] ({counts['read']} read, {counts['cached']} "
             f"from the cache), {counts['skipped'] + counts['duplicate']} inputs skipped -> {out}/graph.json, "
             f"{out}/report.json",
             "nodes: " + ", ".join(f"{k} {v}" for k, v in s["nodes"].items()),
             "edges: " + ", ".join(f"{k} {v}" for k, v in s["edges"].items())]
    if store:
        lines.append(f"Cypher store: {out}/{STORE_NAME} (ask it: huiyi query \"MATCH (n) RETURN count(n)\" "
                     f"--out {out}; huiyi ask --list)")
    lines += [f"[yellow]warning:[/yellow] {w}" for w in result.warnings]
    built = sum(result.seconds.values())
    return lines + [summary_line(result.reports, result.input_bytes, run.seconds,
                                 {**result.seconds, "write": run.seconds - built})]


@dataclass
class BuildRun:
    """What `build_and_write` did: the build, report.json's content, the outputs written (none
    when nothing could be read) and the seconds the whole run took."""
    result: BuildResult
    report: dict
    written: list[Path]
    seconds: float

    @property
    def exit_code(self) -> int:
        return self.result.exit_code


def build_and_write(inputs: Iterable[str | Path], out: str | Path, *, html: bool = True, store: bool = True,
                    cache: bool = True, jobs: int = 1, dask: str | None = None, max_mb: float = 50.0,
                    strict: bool = False, on_problem: Callable[[Outcome], None] | None = None,
                    on_progress: OnProgress | None = None) -> BuildRun:
    """Build the graph of `inputs` and write every output into `out` (graph.json, graph.html if
    `html`, graph.lbug if `store`, the extraction cache unless `cache` is False, and report.json,
    written last, when it is true), holding OUT/.huiyi.lock meanwhile. `dask`: extract on that
    Dask scheduler (`local` or an address) with `jobs` workers. Raises ConfigError for a bad `out`
    or a folder another build holds, StoppedAtProblem with `strict`, and the writers' HuiyiError;
    report.json says what happened in each case.

    Example: build_and_write(["seeds/"], "out", jobs=2).written
    """
    started, out = time.perf_counter(), Path(out)
    writable_folder(out)  # before the work: a bad --out costs nothing
    lock = OutLock(out)  # one build at a time in OUT
    try:
        result = _build(inputs, out, cache=cache, jobs=jobs, dask=dask, max_mb=max_mb, strict=strict,
                        on_problem=on_problem, on_progress=on_progress)
        build_report = result.report()  # (every input's line: made once); written last, when it is true
        written = _write(result, out, html=html, store=store, jobs=jobs) if result.documents else []
        _write_report(out, build_report)
    finally:
        lock.release()
    return BuildRun(result, build_report, written, time.perf_counter() - started)


def _build(inputs, out: Path, *, cache: bool, jobs: int, dask: str | None, **options) -> BuildResult:
    """The graph, compactly (build.EdgeListGraph: what the outputs are written from)."""
    from functools import partial
    if dask:
        from huiyi.graph.run.distributed import build_graph_on_dask
        from huiyi.graph.run.parallel import check_jobs
        run = partial(build_graph_on_dask, scheduler=dask, workers=check_jobs(jobs))
    else:
        run = partial(build_graph, jobs=jobs)
    try:
        return run(inputs, exclude=[out], cache_dir=out / ".cache" if cache else None, compact=True, **options)
    except StoppedAtProblem as exc:
        _write_report(out, report(exc.outcomes, exit_code=EXIT_STRICT, graph_written=False))
        raise


def _write(result: BuildResult, out: Path, *, html: bool, store: bool, jobs: int) -> list[Path]:
    """The outputs of a build. The build's objects are frozen (`gc.freeze`: left out of the
    collector's walks, which would slow every writer, and out of the full collection at the
    process's exit), and the writers' own are not collected either (`collector_paused`); a
    long-lived process that builds again may call `gc.unfreeze()`."""
    from huiyi.graph.text.segment import release
    release()  # the dictionaries are done with: their memory goes to writing the outputs
    release_freed_memory()  # (before the writers fork: what they share is the heap still in use)
    gc.freeze()
    try:
        with collector_paused():
            return write_outputs(result.graph, out, html=html, store=store, jobs=jobs)
    except HuiyiError:
        _write_report(out, report(result.outcomes, exit_code=EXIT_USAGE, graph_written=False))
        raise


def _write_report(out: Path, data: dict) -> None:
    write_text(out / "report.json", json.dumps(data, ensure_ascii=False, indent=1))


def score_build(gold: str | Path, out: str | Path = "out", *, reports: str | Path | None = None,
                on_problem: Callable[[Outcome], None] | None = None) -> dict:
    """Score the graph in `out` (its graph.json; built first from `reports` when given) against
    the gold annotations in `gold`; writes and returns OUT/eval.json's content: {"scores",
    "documents": each document's misses and inventions}. NothingRead when `reports` gives nothing.

    Example: score_build("tests/gold", "out/eval", reports="seeds")["scores"]
    """
    from dataclasses import asdict

    from huiyi.graph.evaluate import evaluate, read_gold
    from huiyi.graph.run.outcomes import NothingRead

    from .json_export import read_json, write_json
    out = Path(out)
    if reports is not None:
        built = build_graph([reports], on_problem=on_problem)
        if not built.documents:
            raise NothingRead(f"nothing could be read from {reports}; nothing to score")
        write_json(built.graph, out / "graph.json")
    gold_docs = read_gold(gold)
    scores, errors = evaluate(read_json(out / "graph.json"), gold_docs)
    scored = {"scores": scores, "documents": [asdict(e) for e in errors]}
    (out / "eval.json").write_text(json.dumps(scored, ensure_ascii=False, indent=1), encoding="utf-8")
    return scored
