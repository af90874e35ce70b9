import random

from huiyi.graph.extractors import jurisdiction


def _spans(matches):
    return [(m.span(), m.group(1)) for m in matches]


def test_city_bodies_are_the_patterns_matches():
    texts = ["昆明市委召开会议", "市委市政府", "大理市市委书记和昆明市政府", "在曲靖市疫情防控会上,玉溪市人大", "a昆市委"]
    rng = random.Random(7)
    alphabet = "市委政府人大协应对疫情新冠昆明,a "
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14))) for _ in range(20000)]
    for text in texts:
        assert _spans(jurisdiction._city_bodies(text)) == _spans(jurisdiction.CITY_BODY_RE.finditer(text)), text
