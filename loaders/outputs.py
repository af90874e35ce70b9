"""Every output of a build from one graph: graph.json, graph.html and the embedded store.

A large graph's store (or any with more than one worker) is written by a process of its own
(loaders/store_process.py) while this one writes the JSON: the outputs are independent and the
store's rows and load are the longest of them, so they take the second core. With more than one
worker the page is drawn by a forked child too. The children read the edges from the build's
spill (graph/spill.py) with positional reads, so nothing of the graph is copied to them.
"""
from __future__ import annotations

import multiprocessing
from pathlib import Path

import networkx as nx

from graph.models import HuiyiError

from .child import Child, release_freed_memory
from .embedded_store import STORE_NAME, write_store
from .json_export import write_json
from .store_process import start_store

SEPARATE_STORE_EDGES = 50_000  # from this many edges the store is loaded by its own process


def write_outputs(G: nx.MultiDiGraph, out: str | Path, *, html: bool = True, store: bool = True,
                  jobs: int = 1) -> list[Path]:
    """Write OUT/graph.json, OUT/graph.html (if `html`) and OUT/graph.lbug (if `store`) from G (a
    networkx graph or a build.EdgeListGraph); returns the paths. Raises StoreError when the store
    refuses the graph."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    pending = start_store(G, out / STORE_NAME) \
        if store and (jobs > 1 or G.number_of_edges() >= SEPARATE_STORE_EDGES) else None
    page = None
    if html:
        from .html_view import write_html
        if jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
            page = Child(write_html, G, out / "graph.html", what=f"{out / 'graph.html'}: the page writer")
    try:
        written = [write_json(G, out / "graph.json")]
        if html:
            if page is None:
                write_html(G, out / "graph.html")
            else:
                page.wait()
            written.append(out / "graph.html")
        if store:
            if pending is None:
                write_store(G, out / STORE_NAME)
            else:
                release_freed_memory()  # this process's writers are done; the store's load still grows
                pending.wait()
            written.append(out / STORE_NAME)
    except Exception:  # a writer failed: the others finish (below), so their outputs are whole
        raise
    except BaseException:  # Ctrl-C: the other writers' work is not wanted either
        for child in (page, pending):
            if child is not None:
                child.stop()
        raise
    finally:  # a writer that failed first leaves no other process behind (waiting again is free)
        for child in (page, pending):
            if child is not None:
                try:
                    child.wait()
                except HuiyiError:
                    pass
    return written
