"""Places: provinces, cities, counties and districts (the gazetteer), countries, ports and regions.

Names are found as tokens of the project's segmenter, which keeps every gazetteer name whole, so a
place is never read out of the middle of a word; short forms that are also ordinary words
(幸福安康 is not 安康) are only taken when a place suffix or a place verb stands beside them.
Each place is linked to the one it lies in (county -> city -> province).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..models import Document, Fact, Label, RelType
from ..text import gazetteer, segment
from ..text.wordscan import Needing, WordScanner
from .base import Findings, make_mention
from .jurisdiction import abbreviations

# towns, townships, streets and villages (not in the gazetteer): 苏埠镇, 望京街道, 石门村
TOWN_RE = Needing(re.compile(r"(?:^|(?<=[,、。;:\s(“县区市州旗])|(?<=在|到|赴)|(?<=深入|走进|来到|前往))"
                             r"([\u4e00-\u9fff]{2,3}?(?:镇|乡|街道|村))(?=[\u4e00-\u9fff]{0,8}?(?:党委|党工委|政府|"
                             r"办事处|村委|两委|召开|举行|调研|考察|,|、|。|的|和|与))", re.M),
                  ("镇", "乡", "街道", "村"))  # in one report in six
NOT_TOWN_START = set("全各本该每城农乡小大新老这那此其某多个区县市州委")
NOT_IN_TOWN = ("委", "各", "农村", "城区", "社区", "乡村")
PORT_RE = Needing(re.compile(r"(?<=[市州县区、,])([\u4e00-\u9fff]{2,4}?(?:公路|铁路|水运|航空)?口岸)"), ("口岸",))
REGIONS = ("粤港澳大湾区", "长三角", "珠三角", "京津冀", "成渝地区", "长江经济带", "黄河流域")
FUNCTION_CHARS = set("和与及在对向新")  # 国省和县乡村道路: 和 is "and", not 和县
PLACE_CONTEXT_RE = re.compile(r"^(?:省|市|州|县|区|地区|盟|旗)|^(?:召开|举行|考察|调研)")


@lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    return frozenset(gazetteer.all_names())


@lru_cache(maxsize=1)
def _scanner() -> WordScanner:
    return WordScanner(_names())


def _candidates(text: str) -> list[tuple[int, int, str]]:
    """Gazetteer names in the text, longest first where they overlap (one pass, no segmentation)."""
    hits = sorted(_scanner().hits(text), key=lambda h: (h[0], -(h[1] - h[0])))
    out, reach = [], 0
    for start, end, name in hits:
        if start >= reach:
            out.append((start, end, name))
            reach = end
    return out


def _whole_words(text: str, start: int, end: int) -> bool:
    """Does the project's segmenter cut the text around a name at its two ends? (a small window)"""
    lo, hi = max(0, start - 4), min(len(text), end + 4)
    cuts, pos = {lo}, lo
    for token in segment.cut(text[lo:hi]):
        pos += len(token)
        cuts.add(pos)
    return start in cuts and end in cuts


@lru_cache(maxsize=None)  # bounded: the tokens asked about are gazetteer names
def _ordinary_word(token: str) -> bool:
    tag = segment.word_tag(token)
    return bool(tag) and not tag.startswith("ns") and segment.word_freq(token) >= 100


class PlaceExtractor:
    name = "places"

    def __call__(self, doc: Document) -> Findings:
        text = doc.text
        found = Findings()
        seen: dict[str, gazetteer.Place | None] = {}
        people = bytearray(len(text))
        for m in doc.mentions:
            if m.label == Label.PERSON:
                people[m.start:m.end] = b"\x01" * (m.end - m.start)
        for start, end, token in _candidates(text):
            if any(people[start:end]):
                continue  # 李建阳 is a person, not 建阳
            place = gazetteer.lookup(token)
            ordinary = _ordinary_word(token) or (len(token) == 2 and token[0] in FUNCTION_CHARS)
            if place is None or (ordinary and not PLACE_CONTEXT_RE.match(text, end)):
                continue
            if not _whole_words(text, start, end):  # last: the costly test (a jieba cut)
                continue  # 大同小异 is no 大同
            found.mentions.append(make_mention(doc, Label.PLACE, start, end, text=place.name, kind=place.kind,
                                               province=place.province))
            seen.setdefault(place.name, place)
        for m in TOWN_RE.finditer(text):
            town = m.group(1)
            if town[0] in NOT_TOWN_START or any(w in town for w in NOT_IN_TOWN) or segment.word_freq(town) >= 50 or any(people[m.start(1):m.end(1)]) \
                    or segment.is_common_word(town[:2]):
                continue
            kind = "village" if town.endswith("村") else "township"
            found.mentions.append(make_mention(doc, Label.PLACE, m.start(1), m.end(1), kind=kind,
                                               province=doc.meta.jurisdiction))
        for m in PORT_RE.finditer(text):
            found.mentions.append(make_mention(doc, Label.PLACE, m.start(1), m.end(1), kind="port",
                                               province=doc.meta.jurisdiction))
        for region in (r for r in REGIONS if r in text):  # a substring test costs less than a finditer
            for m in re.finditer(region, text):
                found.mentions.append(make_mention(doc, Label.PLACE, m.start(), m.end(), kind="region"))
        for s, char in abbreviations(text):  # 来陕, 陕政通报: the province itself is named
            prov = gazetteer.province_by_abbreviation(char)
            if prov and prov == doc.meta.jurisdiction:  # a lone character is evidence only in agreement
                found.mentions.append(make_mention(doc, Label.PLACE, s, s + 1, text=prov, kind="province",
                                                   province=prov))
                seen.setdefault(prov, gazetteer.lookup(prov))
        for name, place in seen.items():
            if place is None or place.kind == "country":
                continue
            parent = place.city if place.kind in ("county", "district") and place.city else \
                place.province if place.kind != "province" else None
            if parent and parent != name:
                m = next(x for x in found.mentions if x.text == name)
                found.facts.append(Fact(type=RelType.LOCATED_IN, source=(Label.PLACE, name),
                                        target=(Label.PLACE, parent), start=m.start, end=m.end, props={}))
        return found
