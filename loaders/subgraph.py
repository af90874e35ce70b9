"""Focused subgraphs for `huiyi view`: one person, one meeting, or what a named query returned.

Plain functions `f(G, ...) -> G'` on the graph contract of graph/models.py; each returns a copy
(the nodes and every edge of G among them), so the page builder can draw it like any graph.
"""
from __future__ import annotations

import difflib
import re
from typing import Any, Iterable

import networkx as nx

from huiyi.graph.models import ConfigError

# Who was at a meeting, in the order the views list them.
PRESENCE = ("CHAIRED", "SPOKE_AT", "ATTENDED")


def _names(G: nx.MultiDiGraph, label: str) -> dict[str, list[str]]:
    """Every name and alias of the nodes of one label -> their ids."""
    index: dict[str, list[str]] = {}
    for n, d in G.nodes(data=True):
        if d.get("label") != label:
            continue
        for name in [d.get("name", n), *(d.get("aliases") or [])]:
            index.setdefault(str(name), []).append(n)
    return index


GLOSSED_RE = re.compile(r"\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")  # 信(xin)長(chang)星: a spelling, not a name


def _not_found(what: str, text: str, candidates: Iterable[str], option: str) -> ConfigError:
    candidates = sorted({c for c in candidates if not GLOSSED_RE.search(c)})
    close = difflib.get_close_matches(text, candidates, n=5, cutoff=0.3)
    if not close:
        close = [c for c in candidates if set(c) & set(text)][:5]
    hint = f"close matches: {', '.join(close)}" if close else f"the graph has {len(candidates)} to choose from"
    return ConfigError(f"no {what} {text!r} in the graph; {hint}. Try `huiyi view {option} NAME` with one of them")


def _with_edges(G: nx.MultiDiGraph, keep: Iterable[str], *, drop: tuple[str, ...] = ("MENTIONED_IN",)) -> nx.MultiDiGraph:
    """The nodes `keep` and every edge of G between them, except the `drop` types (a copy)."""
    keep = set(keep)
    H = nx.MultiDiGraph(**G.graph)
    H.add_nodes_from((n, G.nodes[n]) for n in G if n in keep)
    H.add_edges_from((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True)
                     if u in keep and v in keep and d.get("type") not in drop)
    return H


def find_person(G: nx.MultiDiGraph, name: str) -> str:
    """The id of the person called `name` (name, alias or id); ConfigError naming close matches."""
    if name in G and G.nodes[name].get("label") == "Person":
        return name
    ids = _names(G, "Person").get(name.strip(), [])
    if not ids:
        raise _not_found("person", name, _names(G, "Person"), "--person")
    return ids[0]


def find_meetings(G: nx.MultiDiGraph, text: str) -> list[str]:
    """Ids of the meetings whose id, date or name matches `text` (exact first, then substring)."""
    text = text.strip()
    meetings = {n: d for n, d in G.nodes(data=True) if d.get("label") == "Meeting"}
    if text in meetings:
        return [text]
    exact = [n for n, d in meetings.items() if text in (d.get("name"), d.get("date"))]
    found = exact or [n for n, d in meetings.items()
                      if text and (text in str(d.get("name", "")) or text in str(d.get("date", "")))]
    if not found:
        raise _not_found("meeting", text, (str(d.get("name", n)) for n, d in meetings.items()), "--meeting")
    return sorted(found)


def person_view(G: nx.MultiDiGraph, name: str) -> nx.MultiDiGraph:
    """A person, the meetings they were at, who else was there, and their positions and policies."""
    pid = find_person(G, name)
    keep = {pid}
    meetings = {v for _, v, d in G.out_edges(pid, data=True) if d.get("type") in PRESENCE}
    keep |= meetings
    for m in meetings:
        keep |= {u for u, _, d in G.in_edges(m, data=True) if d.get("type") in PRESENCE}
    keep |= {v for _, v, d in G.out_edges(pid, data=True) if d.get("type") in ("HOLDS_POSITION", "DIRECTED")}
    H = _with_edges(G, keep)
    H.graph["focus"] = [pid]
    return H


def meeting_view(G: nx.MultiDiGraph, text: str) -> nx.MultiDiGraph:
    """The meetings matching `text` with their chair, attendees, speakers, place, convenor, the report
    they came from, and the policies their participants directed in that report."""
    meetings = find_meetings(G, text)
    keep = set(meetings)
    for m in meetings:
        people = {u for u, _, d in G.in_edges(m, data=True) if d.get("type") in PRESENCE}
        docs = {d.get("doc_id") for u, _, d in G.in_edges(m, data=True) if d.get("type") in PRESENCE}
        reports = {v for _, v, d in G.out_edges(m, data=True) if d.get("type") == "REPORTED_IN"}
        docs |= reports
        keep |= people | reports
        keep |= {v for _, v, d in G.out_edges(m, data=True) if d.get("type") in ("HELD_IN", "REPORTED_IN")}
        keep |= {u for u, _, d in G.in_edges(m, data=True) if d.get("type") == "CONVENED"}
        for p in people:
            keep |= {v for _, v, d in G.out_edges(p, data=True)
                     if d.get("type") == "DIRECTED" and d.get("doc_id") in docs}
    H = _with_edges(G, keep)
    H.graph["focus"] = meetings
    return H


def _values(value: Any) -> Iterable[Any]:
    """Every scalar in a query row value, and the dicts themselves (a returned node is a dict)."""
    if isinstance(value, dict):
        yield value
        for v in value.values():
            yield from _values(v)
    elif isinstance(value, (list, tuple, set)):
        for v in value:
            yield from _values(v)
    else:
        yield value


def query_view(G: nx.MultiDiGraph, rows: list[dict]) -> nx.MultiDiGraph:
    """The nodes a query's rows name and the edges among them. A row that holds node ids (or nodes,
    as dicts with an id) is taken by its ids alone; a row without any, by the names in it. (So a
    row's `jurisdiction: 云南` beside `meeting_id` does not pull the Place 云南 in.)"""
    by_name: dict[str, list[str]] = {}
    for n, d in G.nodes(data=True):
        by_name.setdefault(str(d.get("name", n)), []).append(n)
    keep: set[str] = set()
    for row in rows:
        values = list(_values(row))
        ids = {v for v in values if isinstance(v, str) and v in G}
        ids |= {v["id"] for v in values if isinstance(v, dict) and isinstance(v.get("id"), str) and v["id"] in G}
        if ids:
            keep |= ids
        else:
            for v in values:
                if isinstance(v, str):
                    keep.update(by_name.get(v, []))
    return _with_edges(G, keep)  # no focus: every node is the answer
