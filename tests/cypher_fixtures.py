"""Graphs for the Cypher tests: a tiny hand-built one, and one built from the gold annotations.

Both follow the graph contract (graph/models.py) the way the pipeline's graph does.
"""
from __future__ import annotations

import networkx as nx

EVIDENCE = '会议强调，要"外防输入、内防反弹"，\n做好“六稳”工作, and more'


def _edge(G, kind, source, target, doc="a.txt", evidence="证据。", start=0, end=3, **props):
    G.add_edge(source, target, key=f"{kind}:{source}:{target}:{doc}:{start}", type=kind, doc=doc,
               doc_id=f"Document:{doc}", evidence=evidence, start=start, end=end, **props)


def tiny_graph() -> nx.MultiDiGraph:
    """Two documents, three meetings, four people; every label and most relation types."""
    G = nx.MultiDiGraph()
    G.add_node("Document:a.txt", label="Document", name="a.txt", date="2020-02-21", jurisdiction="云南",
               url="http://example.org/a", sha256="aa")
    G.add_node("Document:b.txt", label="Document", name="b.txt", jurisdiction="云南")
    G.add_node("Person:甲", label="Person", name="甲", role="official", titles=["省长", "组长, 副组长"],
               aliases=["老甲"])
    G.add_node("Person:乙", label="Person", name="乙", role="official", titles=["副省长"])
    G.add_node("Person:丙", label="Person", name="丙", role="official")
    G.add_node("Person:丁", label="Person", name="丁", role="journalist")
    G.add_node("Meeting:m1", label="Meeting", name="全省疫情防控工作电视电话会议", date="2020-02-20",
               jurisdiction="云南", place="昆明", reported=True)
    G.add_node("Meeting:m2", label="Meeting", name="领导小组第11次会议", date="--04-02", jurisdiction="云南")
    G.add_node("Meeting:m3", label="Meeting", name="视频调度会", date="2020-02-27", jurisdiction="陕西")
    G.add_node("Place:昆明", label="Place", name="昆明", kind="city", province="云南")
    G.add_node("Body:云南省政府", label="Body", name="云南省政府", kind="government", jurisdiction="云南")
    G.add_node("Body:领导小组", label="Body", name="云南省应对疫情工作领导小组", kind="leading group")
    G.add_node("Policy:六稳", label="Policy", name="六稳")
    G.add_node("Policy:复工复产", label="Policy", name="复工复产")
    for person in ("甲", "乙", "丙"):
        _edge(G, "ATTENDED", f"Person:{person}", "Meeting:m1", evidence=EVIDENCE, start=10, end=40)
    for person in ("甲", "乙"):
        _edge(G, "ATTENDED", f"Person:{person}", "Meeting:m2", doc="b.txt", how="video")
    _edge(G, "ATTENDED", "Person:甲", "Meeting:m2", doc="a.txt", start=50, end=60)  # the same meeting, twice
    _edge(G, "ATTENDED", "Person:丙", "Meeting:m3", doc="b.txt")
    _edge(G, "CHAIRED", "Person:乙", "Meeting:m1")
    _edge(G, "CHAIRED", "Person:乙", "Meeting:m2", doc="b.txt")
    _edge(G, "SPOKE_AT", "Person:甲", "Meeting:m1", how="讲话")
    _edge(G, "DIRECTED", "Person:甲", "Policy:六稳", evidence=EVIDENCE)
    _edge(G, "DIRECTED", "Body:云南省政府", "Policy:复工复产")
    _edge(G, "HOLDS_POSITION", "Person:甲", "Body:云南省政府", title="省长", date="2020-02-21")
    _edge(G, "HOLDS_POSITION", "Person:甲", "Body:领导小组", doc="b.txt", title="组长")
    _edge(G, "HOLDS_POSITION", "Person:乙", "Body:云南省政府", title="副省长", date="--02-20")
    _edge(G, "HELD_IN", "Meeting:m1", "Place:昆明")
    _edge(G, "REPORTED_IN", "Meeting:m1", "Document:a.txt")
    _edge(G, "AUTHORED", "Person:丁", "Document:a.txt", how="记者")
    _edge(G, "MENTIONED_IN", "Person:甲", "Document:a.txt", count=3)
    _edge(G, "MENTIONED_IN", "Meeting:m1", "Document:a.txt", count=1)
    return G


def gold_graph(gold: dict[str, dict]) -> nx.MultiDiGraph:
    """The seeds' true facts (tests/gold/*.json) as a graph: what the pipeline should produce."""
    G = nx.MultiDiGraph()
    for stem, g in gold.items():
        doc = g["doc"]
        doc_id = f"Document:{doc}"
        G.add_node(doc_id, label="Document", name=doc, **({"date": g["publish_date"]} if g["publish_date"] else {}))
        meeting_ids = {}
        for m in g["meetings"]:
            mid = meeting_ids[m["key"]] = f"Meeting:{stem}:{m['key']}"
            props = {"date": m["date"], "place": m["place"],
                     "jurisdiction": g["province"] if m["reported"] else None}
            G.add_node(mid, label="Meeting", name=m["name"], **{k: v for k, v in props.items() if v})
            if m["place"]:
                G.add_node(f"Place:{m['place']}", label="Place", name=m["place"], province=g["province"])
                _edge(G, "HELD_IN", mid, f"Place:{m['place']}", doc=doc)
        for p in g["persons"]:
            G.add_node(f"Person:{p['name']}", label="Person", name=p["name"], role=p["role"])
        for kind, pairs in (("CHAIRED", g["chaired"]), ("ATTENDED", g["attended"]), ("SPOKE_AT", g["spoke"])):
            for i, (person, key) in enumerate(pairs):
                _edge(G, kind, f"Person:{person}", meeting_ids[key], doc=doc, evidence=f"{person}…", start=i)
        for i, (person, policy) in enumerate(g.get("directed", [])):
            G.add_node(f"Policy:{policy}", label="Policy", name=policy)
            _edge(G, "DIRECTED", f"Person:{person}", f"Policy:{policy}", doc=doc, start=i)
        for body in g["bodies"]:
            G.add_node(f"Body:{body}", label="Body", name=body)
        for p in g["persons"]:
            _edge(G, "MENTIONED_IN", f"Person:{p['name']}", doc_id, doc=doc, count=1)
    return G
