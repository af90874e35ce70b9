"""Cypher from the command line: open a store (embedded by default, or Neo4j), run, format.

Values reach the engine only as parameters; `huiyi query` opens the store read-only (LadybugDB's
read-only mode, Neo4j's READ session) unless `write=True`, so the engine itself refuses writes.
"""
from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from graph.models import ConfigError

FORMATS = ("table", "json", "csv")


@dataclass
class Result:
    columns: list[str]
    rows: list[list]

    def records(self) -> list[dict]:
        """The rows as objects keyed by the RETURN names."""
        return [dict(zip(self.columns, row)) for row in self.rows]


def open_store(*, out: str | Path | None = None, db: str | Path | None = None, neo4j: str | None = None,
               write: bool = False, user: str | None = None, password: str | None = None,
               database: str | None = None):
    """The embedded store at `db` (default OUT/graph.lbug), or Neo4j at URI `neo4j`."""
    if neo4j:
        from loaders.neo4j_loader import Neo4jSettings, Neo4jStore
        return Neo4jStore(Neo4jSettings.resolve(neo4j, user, password, database), write=write)
    from loaders.embedded_store import EmbeddedStore, store_path
    return EmbeddedStore(store_path(out, db), write=write)


def run_cypher(cypher: str, params: dict | None = None, *, store=None, write: bool = False, **where) -> Result:
    """Run one Cypher statement on `store`, or on the store `open_store(**where)` opens."""
    if store is not None:
        return Result(*store.execute(cypher, params or {}))
    with open_store(write=write, **where) as opened:
        return Result(*opened.execute(cypher, params or {}))


def parse_params(items: list[str] | None, *, json_values: bool = True) -> dict:
    """`key=value` pairs; a value that reads as JSON (2, 1.5, true, null, "2", [..]) is taken as such
    unless json_values=False (named queries type their parameters themselves)."""
    params = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"--param {item!r}: write it as key=value (e.g. --param person=张国华)")
        try:
            params[key.strip()] = json.loads(value) if json_values else value
        except ValueError:
            params[key.strip()] = value
    return params


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise ConfigError(f"format {fmt!r}: choose one of {', '.join(FORMATS)}")
    return fmt


def format_result(result: Result, fmt: str = "table") -> str:
    """The result as a readable table, as JSON (a list of objects) or as CSV with a header."""
    if fmt == "json":
        return json.dumps(result.records(), ensure_ascii=False, indent=1)
    if fmt == "csv":
        buf = io.StringIO()
        out = csv.writer(buf)
        out.writerow(result.columns)
        out.writerows([_text(v) for v in row] for row in result.rows)
        return buf.getvalue()
    if fmt == "table":
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text  # plain text: a value like "[b]" is data, not markup

        table = Table(caption=f"{len(result.rows)} row" + ("" if len(result.rows) == 1 else "s"))
        for column in result.columns:
            table.add_column(Text(column))
        for row in result.rows:
            table.add_row(*(Text(_text(v)) for v in row))
        width = shutil.get_terminal_size((160, 24)).columns  # a pipe gets the wide fallback
        console = Console(file=io.StringIO(), width=width, color_system=None)
        console.print(table)
        return console.file.getvalue()
    raise ConfigError(f"format {fmt!r}: choose one of {', '.join(FORMATS)}")
