"""graph.json: node-link JSON (the referee's contract) and back."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from graph.models import InputError


def to_node_link(G: nx.MultiDiGraph) -> dict:
    nodes = [{"id": n, **d} for n, d in G.nodes(data=True)]
    edges = [{"id": k, "source": u, "target": v, **d} for u, v, k, d in G.edges(keys=True, data=True)]
    return {"directed": True, "multigraph": True, "graph": dict(G.graph), "nodes": nodes, "edges": edges}


def write_json(G: nx.MultiDiGraph, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:  # streamed: a large graph is never one string
        json.dump(to_node_link(G), f, ensure_ascii=False, indent=None if G.number_of_edges() > 20000 else 1)
    return path


def read_json(path: str | Path) -> nx.MultiDiGraph:
    """Read a graph.json written by `write_json` (e.g. `huiyi build`'s output)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no graph here; run `huiyi build REPORTS --out {path.parent}` first") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from exc
    G = nx.MultiDiGraph(**data.get("graph", {}))
    for n in data["nodes"]:
        n = dict(n)
        G.add_node(n.pop("id"), **n)
    for e in data.get("edges", data.get("links", [])):
        e = dict(e)
        u, v, k = e.pop("source"), e.pop("target"), e.pop("id", None)
        G.add_edge(u, v, key=k, **e)
    return G
