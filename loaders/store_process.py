"""The store written by a process of its own, beside the build.

A large graph's store is written by another process (forked, so it starts at once and reads the
graph the build holds without copying it; spawned where there is no fork). It streams the graph's
rows into Parquet files, one per node table and per relationship pair, a chunk of rows at a time,
and the engine bulk-loads each with `COPY ... FROM 'file.parquet'`, reading it itself: no Arrow
table of a million rows is ever held in Python (the engine keeps every Arrow table handed to it
until its connection closes). The edges are written a relationship pair at a time, and a thread
loads each pair's table while the next is written (`save_and_load`). Meanwhile the build writes
graph.json and graph.html.
"""
from __future__ import annotations

import json
import queue
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any, Callable

from huiyi.graph.models import StoreError

from .child import Child, release_freed_memory
from .embedded_store import (
    arrow_table,
    copy_file,
    copy_header,
    fresh_store,
    pair_options,
    schema_statements,
    table_columns,
)
from .rows import GraphRows, node_tables
from .streamed_rows import kept_pair_counts, relation_chunks, relation_tables

MANIFEST = "manifest.json"
CHUNK_ROWS = 100_000  # rows converted at a time: bounds the writer's memory whatever the graph's size
ROW_GROUP = 20_000  # rows per Parquet row group: the engine reads a file's groups side by side


def _relation_jobs(G, nodes: dict, relations: dict) -> list[set[tuple[str, str, str]] | None]:
    """The (type, from label, to label)s each pass over the edges writes: one pair a pass when the
    graph kept its records by pair (build.EdgeListGraph over an EdgeSpill: a pass reads only its
    pair's records), so that each table loads while the next is written; else one pass (None:
    every pair). A pair is the smallest part: a table is loaded whole, as COPY into a table that
    holds rows is many times slower. Smallest first: writing a table is quicker than loading it,
    so the engine starts at once and then always has the next table waiting."""
    counts = kept_pair_counts(G, nodes)
    if counts is None:
        return [None]
    pairs = sorted((n, pair) for pair, n in counts.items() if pair[0] in relations)
    return [{pair} for _, pair in pairs] if len(pairs) > 1 else [None]


def _write_tables(G, folder: Path, ready: Callable[[str, list], None]) -> Path:
    """Write G's store rows as Parquet files and a manifest into `folder`, telling `ready` what
    can be loaded as soon as it can: ("create", statements), then ("copy", [file entries]) for
    each node table and for each pass's relationship tables."""
    import pyarrow.parquet as pq

    nodes = node_tables(G)
    relations = relation_tables(G, nodes)  # the columns and pairs; the rows are streamed below
    layout = GraphRows(nodes, relations)
    columns = table_columns(layout)
    plan = {"create": schema_statements(layout), "copy": []}
    ready("create", plan["create"])

    def writer(table: str, options: str, schema, copies: list):
        name = f"{len(plan['copy']) + len(copies):04d}.parquet"
        copies.append({"table": table, "options": options, "file": name})
        return pq.ParquetWriter(str(folder / name), schema, compression="none")

    for label, table in nodes.items():  # each loaded as soon as it is written: the engine starts at once
        if len(table):
            copies: list[dict] = []
            header, kinds = copy_header(label, columns, relation=False)
            data = arrow_table(header, table.data, kinds)
            with writer(label, "", data.schema, copies) as w:
                w.write_table(data, row_group_size=ROW_GROUP)
            plan["copy"] += copies
            ready("copy", copies)
    for group in _relation_jobs(G, nodes, relations):
        copies, writers = [], {}
        try:
            for kind, pair, rows in relation_chunks(G, nodes, relations, size=CHUNK_ROWS, only=group):
                header, kinds = copy_header(kind, columns, relation=True)
                data = arrow_table(header, rows, kinds)
                if (kind, pair) not in writers:
                    writers[(kind, pair)] = writer(kind, pair_options(pair), data.schema, copies)
                writers[(kind, pair)].write_table(data, row_group_size=ROW_GROUP)
        finally:
            for w in writers.values():
                w.close()
        plan["copy"] += copies
        ready("copy", copies)
    manifest = folder / MANIFEST
    manifest.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    return manifest


def save_tables(G, folder: Path) -> Path:
    """Write G's store rows as Parquet files and a manifest (the CREATE statements and, per file,
    the table and COPY options) into `folder`; returns the manifest (see `load_saved`)."""
    return _write_tables(G, folder, lambda kind, items: None)


def _load(conn, folder: Path, path: Path, item: tuple[str, list]) -> None:
    kind, items = item
    if kind == "create":
        for statement in items:
            conn.execute(statement)
        return
    for copy in items:
        file = (folder / copy["file"]).resolve()
        if not file.is_file():
            raise StoreError(f"{path}: the rows of {copy['table']} are missing ({file})")
        copy_file(conn, copy["table"], copy["options"], file)


def load_saved(folder: Path, path: Path) -> dict[str, dict[str, int]]:
    """A fresh store at `path` from the files `save_tables` wrote; returns its counts."""
    plan = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))

    def load(conn) -> None:
        _load(conn, folder, path, ("create", plan["create"]))
        _load(conn, folder, path, ("copy", plan["copy"]))
    return fresh_store(path, load)


class _Stopped(RuntimeError):
    """The rows stopped coming (their writer failed): the store being built is dropped."""


def save_and_load(G, folder: Path, path: Path) -> dict[str, dict[str, int]]:
    """`save_tables` then `load_saved`, overlapped: a thread loads each batch of files while the
    next is written (the engine lets go of the interpreter while it COPYs). Returns the counts."""
    work: queue.SimpleQueue = queue.SimpleQueue()
    outcome: dict[str, Any] = {}

    def load(conn) -> None:
        while (item := work.get()) is not None:
            if item[0] == "stop":
                raise _Stopped("stopped")
            _load(conn, folder, path, item)

    def run() -> None:
        try:
            outcome["counts"] = fresh_store(path, load)
        except BaseException as exc:  # re-raised by the writing thread below
            outcome["error"] = exc

    loader = threading.Thread(target=run, name="huiyi-store-loader", daemon=True)
    loader.start()

    def ready(kind: str, items: list) -> None:
        if "error" in outcome:  # the load failed already: stop writing rows nobody will read
            raise outcome["error"]
        work.put((kind, items))
    try:
        _write_tables(G, folder, ready)
    except BaseException:
        work.put(("stop", []))
        loader.join()
        if isinstance(outcome.get("error"), StoreError) and not isinstance(outcome["error"].__cause__, _Stopped):
            raise outcome["error"] from None  # the loader's own error says what failed; ours only stopped it
        raise
    # the rows are written: the load beside is what grows. Released once, not after each pass: the
    # next pass reuses the freed memory, and memory handed back is faulted in again (a third of
    # the writer's system time, with no lower peak: the passes grow, smallest first)
    release_freed_memory()
    work.put(None)
    loader.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["counts"]


class PendingStore:
    """A store being written by another process (loaders/child.py) from G, or from the files in
    `folder` when G is None (see `save_tables`; the folder is removed at the end); `wait()`
    returns its counts or raises StoreError."""

    def __init__(self, folder: Path, path: str | Path, G=None):
        self.folder, self.path = Path(folder), Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        what = f"{self.path}: the store writer"
        self.child = Child(load_saved, self.folder, self.path, what=what, error=StoreError) if G is None else \
            Child(save_and_load, G, self.folder, self.path, what=what, error=StoreError)

    def wait(self) -> dict[str, dict[str, int]]:
        try:
            return self.child.wait()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def stop(self) -> None:
        """End the writer now (Ctrl-C): the old store stays in place (the new one was being staged)."""
        self.child.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def start_store(G, path: str | Path) -> PendingStore:
    """Begin writing G into a fresh store at `path` in another process (see the module docstring).
    The engine and the Parquet writer are imported here first: a forked writer starts at once, its
    load being the longest of a build's outputs, while this process has time to spare."""
    import ladybug  # noqa: F401
    import pyarrow.parquet  # noqa: F401
    return PendingStore(Path(tempfile.mkdtemp(prefix="huiyi-store-")), path, G)
