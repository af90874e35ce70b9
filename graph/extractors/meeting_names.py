"""When two names name the same meeting: the rule shared by one report's mentions and by merging
across reports (a national and a provincial video conference on one day are two meetings; 人大常委会
and 人民代表大会常务委员会 are one spelling; a 主任会议 is not the 常委会会议 it follows)."""
from __future__ import annotations

import re
from functools import lru_cache

LEVELS = [("national", re.compile(r"^(全国|中央|国务院|中共中央|全国人大|全国政协|.{0,4}中央)")),
          ("province", re.compile(r"^(全省|省|.{2,3}省|.{2,6}自治区)")),
          ("city", re.compile(r"^(全市|市|.{2,4}市|.{2,8}自治州)")),
          ("county", re.compile(r"^(全县|县|.{2,4}县|.{2,10}自治县|.{2,4}旗)")),
          ("district", re.compile(r"^(全区|区|.{2,4}区)"))]
LEVEL_PREFIX_RE = re.compile(r"^(?:全国|中央|全省|全市|全县|全区|全州|我省|我市|我县|我区|"
                             r"[\u4e00-\u9fff]{1,10}?(?:自治县|自治州|自治旗|省|市|县|区|州|旗)(?!长)|省|市|县|区|州)")
ORDINAL_RE = re.compile(r"第?[\d一二三四五六七八九十百]+(?:次|届)")
GENERIC_TAIL_RE = re.compile(r"(?:电视电话|视频|专题|扩大|全体|常务|工作|调度|会商)*(?:会议|会)$")
SYNONYMS = (("人民代表大会常务委员会", "人大常委会"), ("人民代表大会", "人大"), ("政治协商会议", "政协"),
            ("常务委员会", "常委会"), ("中国共产党", ""), ("中共", ""), ("全体会议", "全会"),
            ("纪律检查委员会", "纪委"), ("委员会", "委"))
TYPE_WORDS_RE = re.compile(r"主任会议|党组会议|主席会议|常务会议|全会|常委会|座谈会|推进会|调度会|学习会|办公会|联席会|"
                           r"电视电话会议|视频会议|中心组|预备会议|集体学习|读书班|研讨|部署会|动员会")


def meeting_level(name: str) -> str | None:
    for level, pattern in LEVELS:
        if pattern.match(name):
            return level
    return None


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)} or {s}


def name_similarity(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y))


@lru_cache(maxsize=1 << 16)  # pure, and asked again and again while a long report merges
def canonical_meeting_name(name: str) -> str:
    """One spelling for the long and short forms of a name (人民代表大会常务委员会 = 人大常委会)."""
    for long, short in SYNONYMS:
        name = name.replace(long, short)
    return name


@lru_cache(maxsize=1 << 16)  # pure, and asked again and again while a long report merges
def meeting_core(name: str) -> str:
    """What tells one meeting from another: the name less its level, ordinals and generic ending."""
    core = ORDINAL_RE.sub("", LEVEL_PREFIX_RE.sub("", canonical_meeting_name(name)))
    core = GENERIC_TAIL_RE.sub("", core)
    return re.sub(r"工作$", "", core)


@lru_cache(maxsize=1 << 16)
def ordinals(name: str) -> tuple[str, ...]:
    """The numbers that tell sessions apart (第113次, 十五届, 三次): 十五届人大三次会议 -> [十五届, 三次]."""
    return tuple(re.sub(r"^第", "", o) for o in ORDINAL_RE.findall(canonical_meeting_name(name)))


def ordinals_clash(a: str, b: str) -> bool:
    """Two names that both give a session's numbers and give different ones (第5次 / 第6次常务会议)."""
    oa, ob = ordinals(a), ordinals(b)
    return bool(oa and ob and oa != ob)


@lru_cache(maxsize=1 << 16)  # pure, and asked again and again while a long report merges
def same_meeting(a: str, b: str) -> bool:
    """Two names on the same day and in the same jurisdiction name the same meeting: same level,
    same type (the last type word), the same distinctive words and no clash of ordinals."""
    if a == b:
        return True
    if ordinals_clash(a, b):
        return False
    a, b = canonical_meeting_name(a), canonical_meeting_name(b)
    la, lb = meeting_level(a), meeting_level(b)
    if la and lb and la != lb:
        return False
    ta, tb = TYPE_WORDS_RE.findall(a), TYPE_WORDS_RE.findall(b)
    if ta and tb and ta[-1] != tb[-1]:
        return False
    ca, cb = meeting_core(a), meeting_core(b)
    if not ca or not cb:
        return False
    short, long_ = sorted((ca, cb), key=len)
    if len(short) < 4:
        return short == long_  # short cores (纪委全, 农村) say too little to be alike
    return short in long_ or name_similarity(ca, cb) >= 0.6


CEREMONY_RE = re.compile(r"(?:开幕式|闭幕式|开幕会|闭幕会)$")


def ceremony_of(name: str, meetings: list[dict]) -> dict | None:
    """The meeting `name` is one with as its opening or closing, in either order (第二届X论坛闭幕式 and
    第二届X论坛); the caller keeps the name without the ceremony."""
    ceremony = CEREMONY_RE.search(name)
    own = canonical_meeting_name(CEREMONY_RE.sub("", name))
    for mt in meetings:
        theirs = canonical_meeting_name(mt["name"])
        if ceremony and theirs == own:
            return mt  # the ceremony of a meeting named before
        if not ceremony and CEREMONY_RE.search(theirs) and CEREMONY_RE.sub("", theirs) == own:
            return mt  # the meeting, named after its ceremony
    return None
