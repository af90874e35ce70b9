"""Titles: the chain of posts before a name (`省委常委、常务副省长`), the position word that ends
each, and the body a title names, made absolute with the report's jurisdiction (`省委书记` in a
Yunnan report -> 云南省委). persons.py reads names after these chains and turns their titles into
HOLDS_POSITION facts.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..models import Document
from ..text import segment
from .dates import first_kind
from .lexicon import title_end_re

TITLE_BREAKERS = set("由 和 与 及 以及 同 跟 对 向 为 是 在 于 决定 成立 召开 主持 出席 参加 列席 传达 学习 汇报 通报 讲话 强调 "
                     "指出 要求 部署 安排 听取 会议 受 委托 等 并 根据 按照 任 担任 同志 会上 随后 其中 包括 邀请 陪同 "
                     "会见 看望 慰问 调研 介绍 表示 宣布 通过 联系 分管 率 带领 和 暨".split())


GOV_POSITIONS = {"省长": "省", "市长": "市", "县长": "县", "区长": "区", "州长": "州", "镇长": "镇", "乡长": "乡",
                 "旗长": "旗"}


NATIONAL_POSITIONS = {"总书记": "中共中央", "总理": "国务院", "副总理": "国务院", "国务委员": "国务院",
                      "委员长": "全国人大常委会"}


# Compiled once (a title at a time): the rank before a position word (常务副省长 -> 省长), and the
# bodies named without their level, which the title before them gives (市委常委、纪委书记 -> 市纪委)
RANK_RE = re.compile(r"^(?:常务|代|第一)?副?")
LEVELLED_BODY_RE = re.compile(r"纪委|监委|组织部|宣传部|统战部|政法委|党组|人大|政协")
NO_BODY_PREFIX_RE = re.compile(r"^(?:省|市|县|区|州|镇|乡)?(?:级)?领导$|^[省市县区州镇乡]$|^有关|负责")


@lru_cache(maxsize=4096)
def _title_suffix(seg: str) -> tuple[str, bool]:
    """The part of a segment that is a title: what follows its last clause word (a verb of the
    sentence, a conjunction, a preposition), cut on jieba's words so 应对 is not read as 对."""
    tokens = segment.cut(seg)
    cut = max((i for i, t in enumerate(tokens) if t in TITLE_BREAKERS or not t.strip()), default=-1)
    return "".join(tokens[cut + 1:]), cut >= 0  # an indent or space also ends the title


def title_chain(text: str, end: int) -> tuple[int, list[str]]:
    """The titles standing right before a name that starts at `end`: (start of the chain, titles)."""
    start = end
    titles: list[str] = []
    i = end
    while True:
        j = i - 1
        while j >= 0 and text[j] not in ",;:。!?\n()、“”" and i - j <= 60:
            j -= 1
        seg, was_cut = _title_suffix(text[j + 1:i])
        if not seg or not position_word(seg):
            break
        titles.insert(0, seg)
        start = i - len(seg)
        if was_cut or j < 0 or text[j] != "、":
            break
        i = j
    return start, titles


@lru_cache(maxsize=4096)  # (the same titles come back in every report: 副省长, 省委书记)
def position_word(title: str) -> str | None:
    m = title_end_re().search(title)
    return m.group() if m else None


def body_of_title(title: str, doc: Document, level_hint: str | None = None) -> str | None:
    """The body a title names, absolute where the report's jurisdiction allows (None if it names none)."""
    body = _body_named(title, level_hint)
    return absolute_body(body, doc) if body is not None else None


@lru_cache(maxsize=4096)
def _body_named(title: str, level_hint: str | None) -> str | None:
    """The body a title names, as the title says it (省政府), before the report's jurisdiction makes
    it absolute (云南省政府)."""
    pos = position_word(title)
    if pos is None:
        return None
    prefix = title[: len(title) - len(pos)]
    bare = RANK_RE.sub("", pos)
    if not prefix:
        if pos in NATIONAL_POSITIONS:
            return NATIONAL_POSITIONS[pos]
        if bare in GOV_POSITIONS:
            prefix = GOV_POSITIONS[bare] + "政府"
        else:
            return None
    elif prefix in ("政府", "人民政府") and bare in GOV_POSITIONS:
        prefix = GOV_POSITIONS[bare] + "政府"
    elif prefix in "省市县区州镇乡" and bare in GOV_POSITIONS:
        prefix += "政府"
    if NO_BODY_PREFIX_RE.search(prefix):
        return None
    if pos == "大使" and prefix.endswith(("驻", "国")) is False:
        prefix += "大使馆"
    elif pos in ("大使", "总领事"):
        prefix += "大使馆" if pos == "大使" else "总领事馆"
    if level_hint and prefix[0] not in "省市县区州镇乡中全国" and LEVELLED_BODY_RE.match(prefix):
        prefix = level_hint + prefix
    return prefix


def absolute_body(body: str, doc: Document) -> str:
    if body.startswith("省") and doc.meta.jurisdiction:
        return doc.meta.jurisdiction + body
    if body.startswith("市") and doc.meta.city:
        return doc.meta.city + body
    return body


BODY_KINDS = (("group", r"领导小组|工作小组|专班"), ("command", r"指挥部|指挥中心"), ("congress", r"人大"),
              ("cppcc", r"政协"), ("discipline", r"纪委|监委"), ("court", r"法院|检察院"),
              ("embassy", r"使馆|领事馆"), ("government", r"政府|国务院"), ("party", r"委$|中共中央|党中央|党组|党委"),
              ("media", r"日报|晚报|网$|电视台|新闻"))


@lru_cache(maxsize=4096)  # (a report names the same bodies again and again)
def body_kind(body: str) -> str:
    return first_kind(body, BODY_KINDS, "department")
