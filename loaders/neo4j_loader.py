"""Load the graph into Neo4j, and run Cypher there.

Order: a uniqueness constraint on `id` per label and an index on `id` per relationship type first,
then nodes and relationships in batches of `UNWIND $rows … MERGE` on `id`, so loading twice leaves
the same counts. Each batch is a managed write transaction (`session.execute_write`), which the
driver retries on transient errors (deadlocks, leader switches). Batch size: 1k-10k rows per
transaction is the usual sweet spot; larger batches need more server heap, smaller ones pay more
round trips. Every statement comes from a builder function below (pinned by unit tests), and
`load_steps` lists them in the order the load sends them, so `dry_run` shows exactly what a load
would send without a server.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import networkx as nx

from huiyi.graph.models import ConfigError, StoreError

from .rows import DATE, INT, GraphRows, full_date, graph_rows, identifier

DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_BATCH = 2000
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


@dataclass(frozen=True)
class Neo4jSettings:
    uri: str = DEFAULT_URI
    user: str = "neo4j"
    password: str | None = None
    database: str | None = None  # None: the server's default database

    @classmethod
    def resolve(cls, uri=None, user=None, password=None, database=None) -> "Neo4jSettings":
        """Options first, then NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE, then defaults."""
        env = os.environ
        settings = cls(uri or env.get("NEO4J_URI") or DEFAULT_URI, user or env.get("NEO4J_USER") or "neo4j",
                       password or env.get("NEO4J_PASSWORD") or None, database or env.get("NEO4J_DATABASE") or None)
        scheme = urlparse(settings.uri).scheme
        if scheme not in SCHEMES:
            raise ConfigError(f"Neo4j URI {settings.uri!r}: the scheme must be one of {', '.join(SCHEMES)} "
                              f"(e.g. {DEFAULT_URI})")
        return settings


# ---- the loader's Cypher -------------------------------------------------------------------

def constraint_statement(label: str) -> str:
    label = identifier(label, "label")
    return (f"CREATE CONSTRAINT huiyi_{label.lower()}_id IF NOT EXISTS "
            f"FOR (n:`{label}`) REQUIRE n.id IS UNIQUE")


def relationship_index_statement(kind: str) -> str:
    kind = identifier(kind, "relation type")
    return f"CREATE INDEX huiyi_{kind.lower()}_id IF NOT EXISTS FOR ()-[r:`{kind}`]-() ON (r.id)"


def _set_dates(var: str, date_columns) -> str:
    return "".join(f"\nSET {var}.`{c}` = date(row.dates.`{c}`)" for c in date_columns)


def merge_nodes_statement(label: str, date_columns=()) -> str:
    """$rows: [{id, props: {...}, dates: {column: 'YYYY-MM-DD' | null}}]; null props are removed."""
    label = identifier(label, "label")
    return (f"UNWIND $rows AS row\nMERGE (n:`{label}` {{id: row.id}})\nSET n += row.props"
            + _set_dates("n", date_columns))


def merge_relationships_statement(kind: str, source_label: str, target_label: str, date_columns=()) -> str:
    """$rows: [{id, source, target, props, dates}]; both ends are matched by id (loaded first)."""
    kind, a, b = identifier(kind, "relation type"), identifier(source_label, "label"), identifier(target_label, "label")
    return (f"UNWIND $rows AS row\nMATCH (a:`{a}` {{id: row.source}})\nMATCH (b:`{b}` {{id: row.target}})\n"
            f"MERGE (a)-[r:`{kind}` {{id: row.id}}]->(b)\nSET r += row.props" + _set_dates("r", date_columns))


def wipe_statement() -> str:
    """Deletes up to $batch nodes (and their relationships); run until it deletes none."""
    return "MATCH (n) WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS deleted"


def count_nodes_statement() -> str:
    return "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS count ORDER BY label"


def count_relationships_statement() -> str:
    return "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count ORDER BY type"


# ---- rows -> parameters ---------------------------------------------------------------------

def _int64(value):
    """Neo4j stores 64-bit integers only, and one larger fails its whole batch: send it as digits."""
    return str(value) if type(value) is int and not -2**63 <= value < 2**63 else value


def _payload(row: dict, columns: dict[str, str], fixed: tuple[str, ...]) -> dict:
    """The parameters of one row: its ids, `props` (null removes a property) and `dates`, each a
    full date 'YYYY-MM-DD' for the statement's date() or null (anything else would fail date())."""
    out = {k: row[k] for k in fixed}
    out["props"] = {c: _int64(row[c]) if t == INT else row[c]
                    for c, t in columns.items() if t != DATE and c not in fixed}
    out["dates"] = {c: full_date(row[c]) for c, t in columns.items() if t == DATE}
    return out


@dataclass(frozen=True)
class Step:
    """One distinct statement of a load. `kind`: the label or relation type a merge loads; `rows`:
    the parameter rows, sent `batch_size` at a time (None: the statement is sent once as it is);
    `repeat`: sent until it deletes nothing (the wipe); `read`: a read (the counts after)."""
    what: str
    statement: str
    rows: list[dict] | None = None
    kind: str = ""
    repeat: bool = False
    read: bool = False

    def batches(self, batch_size: int) -> int:
        """Transactions this step takes (the wipe: at least one)."""
        return 1 if self.rows is None else -(-len(self.rows) // batch_size)


def load_plan(rows: GraphRows) -> list[Step]:
    """The merges in load order: nodes per label, then relationships per (type, from, to) pair
    that has rows; a label with no nodes is listed with no rows (nothing is sent for it)."""
    plan = []
    for label, table in rows.nodes.items():
        dates = [c for c, t in table.columns.items() if t == DATE]
        plan.append(Step(label, merge_nodes_statement(label, dates),
                         [_payload(r, table.columns, ("id",)) for r in table.rows], kind=label))
    for kind, table in rows.relations.items():
        dates = [c for c, t in table.columns.items() if t == DATE]
        for a, b in table.pairs:
            pair_rows = table.pair_rows((a, b))
            if pair_rows:
                plan.append(Step(f"{kind} ({a}->{b})", merge_relationships_statement(kind, a, b, dates),
                                 [_payload(r, table.columns, ("id", "source", "target")) for r in pair_rows],
                                 kind=kind))
    return plan


def load_steps(rows: GraphRows, *, wipe: bool = False) -> list[Step]:
    """Every statement the load sends, in order: the wipe when asked, constraints, indexes, the
    merges that have rows (see `load_plan`), then the counts."""
    steps = [Step("wipe", wipe_statement(), repeat=True)] if wipe else []
    steps += [Step(f"constraint {label}", constraint_statement(label)) for label in rows.nodes]
    steps += [Step(f"index {kind}", relationship_index_statement(kind)) for kind in rows.relations]
    steps += [step for step in load_plan(rows) if step.rows]
    steps += [Step("count nodes", count_nodes_statement(), read=True),
              Step("count relationships", count_relationships_statement(), read=True)]
    return steps


def dry_run(G: nx.MultiDiGraph, *, batch_size: int = DEFAULT_BATCH, wipe: bool = False) -> list[Step]:
    """What `load_neo4j` would send for `G`, without a server: its steps (see `load_steps`)."""
    _check_batch_size(batch_size)
    return load_steps(graph_rows(G), wipe=wipe)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 'es' if word.endswith('ch') else 's'}"


def describe_steps(steps: list[Step], batch_size: int = DEFAULT_BATCH) -> list[str]:
    """One line per statement (rows and batches it is sent in), after a line of totals."""
    lines = []
    for step in steps:
        if step.repeat:
            sent = f"batches of {batch_size} nodes until none is left"
        elif step.rows is None:
            sent = "read, once" if step.read else "once"
        else:
            sent = f"{_plural(len(step.rows), 'row')} in {_plural(step.batches(batch_size), 'batch')}"
        lines.append(f"  {step.what}: {sent}")
    merges = [step for step in steps if step.rows is not None]
    total = (f"dry run, nothing sent: {_plural(len(steps), 'statement')}; "
             f"{_plural(sum(len(step.rows) for step in merges), 'row')} in "
             f"{_plural(sum(step.batches(batch_size) for step in merges), 'batch')} of up to {batch_size}")
    return [total, *lines]


def dry_run_text(out: str | Path, *, batch_size: int = DEFAULT_BATCH, wipe: bool = False) -> tuple[str, list[str]]:
    """What `huiyi load neo4j --dry-run` prints for the graph built in `out`: every statement ended by
    a line holding only `;` (stdout), and the rows and batches of each (stderr lines).

    Example: statements, summary = dry_run_text("out")
    """
    from .json_export import read_json
    steps = dry_run(read_json(Path(out) / "graph.json"), batch_size=batch_size, wipe=wipe)
    return "".join(f"{step.statement}\n;\n" for step in steps), describe_steps(steps, batch_size)


# ---- the driver ------------------------------------------------------------------------------

def _translate(exc: Exception, settings: Neo4jSettings) -> StoreError:
    from neo4j import exceptions as ne

    if isinstance(exc, ne.AuthError):
        return StoreError(f"Neo4j at {settings.uri} refused user {settings.user!r}: check NEO4J_USER and "
                          "NEO4J_PASSWORD (or --user/--password)")
    if isinstance(exc, (ne.ServiceUnavailable, ne.SessionExpired, OSError)):
        return StoreError(f"cannot reach Neo4j at {settings.uri}: start it (`docker compose up -d`) or set "
                          "NEO4J_URI to a running server")
    if isinstance(exc, ne.Neo4jError):
        message = " ".join((exc.message or str(exc)).split())
        if "access mode" in message.lower() or getattr(exc, "code", "").endswith("AccessMode"):
            return StoreError("this query writes, and it ran in a read-only session; "
                              "allow writes with write=True (`huiyi query --write`)")
        return StoreError(f"Neo4j: {message}")
    return StoreError(f"Neo4j at {settings.uri}: {exc}")


def connect(settings: Neo4jSettings):
    """A verified driver; an unreachable server or bad credentials raise StoreError."""
    from neo4j import GraphDatabase
    from neo4j import exceptions as ne

    auth = (settings.user, settings.password) if settings.password else None
    try:
        driver = GraphDatabase.driver(settings.uri, auth=auth, connection_timeout=10)
        driver.verify_connectivity()
        return driver
    except (ne.Neo4jError, ne.DriverError, OSError, ValueError) as exc:
        raise _translate(exc, settings) from exc


def _write(session, statement: str, **params):
    return session.execute_write(lambda tx: tx.run(statement, **params).data())


def _check_batch_size(batch_size: int) -> None:
    if batch_size < 1:
        raise ConfigError(f"batch size {batch_size}: must be 1 or more (e.g. {DEFAULT_BATCH})")


def load_neo4j(G: nx.MultiDiGraph, settings: Neo4jSettings, *, batch_size: int = DEFAULT_BATCH,
               wipe: bool = False, driver=None) -> dict:
    """Load `G` into Neo4j; returns rows sent per label/type and the database's totals after."""
    from neo4j import exceptions as ne

    _check_batch_size(batch_size)
    rows = graph_rows(G)
    steps = load_steps(rows, wipe=wipe)
    own = driver is None
    driver = driver or connect(settings)
    sent: dict[str, int] = {}
    counted: list[list[dict]] = []
    try:
        with driver.session(database=settings.database) as session:
            for step in steps:
                if step.read:
                    counted.append(session.execute_read(lambda tx, s=step.statement: tx.run(s).data()))
                elif step.repeat:
                    while _write(session, step.statement, batch=batch_size)[0]["deleted"]:
                        pass
                elif step.rows is None:
                    _write(session, step.statement)
                else:
                    for i in range(0, len(step.rows), batch_size):
                        _write(session, step.statement, rows=step.rows[i:i + batch_size])
                    sent[step.kind] = sent.get(step.kind, 0) + len(step.rows)
    except (ne.Neo4jError, ne.DriverError, OSError) as exc:
        raise _translate(exc, settings) from exc
    finally:
        if own:
            driver.close()
    nodes = {r["label"]: r["count"] for r in counted[0]}
    edges = {r["type"]: r["count"] for r in counted[1]}
    return {"sent": sent, "nodes": nodes, "edges": edges}


def _plain(value):
    from neo4j.graph import Node, Relationship

    if isinstance(value, Node):
        return {**{k: _plain(v) for k, v in value.items()}, "label": next(iter(value.labels), None)}
    if isinstance(value, Relationship):
        return {**{k: _plain(v) for k, v in value.items()}, "type": value.type}
    if hasattr(value, "iso_format"):  # neo4j.time Date, DateTime, Duration
        return value.iso_format()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class Neo4jStore:
    """Cypher on a Neo4j server: a READ session unless write=True (the server refuses writes then)."""
    engine = "neo4j"

    def __init__(self, settings: Neo4jSettings, *, write: bool = False):
        self.settings, self.write = settings, write
        self._driver = connect(settings)

    def execute(self, cypher: str, params: dict | None = None) -> tuple[list[str], list[list]]:
        from neo4j import exceptions as ne

        def work(tx):
            result = tx.run(cypher, params or {})
            return list(result.keys()), [[_plain(v) for v in record.values()] for record in result]

        try:
            with self._driver.session(database=self.settings.database) as session:
                return (session.execute_write if self.write else session.execute_read)(work)
        except (ne.Neo4jError, ne.DriverError, OSError) as exc:
            raise _cypher_error(exc, self.settings) from exc

    def close(self) -> None:
        self._driver.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _cypher_error(exc: Exception, settings: Neo4jSettings) -> StoreError:
    """Neo4j's syntax errors say '(line 1, column 17 (offset: 16))' and then quote the query: keep one line."""
    import re

    from neo4j import exceptions as ne

    if not isinstance(exc, ne.Neo4jError) or isinstance(exc, ne.AuthError):
        return _translate(exc, settings)
    text = exc.message or str(exc)
    pos = re.search(r"\(line (\d+), column (\d+)", text)
    if pos:
        head = " ".join(text[:pos.start()].split())
        return StoreError(f"Cypher error at line {pos.group(1)}, column {pos.group(2)}: {head}")
    return _translate(exc, settings)


def load_graph_json(out: str | Path = "out", settings: Neo4jSettings | None = None, *,
                    batch_size: int = DEFAULT_BATCH, wipe: bool = False) -> dict:
    """Load the graph built in `out` (its graph.json) into Neo4j (`settings`: default from the
    environment, see Neo4jSettings.resolve); returns `load_neo4j`'s counts.

    Example: load_graph_json("out", Neo4jSettings.resolve("bolt://localhost:7687"))
    """
    from .json_export import read_json
    return load_neo4j(read_json(Path(out) / "graph.json"), settings or Neo4jSettings.resolve(),
                      batch_size=batch_size, wipe=wipe)
