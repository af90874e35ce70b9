import random
import re

from huiyi.graph.extractors import jurisdiction


def _spans(matches):
    return [(m.span(), m.group(1)) for m in matches]


def _with_random(texts: list[str], alphabet: str, longest: int) -> list[str]:
    """The texts, then 20,000 random strings of the alphabet's characters (a fixed seed)."""
    rng = random.Random(7)
    return texts + ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest))) for _ in range(20000)]


def test_city_bodies_are_the_patterns_matches():
    texts = _with_random(["昆明市委召开会议", "市委市政府", "大理市市委书记和昆明市政府", "在曲靖市疫情防控会上,玉溪市人大",
                          "a昆市委"], "市委政府人大协应对疫情新冠昆明,a ", 14)
    for text in texts:
        assert _spans(jurisdiction._city_bodies(text)) == _spans(jurisdiction.CITY_BODY_RE.finditer(text)), text


ONE_ALTERNATION = re.compile(r"(?:来|入|赴|驻|援|回|抵|离)([\u4e00-\u9fff])(?=[车人的考察工作务返期间,。、])"
                             r"|^([\u4e00-\u9fff])政(?:通报|发|办)", re.M)


def test_abbreviations_are_one_alternations_matches():
    texts = _with_random(["来陕考察", "陕政通报\n滇政发〔2020〕", "赴滇,回京的", "来\n陕政办", "离政发"],
                         "来赴离陕滇政通报发办考察,\n a", 12)
    for text in texts:
        expected = [(m.start(1) if m.group(1) else m.start(2), m.group(1) or m.group(2))
                    for m in ONE_ALTERNATION.finditer(text)]
        assert [tuple(a) for a in jurisdiction.abbreviations(text)] == expected, text
