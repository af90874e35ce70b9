"""Every output of a build from one graph: graph.json, graph.html and the embedded store.

With more than one worker the store is written by a forked child while this process writes the
JSON and the page: the three are independent, and the store's load is the longest of them.
"""
from __future__ import annotations

import multiprocessing
from pathlib import Path

import networkx as nx

from graph.models import StoreError

from .embedded_store import STORE_NAME, write_store
from .json_export import write_json


def _store_child(G: nx.MultiDiGraph, path: Path, conn) -> None:
    try:
        write_store(G, path)
        conn.send(None)
    except Exception as exc:  # sent back whole: the parent raises it as the build's error
        conn.send(str(exc))
    finally:
        conn.close()


def write_outputs(G: nx.MultiDiGraph, out: str | Path, *, html: bool = True, store: bool = True,
                  jobs: int = 1) -> list[Path]:
    """Write OUT/graph.json, OUT/graph.html (if `html`) and OUT/graph.lbug (if `store`); returns
    the paths. Raises StoreError when the store refuses the graph."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    child = None
    if store and jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("fork")  # the child shares the graph, nothing is copied
        parent_end, child_end = ctx.Pipe(duplex=False)
        child = ctx.Process(target=_store_child, args=(G, out / STORE_NAME, child_end), daemon=True)
        child.start()
        child_end.close()
    written = [write_json(G, out / "graph.json")]
    if html:
        from .html_view import write_html
        written.append(write_html(G, out / "graph.html"))
    if store:
        if child is None:
            write_store(G, out / STORE_NAME)
        else:
            try:
                problem = parent_end.recv()
            except EOFError:
                problem = "the store writer stopped before it finished"
            child.join()
            if problem or child.exitcode:
                raise StoreError(problem or f"the store writer exited with code {child.exitcode}")
        written.append(out / STORE_NAME)
    return written
