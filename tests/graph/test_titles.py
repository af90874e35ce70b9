"""Titles: the body a title names, remembered per title (the report's jurisdiction applied after)."""
from huiyi.graph.extractors.titles import body_of_title
from huiyi.graph.inputs.documents import document_from_text


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
