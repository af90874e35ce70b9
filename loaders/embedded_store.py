"""The embedded Cypher store (LadybugDB, the continuation of Kùzu): needs no server.

`write_store(G, path)` bulk-loads a fresh store with `COPY … FROM` Arrow tables handed over in
memory (one per node table and per relationship (FROM, TO) pair, in batches): 1M edges in a few
seconds, every value exactly as in the graph, where
`UNWIND … MERGE` manages some 20k rows/s. Loading into an existing store (`fresh=False`) merges by
id: rows with a new id are appended the same way, changed rows are updated, the rest is left
alone, so loading the same graph twice leaves the same counts. `EmbeddedStore` runs Cypher on it,
read-only unless asked, and turns engine errors into one line with the position.
"""
from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, Callable, Iterator

import networkx as nx

from huiyi.graph.models import StoreError
from huiyi.graph.run.parallel import collector_paused

from .rows import BOOL, DATE, FLOAT, INT, STRING, STRINGS, GraphRows, NodeTable, RelTable, graph_rows
from .store_errors import cypher_error

STORE_NAME = "graph.lbug"
UPDATE_BATCH = 5000
_SAME_TYPE = {"BOOL": "BOOLEAN", "INT": "INT64", "FLOAT": "DOUBLE"}  # the store's spelling -> ours


def store_path(out: str | Path | None = None, db: str | Path | None = None) -> Path:
    """The store file: `db` when given, else OUT/graph.lbug (OUT defaults to out/)."""
    return Path(db) if db else Path(out or "out") / STORE_NAME


def _q(name: str) -> str:
    return f"`{name}`"


def create_node_table(label: str, columns: dict[str, str]) -> str:
    cols = ", ".join(f"{_q(c)} {t}" + (" PRIMARY KEY" if c == "id" else "") for c, t in columns.items())
    return f"CREATE NODE TABLE {_q(label)}({cols})"


def create_rel_table(kind: str, pairs, columns: dict[str, str]) -> str:
    ends = ", ".join(f"FROM {_q(a)} TO {_q(b)}" for a, b in pairs)
    cols = "".join(f", {_q(c)} {t}" for c, t in columns.items())
    return f"CREATE REL TABLE {_q(kind)}({ends}{cols})"


def _set_clause(var: str, columns: dict[str, str], skip=("id",)) -> str:
    # CAST: a batch whose values are all null would otherwise be typed STRING by the engine
    parts = [f"{var}.{_q(c)} = " + (f"date(CAST(row.{_q(c)} AS STRING))" if t == DATE else f"CAST(row.{_q(c)} AS {t})")
             for c, t in columns.items() if c not in skip]
    return ("SET " + ", ".join(parts)) if parts else ""


def update_nodes(label: str, columns: dict[str, str]) -> str:
    return f"UNWIND $rows AS row MATCH (x:{_q(label)} {{id: row.id}}) {_set_clause('x', columns)}"


def update_rels(kind: str, columns: dict[str, str]) -> str:
    return f"UNWIND $rows AS row MATCH ()-[x:{_q(kind)}]->() WHERE x.id = row.id {_set_clause('x', columns)}"


COPY_BATCH = 1_000_000  # rows per COPY: bounds the Arrow buffers (appending to a loaded table is slower, so large)


def _arrow_type(kind: str):
    import pyarrow as pa

    return {STRING: pa.string(), STRINGS: pa.list_(pa.string()), INT: pa.int64(), FLOAT: pa.float64(),
            BOOL: pa.bool_(), DATE: pa.date32()}[kind]


def _arrow_column(name: str, values: list, kind: str):
    import pyarrow as pa

    try:
        if kind == DATE:  # 'YYYY-MM-DD' text (rows.full_date checked it) -> days
            return pa.array(values, pa.string()).cast(pa.date32())
        return pa.array(values, _arrow_type(kind))
    except (pa.ArrowException, TypeError, ValueError, OverflowError) as exc:
        raise StoreError(f"column {name!r} ({kind}) holds a value it cannot take: {exc}") from exc


def arrow_table(header: list[str], data: dict[str, list], kinds: dict[str, str], lo: int = 0, hi: int | None = None):
    """Rows lo:hi of column lists as an Arrow table with the columns of `header` (a column the data
    lacks is all null), typed by `kinds`."""
    import pyarrow as pa

    hi = len(data["id"]) if hi is None else hi
    arrays = [_arrow_column(name, data[name][lo:hi] if name in data else [None] * (hi - lo), kinds[name])
              for name in header]
    return pa.Table.from_arrays(arrays, names=header)


def copy_header(table: str, store_columns: dict[str, dict[str, str]], relation: bool) -> tuple[list[str], dict]:
    """The columns a COPY into `table` gives, in the store's order, and their types."""
    if relation:
        return ["source", "target", *store_columns[table]], {"source": STRING, "target": STRING, **store_columns[table]}
    return list(store_columns[table]), store_columns[table]


def pair_options(pair: tuple[str, str]) -> str:
    return f" (from='{pair[0]}', to='{pair[1]}')"


def arrow_batches(rows: GraphRows, store_columns: dict[str, dict[str, str]]) -> Iterator[tuple[str, str, Any]]:
    """(table, COPY options, Arrow table) for every non-empty table and relationship pair, columns in
    the store's order (a store's table may have columns this graph lacks): no text file, so every
    value, tabs, line breaks and commas in list items included, arrives as it is."""
    def batches(table: str, data: dict[str, list], relation: bool, options: str = ""):
        header, kinds = copy_header(table, store_columns, relation)
        total = len(data["id"])
        for lo in range(0, total, COPY_BATCH):
            yield table, options, arrow_table(header, data, kinds, lo, min(total, lo + COPY_BATCH))

    for label, table in rows.nodes.items():
        if len(table):
            yield from batches(label, table.data, False)
    for kind, table in rows.relations.items():
        for pair, data in table.pairs.items():
            if data.get("id"):
                yield from batches(kind, data, True, pair_options(pair))


def copy_batch(conn, table: str, options: str, batch) -> None:
    conn.execute(f"COPY {_q(table)} FROM $batch{options}", {"batch": batch})


def copy_file(conn, table: str, options: str, file: Path) -> None:
    """COPY a Parquet file (the engine reads it; nothing passes through Python)."""
    literal = str(file).replace("\\", "\\\\").replace("'", "\\'")  # a path inside a Cypher string
    conn.execute(f"COPY {_q(table)} FROM '{literal}'{options}")


def _copy(conn, rows: GraphRows, store_columns: dict[str, dict[str, str]]) -> None:
    """Append rows with `COPY`."""
    for table, options, batch in arrow_batches(rows, store_columns):
        copy_batch(conn, table, options, batch)


def schema_statements(rows: GraphRows) -> list[str]:
    """CREATE statements of a fresh store for these rows."""
    return [*(create_node_table(label, table.columns) for label, table in rows.nodes.items()),
            *(create_rel_table(kind, table.pairs, table.columns) for kind, table in rows.relations.items()
              if table.pairs)]


def table_columns(rows: GraphRows) -> dict[str, dict[str, str]]:
    return {**{k: t.columns for k, t in rows.nodes.items()}, **{k: t.columns for k, t in rows.relations.items()}}


def _bulk_load(conn, rows: GraphRows) -> None:
    for statement in schema_statements(rows):
        conn.execute(statement)
    _copy(conn, rows, table_columns(rows))


def _existing_schema(conn) -> tuple[dict[str, dict[str, str]], dict[str, set]]:
    tables = conn.execute("CALL show_tables() RETURN name, type").get_all()
    columns = {name: {col: _SAME_TYPE.get(kind, kind) for col, kind in
                      conn.execute(f"CALL table_info('{name}') RETURN name, type").get_all()}
               for name, _ in tables}
    pairs = {name: {tuple(p) for p in conn.execute(
        f"CALL show_connection('{name}') RETURN `source table name`, `destination table name`").get_all()}
        for name, kind in tables if kind == "REL"}
    return columns, pairs


def _extend_schema(conn, rows: GraphRows) -> None:
    """Add the tables, columns and (FROM, TO) pairs a graph needs to an existing store."""
    columns, pairs = _existing_schema(conn)
    for label, table in rows.nodes.items():
        if label not in columns:
            conn.execute(create_node_table(label, table.columns))
            columns[label] = table.columns
    for kind, table in rows.relations.items():
        if kind not in columns and table.pairs:
            conn.execute(create_rel_table(kind, table.pairs, table.columns))
            columns[kind], pairs[kind] = table.columns, set(table.pairs)
    for name, table in [*rows.nodes.items(), *rows.relations.items()]:
        for col, kind in table.columns.items():
            have = columns.get(name, {}).get(col)
            if have is None and name in columns:
                conn.execute(f"ALTER TABLE {_q(name)} ADD {_q(col)} {kind}")
            elif have is not None and have != kind:
                raise StoreError(f"{name}.{col} is {have} in the store but {kind} in the graph; "
                                 "rebuild the store (write_store(..., fresh=True) or `huiyi build`)")
    for kind, table in rows.relations.items():
        for pair in table.pairs:
            if kind in pairs and pair not in pairs[kind]:
                conn.execute(f"ALTER TABLE {_q(kind)} ADD FROM {_q(pair[0])} TO {_q(pair[1])}")


def _current(conn, match: str, columns: dict[str, str]) -> dict[str, list]:
    """id -> the values of `columns` now in the store, as rows hold them."""
    names = list(columns)
    result = conn.execute(f"{match} RETURN " + ", ".join(f"x.{_q(c)}" for c in names)).get_all()
    return {values[0]: [plain(v) for v in values] for values in result}


def _keep(data: dict[str, list], keep: list[bool]) -> dict[str, list]:
    return {name: [v for v, k in zip(values, keep, strict=True) if k] for name, values in data.items()}


def _merge_load(conn, rows: GraphRows, batch: int) -> None:
    """Merge by id: rows not in the store are appended with COPY, changed ones updated, the rest left."""
    _extend_schema(conn, rows)
    new = GraphRows({}, {})
    for label, table in rows.nodes.items():
        have = _current(conn, f"MATCH (x:{_q(label)})", table.columns)
        names = list(table.columns)
        changed = [r for r in table.rows if r["id"] in have and have[r["id"]] != [r[c] for c in names]]
        new.nodes[label] = NodeTable(label, table.columns, _keep(table.data, [i not in have for i in table.data["id"]]))
        for i in range(0, len(changed), batch):
            conn.execute(update_nodes(label, table.columns), {"rows": changed[i:i + batch]})
    for kind, table in rows.relations.items():
        have = _current(conn, f"MATCH ()-[x:{_q(kind)}]->()", table.columns) if len(table) else {}
        names = list(table.columns)
        changed = [r for r in table.rows if r["id"] in have and have[r["id"]] != [r[c] for c in names]]
        new.relations[kind] = RelTable(kind, table.columns, {
            pair: _keep(data, [i not in have for i in data["id"]]) for pair, data in table.pairs.items()})
        for i in range(0, len(changed), batch):
            conn.execute(update_rels(kind, table.columns), {"rows": changed[i:i + batch]})
    _copy(conn, new, _existing_schema(conn)[0])


def store_counts(conn) -> dict[str, dict[str, int]]:
    """Nodes per label and edges per type in the store (empty ones left out), like graph.build.summary."""
    columns, pairs = _existing_schema(conn)
    nodes, edges = {}, {}
    for name in sorted(columns):
        if name in pairs:
            n = conn.execute(f"MATCH ()-[r:{_q(name)}]->() RETURN count(r)").get_all()[0][0]
            edges[name] = n
        else:
            nodes[name] = conn.execute(f"MATCH (n:{_q(name)}) RETURN count(n)").get_all()[0][0]
    return {"nodes": {k: v for k, v in nodes.items() if v}, "edges": {k: v for k, v in edges.items() if v}}


ENGINE_FILES = ("", ".wal", ".shadow", ".tmp")  # a store's own files: the database and the engine's sidecars


def _remove(path: Path) -> None:
    """Remove the store at `path` and the engine's sidecar files of it, nothing else: files that
    merely share its name (graph.lbug.bak, graph.lbug.notes/) are the user's."""
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a store; move it away or name another store")
    for suffix in ENGINE_FILES:
        p = path.with_name(path.name + suffix)
        if p.is_file() or p.is_symlink():
            p.unlink()


def write_store(G: nx.MultiDiGraph, path: str | Path, *, fresh: bool = True,
                batch_size: int = UPDATE_BATCH) -> dict[str, dict[str, int]]:
    """Write `G` into the LadybugDB store at `path`; returns its node and edge counts.

    fresh=True (what `huiyi build` does): replace any store there with a bulk-loaded one.
    fresh=False: merge into the store by id (created if absent); loading twice changes nothing.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with collector_paused():  # millions of new row dicts would set off a full collection again and again
        rows = graph_rows(G)
        return _write(rows, path, fresh=fresh, batch_size=batch_size)


def fresh_store(path: Path, load: Callable[[Any], None]) -> dict[str, dict[str, int]]:
    """Build a new store beside `path` with `load(connection)`, then put it in place of any old one
    (which stays whole until the new one is complete); returns its counts."""
    import ladybug as lb

    staging = path.with_name(f"{path.stem}.building{path.suffix}")
    _remove(staging)
    try:
        # checkpointed once, when it closes: the engine's automatic checkpoints during a bulk load
        # cost a tenth of a second per 100k edges and protect nothing (a failed load is dropped)
        db = lb.Database(str(staging), auto_checkpoint=False)
        conn = lb.Connection(db)
        load(conn)
        counts = store_counts(conn)
        conn.close()
        db.close()
    except RuntimeError as exc:
        _remove(staging)
        raise StoreError(f"{path}: the store refused the load: {str(exc).splitlines()[0]}") from exc
    except BaseException:  # no half-built store is left beside the old one
        _remove(staging)
        raise
    _remove(path)
    os.replace(staging, path)
    return counts


def _write(rows: GraphRows, path: Path, *, fresh: bool, batch_size: int) -> dict[str, dict[str, int]]:
    import ladybug as lb

    if fresh or not path.exists():
        return fresh_store(path, lambda conn: _bulk_load(conn, rows))
    try:
        db = lb.Database(str(path))
        conn = lb.Connection(db)
        try:
            _merge_load(conn, rows, batch_size)
            return store_counts(conn)
        finally:
            conn.close()
            db.close()
    except RuntimeError as exc:
        raise StoreError(f"{path}: the store refused the load: {str(exc).splitlines()[0]}") from exc


def plain(value):
    """A query value as plain JSON-ready Python: dates as ISO text, nodes and relations as dicts."""
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, dict):
        if "_LABEL" not in value:
            return {k: plain(v) for k, v in value.items()}
        # a node or relation: its properties (a union of tables fills the others with None)
        out = {k: plain(v) for k, v in value.items() if not k.startswith("_") and v is not None}
        out["type" if "_SRC" in value else "label"] = value["_LABEL"]
        return out
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


class EmbeddedStore:
    """A LadybugDB store opened for queries: read-only unless write=True (the engine enforces it)."""
    engine = "ladybug"

    def __init__(self, path: str | Path, *, write: bool = False):
        import ladybug as lb

        self.path = Path(path)
        if not self.path.exists():
            where = self.path.parent.as_posix() or "."
            raise StoreError(f"no graph store in {where}/; run `huiyi build REPORTS --out {where}` first")
        try:
            self._db = lb.Database(str(self.path), read_only=not write)
            self._conn = lb.Connection(self._db)
        except RuntimeError as exc:
            raise StoreError(f"{self.path}: cannot open the graph store ({str(exc).splitlines()[0]}); "
                             "rebuild it with `huiyi build REPORTS --out DIR`") from exc

    def execute(self, cypher: str, params: dict | None = None) -> tuple[list[str], list[list]]:
        """Run one Cypher statement; returns (column names, rows of plain values)."""
        try:
            result = self._conn.execute(cypher, params or {})
        except RuntimeError as exc:
            raise cypher_error(exc, cypher, self.path) from exc
        if isinstance(result, list):  # several statements: the last one answers
            result = result[-1]
        return result.get_column_names(), [[plain(v) for v in row] for row in result.get_all()]

    def counts(self) -> dict[str, dict[str, int]]:
        return store_counts(self._conn)

    def close(self) -> None:
        self._conn.close()
        self._db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()
