"""A report's jurisdiction: the province (and city) its meeting belongs to, or None when nothing settles it.

Evidence, strongest first: a body named with its province (`云南省委书记`), the meeting's place or
convener (`在昆明召开`, `西和县召开`), a province abbreviation (`陕政通报`, `来陕`), the outlet or dateline
(`云南日报`, `东北网鸡西…讯`). Places the report merely talks about (`支援湖北`) are not evidence.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Iterator, NamedTuple

from ..models import Document
from .base import Findings, Needing

PROVINCES = ("北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 "
             "四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门").split()
PROVINCE_ALT = "|".join(sorted(PROVINCES, key=len, reverse=True))
EXPLICIT_RE = re.compile(rf"({PROVINCE_ALT})(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)?"
                         rf"(?:委|政府|人大|政协|纪委|人民政府|疫情|应对|新冠)")
PROVINCE_OF_PROVINCE_RE = re.compile(rf"({PROVINCE_ALT})省")
OUTLET_RE = re.compile(rf"({PROVINCE_ALT})(?:日报|网|晚报|卫视|电视台|新闻网)")


@lru_cache(maxsize=1)
def _gazetteer():
    try:
        from ..text import gazetteer
        return gazetteer
    except ImportError:  # the data module is optional for the rules below
        return None


def province_of(place: str) -> str | None:
    if place in PROVINCES:
        return place
    g = _gazetteer()
    return g.province_of(place) if g else None


def city_of(place: str) -> str | None:
    g = _gazetteer()
    p = g.lookup(place) if g else None
    if p is None:
        return None
    return p.city or (p.name if p.kind == "city" else None)


def abbreviation(char: str) -> str | None:
    g = _gazetteer()
    return g.province_by_abbreviation(char) if g else None


PLACE_TOKEN = r"[\u4e00-\u9fff]{2,8}?"
VENUE_RE = re.compile(rf"在({PLACE_TOKEN})(?:召开|举行|开幕)")
# (guarded by the words each of its matches ends in: it would be tried at every position)
CONVENER_RE = Needing(re.compile(rf"(?:^|[,。\n)])\s*({PLACE_TOKEN}(?:省|市|州|县|区|旗))(?:委|政府|人大|政协)?(?:召开|举行)"),
                      ("召开", "举行"))
DATELINE_RE = re.compile(r"(?:网|社|报)([\u4e00-\u9fff]{2,4})\d{1,2}月\d{1,2}日(?:电|讯)")
# A province's one-character abbreviation: after a verb of coming and going (来陕, 赴滇考察) or opening a
# line before 政 (陕政通报, 陕政发). Two patterns, so that the first, which opens with one of eight
# characters, is looked for only at those, and the second only in the few texts with 政通报/政发/政办;
# their matches never overlap, so the two lists, merged, are what one alternation of both would find.
ABBR_AFTER_VERB_RE = re.compile(r"(?:来|入|赴|驻|援|回|抵|离)([\u4e00-\u9fff])(?=[车人的考察工作务返期间,。、])")
ABBR_BEFORE_GOV_RE = Needing(re.compile(r"^([\u4e00-\u9fff])政(?:通报|发|办)", re.M), ("政通报", "政发", "政办"))


class Abbreviation(NamedTuple):
    start: int  # where the character stands
    char: str


def abbreviations(text: str) -> list[Abbreviation]:
    """The abbreviations' characters in the text, in order."""
    found = [Abbreviation(m.start(1), m.group(1)) for m in ABBR_AFTER_VERB_RE.finditer(text)]
    before_gov = [Abbreviation(m.start(1), m.group(1)) for m in ABBR_BEFORE_GOV_RE.finditer(text)]
    return sorted(found + before_gov) if before_gov else found


CITY_BODY = "(?:委|政府|人大|政协|应对|疫情|新冠)"  # what follows 市 in a city's body: 市委, 市政府
CITY_BODY_RE = re.compile(rf"([\u4e00-\u9fff]{{2,4}})市{CITY_BODY}")
CITY_BODY_AT_RE = re.compile(rf"市(?={CITY_BODY})")


def _city_bodies(text: str) -> Iterator[re.Match]:
    """`CITY_BODY_RE.finditer(text)`, the same matches, tried only two to four characters before a
    市委 (or 市政府...), where each must start: the pattern opens with any Chinese character, so
    finditer tries it at every one, and takes a tenth of `infer`'s time."""
    done = 0
    for at in CITY_BODY_AT_RE.finditer(text):
        for start in range(max(done, at.start() - 4), at.start() - 1):
            if (m := CITY_BODY_RE.match(text, start)):
                yield m
                done = m.end()
                break


def infer(doc: Document) -> tuple[str | None, str | None]:
    """(province, city) of the report, or None where the text does not settle it."""
    text = doc.text
    score: Counter[str] = Counter()
    cities: Counter[str] = Counter()
    for m in EXPLICIT_RE.finditer(text):
        score[m.group(1)] += 3
    for m in PROVINCE_OF_PROVINCE_RE.finditer(text):
        if not re.match(r"省(?:和|、|等)", text[m.end() - 1:m.end() + 1]):
            score[m.group(1)] += 1
    for matches in (VENUE_RE.finditer(text), CONVENER_RE.finditer(text), DATELINE_RE.finditer(text),
                    _city_bodies(text)):
        for m in matches:
            place = m.group(1)
            prov = province_of(place)
            if prov:
                score[prov] += 3
                if (c := city_of(place)):
                    cities[c] += 1
    for abbr in abbreviations(text):
        prov = abbreviation(abbr.char)
        if prov:
            score[prov] += 2
    for m in OUTLET_RE.finditer(text[:600]):
        score[m.group(1)] += 1
    if not score:
        return None, None
    (best, top), *rest = score.most_common(2) + [("", 0)]
    if rest and rest[0][1] == top:
        return None, None  # a tie: say unknown rather than guess
    city = next((c for c, _ in cities.most_common() if province_of(c) == best), None)
    return best, city


class JurisdictionExtractor:
    name = "jurisdiction"

    def __call__(self, doc: Document) -> Findings:
        province, city = infer(doc)
        return Findings(meta={"jurisdiction": province, "city": city})
