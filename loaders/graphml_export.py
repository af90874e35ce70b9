"""GraphML (Gephi, yEd, Cytoscape): the graph as is, list properties joined with "; "."""
from __future__ import annotations

import re
from pathlib import Path

import networkx as nx

from huiyi.graph.merge.source import GraphSource, as_source, edge_attributes

from .atomic import replacing

LIST_JOIN = "; "
# What XML 1.0 cannot hold in any form, not even as a character reference: C0 controls other than
# tab, newline and return, lone UTF-16 halves, U+FFFE and U+FFFF
NOT_IN_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value):
    """A string as XML can hold it: each character XML cannot hold (a control character in a report's
    text, e.g. from a PDF) becomes U+FFFD; anything else as it is."""
    if isinstance(value, str) and not value.isprintable():  # (the quick test: a few strings fail it)
        return NOT_IN_XML_RE.sub("\ufffd", value)
    return value


def _flat(attrs: dict) -> dict:
    return {k: xml_text(LIST_JOIN.join(map(str, v)) if isinstance(v, (list, tuple, set)) else v)
            for k, v in attrs.items() if v is not None}


def write_graphml(G: GraphSource | nx.MultiDiGraph, path: str | Path) -> Path:
    """Write `G` as GraphML; edge keys (relation ids) become the edges' ids."""
    G = as_source(G)
    H = nx.MultiDiGraph()
    H.add_nodes_from((xml_text(n), _flat(d)) for n, d in G.nodes(data=True))
    H.add_edges_from((xml_text(r.source), xml_text(r.target), xml_text(r.id), _flat(edge_attributes(r)))
                     for r in G.edge_records())
    with replacing(path) as part:  # a failed export leaves no empty or half file
        nx.write_graphml(H, part, edge_id_from_attribute=None)
    return Path(path)


def export_graphml(out: str | Path = "out", to: str | Path | None = None) -> Path:
    """GraphML of the graph built in `out` (its graph.json), into `to` (default OUT/graph.graphml).

    Example: export_graphml("out")
    """
    from .atomic import writable_folder
    from .json_export import read_json
    path = Path(to) if to is not None else Path(out) / "graph.graphml"
    writable_folder(path.parent)
    return write_graphml(read_json(Path(out) / "graph.json"), path)
