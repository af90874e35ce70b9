"""WordScanner finds what a plain search finds, at character offsets, in any script."""
from huiyi.graph.text.wordscan import WordScanner


def _naive(words, text):
    return sorted((i, i + len(w), w) for w in words for i in range(len(text)) if text.startswith(w, i))


def test_hits_are_character_offsets_of_every_occurrence():
    words = ["昆明", "昆明市", "明市", "西双版纳", "abc", "é北京"]
    for text in ["在昆明市召开", "abc昆明市,西双版纳州abcabc", "", "no place here", "café北京和é北京",
                 "😀昆明😀西双版纳", "昆明昆明市昆"]:
        assert sorted(WordScanner(words).hits(text)) == _naive(words, text)


def test_every_guarded_pattern_holds_its_words_in_each_match_on_the_seeds():
    """A Needing guard drops nothing: each match of the bare pattern, in the seed reports and sentences
    made to match, holds one of the guard's words (the guarded patterns of every extractor module)."""
    import importlib
    import pkgutil
    from pathlib import Path

    import huiyi.graph.extractors as extractors
    from huiyi.graph.text.wordscan import Needing

    seeds = Path(__file__).resolve().parents[2] / "seeds"
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    texts += ["新华网北京3月5日讯 会议召开。", "来源:人民日报", "在河口市、河口公路口岸调研。"]
    guarded = [(f"{m.name}.{name}", rx) for m in pkgutil.iter_modules(extractors.__path__)
               for name, rx in vars(importlib.import_module(f"huiyi.graph.extractors.{m.name}")).items()
               if isinstance(rx, Needing)]
    assert {"metadata.OUTLET_RE", "places.PORT_RE"} <= {name for name, _ in guarded}
    matched = 0
    for name, rx in guarded:
        for text in texts:
            for line in text.splitlines():
                for m in rx.rx.finditer(line):
                    matched += 1
                    assert any(w in m.group() or w in line[m.end():m.end() + 8] for w in rx.words), (name, m.group())
    assert matched > 0
