"""Named queries: one `.cypher` file per question, in this folder, run with typed parameters.

A file starts with comment lines naming it and its parameters, e.g.

    // name: meetings_chaired
    // description: Meetings a person chaired, with dates, places and the evidence.
    // param: person STRING the person's name
    // param: min_meetings INT = 2 at least this many meetings
    // example: person=宗国英

A parameter with `= DEFAULT` is optional ('' is the empty string). Types: STRING, INT, FLOAT,
BOOL, DATE (YYYY-MM-DD, passed as a string; the query calls date()). The same text runs on both
engines; a file `NAME.neo4j.cypher` beside it, when present, is what runs on Neo4j. Values only
ever reach the engine as parameters.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from huiyi.graph.models import ConfigError

QUERY_DIR = Path(__file__).resolve().parent
TYPES = ("STRING", "INT", "FLOAT", "BOOL", "DATE")
_PARAM = re.compile(r"^(\w+)\s+(\w+)(?:\s*=\s*('[^']*'|\"[^\"]*\"|\S+))?\s*(.*)$")
_USED = re.compile(r"\$(\w+)")


@dataclass
class Param:
    name: str
    type: str
    description: str = ""
    default: object = None
    required: bool = True

    def __str__(self) -> str:
        default = "" if self.required else f" = {self.default!r}"
        return f"{self.name} ({self.type}{default}): {self.description}"


@dataclass
class NamedQuery:
    name: str
    description: str
    cypher: str
    path: Path
    params: list[Param] = field(default_factory=list)
    example: dict[str, str] = field(default_factory=dict)
    variants: dict[str, str] = field(default_factory=dict)  # engine -> cypher

    def text_for(self, engine: str) -> str:
        return self.variants.get(engine, self.cypher)


def _default(raw: str, kind: str, where: str):
    if raw[:1] in "'\"":
        raw = raw[1:-1]
    return coerce(raw, kind, where)


def _to_int(value) -> int:
    if isinstance(value, bool):
        raise ValueError(value)
    return int(value)


def _to_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    return {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}[str(value).lower()]


def _to_date(value) -> str:
    text = str(value)
    if len(text) != 10:
        raise ValueError(text)
    date.fromisoformat(text)
    return text


_CONVERT = {"STRING": str, "INT": _to_int, "FLOAT": float, "BOOL": _to_bool, "DATE": _to_date}
_EXAMPLE = {"STRING": "text", "INT": "2", "FLOAT": "0.5", "BOOL": "true or false", "DATE": "2020-02-20"}


def coerce(value, kind: str, where: str):
    """`value` (often text from the command line) as a parameter of type `kind`."""
    if kind not in _CONVERT:
        raise ConfigError(f"{where}: unknown type {kind}; use one of {', '.join(TYPES)}")
    try:
        return _CONVERT[kind](value)
    except (ValueError, KeyError, TypeError):
        raise ConfigError(f"{where}: {value!r} is not a {kind} (e.g. {_EXAMPLE[kind]})") from None


def parse(path: Path) -> tuple[dict, str]:
    """(header fields, query text without the header) of one .cypher file."""
    header: dict = {"param": [], "example": []}
    lines = path.read_text(encoding="utf-8").splitlines()
    body_start = 0
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped.startswith("//"):
            body_start = i
            break
        key, sep, value = stripped[2:].strip().partition(":")
        if sep and key.strip() in ("name", "description", "param", "example"):
            if key.strip() in ("param", "example"):
                header[key.strip()].append(value.strip())
            else:
                header[key.strip()] = value.strip()
    else:
        body_start = len(lines)
    return header, "\n".join(lines[body_start:]).strip()


def load(path: Path) -> NamedQuery:
    header, text = parse(path)
    where = f"{path.name}"
    name = header.get("name") or ""
    if name != path.stem:
        raise ConfigError(f"{where}: the header must say `// name: {path.stem}` (it says {name!r})")
    if not header.get("description"):
        raise ConfigError(f"{where}: add a `// description: ...` line saying what the query answers")
    params = []
    for spec in header["param"]:
        m = _PARAM.match(spec)
        if not m or m.group(2) not in TYPES:
            raise ConfigError(f"{where}: bad `// param: {spec}`; write `// param: NAME TYPE [= DEFAULT] description` "
                              f"with TYPE one of {', '.join(TYPES)}")
        pname, kind, raw, description = m.groups()
        required = raw is None
        default = None if required else _default(raw, kind, f"{where}: default of {pname}")
        params.append(Param(pname, kind, description, default, required))
    example = {}
    for spec in header["example"]:
        for pair in spec.split():
            key, _, value = pair.partition("=")
            example[key] = value
    query = NamedQuery(name, header["description"], text, path, params, example)
    for variant in sorted(path.parent.glob(f"{path.stem}.*.cypher")):
        query.variants[variant.name.split(".")[-2]] = parse(variant)[1]
    for engine, cypher in [("", text), *query.variants.items()]:
        used, declared = set(_USED.findall(cypher)), {p.name for p in params}
        if used != declared:
            raise ConfigError(f"{where}{' (' + engine + ')' if engine else ''}: parameters used "
                              f"{sorted(used)} but declared {sorted(declared)}; make them match")
    return query


def list_queries(folder: Path = QUERY_DIR) -> list[NamedQuery]:
    """Every named query in `folder`, by name."""
    return [load(p) for p in sorted(folder.glob("*.cypher")) if "." not in p.stem]


def get(name: str, folder: Path = QUERY_DIR) -> NamedQuery:
    path = folder / f"{name}.cypher"
    if "." in name or "/" in name or not path.exists():
        names = ", ".join(q.name for q in list_queries(folder))
        raise ConfigError(f"no named query {name!r}; choose one of: {names} (see `huiyi ask --list`)")
    return load(path)


def bind(query: NamedQuery, params: dict | None) -> dict:
    """Check and type the parameters: unknown or missing ones raise ConfigError listing the valid ones."""
    params = dict(params or {})
    valid = "; ".join(str(p) for p in query.params) or "none"
    unknown = sorted(set(params) - {p.name for p in query.params})
    if unknown:
        raise ConfigError(f"{query.name}: no parameter {', '.join(unknown)}; its parameters: {valid}")
    bound = {}
    for p in query.params:
        if p.name in params:
            bound[p.name] = coerce(params[p.name], p.type, f"{query.name}: parameter {p.name}")
        elif p.required:
            example = query.example.get(p.name, "...")
            raise ConfigError(f"{query.name}: parameter {p.name} is required (e.g. --param {p.name}={example}); "
                              f"its parameters: {valid}")
        else:
            bound[p.name] = p.default
    return bound


def run(name: str, params: dict | None = None, *, store=None, out=None, db=None, neo4j: str | None = None,
        folder: Path = QUERY_DIR) -> list[dict]:
    """Run the named query; returns one dict per row, keyed by its RETURN names (JSON-ready values).

    The store: `store` if given (an EmbeddedStore or Neo4jStore), else the one at `db`, at Neo4j URI
    `neo4j`, or OUT/graph.lbug (OUT defaults to out/), opened read-only.
    """
    from .cypher import open_store, run_cypher

    query = get(name, folder)
    bound = bind(query, params)
    if store is not None:
        return run_cypher(query.text_for(store.engine), bound, store=store).records()
    with open_store(out=out, db=db, neo4j=neo4j) as opened:
        return run_cypher(query.text_for(opened.engine), bound, store=opened).records()
