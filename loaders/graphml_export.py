"""GraphML (Gephi, yEd, Cytoscape): the graph as is, list properties joined with "; "."""
from __future__ import annotations

from pathlib import Path

import networkx as nx

LIST_JOIN = "; "


def _flat(attrs: dict) -> dict:
    return {k: LIST_JOIN.join(map(str, v)) if isinstance(v, (list, tuple, set)) else v
            for k, v in attrs.items() if v is not None}


def write_graphml(G: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write `G` as GraphML; edge keys (relation ids) become the edges' ids."""
    H = nx.MultiDiGraph()
    H.add_nodes_from((n, _flat(d)) for n, d in G.nodes(data=True))
    H.add_edges_from((u, v, k, _flat(d)) for u, v, k, d in G.edges(keys=True, data=True))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(H, path, edge_id_from_attribute=None)
    return path
