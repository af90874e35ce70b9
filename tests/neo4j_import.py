"""A reader of `neo4j-admin database import` CSVs, written from Neo4j 5's documentation of the
format (Operations manual, "Import": CSV header format), for tests that have no Neo4j.

- A header field is `name:type` or `name` (a string). Types: int, long, float, double, boolean,
  byte, short, char, string, date (and the other temporals and point, not used here); `type[]` is
  an array whose items are split on the array delimiter (`--array-delimiter`, default `;`).
- Node ids: `name:ID` (stored as the property `name` too) or `:ID`, optionally in an id space,
  `:ID(Space)`; ids are unique in their space; `:LABEL` holds labels split on the array delimiter.
  Relationships: `:START_ID(Space)`, `:END_ID(Space)` naming nodes of that space, and `:TYPE`.
- Fields are separated by `--delimiter` (default `,`); a field may be quoted with `"`, a quote in it
  doubled; a line break inside a quoted field needs `--multiline-fields=true`. An empty unquoted
  field is no property; a quote inside an unquoted field is refused here (its meaning depends on
  the importer's quoting mode).
"""
from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

_HEADER = re.compile(r"^(?P<name>[^:]*)(?::(?P<type>[A-Za-z_]+)(?P<array>\[\])?(?:\((?P<space>[^)]*)\))?)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LONG = re.compile(r"^[+-]?\d+$")
_DOUBLE = re.compile(r"^[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)$")
_SPECIAL = ("ID", "LABEL", "START_ID", "END_ID", "TYPE", "IGNORE")
_INTS = ("int", "long", "byte", "short")
_SCALAR = ("int", "long", "byte", "short", "float", "double", "boolean", "char", "string", "date")


class Refused(AssertionError):
    """The importer would refuse this file."""


@dataclass
class Options:
    array_delimiter: str = ";"
    delimiter: str = ","
    multiline: bool = False
    nodes: list[str] = field(default_factory=list)
    relationships: list[str] = field(default_factory=list)
    database: str = ""


def _char(value: str) -> str:
    if value.upper().startswith("U+"):
        return chr(int(value[2:], 16))
    if value == "TAB":
        return "\t"
    if len(value) != 1:
        raise Refused(f"a delimiter is one character, TAB or U+XXXX, not {value!r}")
    return value


def read_script(path: Path) -> Options:
    """The options of the `neo4j-admin database import full` command in import.sh."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("neo4j-admin ")]
    assert len(lines) == 1, f"{path}: one neo4j-admin command expected, found {lines}"
    words = shlex.split(lines[0])
    assert words[:4] == ["neo4j-admin", "database", "import", "full"], words[:4]
    options = Options()
    for word in words[4:]:
        name, _, value = word.partition("=")
        if not word.startswith("--"):
            options.database = word
        elif name == "--array-delimiter":
            options.array_delimiter = _char(value)
        elif name == "--delimiter":
            options.delimiter = _char(value)
        elif name == "--multiline-fields":
            options.multiline = value in ("", "true")
        elif name in ("--nodes", "--relationships"):
            getattr(options, name[2:]).append(value.rpartition("=")[2])  # [Label=]file
        elif name not in ("--overwrite-destination",):
            raise Refused(f"{path}: option {name} is not read here")
    return options


def split_records(text: str, options: Options) -> list[list[tuple[str, bool]]]:
    """The records of a CSV text as lists of (field, was quoted)."""
    records, record, value, quoted, i, n = [], [], [], False, 0, len(text)
    at_start = True
    while i < n:
        c = text[i]
        if at_start and c == '"':
            quoted, at_start, i = True, False, i + 1
            while True:
                if i >= n:
                    raise Refused("a quoted field is not closed")
                if text[i] == '"':
                    if i + 1 < n and text[i + 1] == '"':
                        value.append('"')
                        i += 2
                        continue
                    i += 1
                    break
                if text[i] in "\r\n" and not options.multiline:
                    raise Refused("a line break inside a quoted field needs --multiline-fields=true")
                value.append(text[i])
                i += 1
            if i < n and text[i] not in (options.delimiter, "\r", "\n"):
                raise Refused(f"text after a closing quote: {''.join(value)[:30]!r}")
            continue
        if c == options.delimiter:
            record.append(("".join(value), quoted))
            value, quoted, at_start = [], False, True
        elif c in "\r\n":
            record.append(("".join(value), quoted))
            records.append(record)
            record, value, quoted, at_start = [], [], False, True
            if c == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 1
        elif c == '"':
            raise Refused(f"a quote inside an unquoted field: {''.join(value)[:30]!r}")
        else:
            value.append(c)
            at_start = False
        i += 1
    if value or record or quoted:
        record.append(("".join(value), quoted))
        records.append(record)
    return records


@dataclass(frozen=True)
class Column:
    name: str  # the property name ('' for :LABEL, :TYPE and unnamed ids)
    type: str  # string, long, ... or ID, LABEL, START_ID, END_ID, TYPE, IGNORE
    array: bool = False
    space: str | None = None  # an id column's id space (None: the global one)


def parse_header(fields: list[str]) -> list[Column]:
    columns = []
    for text in fields:
        m = _HEADER.match(text)
        if not m:
            raise Refused(f"header field {text!r} is not name:type")
        name, kind, array, space = m.group("name"), m.group("type") or "string", bool(m.group("array")), m.group("space")
        if kind in _SPECIAL:
            if array or (space is not None and kind not in ("ID", "START_ID", "END_ID")):
                raise Refused(f"header field {text!r}: {kind} takes no [] and only ids an id space")
        elif kind not in _SCALAR or space is not None:
            raise Refused(f"header field {text!r}: unknown type {kind!r}")
        elif not name:
            raise Refused(f"header field {text!r}: a property needs a name")
        columns.append(Column(name, kind, array, space))
    return columns


def _scalar(value: str, kind: str):
    if kind in _INTS:
        if not _LONG.match(value) or not -2**63 <= int(value) < 2**63:
            raise Refused(f"{value!r} is not a {kind}")
        return int(value)
    if kind in ("float", "double"):
        if not _DOUBLE.match(value):
            raise Refused(f"{value!r} is not a {kind}")
        return float(value)
    if kind == "boolean":
        if value.lower() not in ("true", "false"):
            raise Refused(f"{value!r} is not a boolean")
        return value.lower() == "true"
    if kind == "date":  # the ISO form Huiyi writes; the importer reads others too
        try:
            if _DATE.match(value):
                return date.fromisoformat(value)
        except ValueError:
            pass
        raise Refused(f"{value!r} is not a date")
    if kind == "char" and len(value) != 1:
        raise Refused(f"{value!r} is not a char")
    return value


@dataclass
class Entity:
    file: str
    id: str | None = None
    space: str | None = None
    labels: tuple[str, ...] = ()
    type: str | None = None
    start: tuple[str | None, str] | None = None  # (id space, id)
    end: tuple[str | None, str] | None = None
    properties: dict = field(default_factory=dict)


def read_file(path: Path, options: Options) -> list[Entity]:
    records = split_records(path.read_bytes().decode("utf-8"), options)  # (no newline translation: \r is data)
    if not records:
        raise Refused(f"{path.name}: no header")
    columns = parse_header([value for value, _ in records[0]])
    entities = []
    for number, record in enumerate(records[1:], start=2):
        if len(record) != len(columns):
            raise Refused(f"{path.name}:{number}: {len(record)} fields for {len(columns)} columns")
        entity = Entity(path.name)
        for column, (value, quoted) in zip(columns, record, strict=True):
            try:
                _set(entity, column, value, quoted, options)
            except Refused as exc:
                raise Refused(f"{path.name}:{number}, column {column.name or column.type}: {exc}") from None
        entities.append(entity)
    return entities


def _set(entity: Entity, column: Column, value: str, quoted: bool, options: Options) -> None:
    if column.type == "IGNORE":
        return
    if column.type == "ID":
        entity.id, entity.space = value, column.space
        if column.name:
            entity.properties[column.name] = value
    elif column.type == "LABEL":
        entity.labels = tuple(label for label in value.split(options.array_delimiter) if label)
    elif column.type == "TYPE":
        entity.type = value
    elif column.type in ("START_ID", "END_ID"):
        setattr(entity, "start" if column.type == "START_ID" else "end", (column.space, value))
    elif value == "" and not quoted:
        return  # no property
    elif column.array:
        entity.properties[column.name] = [_scalar(item, column.type) for item in value.split(options.array_delimiter)]
    else:
        entity.properties[column.name] = _scalar(value, column.type)


@dataclass
class Import:
    nodes: dict[tuple[str | None, str], Entity]  # (id space, id) -> node
    relationships: list[Entity]


def read_import(folder: Path) -> Import:
    """Every node and relationship the import command in FOLDER/import.sh would create, checked as
    the importer checks them: ids unique in their space, relationships between existing nodes."""
    options = read_script(folder / "import.sh")
    nodes: dict[tuple[str | None, str], Entity] = {}
    for name in options.nodes:
        for node in read_file(folder / name, options):
            if not node.id:
                raise Refused(f"{name}: a node without an id")
            if (node.space, node.id) in nodes:
                raise Refused(f"{name}: id {node.id!r} twice in id space {node.space}")
            if not node.labels:
                raise Refused(f"{name}: node {node.id!r} has no label")
            nodes[(node.space, node.id)] = node
    relationships = []
    for name in options.relationships:
        for rel in read_file(folder / name, options):
            if not rel.type:
                raise Refused(f"{name}: a relationship without a type")
            for end in (rel.start, rel.end):
                if end not in nodes:
                    raise Refused(f"{name}: {rel.type} names node {end} that no node file holds")
            relationships.append(rel)
    return Import(nodes, relationships)
