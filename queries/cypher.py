"""Cypher from the command line: open a store (embedded by default, or Neo4j), run, format.

Values reach the engine only as parameters; `huiyi query` opens the store read-only (LadybugDB's
read-only mode, Neo4j's READ session) unless `write=True`, so the engine itself refuses writes.
"""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from huiyi.graph.models import ConfigError

FORMATS = ("table", "json", "csv")


@dataclass
class Result:
    columns: list[str]
    rows: list[list]

    def records(self) -> list[dict]:
        """The rows as objects keyed by the RETURN names."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def open_store(*, out: str | Path | None = None, db: str | Path | None = None, neo4j: str | None = None,
               write: bool = False, user: str | None = None, password: str | None = None,
               database: str | None = None):
    """The embedded store at `db` (default OUT/graph.lbug), or Neo4j at URI `neo4j`."""
    if neo4j:
        from huiyi.loaders.neo4j_loader import Neo4jSettings, Neo4jStore
        return Neo4jStore(Neo4jSettings.resolve(neo4j, user, password, database), write=write)
    from huiyi.loaders.embedded_store import EmbeddedStore, store_path
    return EmbeddedStore(store_path(out, db), write=write)


# What the embedded engine survives: deeper nesting or longer chains of operators crash it (its
# parser recurses; 3,000 parentheses or a 10,000-term sum end the process with no message), so they
# are refused before it runs. The margins are wide: 2,000 levels and 7,000 terms still ran.
MAX_QUERY_CHARS = 1_000_000
MAX_NESTING = 500
MAX_OPERATORS = 4_000
LITERAL_RE = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)
OPERATOR_RE = re.compile(r"[-+*/%^]|\b(?:AND|OR|XOR)\b", re.I)
INT64 = 2**63


def check_statement(cypher: str) -> str:
    """The statement, if the engine can be given it; else ConfigError saying what to change."""
    if not cypher.strip():
        raise ConfigError("the query is empty; give one Cypher statement (e.g. \"MATCH (n) RETURN count(n)\")")
    if len(cypher) > MAX_QUERY_CHARS:
        raise ConfigError(f"the query is {len(cypher):,} characters, over {MAX_QUERY_CHARS:,}; pass large "
                          f"values as parameters (--param) instead of writing them into it")
    code = LITERAL_RE.sub("''", cypher)
    depth = deepest = 0
    for ch in code:
        depth += ch in "([{"
        depth -= ch in ")]}"
        deepest = max(deepest, depth)
    if deepest > MAX_NESTING:
        raise ConfigError(f"the query nests brackets {deepest} deep, over {MAX_NESTING}; the engine cannot parse it")
    if (ops := len(OPERATOR_RE.findall(code))) > MAX_OPERATORS:
        raise ConfigError(f"the query chains {ops:,} operators, over {MAX_OPERATORS:,}; the engine cannot parse "
                          f"it: use list functions or parameters instead (e.g. reduce, sum over UNWIND)")
    return cypher


def check_params(params: dict) -> dict:
    """Parameters the engines can hold: an integer beyond 64 bits is a ConfigError naming it."""
    for key, value in params.items():
        if isinstance(value, int) and not isinstance(value, bool) and not -INT64 <= value < INT64:
            raise ConfigError(f"--param {key}: {value} is beyond a 64-bit integer; give a smaller number")
    return params


def run_cypher(cypher: str, params: dict | None = None, *, store=None, write: bool = False, **where) -> Result:
    """Run one Cypher statement on `store`, or on the store `open_store(**where)` opens."""
    check_statement(cypher)
    check_params(params or {})
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

        if not result.rows:
            return "no rows\n"
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
