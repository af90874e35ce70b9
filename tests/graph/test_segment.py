"""graph/segment.py: the project's own tokenizer, and letting go of its dictionaries."""
from __future__ import annotations

import jieba

from graph import segment


def test_the_tokenizer_is_private_and_keeps_titles_and_places_whole():
    tk = segment.tokenizer()
    assert tk is not jieba.dt
    words = segment.cut("云南省委书记阮成发在西双版纳州主持会议")
    assert "省委书记" in words and "西双版纳州" in words


def test_released_dictionaries_load_again_and_cut_the_same():
    before = segment.cut("省委常委会召开会议")
    tagged = segment.word_tag("会议")
    first = segment.tokenizer()
    segment.release()
    assert segment.tokenizer() is not first  # dropped, then loaded afresh on demand
    assert segment.cut("省委常委会召开会议") == before and segment.word_tag("会议") == tagged != ""
