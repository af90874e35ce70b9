"""Graphs for the view tests: a small hand-made one and a big generated one."""
from __future__ import annotations

import random

import networkx as nx

PEOPLE = ["宗国英", "阮成发", "张国华", "李玛琳", '杨"杰</script><b>']


def hand_graph() -> nx.MultiDiGraph:
    """Three meetings in two reports: m1 (chaired by 宗国英, 阮成发 speaking, five attending), m2 (宗国英
    alone) and m3 (陈豪 alone, in another report); a body, two policies, and a name with quotes and a
    script tag. Evidence sentences carry quotes and `</script>` too."""
    G = nx.MultiDiGraph()
    G.add_node("Document:d1", label="Document", name="a.txt", title="省政府召开常务会议", date="2020-02-21")
    G.add_node("Document:d2", label="Document", name="b.txt", title="省委常委会召开会议")
    G.add_node("Meeting:m1", label="Meeting", name="全省疫情防控工作会议", date="2020-02-20", place="昆明")
    G.add_node("Meeting:m2", label="Meeting", name="省政府常务会议", date="2020-04-02")
    G.add_node("Meeting:m3", label="Meeting", name="省委常委会会议", date="--05-06")
    G.add_node("Place:昆明", label="Place", name="昆明", kind="city")
    G.add_node("Body:云南省政府", label="Body", name="云南省政府", kind="government")
    G.add_node("Policy:六稳", label="Policy", name="六稳")
    G.add_node("Policy:五个管住", label="Policy", name="五个管住")
    for p in PEOPLE + ["陈豪"]:
        G.add_node(f"Person:{p}", label="Person", name=p, role="official")
    G.nodes["Person:宗国英"].update(titles=["常务副省长"], aliases=["宗國英"])

    def rel(t, u, v, i, doc="d1", **kw):
        G.add_edge(u, v, key=f"{t}:{i}", type=t, doc=G.nodes[f"Document:{doc}"]["name"], doc_id=f"Document:{doc}",
                   evidence=f"{G.nodes[u]['name']}在会上“讲话”</script>{i}", start=i, end=i + 5, **kw)
    rel("CHAIRED", "Person:宗国英", "Meeting:m1", 1)
    rel("CHAIRED", "Person:宗国英", "Meeting:m2", 2)
    rel("SPOKE_AT", "Person:阮成发", "Meeting:m1", 3, how="讲话")
    for i, p in enumerate(PEOPLE):
        rel("ATTENDED", f"Person:{p}", "Meeting:m1", 10 + i)
    rel("ATTENDED", "Person:宗国英", "Meeting:m2", 20)
    rel("HELD_IN", "Meeting:m1", "Place:昆明", 30)
    rel("REPORTED_IN", "Meeting:m1", "Document:d1", 31)
    rel("REPORTED_IN", "Meeting:m2", "Document:d1", 32)
    rel("CONVENED", "Body:云南省政府", "Meeting:m2", 33)
    rel("HOLDS_POSITION", "Person:宗国英", "Body:云南省政府", 34, title="常务副省长", date="2020-02-20")
    rel("DIRECTED", "Person:阮成发", "Policy:六稳", 35)
    for i, p in enumerate(PEOPLE):
        rel("MENTIONED_IN", f"Person:{p}", "Document:d1", 40 + i, count=1)
    rel("CHAIRED", "Person:陈豪", "Meeting:m3", 50, doc="d2")
    rel("ATTENDED", "Person:陈豪", "Meeting:m3", 51, doc="d2")
    rel("REPORTED_IN", "Meeting:m3", "Document:d2", 52, doc="d2")
    rel("DIRECTED", "Person:陈豪", "Policy:五个管住", 53, doc="d2")
    rel("DIRECTED", "Person:阮成发", "Policy:五个管住", 54, doc="d2")
    rel("MENTIONED_IN", "Person:陈豪", "Document:d2", 55, doc="d2", count=2)
    return G


def synthetic_graph(n_nodes: int = 5000, seed: int = 7, provinces: int = 20) -> nx.MultiDiGraph:
    """A graph shaped like many reports' worth: meetings with chairs, speakers and attendees (mostly
    from the meeting's own province), places, bodies, policies and documents, every participant
    MENTIONED_IN the report, and some people at no meeting at all."""
    rng = random.Random(seed)
    provinces = max(1, min(provinces, n_nodes // 250))  # every province gets a place, a body, a policy
    G = nx.MultiDiGraph()
    sizes = {"Meeting": n_nodes * 8 // 100, "Place": n_nodes * 4 // 100, "Body": n_nodes * 8 // 100,
             "Policy": n_nodes * 5 // 100, "Document": n_nodes * 10 // 100}
    sizes["Person"] = n_nodes - sum(sizes.values())
    surnames, given = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗", "国华明军建平志伟海东晓玲丽红春成发英杰强"
    ids: dict[str, list[list[str]]] = {}
    for label, count in sizes.items():
        ids[label] = [[] for _ in range(provinces)]
        for i in range(count):
            if label == "Person":
                name = rng.choice(surnames) + rng.choice(given) + rng.choice(given) + str(i)
            else:
                name = f"{label}{i}号" if label != "Meeting" else f"第{i}次全省工作会议"
            node = f"{label}:{name}"
            attrs = {"label": label, "name": name}
            if label in ("Meeting", "Document"):
                attrs["date"] = f"20{rng.randint(18, 23)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            G.add_node(node, **attrs)
            ids[label][i % provinces].append(node)
    k = 0

    def rel(t, u, v, doc, **kw):
        nonlocal k
        k += 1
        G.add_edge(u, v, key=f"{t}:{k}", type=t, doc=G.nodes[doc]["name"] + ".txt", doc_id=doc,
                   evidence=f"{G.nodes[u]['name']}出席{G.nodes[v]['name']}并讲话。", start=k, end=k + 10, **kw)
    for p, meetings in enumerate(ids["Meeting"]):
        local = ids["Person"][p][: len(ids["Person"][p]) * 4 // 5]
        for m in meetings:
            doc = rng.choice(ids["Document"][p])
            present = rng.sample(local, min(len(local), rng.randint(6, 14)))
            present += [rng.choice(ids["Person"][rng.randrange(provinces)]) for _ in range(rng.randint(0, 2))]
            rel("CHAIRED", present[0], m, doc)
            for x in present[1:3]:
                rel("SPOKE_AT", x, m, doc, how="讲话")
            for x in dict.fromkeys(present):
                rel("ATTENDED", x, m, doc)
                rel("MENTIONED_IN", x, doc, doc, count=1)
            rel("HELD_IN", m, rng.choice(ids["Place"][p]), doc)
            rel("REPORTED_IN", m, doc, doc)
            rel("CONVENED", rng.choice(ids["Body"][p]), m, doc)
            rel("DIRECTED", present[0], rng.choice(ids["Policy"][p]), doc)
        for x in ids["Person"][p]:
            if rng.random() < 0.4:
                rel("HOLDS_POSITION", x, rng.choice(ids["Body"][p]), rng.choice(ids["Document"][p]), title="副省长")
    return G
