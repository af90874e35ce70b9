"""`graph.explain`: per sentence, what was read there, by which rule, and the role verbs that found no one."""
from pathlib import Path

import pytest

from huiyi.graph.explain import explain_document, explain_path, render
from huiyi.graph.models import InputError
from tests.graph.helpers import run

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
REPORT = "3月5日,县委常委会会议召开。县委书记张明主持会议并讲话。县委副书记、县长李华,县委常委王强出席会议。有关部门负责人列席会议。"


def test_each_sentence_shows_its_people_meetings_and_roles_with_their_rules():
    sentences = explain_document(run(REPORT))
    chair = next(e for e in sentences if any(r.type == "CHAIRED" for r in e.roles))
    assert chair.sentence == "县委书记张明主持会议并讲话。"
    assert [p.text for p in chair.people] == ["张明"]
    role = next(r for r in chair.roles if r.type == "CHAIRED")
    assert (role.person, role.how) == ("张明", "主持") and role.meeting.endswith("常委会会议")
    assert all(r.rule and r.rule != "unnamed" for e in sentences for r in e.roles)
    assert all(p.rule != "unnamed" for e in sentences for p in e.people)


def test_a_role_verb_with_no_person_before_it_is_a_miss():
    sentences = explain_document(run(REPORT), only_misses=True)
    assert [(e.sentence, [m.verb for m in e.misses]) for e in sentences] == [("有关部门负责人列席会议。", ["列席"])]


def test_agenda_sentences_are_not_misses():
    doc = run("7月2日,市委常委会会议召开。市委书记金石主持会议。会议强调,要压实责任。会上指出,要抓好防汛。")
    assert explain_document(doc, only_misses=True) == []


def test_filters_keep_the_sentences_of_a_person_or_a_meeting():
    doc = run(REPORT)
    assert {e.sentence for e in explain_document(doc, person="王强")} == {"县委副书记、县长李华,县委常委王强出席会议。"}
    assert all("常委会" in m.text for e in explain_document(doc, meeting="常委会") for m in e.meetings) or \
        all(any("常委会" in r.meeting for r in e.roles) for e in explain_document(doc, meeting="常委会"))
    assert explain_document(doc, person="无此人") == []


def test_a_seed_report_explains_the_chair_of_its_meeting():
    found = explain_path(SEEDS / "000_fbcf11dee7c9eea9.txt", person="宗国英")
    chaired = [(e.sentence, r) for e in found for r in e.roles if r.type == "CHAIRED" and r.person == "宗国英"]
    assert chaired and "宗国英主持会议" in chaired[0][0]
    lines = list(render(found))
    assert any(line.startswith("  CHAIRED  宗国英 -> ") and "[" in line for line in lines)


def test_a_missing_report_is_an_input_error_naming_it(tmp_path):
    with pytest.raises(InputError, match="nope.txt"):
        explain_path(tmp_path / "nope.txt")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="empty.txt"):
        explain_path(empty)


def test_bylines_and_every_mention_carry_their_rule():
    doc = run("本报讯(记者 周明 通讯员 吴华)3月5日,县委常委会会议召开。县委书记张明主持会议。")
    rules = {m.text: m.props["rule"] for m in doc.mentions if m.label.value == "Person"}
    assert rules["周明"] == rules["吴华"] == "byline" and rules["张明"] != "unnamed"
