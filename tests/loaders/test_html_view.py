"""The page builder: a self-contained page whose JSON data block is the graph, escaped and styled."""
from __future__ import annotations

import json
import re
import sys
import types
from collections import Counter

import pytest
from typer.testing import CliRunner
from view_graphs import hand_graph, synthetic_graph

from huiyi.graph.cli import app
from huiyi.graph.models import ConfigError, InputError
from huiyi.loaders.html_view import (
    HIDDEN,
    LABEL_STYLES,
    LARGE,
    RELATION_STYLES,
    page_data,
    render_html,
    script_json,
    write_html,
    write_view,
)
from huiyi.loaders.json_export import write_json

DATA_BLOCK = re.compile(r'<script type="application/json" id="huiyi-data">(.*?)</script>', re.S)


def data_of(page: str) -> dict:
    blocks = DATA_BLOCK.findall(page)
    assert len(blocks) == 1
    return json.loads(blocks[0])


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(hand_graph())


def test_page_is_self_contained(page):
    assert not re.search(r"<(script|link|img|iframe)[^>]*\s(src|href)=", page, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", page, re.I)
    assert not re.search(r"bootstrap|cdnjs|cdn\.|jsdelivr|unpkg|googleapis|fonts\.g", page, re.I)
    assert "@version 9.1.2" in page and "new vis.Network(" in page  # vis-network is inlined, and used
    assert '"Noto Sans CJK SC"' in page and '"Microsoft YaHei"' in page


def test_data_block_holds_every_node_and_edge_unharmed(page):
    G = hand_graph()
    data = data_of(page)
    assert {n["id"] for n in data["nodes"]} == set(G)
    assert {e["id"] for e in data["edges"]} == {k for _, _, k in G.edges(keys=True)}
    edge = next(e for e in data["edges"] if e["id"] == "SPOKE_AT:3")
    assert edge["evidence"] == G.edges["Person:阮成发", "Meeting:m1", "SPOKE_AT:3"]["evidence"]
    assert (edge["from"], edge["to"], edge["doc"], edge["props"]) == ("Person:阮成发", "Meeting:m1", "a.txt", {"how": "讲话"})
    zong = next(n for n in data["nodes"] if n["id"] == "Person:宗国英")
    assert zong["props"] == {"role": "official", "titles": ["常务副省长"], "aliases": ["宗國英"]}
    # degree leaves out the hidden MENTIONED_IN edges: CHAIRED x2, ATTENDED x2, HOLDS_POSITION
    assert zong["degree"] == 5
    assert data["documents"]["Document:d1"] == {"name": "a.txt", "title": "省政府召开常务会议"}


def test_names_and_evidence_cannot_break_out_of_the_page(page):
    # A name and evidence sentences holding `</script>`, quotes and markup appear only escaped.
    assert page.count("</script>") == 3  # the data block, vis-network and the view script
    assert "<b>" not in page.split("<body>")[1].split("<script")[0]
    assert '杨\\"杰\\u003c/script\\u003e\\u003cb\\u003e' in page
    text = script_json({"a": "</script><!-- & \u2028 \u2029"})
    assert not re.search(r"[<>&\u2028\u2029]", text)
    assert json.loads(text) == {"a": "</script><!-- & \u2028 \u2029"}
    titled = render_html(hand_graph(), title='</title><script>alert("x")</script>')
    assert '<title>&lt;/title&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</title>' in titled



def test_script_json_is_the_standard_encoding_escaped():
    """orjson's bytes are the standard compact encoding's, text as it is; what orjson refuses
    (keys that are not text) goes to the standard encoder."""
    data = {"nodes": [{"id": "Person:张三", "x": 12.5, "y": -0.0, "degree": 3, "props": {"titles": ["省长"]}}],
            "edges": [{"evidence": "第一\t二\x01\x7f</b>&\u2028", "dashes": [8, 4], "smooth": None, "on": True}]}
    standard = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028")):
        standard = standard.replace(ch, esc)
    assert script_json(data) == standard
    assert script_json({1: "a<"}) == '{"1":"a\\u003c"}'


def test_styles_tell_labels_and_presence_apart():
    assert len({s["color"] for s in LABEL_STYLES.values()}) == len({s["shape"] for s in LABEL_STYLES.values()}) == 6
    presence = [RELATION_STYLES[t] for t in ("CHAIRED", "ATTENDED", "SPOKE_AT", "DIRECTED")]
    assert len({s["color"] for s in presence}) == len({s["arrow"] for s in presence}) == 4
    # A chair's CHAIRED, SPOKE_AT and ATTENDED edges to one meeting take different curves.
    assert len({RELATION_STYLES[t]["smooth"] for t in ("CHAIRED", "ATTENDED", "SPOKE_AT")}) == 3
    from huiyi.graph.models import Label, RelType
    assert set(LABEL_STYLES) == {x.value for x in Label} and set(RELATION_STYLES) == {x.value for x in RelType}


def test_mentions_hidden_by_default_but_kept(page):
    data = data_of(page)
    assert data["hidden"] == list(HIDDEN) == ["MENTIONED_IN"]
    assert sum(e["type"] == "MENTIONED_IN" for e in data["edges"]) == 6


def test_edges_without_relation_ids_get_unique_ids():
    import networkx as nx
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", type="ATTENDED")
    G.add_edge("a", "b", type="CHAIRED")
    G.add_edge("c", "b", type="ATTENDED")  # networkx keys: 0, 1, 0
    ids = [e["id"] for e in page_data(G)["edges"]]
    assert len(set(ids)) == 3


def test_unknown_label_and_relation_still_styled():
    G = hand_graph()
    G.add_node("Event:x", label="Event", name="x")
    G.add_edge("Event:x", "Meeting:m1", key="r", type="PRECEDED")
    data = page_data(G)
    assert "Event" in data["styles"]["labels"] and "PRECEDED" in data["styles"]["relations"]


def test_small_graphs_use_browser_physics_big_ones_come_laid_out():
    small = page_data(hand_graph())
    assert small["layout"]["iterations"] > 100 and not any("x" in n for n in small["nodes"])
    big = page_data(synthetic_graph(LARGE + 200))
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in big["nodes"])
    assert big["layout"]["iterations"] < small["layout"]["iterations"]
    assert page_data(synthetic_graph(5000))["layout"]["iterations"] == 0  # no physics for the biggest
    with pytest.raises(ConfigError):
        page_data(hand_graph(), layout="circle")


def test_write_html_makes_folders(tmp_path):
    path = write_html(hand_graph(), tmp_path / "a" / "b" / "graph.html", title="测试")
    assert path.exists() and "<title>测试</title>" in path.read_text(encoding="utf-8")


@pytest.fixture
def built(tmp_path):
    write_json(hand_graph(), tmp_path / "graph.json")
    return tmp_path


def test_write_view_person_and_meeting(built):
    path = write_view(built, person="宗国英")
    assert path == built / "view-person-宗国英.html"
    data = data_of(path.read_text(encoding="utf-8"))
    assert data["focus"] == ["Person:宗国英"] and "宗国英" in data["title"]
    assert {n["id"] for n in data["nodes"]} >= {"Meeting:m1", "Meeting:m2"}
    # The report's title reaches the tooltips though the Document node is not in the view.
    assert data["documents"]["Document:d1"]["title"] == "省政府召开常务会议"
    path = write_view(built / "graph.json", meeting="省政府常务", path=built / "m.html")
    assert data_of(path.read_text(encoding="utf-8"))["focus"] == ["Meeting:m2"]


def test_write_view_errors(built, tmp_path):
    """Wrong calls raise the project's errors, each saying what to do."""
    with pytest.raises(ConfigError):
        write_view(built)
    with pytest.raises(ConfigError):
        write_view(built, person="宗国英", meeting="x")
    with pytest.raises(InputError) as err:
        write_view(tmp_path / "nowhere", person="宗国英")
    assert "huiyi build" in str(err.value)
    with pytest.raises(ConfigError) as err:
        write_view(built, query="q", params=["no-equals-sign"])
    assert "key=value" in str(err.value)


def test_write_view_query_uses_the_registry(built, monkeypatch):
    calls = []

    def run(name, params, **kw):
        calls.append((name, params, kw))
        return [{"person_id": "Person:陈豪", "meeting_id": "Meeting:m3", "meeting": "省委常委会会议", "place": "昆明"}]
    registry = types.ModuleType("huiyi.queries.registry")
    registry.run = run
    monkeypatch.setitem(sys.modules, "huiyi.queries.registry", registry)
    from huiyi import queries
    monkeypatch.setattr(queries, "registry", registry, raising=False)
    path = write_view(built, query="who_chaired", params=["name=陈豪"])
    assert calls == [("who_chaired", {"name": "陈豪"}, {"out": built})]
    data = data_of(path.read_text(encoding="utf-8"))
    assert {n["id"] for n in data["nodes"]} == {"Person:陈豪", "Meeting:m3"}
    registry.run = lambda name, params, **kw: [{"n": 3}]
    with pytest.raises(ConfigError) as err:
        write_view(built, query="count")
    assert "nothing to draw" in str(err.value)


def test_cli_view(built):
    runner = CliRunner()
    result = runner.invoke(app, ["view", "--person", "宗国英", "--out", str(built)])
    assert result.exit_code == 0, result.output
    assert (built / "view-person-宗国英.html").exists()
    result = runner.invoke(app, ["view", "--person", "宗国", "--out", str(built)])
    assert result.exit_code == 2
    assert "宗国英" in result.output and "Traceback" not in result.output
    assert "Example: huiyi view" in runner.invoke(app, ["view", "--help"]).output


def test_a_graph_too_large_to_read_opens_on_its_overview(tmp_path):
    import networkx as nx

    from huiyi.loaders.html_view import overview, write_html
    G = nx.MultiDiGraph()
    for m in range(20):
        G.add_node(f"Meeting:{m}", label="Meeting", name=f"会议{m}")
        for p in range(m + 1):
            G.add_node(f"Person:{m}-{p}", label="Person", name=f"人{m}-{p}")
            G.add_edge(f"Person:{m}-{p}", f"Meeting:{m}", type="ATTENDED")
    small = overview(G, max_nodes=40)
    assert small.number_of_nodes() == 40
    assert {"Meeting:19", "Meeting:18"} <= set(small.nodes)  # the best-linked meetings stay
    page = write_html(G, tmp_path / "g.html", max_nodes=40).read_text(encoding="utf-8")
    assert f"overview: 40 of {G.number_of_nodes()} nodes" in page
    assert overview(G, max_nodes=10_000) is G
    for m in range(20):  # a graph of few nodes and many edges: at most max_edges, links before mentions
        G.add_node(f"Document:{m}", label="Document", name=f"{m}.txt")
        G.add_edge(f"Meeting:{m}", f"Document:{m}", type="MENTIONED_IN")
    thin = overview(G, max_nodes=10_000, max_edges=200)
    assert thin.number_of_nodes() == G.number_of_nodes() and thin.number_of_edges() == 200
    assert all(d["type"] == "ATTENDED" for _, _, d in thin.edges(data=True))
    assert overview(G, max_nodes=10_000, max_edges=220).number_of_edges() == 220  # 210 links, 10 mentions
    page = write_html(G, tmp_path / "h.html", max_edges=200).read_text(encoding="utf-8")
    assert f"overview: 200 of {G.number_of_edges()} edges" in page


def test_a_compact_graphs_overview_keeps_the_same_nodes_and_the_same_kinds_of_edges(seed_compact):
    from huiyi.loaders.html_view import overview
    G = seed_compact.to_networkx()  # the same graph held by networkx (edges in another order)
    links = sum(n for kind, n in seed_compact.edge_type_counts().items() if kind != "MENTIONED_IN")
    for cap in (dict(max_nodes=40), dict(max_nodes=10_000, max_edges=30), dict(max_nodes=60, max_edges=25),
                dict(max_nodes=10_000, max_edges=links + 7)):
        a, b = overview(seed_compact, **cap), overview(G, **cap)
        assert list(a.nodes(data=True)) == list(b.nodes(data=True)), cap  # chosen by degree, not order
        kinds = [Counter("link" if d["type"] != "MENTIONED_IN" else "mention" for *_, d in H.edges(keys=True, data=True))
                 for H in (a, b)]
        assert kinds[0] == kinds[1], cap  # as many links, then as many mentions, as the cap lets in
        assert all(G.has_edge(u, v, k) and d == G.edges[u, v, k] for u, v, k, d in a.edges(keys=True, data=True))
    whole = overview(seed_compact, max_nodes=10_000, max_edges=links)  # the links fill the cap: no mention
    assert whole.number_of_edges() == links and all(d["type"] != "MENTIONED_IN" for *_, d in whole.edges(data=True))


def test_a_compact_graphs_overview_reads_the_mentions_only_when_the_links_leave_room(seed_compact, monkeypatch):
    from huiyi.loaders.html_view import overview
    spill = seed_compact._edges
    asked: list = []
    real = spill.chunks

    def chunks(groups=None):
        asked.append(None if groups is None else sorted(groups))
        return real(groups)
    monkeypatch.setattr(spill, "chunks", chunks)
    links = sum(n for kind, n in seed_compact.edge_type_counts().items() if kind != "MENTIONED_IN")
    shown = overview(seed_compact, max_nodes=40, max_edges=5)  # five links among the 40 fill it
    assert shown.number_of_edges() == 5 and asked and None not in asked  # never the whole spill
    assert all(kind != "MENTIONED_IN" for groups in asked for kind, _, _ in groups)
    asked.clear()
    overview(seed_compact, max_nodes=10_000, max_edges=links + 7)  # room for 7 mentions: they are read
    assert any(kind == "MENTIONED_IN" for groups in asked for kind, _, _ in groups)


def test_the_page_finds_vis_network_in_pyvis_without_importing_it(monkeypatch):
    import importlib.util

    from huiyi.graph.models import ConfigError
    from huiyi.loaders import html_view
    html_view.vis_assets.cache_clear()
    js, css = html_view.vis_assets()
    assert "vis-network" in js[:2000].lower() and ".vis-network" in css
    assert "</script" not in js.lower()  # inlined text cannot close its element early
    html_view.vis_assets.cache_clear()
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ConfigError, match="vis-network.min.js not found.*pip install -e"):
        html_view.vis_assets()
    html_view.vis_assets.cache_clear()
