"""Titles: the body a title names, remembered per title (the report's jurisdiction applied after);
the title pattern."""
import re

from huiyi.graph.extractors.lexicon import title_end_re, title_re
from huiyi.graph.extractors.titles import body_of_title
from huiyi.graph.inputs.documents import document_from_text
from huiyi.graph.text import segment


def _doc(jurisdiction: str | None, city: str | None = None):
    doc = document_from_text("t.txt", "会议。")
    doc.meta.jurisdiction, doc.meta.city = jurisdiction, city
    return doc


def test_a_remembered_title_still_takes_each_reports_jurisdiction():
    assert body_of_title("省委书记", _doc("云南")) == "云南省委"
    assert body_of_title("省委书记", _doc("四川")) == "四川省委"
    assert body_of_title("省委书记", _doc(None)) == "省委"
    assert body_of_title("市长", _doc("云南", "昆明")) == "昆明市政府"


def test_the_level_before_a_title_is_part_of_what_is_remembered():
    assert body_of_title("组织部部长", _doc(None), "市") == "市组织部"
    assert body_of_title("组织部部长", _doc(None), "县") == "县组织部"
    assert body_of_title("组织部部长", _doc(None)) == "组织部"
    assert body_of_title("同志", _doc("云南")) is None


def test_the_title_pattern_grouped_by_first_character_finds_what_the_plain_alternation_finds():
    words = [t for t in segment.titles() if t != "同志"]
    plain = re.compile("|".join(map(re.escape, words)))
    plain_end = re.compile(rf"(?:{plain.pattern})$")
    text = "省委常委、常务副省长宗某,市委书记、市长李某出席;县政协主席王某、委员会委员长,主席团常务主席,副总理"
    assert [m.span() for m in title_re().finditer(text)] == [m.span() for m in plain.finditer(text)] != []
    for end in range(len(text) + 1):
        want = plain_end.search(text, 0, end)
        got = title_end_re().search(text, 0, end)
        assert (want and want.span()) == (got and got.span())
