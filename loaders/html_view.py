"""The interactive HTML view (first cut: a pyvis page coloured by label)."""
from __future__ import annotations

from pathlib import Path

import networkx as nx

COLORS = {"Person": "#e45756", "Meeting": "#4c78a8", "Place": "#54a24b", "Body": "#f58518",
          "Policy": "#b279a2", "Document": "#9d755d"}


def write_html(G: nx.MultiDiGraph, path: str | Path) -> Path:
    from pyvis.network import Network
    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
    for n, d in G.nodes(data=True):
        net.add_node(n, label=d.get("name", n), color=COLORS.get(d["label"], "#999"), title=d["label"])
    for u, v, d in G.edges(data=True):
        net.add_edge(u, v, title=d["type"], label=d["type"] if d["type"] != "MENTIONED_IN" else "")
    path = Path(path)
    path.write_text(net.generate_html(), encoding="utf-8")
    return path
