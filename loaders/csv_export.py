"""Node and relationship CSVs in the `neo4j-admin database import` format, for large graphs.

One file per label (`nodes_Person.csv`: `id:ID,name,…,:LABEL`) and per relation type
(`relationships_ATTENDED.csv`: `:START_ID,:END_ID,:TYPE,id,…`), headers typed (`start:long`,
`titles:string[]`, `day:date`), plus `import.sh` with the matching command. Node ids are one global
id space (every id starts with its label). Empty fields are absent properties. Lists are joined
with the array delimiter, chosen so that no item contains it. A typed column whose values do not
all parse as its type is written as text instead (the importer would stop at the first that does
not); a `day` that is not a calendar date is left empty.
"""
from __future__ import annotations

import csv
import math
import shlex
from pathlib import Path

import networkx as nx

from huiyi.graph.models import StoreError

from .rows import BOOL, DATE, FLOAT, INT, STRING, STRINGS, full_date, graph_rows

NEO4J_TYPES = {INT: "long", FLOAT: "double", BOOL: "boolean", DATE: "date", STRINGS: "string[]"}
ARRAY_DELIMITERS = (";", "|", "\u001f")


def _header(name: str, kind: str) -> str:
    return f"{name}:{NEO4J_TYPES[kind]}" if kind in NEO4J_TYPES else name


def _array_delimiter(rows) -> str:
    """The first candidate no list item contains (Chinese text rarely holds ASCII ';')."""
    items = {v for table in (*rows.nodes.values(), *rows.relations.values())
             for c, k in table.columns.items() if k == STRINGS
             for row in table.rows for v in (row.get(c) or ())}
    for delimiter in ARRAY_DELIMITERS:
        if not any(delimiter in item for item in items):
            return delimiter
    raise StoreError("every array delimiter (" + ", ".join(map(repr, ARRAY_DELIMITERS)) + ") occurs in a list value")


def _fits(value, kind: str) -> bool:
    """Whether `value` (not None) parses as a column of `kind` in the import (long: 64 bits)."""
    if kind == INT:
        return type(value) is int and -2**63 <= value < 2**63
    if kind == FLOAT:
        return type(value) in (int, float)
    if kind == BOOL:
        return type(value) is bool
    return True  # text, lists of text (rows.py makes them so) and dates (`_cell` keeps full ones)


def _kinds(columns: dict[str, str], rows: list[dict]) -> dict[str, str]:
    """The columns' types, a typed one whose values do not all fit it made text."""
    return {c: k if all(r[c] is None or _fits(r[c], k) for r in rows) else STRING for c, k in columns.items()}


_JAVA_DOUBLES = {math.inf: "Infinity", -math.inf: "-Infinity"}  # what the importer's parser reads


def _cell(value, kind: str, delimiter: str):
    if value is None:
        return None
    if kind == STRINGS:
        return delimiter.join(value)
    if kind == BOOL:
        return "true" if value else "false"
    if kind == DATE:
        return full_date(value)
    if kind == FLOAT:
        return "NaN" if value != value else _JAVA_DOUBLES.get(value, repr(float(value)))
    return value


def export_csv(G: nx.MultiDiGraph, folder: str | Path, *, database: str = "neo4j") -> list[Path]:
    """Write the import CSVs and `import.sh` into `folder`; returns the files written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rows = graph_rows(G)
    delimiter = _array_delimiter(rows)
    written, multiline = [], False
    for label, table in rows.nodes.items():
        if not table.rows:
            continue
        path = folder / f"nodes_{label}.csv"
        table_rows = table.rows
        kinds = _kinds(table.columns, table_rows)
        names = list(kinds)
        header = ["id:ID", *(_header(c, kinds[c]) for c in names[1:]), ":LABEL"]
        multiline |= _write(path, header, ([_cell(r[c], kinds[c], delimiter) for c in names] + [label]
                                           for r in table_rows))
        written.append(path)
    for kind, table in rows.relations.items():
        if not table.rows:
            continue
        path = folder / f"relationships_{kind}.csv"
        table_rows = table.rows
        kinds = _kinds(table.columns, table_rows)
        names = list(kinds)
        header = [":START_ID", ":END_ID", ":TYPE", *(_header(c, kinds[c]) for c in names)]
        multiline |= _write(path, header, ([r["source"], r["target"], kind]
                                           + [_cell(r[c], kinds[c], delimiter) for c in names]
                                           for r in table_rows))
        written.append(path)
    script = folder / "import.sh"
    script.write_text(import_command(written, database=database, array_delimiter=delimiter,
                                     multiline=multiline) + "\n", encoding="utf-8")
    script.chmod(0o755)
    written.append(script)
    return written


def _write(path: Path, header: list[str], lines) -> bool:
    """Write one CSV; True when a value spans lines (the importer must then be told)."""
    multiline = False
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(header)
        for line in lines:
            multiline = multiline or any(isinstance(v, str) and ("\n" in v or "\r" in v) for v in line)
            out.writerow(line)
    return multiline


def import_command(files: list[Path], *, database: str = "neo4j", array_delimiter: str = ";",
                   multiline: bool = False) -> str:
    """The `neo4j-admin database import full` command for these files (run with the database stopped)."""
    parts = ["neo4j-admin", "database", "import", "full", database, "--overwrite-destination=true"]
    parts.append("--array-delimiter=" + (array_delimiter if array_delimiter.isprintable()
                                          else f"U+{ord(array_delimiter):04X}"))
    if multiline:
        parts.append("--multiline-fields=true")
    for f in files:
        kind = "nodes" if f.name.startswith("nodes_") else "relationships"
        parts.append(f"--{kind}={f.name}")
    return ("#!/bin/sh\n# Neo4j 5, with the database stopped; the files are read from this script's folder\n"
            'cd "$(dirname "$0")" || exit 1\n' + " ".join(shlex.quote(p) for p in parts))


def export_import_files(out: str | Path = "out", to: str | Path | None = None, *, database: str = "neo4j"
                        ) -> list[Path]:
    """The `neo4j-admin` import files of the graph built in `out` (its graph.json), into `to`
    (default OUT/neo4j-import); returns the files written.

    Example: export_import_files("out", "out/neo4j-import")
    """
    from .atomic import writable_folder
    from .json_export import read_json
    folder = Path(to) if to is not None else Path(out) / "neo4j-import"
    writable_folder(folder)
    return export_csv(read_json(Path(out) / "graph.json"), folder, database=database)
