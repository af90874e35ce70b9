"""Which meetings a report is about (REPORTED_IN), decided once the roles are read."""
from huiyi.graph.models import RelType
from tests.graph.helpers import meetings, run


def about(doc) -> dict[str, str]:
    names = {k: v["name"] for k, v in meetings(doc).items()}
    return {names[f.source[1]]: f.props["rule"] for f in doc.facts if f.type == RelType.REPORTED_IN}


def test_a_report_is_about_the_meetings_it_places_people_at():
    doc = run("3月5日,县委常委会会议召开。县委书记张明主持会议。当天下午,全县植树造林工作推进会召开。",
              date="2021-03-06")
    assert about(doc) == {"县委常委会会议": "reported_with_people", "全县植树造林工作推进会": "reported_recent"}


def test_a_meeting_held_long_before_the_report_is_recalled_not_reported():
    doc = run("发布时间:2021-09-01 10:00\n回顾历程。2019年6月12日,第三届高原医学研讨会在拉萨举行。今年,"
              "县医院新建了门诊楼,院长王平出席落成仪式。")
    assert "第三届高原医学研讨会" not in about(doc)
    assert "第三届高原医学研讨会" in {m["name"] for m in meetings(doc).values()}  # still a meeting it names


def test_with_no_one_at_any_meeting_the_headline_or_the_first_named_is_the_report_s():
    doc = run("全县安全生产工作会议召开\n4月8日,全县安全生产工作会议召开。各乡镇负责人参加会议。", date="2021-04-09")
    assert about(doc) == {"全县安全生产工作会议": "reported_in_headline"}


def test_an_undated_meeting_told_under_an_earlier_year_is_recalled():
    text = ("5月3日,市佛教协会召开座谈会。会长王一明主持会议。\n"
            "1958年,大师率团赴外国参加第六届世界佛教大会。秋末,他又赴北欧参加世界和平理事会大会。\n"
            "今年,协会还举办了首届佛学讲堂开课仪式。")
    assert about(run(text, date="2018-05-04")) == {"市佛教协会座谈会": "reported_with_people",
                                         "首届佛学讲堂开课仪式": "reported_recent"}
    # a year the text counts from (2004年…以来) is no narrative's year
    text = "5月3日,授衔仪式在京举行。自2004年建立制度以来,已有百人获得学衔。院长王一明主持授衔仪式。"
    assert set(about(run(text, date="2018-05-04"))) == {"授衔仪式"}


def test_a_meeting_node_is_reported_exactly_when_a_report_is_about_it(tmp_path):
    from huiyi.graph.run.pipeline import build_graph
    (tmp_path / "a.txt").write_text("2018年5月4日\n5月3日,市佛教协会召开座谈会。会长王一明主持会议。\n"
                                    "1958年,大师率团赴外国参加第六届世界佛教大会。", encoding="utf-8")
    G = build_graph([str(tmp_path)]).graph
    about = {u for u, _, t in G.edges(data="type") if t == "REPORTED_IN"}
    meetings = {n: d for n, d in G.nodes(data=True) if d["label"] == "Meeting"}
    assert {d["name"] for d in meetings.values()} == {"市佛教协会座谈会", "第六届世界佛教大会"}
    assert {n for n, d in meetings.items() if d.get("reported")} == about
    assert {meetings[n]["name"] for n in about} == {"市佛教协会座谈会"}


def test_a_meeting_s_sentence_ends_at_its_first_stop_whatever_stop_it_is():
    from types import SimpleNamespace

    from huiyi.graph.extractors.reported import recalled
    doc = run("5月3日,全市表彰大会召开\n2015年,他调任市委书记。", date="2018-05-04")
    at = doc.text.index("全市表彰大会")
    assert not recalled(doc, SimpleNamespace(start=at))  # the line break ends its sentence: 2015年 is the next one's
    doc = run("2015年,全市表彰大会召开。", date="2018-05-04")
    assert recalled(doc, SimpleNamespace(start=doc.text.index("全市表彰大会")))
