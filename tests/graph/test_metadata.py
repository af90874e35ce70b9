"""The metadata extractor's speed devices: a pattern is searched for only where a cheaper one says a
match may stand, and finds exactly what the pattern alone finds."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from huiyi.graph.extractors.metadata import (
    BYLINE_RE,
    CLOSING_BYLINE_RE,
    _bylines,
    _closing_bylines,
    printed_date,
)

BYLINES = ["记者 周灿 摄", "(首席记者 贾献培 通讯员 左余东)", "本报讯(融媒体中心记者陈晶)", "(记者张一辉、实习生王二钬)",
           "编辑:管理员", "(张云龙 王洁)", " (张云龙 王洁)  ", "文/图 李明", "黄冈日报记者 汪三玲 周四伟"]
# pieces of reports around bylines: every character a byline may start after, line ends, prose
PIECES = BYLINES + ["\n", " ", "。", "、", "【", "】", "(", ")", "讯", "!", "”", "\t", "会议召开", "县委书记周明主持会议"]


def spans(matches) -> list[tuple[int, int]]:
    return [m.span("names") for m in matches]


def test_bylines_anywhere_in_a_line_or_the_text_are_found():
    for byline in BYLINES:
        for text in (byline, byline + "\n正文。", "正文。\n" + byline, "会议召开。" + byline + "\n", "标题\n" + byline):
            assert spans(_bylines(text)) == spans(BYLINE_RE.finditer(text)), text
            assert spans(_closing_bylines(text)) == spans(CLOSING_BYLINE_RE.finditer(text)), text
    assert spans(_bylines("记者 周灿 摄\n正文。"))  # one at the very start of the text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_the_same_bylines_as_the_patterns_alone(text):
    assert spans(_bylines(text)) == spans(BYLINE_RE.finditer(text))
    assert spans(_closing_bylines(text)) == spans(CLOSING_BYLINE_RE.finditer(text))


def test_printed_dates_with_a_label_a_stamp_and_a_link():
    assert printed_date("标题\n发布时间:2020-11-05 10:00\n正文。") == "2020-11-05"
    assert printed_date("标题\n21.01.2019 11:10\n正文。") == "2019-01-21"
    assert printed_date("标题\n正文。\n本文链接:http://www.example.cn/2020/11/05/abc.html") == "2020-11-05"
    assert printed_date("标题\n正文。\n相关链接:http://www.example.cn/2020/11/05/abc.html") is None
