"""Properties of the normaliser on arbitrary text: it never crashes, and every character of the clean
text maps back to a character of the original that it equals or is the folded / Simplified form of."""
from __future__ import annotations

import re
from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from huiyi.graph.text.normalize import FOLD, normalize, split_sentences

# Text shaped like the reports: Chinese (both scripts), pinyin glosses, full-width forms, line breaks.
REPORT_ALPHABET = list("会議议發发展长長書书记記省委市縣县召开開会议主持出席强调。，、：；！？（）()“”「」"
                       "0123456789０１２３年月日 \u3000\xa0\n\r\tfāàhuìzhǎnshūjì") + ["(fā)", "(huì)", "（zhǎn）"]
report_like = st.lists(st.sampled_from(REPORT_ALPHABET), max_size=400).map("".join)


@lru_cache(maxsize=1)
def t2s():
    import opencc
    return opencc.OpenCC("t2s")


def counterpart(raw: str, o: int, c: str) -> bool:
    """`c` (clean text) stands for raw[o]: the same, folded, or Simplified (alone or in its phrase)."""
    r = raw[o]
    if c in (r, r.translate(FOLD)):
        return True
    context = raw[max(0, o - 4):o + 5].translate(FOLD)
    return c == t2s().convert(r.translate(FOLD)) or c in t2s().convert(context)


def check_alignment(raw: str) -> None:
    aligned, script = normalize(raw)
    text, offsets = aligned.text, aligned.offsets
    assert isinstance(script, str)
    assert len(text) == len(offsets)
    assert all(0 <= o < len(raw) for o in offsets)
    assert all(a < b for a, b in zip(offsets, offsets[1:], strict=False)), "offsets must strictly increase"
    for i, (c, o) in enumerate(zip(text, offsets, strict=False)):
        assert counterpart(raw, o, c), (i, c, raw[o])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_arbitrary_unicode_never_crashes_and_maps_back(raw):
    check_alignment(raw)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_like)
def test_report_like_text_maps_back(raw):
    check_alignment(raw)


def test_every_seed_edge_evidence_is_its_span_of_the_original(seed_build):
    raw = {d.id: d.raw for d in seed_build.documents}
    edges = list(seed_build.graph.edges(data=True))
    assert edges
    for _, _, d in edges:
        assert d["evidence"] == raw[d["doc_id"]][d["start"]:d["end"]].strip(), d


def plain_split_sentences(text: str) -> list[tuple[int, int]]:
    """split_sentences as first written: its pattern as it reads, and a sentence kept if not blank."""
    spans, start = [], 0
    for m in re.finditer(r"[。!?;]+[”’」』]?|\n+", text):
        end = m.end() if m.group().strip() else m.start()
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("。!?;”’」』\n \u3000\t会议强调(")), max_size=40).map("".join))
def test_sentences_are_split_as_the_plain_pattern_splits_them(text):
    assert split_sentences(text) == plain_split_sentences(text)
