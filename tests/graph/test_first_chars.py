import re

import pytest

from huiyi.graph.extractors.first_chars import ByFirstChar, first_chars, opening_class


def test_first_chars_of_words_groups_and_optional_groups():
    assert first_chars(r"主持召开|主持|列席") == {"主", "列"}
    assert first_chars(r"提出了?[^,。]{0,6}要求|作(?<![工]作)说明") == {"提", "作"}
    assert first_chars(r"(?:主旨|专题)?演讲(?!会)|谈到") == {"主", "专", "演", "谈"}


def test_an_alternative_opening_with_no_literal_is_refused():
    with pytest.raises(ValueError):
        first_chars(r"出席|[甲乙]会")


def test_search_finds_what_the_pattern_finds():
    alts = (r"出席|出席会议", r"(?:主旨)?讲话|作(?<![工]作)了?[^,。]{0,6}?报告")
    rx = re.compile(rf"(?P<attend>{alts[0]})|(?P<speak>{alts[1]})")
    scan = ByFirstChar(rx, alts)
    text = "工作报告,张某出席会议并作了重要报告,主旨讲话,工作"
    for pos in range(len(text)):
        for end in (len(text), len(text) - 3, pos + 4):
            want, got = rx.search(text, pos, end), scan.search(text, pos, end)
            assert (want and (want.span(), want.lastgroup)) == (got and (got.span(), got.lastgroup))


def test_opening_class_holds_the_first_characters_of_the_alternatives():
    assert opening_class(r"(?:等(?:同志)?)?主持|作(?<![工]作)了?说明") == "[主作等]"
