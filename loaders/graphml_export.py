"""GraphML (Gephi, yEd, Cytoscape): the graph as is, list properties joined with "; "."""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from huiyi.graph.merge.source import GraphSource, as_source, edge_attributes

LIST_JOIN = "; "


def _flat(attrs: dict) -> dict:
    return {k: LIST_JOIN.join(map(str, v)) if isinstance(v, (list, tuple, set)) else v
            for k, v in attrs.items() if v is not None}


def write_graphml(G: GraphSource | nx.MultiDiGraph, path: str | Path) -> Path:
    """Write `G` as GraphML; edge keys (relation ids) become the edges' ids."""
    G = as_source(G)
    H = nx.MultiDiGraph()
    H.add_nodes_from((n, _flat(d)) for n, d in G.nodes(data=True))
    H.add_edges_from((r.source, r.target, r.id, _flat(edge_attributes(r))) for r in G.edge_records())
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(H, path, edge_id_from_attribute=None)
    return path


def export_graphml(out: str | Path = "out", to: str | Path | None = None) -> Path:
    """GraphML of the graph built in `out` (its graph.json), into `to` (default OUT/graph.graphml).

    Example: export_graphml("out")
    """
    from .atomic import writable_folder
    from .json_export import read_json
    path = Path(to) if to is not None else Path(out) / "graph.graphml"
    writable_folder(path.parent)
    return write_graphml(read_json(Path(out) / "graph.json"), path)
