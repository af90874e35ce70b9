"""Focused subgraphs: a person, a meeting, a query's rows."""
from __future__ import annotations

import pytest
from view_graphs import PEOPLE, hand_graph

from huiyi.graph.models import ConfigError
from huiyi.loaders.subgraph import find_meetings, find_person, meeting_view, person_view, query_view


@pytest.fixture
def G():
    return hand_graph()


def types(H) -> set[str]:
    return {d["type"] for _, _, d in H.edges(data=True)}


def test_person_view_has_meetings_coattendees_positions(G):
    H = person_view(G, "宗国英")
    assert set(H) == {"Meeting:m1", "Meeting:m2", "Body:云南省政府"} | {f"Person:{p}" for p in PEOPLE}
    assert H.graph["focus"] == ["Person:宗国英"]
    assert {(u, v) for u, v, d in H.edges(data=True) if d["type"] == "CHAIRED"} == {
        ("Person:宗国英", "Meeting:m1"), ("Person:宗国英", "Meeting:m2")}
    assert "MENTIONED_IN" not in types(H)
    assert H.nodes["Person:宗国英"]["titles"] == ["常务副省长"]  # attributes come along


def test_person_view_is_a_copy(G):
    H = person_view(G, "宗国英")
    H.nodes["Person:宗国英"]["name"] = "changed"
    H.remove_node("Meeting:m1")
    assert G.nodes["Person:宗国英"]["name"] == "宗国英" and "Meeting:m1" in G


def test_person_found_by_alias_or_id(G):
    assert find_person(G, "宗國英") == "Person:宗国英"
    assert find_person(G, "Person:陈豪") == "Person:陈豪"
    assert set(person_view(G, "陈豪")) == {"Person:陈豪", "Meeting:m3", "Policy:五个管住"}


def test_unknown_person_names_close_matches(G):
    with pytest.raises(ConfigError) as err:
        person_view(G, "宗国")
    assert "宗国英" in str(err.value) and "--person" in str(err.value)
    with pytest.raises(ConfigError):
        find_person(G, "昆明")  # a place, not a person


def test_meeting_view_has_chair_attendees_place_report_and_policies(G):
    H = meeting_view(G, "疫情防控")
    people = {f"Person:{p}" for p in PEOPLE}
    assert set(H) == {"Meeting:m1", "Place:昆明", "Document:d1", "Policy:六稳"} | people
    # 阮成发 directed 五个管住 in another report: not this meeting's policy.
    assert "Policy:五个管住" not in H
    assert {"CHAIRED", "SPOKE_AT", "ATTENDED", "HELD_IN", "REPORTED_IN", "DIRECTED"} <= types(H)
    assert H.graph["focus"] == ["Meeting:m1"]


def test_meeting_view_with_convener_by_name_or_date(G):
    H = meeting_view(G, "省政府常务会议")
    assert set(H) == {"Meeting:m2", "Person:宗国英", "Body:云南省政府", "Document:d1"}
    assert find_meetings(G, "2020-04-02") == ["Meeting:m2"]
    assert find_meetings(G, "会议") == ["Meeting:m1", "Meeting:m2", "Meeting:m3"]


def test_unknown_meeting_names_close_matches(G):
    with pytest.raises(ConfigError) as err:
        meeting_view(G, "省政府常委会议")
    assert "省政府常务会议" in str(err.value) or "省委常委会会议" in str(err.value)


def test_query_view_from_ids_names_and_node_dicts(G):
    rows = [{"p.name": "陈豪"}, {"m": {"id": "Meeting:m3", "name": "省委常委会会议", "_label": "Meeting"}},
            {"ids": ["Person:宗国英", 3, None], "n": 2, "place": "昆明"}]
    H = query_view(G, rows)
    # 昆明 is a node's name too, but its row names nodes by id: it is a property there, not a node.
    assert set(H) == {"Person:陈豪", "Meeting:m3", "Person:宗国英"}
    assert types(H) == {"CHAIRED", "ATTENDED"}
    assert "focus" not in H.graph
    assert len(query_view(G, [])) == 0
    assert len(query_view(G, [{"count": 7, "name": "nobody"}])) == 0


def test_seed_person_view_of_the_yunnan_chair(seed_graph):
    H = person_view(seed_graph, "宗国英")
    me = H.graph["focus"][0]
    chaired = [H.nodes[v].get("date", "") for _, v, d in H.out_edges(me, data=True) if d["type"] == "CHAIRED"]
    assert any(d == "2020-02-20" for d in chaired) and any(d.endswith("04-02") for d in chaired)
    names = {d["name"] for _, d in H.nodes(data=True) if d["label"] == "Person"}
    assert {"阮成发", "张国华", "任军号", "李玛琳", "杨杰"} <= names
