"""WordScanner finds what a plain search finds, at character offsets, in any script."""
from huiyi.graph.text.wordscan import WordScanner


def _naive(words, text):
    return sorted((i, i + len(w), w) for w in words for i in range(len(text)) if text.startswith(w, i))


def test_hits_are_character_offsets_of_every_occurrence():
    words = ["昆明", "昆明市", "明市", "西双版纳", "abc", "é北京"]
    for text in ["在昆明市召开", "abc昆明市,西双版纳州abcabc", "", "no place here", "café北京和é北京",
                 "😀昆明😀西双版纳", "昆明昆明市昆"]:
        assert sorted(WordScanner(words).hits(text)) == _naive(words, text)
