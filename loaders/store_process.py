"""The store loaded by a process of its own, beside the build.

The build turns its graph into rows and Arrow files (`start_store`), and another process (forked,
touching none of the graph it shares, or spawned where there is no fork) bulk-loads them while
the build writes graph.json and graph.html. The engine's working memory, hundreds of MB for a
million edges, then never sits on top of the graph's, and the load runs on the second core.
"""
from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from graph.models import StoreError

from .child import Child
from .embedded_store import arrow_batches, copy_batch, fresh_store, schema_statements, table_columns
from .rows import graph_rows

MANIFEST = "manifest.json"


def save_batches(G, folder: Path) -> Path:
    """Write G's store rows as Arrow IPC files and a manifest (the CREATE statements and, per file,
    the table and COPY options) into `folder`; returns the manifest."""
    import pyarrow as pa

    rows = graph_rows(G)
    copies = []
    for i, (table, options, batch) in enumerate(arrow_batches(rows, table_columns(rows))):
        name = f"{i:04d}.arrow"
        with pa.OSFile(str(folder / name), "wb") as sink, pa.ipc.new_file(sink, batch.schema) as writer:
            writer.write_table(batch)
        copies.append({"table": table, "options": options, "file": name})
    manifest = folder / MANIFEST
    manifest.write_text(json.dumps({"create": schema_statements(rows), "copy": copies}, ensure_ascii=False),
                        encoding="utf-8")
    return manifest


def load_saved(folder: Path, path: Path) -> dict[str, dict[str, int]]:
    """A fresh store at `path` from the files `save_batches` wrote; returns its counts."""
    import pyarrow as pa

    plan = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))

    def load(conn) -> None:
        for statement in plan["create"]:
            conn.execute(statement)
        for copy in plan["copy"]:
            with pa.memory_map(str(folder / copy["file"])) as source:
                copy_batch(conn, copy["table"], copy["options"], pa.ipc.open_file(source).read_all())
    return fresh_store(path, load)


class PendingStore:
    """A store being loaded by another process (loaders/child.py) from the files in `folder` (see
    `save_batches`; the folder is removed at the end); `wait()` returns its counts or raises StoreError."""

    def __init__(self, folder: Path, path: str | Path):
        self.folder, self.path = Path(folder), Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # the child reads only the files: none of the graph it may share is touched
        self.child = Child(load_saved, self.folder, self.path, what=f"{self.path}: the store writer", error=StoreError)

    def wait(self) -> dict[str, dict[str, int]]:
        try:
            return self.child.wait()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def start_store(G, path: str | Path) -> PendingStore:
    """Begin loading G into a fresh store at `path` in another process (see the module docstring)."""
    folder = Path(tempfile.mkdtemp(prefix="huiyi-store-"))
    try:
        save_batches(G, folder)
        return PendingStore(folder, path)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
