"""The interactive HTML view: one self-contained page (works from file://, no network at all).

The page inlines vis-network (read from the installed pyvis package), our own CSS/JS from
loaders/static/, and the graph as JSON in a `<script type="application/json">` block. The JS draws
it with a legend, search, filters (label, relation, date range), hover tooltips with the evidence
sentence and its document, and click-to-highlight. No Bootstrap, no CDN, no web fonts.

Big graphs get positions computed here (`seed_layout`, linear time) and only a few physics steps
in the browser, so 5,000 nodes settle in seconds.
"""
from __future__ import annotations

import hashlib
import html
import importlib.util
import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Mapping

import networkx as nx
import orjson

from huiyi.graph.merge.source import GraphSource, as_source, edge_attributes
from huiyi.graph.models import ConfigError, InputError

from . import atomic
from .layout import seed_layout

VIS_VERSION = "vis-9.1.2"
# Above LARGE nodes the page starts from `seed_layout`. The browser's physics costs ~20 us per node
# and step, so the steps are capped by a budget of node-steps (about a second), none below MIN_STEPS.
LARGE = 300
MAX_STEPS, STEP_BUDGET, MIN_STEPS = 400, 60_000, 30
# Relations drawn but hidden until switched on in the legend (every Document gets many; they bury the rest).
HIDDEN = ("MENTIONED_IN",)

LABEL_STYLES: dict[str, dict[str, str]] = {
    "Person": {"color": "#e45756", "border": "#a83232", "shape": "dot", "zh": "人物"},
    "Meeting": {"color": "#4c78a8", "border": "#2d4f78", "shape": "diamond", "zh": "会议"},
    "Place": {"color": "#54a24b", "border": "#33702c", "shape": "triangle", "zh": "地点"},
    "Body": {"color": "#f58518", "border": "#b25e0c", "shape": "hexagon", "zh": "机构"},
    "Policy": {"color": "#b279a2", "border": "#7d4f72", "shape": "star", "zh": "政策"},
    "Document": {"color": "#9d755d", "border": "#6b4e3c", "shape": "square", "zh": "报道"},
}
# The three ways of being at a meeting differ in colour, arrow head, dash and curve (so the parallel
# edges a chair has - CHAIRED, SPOKE_AT, ATTENDED - never draw on top of each other).
RELATION_STYLES: dict[str, dict[str, Any]] = {
    "CHAIRED": {"color": "#c0392b", "width": 3, "arrow": "arrow", "dashes": False, "smooth": "curvedCW", "zh": "主持"},
    "SPOKE_AT": {"color": "#2e86de", "width": 2, "arrow": "circle", "dashes": [8, 4], "smooth": "curvedCCW", "zh": "讲话"},
    "ATTENDED": {"color": "#8a949c", "width": 1, "arrow": "vee", "dashes": False, "smooth": None, "zh": "出席"},
    "DIRECTED": {"color": "#8e44ad", "width": 2, "arrow": "diamond", "dashes": [2, 3], "smooth": None, "zh": "部署"},
    "HOLDS_POSITION": {"color": "#e67e22", "width": 1.5, "arrow": "bar", "dashes": False, "smooth": None, "zh": "任职"},
    "CONVENED": {"color": "#d35400", "width": 1.5, "arrow": "arrow", "dashes": [6, 3], "smooth": None, "zh": "召开"},
    "HELD_IN": {"color": "#27ae60", "width": 1.5, "arrow": "arrow", "dashes": False, "smooth": None, "zh": "举行于"},
    "LOCATED_IN": {"color": "#7fb77e", "width": 1, "arrow": "vee", "dashes": [3, 3], "smooth": None, "zh": "位于"},
    "REPORTED_IN": {"color": "#8d6e63", "width": 1.5, "arrow": "box", "dashes": False, "smooth": None, "zh": "报道于"},
    "AUTHORED": {"color": "#a1887f", "width": 1, "arrow": "vee", "dashes": [4, 2], "smooth": None, "zh": "撰写"},
    "MENTIONED_IN": {"color": "#c8b8a8", "width": 0.5, "arrow": "arrow", "dashes": [1, 3], "smooth": None, "zh": "提及"},
}
_PROVENANCE = {"type", "doc", "doc_id", "evidence", "start", "end"}


def _static(name: str) -> str:
    return (resources.files("huiyi.loaders") / "static" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS, read from the pyvis package (a declared dependency)."""
    try:  # found, not imported: importing pyvis imports IPython and jinja2 (a tenth of a second)
        spec = importlib.util.find_spec("pyvis")
        if spec is None or not spec.submodule_search_locations:
            raise ModuleNotFoundError("no package pyvis")
        lib = Path(list(spec.submodule_search_locations)[0]) / "lib" / VIS_VERSION
        js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
        css = (lib / "vis-network.css").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise ConfigError(f"pyvis/lib/{VIS_VERSION}/vis-network.min.js not found ({exc}); "
                          "reinstall with `pip install -e .` (pyvis>=0.3.2 ships it)") from exc
    # Inlined text must not close its own element early.
    return re.sub(r"</(script)", r"<\\/\1", js, flags=re.I), re.sub(r"</(style)", r"<\\/\1", css, flags=re.I)


# What must not appear literally in a <script> element's text, as JSON escapes (UTF-8: no byte of
# a character beyond ASCII is one of these, so they are replaced in the encoded bytes)
_UNSAFE_IN_SCRIPT = tuple((ch.encode("utf-8"), esc.encode("ascii")) for ch, esc in (
    ("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")))


def script_json(obj: Any) -> str:
    """JSON safe inside a <script> element: no `<`, `>`, `&` or line separators appear literally.
    Encoded by orjson (a big page's data in a fraction of the time), as the standard encoder would
    (compact, text as it is) but for floats under 1e-4, spelled out (0.00001, not 1e-05; the
    page's own are positions to a tenth); what orjson refuses (e.g. keys that are not text) by the
    standard encoder."""
    try:
        data = orjson.dumps(obj)
    except orjson.JSONEncodeError:
        data = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    for ch, esc in _UNSAFE_IN_SCRIPT:
        data = data.replace(ch, esc)
    return data.decode("utf-8", "surrogatepass")


def page_data(G: nx.MultiDiGraph, *, title: str | None = None, documents: Mapping[str, Mapping] | None = None,
              hidden: tuple[str, ...] = HIDDEN, layout: str = "auto") -> dict[str, Any]:
    """What the page draws: nodes (with degree and properties), edges (with evidence), styles, docs.

    `documents` maps doc_id -> {name, title} for tooltips when the Document nodes are not in G
    (a focused view); `layout` is "auto" (seed positions for big graphs), "seed" or "physics"."""
    if layout not in ("auto", "seed", "physics"):
        raise ConfigError(f"layout {layout!r} unknown; choose auto, seed or physics")
    degree = {n: 0 for n in G}
    for u, v, d in G.edges(data=True):
        if d.get("type") not in hidden:
            degree[u] += 1
            degree[v] += 1
    use_seed = layout == "seed" or (layout == "auto" and G.number_of_nodes() > LARGE)
    pos = seed_layout(G, skip=hidden) if use_seed else {}
    nodes = []
    for n, d in G.nodes(data=True):
        node = {"id": n, "label": d.get("label", "Node"), "name": str(d.get("name", n)), "degree": degree[n],
                "props": {k: v for k, v in d.items() if k not in ("label", "name") and v is not None}}
        if n in pos:
            node["x"], node["y"] = pos[n]
        nodes.append(node)
    keys = [str(k) for _, _, k in G.edges(keys=True)]
    unique = len(set(keys)) == len(keys)  # relation ids are; networkx's own keys (0, 1, ...) are not
    edges = [{"id": str(k) if unique else f"{u}|{v}|{k}", "from": u, "to": v, "type": d.get("type", "RELATED"),
              "evidence": d.get("evidence"), "doc": d.get("doc"), "doc_id": d.get("doc_id"),
              "props": {p: x for p, x in d.items() if p not in _PROVENANCE and x is not None}}
             for u, v, k, d in G.edges(keys=True, data=True)]
    docs = {k: {"name": v.get("name"), "title": v.get("title")} for k, v in (documents or {}).items()}
    docs.update({n: {"name": d.get("name"), "title": d.get("title")}
                 for n, d in G.nodes(data=True) if d.get("label") == "Document"})
    labels = dict(LABEL_STYLES)
    for node in nodes:  # a label outside the contract still gets a colour and a legend row
        labels.setdefault(node["label"], {"color": "#999999", "border": "#666666", "shape": "dot", "zh": ""})
    relations = dict(RELATION_STYLES)
    for edge in edges:
        relations.setdefault(edge["type"], {"color": "#999999", "width": 1, "arrow": "arrow", "dashes": False,
                                            "smooth": None, "zh": ""})
    return {
        "title": title or default_title(G),
        "nodes": nodes, "edges": edges, "documents": docs,
        "styles": {"labels": labels, "relations": relations},
        "hidden": list(hidden),
        "focus": [n for n in G.graph.get("focus", []) if n in G],
        "layout": {"large": LARGE, "iterations": physics_steps(G.number_of_nodes(), seeded=use_seed)},
    }


def physics_steps(n_nodes: int, *, seeded: bool) -> int:
    """How many physics steps the browser runs before freezing the drawing."""
    steps = min(MAX_STEPS, STEP_BUDGET // max(n_nodes, 1))
    return 0 if seeded and steps < MIN_STEPS else steps


def default_title(G: nx.MultiDiGraph) -> str:
    return f"Huiyi 会议图谱 — {G.number_of_nodes()} nodes, {G.number_of_edges()} edges"


def render_html(G: nx.MultiDiGraph, *, title: str | None = None, **options: Any) -> str:
    """The page as a string (see `page_data` for the options)."""
    data = page_data(G, title=title, **options)
    vis_js, vis_css = vis_assets()
    parts = {"TITLE": html.escape(data["title"]), "VIS_CSS": vis_css, "VIEW_CSS": _static("view.css"),
             "VIS_JS": vis_js, "VIEW_JS": _static("view.js"), "DATA": script_json(data)}
    # One pass, so nothing inserted is ever scanned for placeholders again.
    return re.sub(r"\{\{([A-Z_]+)\}\}", lambda m: parts[m.group(1)], _static("view.html"))


OVERVIEW_NODES = 5000
OVERVIEW_EDGES = 20_000  # more than a browser lays out and a reader can follow


def overview(G: GraphSource | nx.MultiDiGraph, *, max_nodes: int = OVERVIEW_NODES, max_edges: int = OVERVIEW_EDGES
             ) -> nx.MultiDiGraph:
    """The best-linked part of a graph too large to read whole: the `max_nodes` nodes with the most
    links other than MENTIONED_IN (meetings and their people first), and at most `max_edges` of the
    edges among them (links other than MENTIONED_IN first, each kind in G's order). G may be any
    source.GraphSource; what comes back is a networkx graph."""
    G = as_source(G)
    if G.number_of_nodes() <= max_nodes and G.number_of_edges() <= max_edges:
        return G.to_networkx()
    links_first = _links_then_mentions(G)  # None: the graph reads all its records at once
    keep: set | dict = G.nodes
    if G.number_of_nodes() > max_nodes:
        keep = _best_linked(G, max_nodes, links_first)
    links: list[tuple] = []
    mentions: list[tuple] = []
    # links, then mentions: read only as far as the page fills
    records = (r for pairs in links_first for r in G.edge_records(pairs)) \
        if links_first is not None else G.edge_records()
    for r in records:
        if r.source in keep and r.target in keep:
            chosen = mentions if r.type == "MENTIONED_IN" else links
            if len(chosen) < max_edges:
                chosen.append(r)
            elif chosen is links:  # as many links as are shown: no mention would be
                break
    H = nx.MultiDiGraph(**G.graph)
    H.add_nodes_from((n, d) for n, d in G.nodes(data=True) if n in keep)
    H.add_edges_from((r.source, r.target, r.id, edge_attributes(r)) for r in links + mentions[:max_edges - len(links)])
    return H


def _best_linked(G: GraphSource, max_nodes: int, links_first: tuple[list, list] | None) -> set:
    """The `max_nodes` nodes with the most links other than MENTIONED_IN (ties by id)."""
    degree: dict[str, int] = {}
    # only the links' records are read when the graph reads them by pair (half of a corpus's edges)
    records = G.edge_records(links_first[0]) if links_first is not None else G.edge_records()
    for r in records:
        if r.type != "MENTIONED_IN":
            degree[r.source] = degree.get(r.source, 0) + 1
            degree[r.target] = degree.get(r.target, 0) + 1
    return set(sorted(G.nodes, key=lambda n: (-degree.get(n, 0), n))[:max_nodes])


def _links_then_mentions(G: GraphSource) -> tuple[list, list] | None:
    """(the (type, from, to) pairs of links other than MENTIONED_IN, those of MENTIONED_IN) when G
    kept its records by pair (build.EdgeListGraph over a graph.spill sink), else None."""
    counts = G.pair_counts()
    if counts is None:
        return None
    return [p for p in counts if p[0] != "MENTIONED_IN"], [p for p in counts if p[0] == "MENTIONED_IN"]


def page_graph(G: nx.MultiDiGraph, *, title: str | None = None, max_nodes: int = OVERVIEW_NODES,
               max_edges: int = OVERVIEW_EDGES) -> tuple[nx.MultiDiGraph, str | None]:
    """What the page of G draws (G, or its overview when over `max_nodes` nodes or `max_edges`
    edges) and its title."""
    shown = overview(G, max_nodes=max_nodes, max_edges=max_edges)
    cut = []
    if shown.number_of_nodes() < G.number_of_nodes():
        cut.append(f"{shown.number_of_nodes()} of {G.number_of_nodes()} nodes")
    if shown.number_of_edges() < G.number_of_edges():
        cut.append(f"{shown.number_of_edges()} of {G.number_of_edges()} edges")
    if cut:
        title = (title or "Huiyi") + f" (overview: {', '.join(cut)})"
    return shown, title


def write_html(G: nx.MultiDiGraph, path: str | Path, *, title: str | None = None,
               max_nodes: int = OVERVIEW_NODES, max_edges: int = OVERVIEW_EDGES, **options: Any) -> Path:
    """Write the self-contained page of G to `path` (e.g. out/graph.html) and return the path.
    A graph over `max_nodes` nodes or `max_edges` edges is drawn as its overview (see `overview`);
    the title says so."""
    shown, title = page_graph(G, title=title, max_nodes=max_nodes, max_edges=max_edges)
    return atomic.write_text(path, render_html(shown, title=title, **options))


def _slug(text: str) -> str:
    slug = re.sub(r"[\\/:*?\"<>|\s]+", "_", text).strip("_")
    if len(slug) > 60:  # long parameters: a hash keeps pages of different values apart
        slug = slug[:48] + "-" + hashlib.sha1(slug.encode("utf-8")).hexdigest()[:8]
    return slug or "view"


def write_view(graph_dir: str | Path = "out", *, person: str | None = None, meeting: str | None = None,
               query: str | None = None, params: Mapping[str, Any] | Iterable[str] | None = None,
               path: str | Path | None = None) -> Path:
    """A focused page from the graph built in `graph_dir` (or a graph.json path): one person, one
    meeting or a named query's result. Writes `<graph dir>/view-<kind>-<name>.html` unless `path` is
    given; returns the path."""
    from huiyi.loaders import subgraph
    from huiyi.loaders.json_export import read_json

    chosen = [(k, v) for k, v in (("person", person), ("meeting", meeting), ("query", query)) if v]
    if len(chosen) != 1:
        raise ConfigError("say what to view with exactly one of --person NAME, --meeting TEXT or --query NAME")
    kind, value = chosen[0]
    graph_dir = Path(graph_dir)
    source = graph_dir if graph_dir.suffix == ".json" else graph_dir / "graph.json"
    atomic.writable_folder(Path(path).parent if path else source.parent)  # before the work
    if not source.exists():
        raise InputError(f"{source}: no graph here; run `huiyi build REPORTS --out {source.parent}` first")
    G = read_json(source)
    if kind == "person":
        H = subgraph.person_view(G, value)
        title = f"{H.nodes[H.graph['focus'][0]]['name']} — 会议与同会者 meetings and co-attendees"
    elif kind == "meeting":
        H = subgraph.meeting_view(G, value)
        names = [str(H.nodes[m].get("name", m)) for m in H.graph["focus"]]
        title = f"{'；'.join(names[:3])}{' …' if len(names) > 3 else ''} — 会议 meeting"
    else:
        try:
            from huiyi.queries import registry
            from huiyi.queries.cypher import parse_params
        except ImportError as exc:
            raise ConfigError(f"named queries are not available in this install ({exc}); "
                              "use --person NAME or --meeting TEXT") from exc
        values = dict(params) if isinstance(params, Mapping) else parse_params(list(params or []), json_values=False)
        rows = registry.run(value, values, out=source.parent)
        H = subgraph.query_view(G, rows)
        if not H:
            raise ConfigError(f"query {value!r} returned {len(rows)} rows naming no node of {source}; nothing to draw")
        title = f"{value} — 查询 query ({len(rows)} rows)"
    documents = {n: d for n, d in G.nodes(data=True) if d.get("label") == "Document"}
    name = value if kind != "query" else "-".join([value, *(f"{k}={v}" for k, v in sorted(values.items()))])
    target = Path(path) if path else source.parent / f"view-{kind}-{_slug(name)}.html"  # one page per question
    return write_html(H, target, title=title, documents=documents)
