"""`graph.coverage`: what a corpus without gold says about how much Huiyi reads."""
from huiyi.graph.coverage import coverage

HELD = "3月5日,县委常委会会议召开。县委书记张明主持会议。县委常委王强出席会议。"
EMPTY_MEETING = "4月8日,全县安全生产工作会议召开。会议强调,要压实责任。有关部门负责人参加会议。"
NO_MEETING = "今年以来,全县粮食生产形势良好,秋粮喜获丰收。"


def test_counts_dropped_reports_meetings_with_no_one_and_verbs_that_found_no_one(tmp_path):
    for name, text in (("held.txt", HELD), ("empty.txt", EMPTY_MEETING), ("none.txt", NO_MEETING)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02")
    found = coverage([tmp_path])
    s = found.summary()
    assert (s["reports"], s["read"], s["dropped"]) == (4, 3, 1)
    assert [d.doc for d in found.dropped] == ["none.txt"]
    assert s["reported_meetings"] == 2 and s["with_chair_or_attendee"] == 1
    assert [(u.doc, u.text) for u in found.unstaffed] == [("empty.txt", "全县安全生产工作会议")]  # by its name
    assert [(m.doc, m.text) for m in found.missed] == [("empty.txt", "有关部门负责人参加会议。")]
    assert s["role_verb_sentences"] == 3  # 张明主持, 王强出席, and the one that found no one
