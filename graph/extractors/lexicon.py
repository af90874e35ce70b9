"""Shared vocabulary of the extraction rules: name shapes, titles, verbs, dates.

Rules, not statistics: this genre is formulaic (title chain + name + verb), so the rules below are
written as small regular expressions over the normalised text, with jieba's dictionary deciding
whether a string is an ordinary word.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..text import segment
from ..text.normalize import CJK

HAN = f"[{CJK}]"
PUNCT = set(",。;:!?、()“”‘’《》「」【】\n ·.-—…'\"[]")
# Characters never inside a given name (they make "names" out of phrases).
NOT_IN_NAME = set("的了们这那等各该个是在与及或把被将对从到也都就还又但而所")
# Surnames that are also common function characters: never trusted outside a strong context.
WEAK_SURNAMES = set("有来见过但从都能通同多其于和时向国文东相后红海法言福代占原门次达格旦尼拉斯买古热努"
                    "阿依吐木玉南千信户区线校员才全各那所第双能空宣"
                    "京津沪渝冀晋蒙辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀贵黔滇藏陕甘陇青宁新港澳台")

# Words that may follow a name (verbs and particles of this genre), tried longest first.
AFTER_NAME = sorted(set("""主持 出席 参加 列席 强调 指出 讲话 要求 表示 介绍 说 在 于 就 对 向 与 和 同 及 以及 等 一行
同志 作 做 通过 带领 带队 率 率队 到 赴 来 深入 会见 会同 任 担任 兼 代表 宣布 传达 汇报 通报 部署 安排 提出 听取
调研 检查 看望 慰问 签署 批示 作出 分别 也 还 又 是 为 将 已 从 把 被 并 先后 一同 陪同 参会 视频 连线 主张 认为
希望 说明 发言 致辞 总结 点评 宣读 解读 回答 接受 前往 来到 走访 召开 组织 带头 亲自 随后 当选 审议 研究 讨论 听
看 致 的 具体 围绕 结合 针对 首先 最后 再 对此 均 专门 主要 重点 一起 共同 等人 出 领 指 以 按照 根据 委托 应邀 到会 代表 为 颁发 关于 受 逐一 宣誓 发表 完成 结束 开始 抵达 离开 依次
活佛 法师 大师 道长 阿訇 主教 牧师""".split()), key=len, reverse=True)

# Single characters that start a phrase after a name and rarely end a given name (和 does: 金幼和).
RARE_NAME_ENDINGS = set("以作做在就对向与同及等率赴到说也还又是为将已从把被并的则")

# 宣读 (reads out a decision or notice): there, but not a speech (SCHEMA.md's speech verbs leave it out)
ATTEND_VERBS = r"出席|参加|列席|参会|与会|收听收看|出席会议|参加会议|列席会议|在主席台就座|就座|到会指导|到会|莅临|向宪法宣誓|宣誓|宣读"
CHAIR_VERBS = r"主持召开|主持"
SPEAK_VERBS = (r"讲话|强调|指出|作具体要求|提出具体要求|提出要求|提出了?[^,。;的]{0,6}要求|提出[^,。;]{0,4}意见和建议|"
               r"提出[^,。;]{0,4}意见|提出指导意见|要求|作说明|作了?说明|汇报|通报|传达|安排部署|部署|发言|致辞|致词|"
               r"作(?<![工创写动合协操制著运振当称看叫劳]作)了?[^,。;]{0,60}?(?:安排|部署|要求|说明|报告|发言|讲话|总结|"
               r"辅导|动员|点评|对照检查|检视剖析|表态|解读)|"
               r"作(?<![工创写动合协操制著运振当称看叫劳]作)的[^,。;]{0,60}?报告|"
               r"介绍|表示|研讨交流|交流发言|先后发言|逐一发言|发言|点评|致开幕词|致闭幕词|致欢迎词|推介|谈了|说|"
               r"领学|宣讲|解读了?(?=《|“)|建议(?![书稿人])|谈到|提到|发了言|"
               r"(?:主旨|主题|专题)?演讲(?!比赛|稿|会|团)|发表了?题为《[^《》]{1,40}》的[^,。;]{0,4}?(?:讲话|演讲)|"
               r"希望(?!工程|小学|的|之|所在)|"
               r"进行了?[^,。;]{0,8}?(?:总结|解读|点评|动员|说明|发言|讲话)")  # 领学: leads a study session's reading
# (进行深刻解读, 进行大会总结: delivering a speech of that kind)
# (作 opens its alternatives and the check of the character before it comes after: every alternative
# then opens with a character, so a search skips to the places where one of them stands)


def _compound_start(s: str, compounds: frozenset[str]) -> bool:
    return s[:2] in compounds or s[:3] in compounds


@lru_cache(maxsize=1 << 14)  # pure, and asked about the same strings again and again (bounded: a few MB)
def is_surname_start(s: str, *, weak: bool = False) -> bool:
    singles, compounds = segment.surnames()
    if _compound_start(s, compounds):
        return True
    if not s or s[0] not in singles:
        return False
    return not (weak and s[0] in WEAK_SURNAMES)


TITLE_ENDINGS = frozenset(("书记", "省长", "市长", "县长", "主任", "主席", "部长", "局长", "领导", "同志"))


ETHNIC_NAME_RE = re.compile(rf"{HAN}{{1,8}}(?:·{HAN}{{1,8}})+")
ETHNIC_HEAD_RE = re.compile(rf"(?:{HAN}{{1,8}}·)+")  # the parts of an ethnic name before its last
HAN_NAME_RE = re.compile(rf"{HAN}{{2,4}}")  # a Chinese name's shape: 2-4 Han characters
# Compiled once (hot paths): k Han characters, for k = 1..8
HAN_RUN_RE = {k: re.compile(rf"{HAN}{{{k}}}") for k in range(1, 9)}


def ethnic_name_at(text: str, i: int) -> str | None:
    """A name joined by · starting at text[i] (艾力·吐尔地主持 -> 艾力·吐尔地): its last part ends at the
    first place where a verb, a particle or punctuation can follow."""
    m = ETHNIC_HEAD_RE.match(text, i)
    if not m:
        return None
    last = m.end()
    for k in range(1, 9):  # 伊姆兰·汗: the last part may be one character
        if not HAN_RUN_RE[k].fullmatch(text[last:last + k]):
            break
        if boundary_at(text, last + k):
            return text[i:last + k]
    return None


@lru_cache(maxsize=1 << 14)  # pure, and asked about the same strings again and again (bounded: a few MB)
def plausible_name(s: str, *, strict: bool = False, four: bool = False) -> bool:
    """Shape of a Chinese personal name: 2-4 Han characters (or an ethnic name joined by ·).
    Four characters without a compound surname (格日勒图, 才让卓玛) only where `four` allows."""
    if "·" in s:
        return bool(ETHNIC_NAME_RE.fullmatch(s))
    if not HAN_NAME_RE.fullmatch(s):
        return False
    if any(c in NOT_IN_NAME for c in s[1:]):
        return False
    _, compounds = segment.surnames()
    compound = _compound_start(s, compounds) and len(s) >= 3
    if len(s) == 4 and not (compound or four):
        return False
    if strict and not is_surname_start(s, weak=True):
        return False
    if s[-2:] in TITLE_ENDINGS:
        return False
    return True


# jieba tags of ordinary words that never start a name: verbs, adjectives, adverbs, numerals,
# prepositions, conjunctions, pronouns, times (能够参, 宣传好, 多次作, 成为习). Nouns do (王国强).
PHRASE_TAGS = ("v", "a", "b", "d", "m", "p", "c", "r", "t", "f", "q", "u", "l", "i")


def starts_with_phrase_word(s: str) -> bool:
    """Is s a phrase that starts with an ordinary non-noun word (宣传好, 能够参)? (A two-character
    name may be such a word: 甘露.)"""
    if len(s) < 3:
        return False
    tag = segment.word_tag(s[:2])
    return segment.is_common_word(s[:2], min_freq=100) and tag.startswith(PHRASE_TAGS)  # not 拉加德


def weak_word(s: str) -> bool:
    """A weak surname that is itself a function word starting an ordinary word (全体, 依次): a word,
    not a name (a proper noun may be one: 和平; 甘 is a surname to jieba: 甘露)."""
    return s[0] in WEAK_SURNAMES and segment.word_tag(s[0]).startswith(PHRASE_TAGS) and segment.is_common_word(s) \
        and not segment.word_tag(s).startswith("nz")


def name_shaped(s: str, *, surname: bool = True) -> bool:
    """Looks like a name: a surname (`surname=False`: any character) and one to three more (a long
    ethnic name: 格日勒图), or an ethnic name joined by ·; not an ordinary word and not a phrase that
    starts with one."""
    if "·" in s:
        return plausible_name(s)
    if not plausible_name(s, four=True) or segment.is_common_word(s) or is_word_not_name(s):
        return False
    if _compound_start(s, segment.surnames()[1]):
        return True  # 欧阳晓波: 欧阳 is a word too
    if len(s) >= 3 and starts_with_phrase_word(s):
        return False
    if len(s) == 4 and (segment.is_common_word(s[:2]) or segment.is_common_word(s[2:])):
        return False  # 访问期间
    return is_surname_start(s) if surname else s[0] not in NOT_IN_NAME  # 的作用 is no name


@lru_cache(maxsize=1)
def title_re() -> re.Pattern:
    """A title chain's last position word (e.g. 书记 in 云南省委书记). The words are grouped by their
    first character, each group in the words' order (省(?:委书记|长)|市(?:…)…): the same matches, but
    re tries at each place only the words that open with its character, not all two hundred."""
    groups: dict[str, list[str]] = {}
    for word in segment.titles():
        if word != "同志":
            groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return re.compile("|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items()))


@lru_cache(maxsize=1)
def title_end_re() -> re.Pattern:
    """A title word ending a string (云南省委书记 ends in 书记): title_re() anchored at the end."""
    return re.compile(rf"(?:{title_re().pattern})$")


@lru_cache(maxsize=1)
def after_name_re() -> re.Pattern:
    return re.compile("|".join(map(re.escape, AFTER_NAME)))


@lru_cache(maxsize=1)
def role_verb_re() -> re.Pattern:
    return re.compile(rf"(?:{ATTEND_VERBS}|{CHAIR_VERBS}|作具体要求|作说明|作报告|作总结|作研讨交流|作重要讲话|"
                      rf"发表了?(?:重要)?(?:讲话|致辞|演讲)|"
                      rf"{SPEAK_VERBS})")


def _strong_end(text: str, i: int) -> bool:
    """Punctuation or a meeting verb right at text[i]: where a name surely ends."""
    return i >= len(text) or text[i] in PUNCT or bool(role_verb_re().match(text, i))


def boundary_at(text: str, i: int) -> bool:
    """Can a name end right before text[i]?"""
    if i >= len(text) or text[i] in PUNCT or not HAN_RUN_RE[1].match(text, i):
        return True
    return bool(after_name_re().match(text, i))


def is_word_not_name(s: str) -> bool:
    """An ordinary word that is no name: a frequent verb or adverb (应邀, 强调, 明确), a place or a
    body (广州, 党中央), an idiom (高瞻远瞩). Rare words stay possible names (甘露, 苏林)."""
    if not segment.is_common_word(s):
        return False
    tag = segment.word_tag(s)
    return tag.startswith("i") or is_place_or_body(s) or (tag.startswith(PHRASE_TAGS) and segment.word_freq(s) > 300)


def is_place_or_body(s: str) -> bool:
    """A frequent word jieba knows as a place or an organisation (江西, 党中央): no name. (Rarer ones
    are names too often: 江河, 泰山.)"""
    return segment.is_common_word(s) and segment.word_tag(s).startswith(("ns", "nt")) and segment.word_freq(s) > 800


# A role verb right after a candidate, or after a short 在X: where a name surely ends.
ROLE_AFTER_RE = re.compile(r"(?:在[^,。;:在]{1,12}?|代表[^,。;:]{1,16}?)?(?:主持|出席|参加|列席|讲话|致辞|发言|强调|指出|表示|说|要求|介绍)")


def place_named_person(text: str, i: int, s: str) -> bool:
    """A place's name (黄河, 江西) standing between a title and a role verb is a person's: people are
    named after rivers and provinces, and nothing else stands in that slot."""
    return 2 <= len(s) <= 3 and is_surname_start(s) and segment.word_tag(s).startswith("ns") \
        and bool(ROLE_AFTER_RE.match(text, i + len(s)))


@lru_cache(maxsize=1 << 14)  # pure, and asked about the same candidates again and again (bounded: a few MB)
def _phrase_not_name(s: str) -> bool:
    """What phrase_after_title reads in the candidate alone, whatever stands around it."""
    if is_word_not_name(s) or starts_with_phrase_word(s) or (len(s) == 4 and is_word_not_name(s[:2])):
        return True
    if after_name_re().fullmatch(s) or role_verb_re().fullmatch(s):
        return True  # 成员宣誓就职: a word that follows names is none
    if segment.is_common_word(s) and (segment.word_tag(s).startswith("nt") or segment.word_freq(s) > 1000):
        return True  # 代表农工党中央发言, 人大代表依法提出: a body, or a frequent word
    if len(s) >= 3 and title_re().fullmatch(s, 1):
        return True  # 委员长任组长: a verb and a title
    return len(s) == 3 and s[2] in "省市县区州党国" and segment.word_tag(s[:2]).startswith("ns")
    # (代表广州市, 代表古巴党: a place and its level or party)


def phrase_after_title(text: str, i: int, s: str) -> bool:
    """Is the candidate s at text[i] after a title the start of a phrase rather than a name?
    - a word that is no name, or a phrase opening with one (应邀参加, 多次作出, 能够参与), a place
      with its level (广州市);
    - a weak surname that is a conjunction or verb before a title or a word (和委员, 和镇长, 有机会;
      not 甘 of 甘露出席, which jieba knows as a surname);
    - four characters whose last starts the verb phrase (杨某武作传达 -> 杨某武 + 作传达) or a word
      (和驻村工作队: 工作)."""
    if place_named_person(text, i, s):
        return False  # 市委书记黄河主持会议: a title before, a role verb after
    if _phrase_not_name(s):
        return True
    if s[0] in WEAK_SURNAMES and segment.word_tag(s[0]).startswith(PHRASE_TAGS) and (
            title_re().match(text, i + 1) or segment.is_common_word(text[i + 1:i + 3], min_freq=100)):
        return True
    return len(s) == 4 and not _compound_start(s, segment.surnames()[1]) and (
        s[-1] in RARE_NAME_ENDINGS or segment.is_common_word(text[i + 3:i + 5], min_freq=100))


# The head of a title (常务副省长, 党组书记): a title follows it one character later
TITLE_HEAD_RE = re.compile(r"常务|副|代|第一|兼|党组|省|市|县|区")


def name_after(text: str, i: int, *, known: set[str] = frozenset()) -> str | None:
    """The name that starts at text[i] (right after a title), if any."""
    if not is_surname_start(text[i:i + 3]) and "·" not in text[i + 1:i + 9]:
        return None  # every name below starts with a surname, or is joined by · (the cheap test first)
    if (ethnic := ethnic_name_at(text, i)):
        head = ethnic.split("·")[0]
        if title_re().search(head) or (len(head) > 2 and (head[0] == "是" or segment.word_tag(head[0]) in ("p", "c"))):
            return None  # 执行主席是帕巴拉·…, 主席同谢尔达尔·…: a verb or a title before the name
        return ethnic  # 艾力·吐尔地: the whole name, not 艾力
    if title_re().match(text, i) or TITLE_HEAD_RE.match(text[i:i + 2]) and \
            title_re().match(text, i + 1):
        return None  # another title follows (常委、常务副省长), not a name
    cands = []
    for n in (3, 2, 4):
        s = text[i:i + n]
        if len(s) == n and plausible_name(s) and is_surname_start(s):
            cands.append(s)
    four = text[i:i + 4]
    if len(four) == 4 and four not in cands and plausible_name(four, four=True) and is_surname_start(four) and not (
            segment.is_common_word(four[:2]) or segment.is_common_word(four[2:])):
        cands.append(four)  # 格日勒图, 巴图孟和: only when it alone reaches a verb or punctuation
    for s in cands:  # a name already known in this document wins
        if s in known and boundary_at(text, i + len(s)):
            return s
    cands = [s for s in cands if not phrase_after_title(text, i, s)]
    if "·" in text[i + 2:i + 6]:
        return None  # 主席同谢尔达尔·…: a part of a longer name joined by ·, that ethnic_name_at did not take
    five = text[i:i + 5]
    if len(five) == 5 and HAN_RUN_RE[5].fullmatch(five) and is_surname_start(five) \
            and not any(c in NOT_IN_NAME for c in five[1:]) \
            and not any(segment.is_common_word(five[k:k + n]) for n in (2, 4) for k in range(6 - n)) \
            and _strong_end(text, i + 5) and not any(_strong_end(text, i + n) for n in (2, 3, 4)):
        return five  # 乌云其其格主持: a long Mongolian name, when nothing shorter ends at a verb
    # a function word right after a title is not a name (总书记关于…)
    cands = [s for s in cands if s in known or segment.word_tag(s)[:1] not in set("pcdurmqft")]
    bounded = [s for s in cands if boundary_at(text, i + len(s))]
    if len(bounded) > 1 and len(bounded[-1]) == 4 and len(four) == 4:
        if not (text[i + 4:i + 5] in PUNCT or role_verb_re().match(text, i + 4)):
            bounded.pop()
        elif not any(role_verb_re().match(text, i + len(b)) or text[i + len(b):i + len(b) + 1] in PUNCT
                     for b in bounded[:-1]):
            return bounded[-1]
    verbs = {s: m.end() - m.start() for s in bounded if (m := role_verb_re().match(text, i + len(s)))}
    if verbs:  # 曹山作具体要求: the name is what stands before the longest verb phrase
        return max(verbs, key=lambda s: (verbs[s] + len(s), len(s)))
    if len(bounded) > 1 and len(bounded[0]) == 3 and text[i + 2] in RARE_NAME_ENDINGS:
        return bounded[1]  # 林雨以视频方式参加: 以 starts the phrase, it does not end the name
    if bounded:
        if len(bounded) > 1 and len(bounded[0]) == 3 and segment.word_freq(text[i + 2:i + 4]) > 500:
            return bounded[1]  # 陈豪强调: 强调 is a word, so the name is two characters
        return bounded[0]
    # No clear boundary: three characters unless the third starts a common word (周强调研 -> 周强).
    two = text[i:i + 2]
    if not cands or segment.is_common_word(two, min_freq=200) or not is_surname_start(two, weak=True):
        return None
    if len(text) > i + 3 and segment.word_freq(text[i + 2:i + 4]) > 200 and two in cands:
        return two
    return cands[0] if len(cands[0]) == 3 else None
