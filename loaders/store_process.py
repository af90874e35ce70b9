"""The store written by a process of its own, beside the build.

A large graph's store is written by another process (forked, so it starts at once and reads the
graph the build holds without copying it; spawned where there is no fork). It streams the graph's
rows into Parquet files, one per node table and per relationship pair, a chunk of rows at a time,
then bulk-loads each with `COPY ... FROM 'file.parquet'`, which the engine reads itself: no Arrow
table of a million rows is ever held in Python (the engine keeps every Arrow table handed to it
until its connection closes). Meanwhile the build writes graph.json and graph.html.
"""
from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from graph.models import StoreError

from .child import Child
from .embedded_store import (arrow_table, copy_file, copy_header, fresh_store, pair_options, schema_statements,
                             table_columns)
from .rows import GraphRows, node_tables, relation_chunks, relation_tables

MANIFEST = "manifest.json"
CHUNK_ROWS = 100_000  # rows converted at a time: bounds the writer's memory whatever the graph's size


def save_tables(G, folder: Path) -> Path:
    """Write G's store rows as Parquet files and a manifest (the CREATE statements and, per file,
    the table and COPY options) into `folder`; returns the manifest."""
    import pyarrow.parquet as pq

    nodes = node_tables(G)
    relations = relation_tables(G, nodes)  # the columns and pairs; the rows are streamed below
    layout = GraphRows(nodes, relations)
    columns = table_columns(layout)
    copies, writers = [], {}

    def writer(table: str, options: str, schema):
        name = f"{len(copies):04d}.parquet"
        copies.append({"table": table, "options": options, "file": name})
        return pq.ParquetWriter(str(folder / name), schema, compression="none")

    try:
        for label, table in nodes.items():
            if len(table):
                header, kinds = copy_header(label, columns, relation=False)
                data = arrow_table(header, table.data, kinds)
                with writer(label, "", data.schema) as w:
                    w.write_table(data)
        for kind, pair, rows in relation_chunks(G, nodes, relations, size=CHUNK_ROWS):
            header, kinds = copy_header(kind, columns, relation=True)
            data = arrow_table(header, rows, kinds)
            if (kind, pair) not in writers:
                writers[(kind, pair)] = writer(kind, pair_options(pair), data.schema)
            writers[(kind, pair)].write_table(data)
    finally:
        for w in writers.values():
            w.close()
    manifest = folder / MANIFEST
    manifest.write_text(json.dumps({"create": schema_statements(layout), "copy": copies},
                                   ensure_ascii=False), encoding="utf-8")
    return manifest


def load_saved(folder: Path, path: Path) -> dict[str, dict[str, int]]:
    """A fresh store at `path` from the files `save_tables` wrote; returns its counts."""
    plan = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))

    def load(conn) -> None:
        for statement in plan["create"]:
            conn.execute(statement)
        for copy in plan["copy"]:
            file = (folder / copy["file"]).resolve()
            if not file.is_file():
                raise StoreError(f"{path}: the rows of {copy['table']} are missing ({file})")
            copy_file(conn, copy["table"], copy["options"], file)
    return fresh_store(path, load)


def save_and_load(G, folder: Path, path: Path) -> dict[str, dict[str, int]]:
    save_tables(G, folder)
    return load_saved(folder, path)


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


def start_store(G, path: str | Path) -> PendingStore:
    """Begin writing G into a fresh store at `path` in another process (see the module docstring)."""
    return PendingStore(Path(tempfile.mkdtemp(prefix="huiyi-store-")), path, G)
