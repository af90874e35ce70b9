"""Lists of people: `赵某、钱某、孙某等县领导参加会议`, `出席会议的有…`, `副主任王某、李某及其他组成人员出席`.

A list is read whole: every item is a name, perhaps after a title (`区委常委杨某春`), the first
perhaps after an introduction (`市领导`), the last perhaps followed by a group tail and its verb
(`等县领导参加会议`). An item the dictionary does not know as a name start (a rare surname) is still
a name when it has a name's shape and most items of the list are surely names (`list_by_majority`);
an item that is anything else means the clause is not a list of people.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..text import segment
from .grammar import GROUP_TAIL, LIST_CLOSE, LIST_INTRO, TAIL_START
from .lexicon import (
    ATTEND_VERBS,
    CHAIR_VERBS,
    HAN,
    RARE_NAME_ENDINGS,
    SPEAK_VERBS,
    boundary_at,
    ethnic_name_at,
    is_place_or_body,
    is_surname_start,
    name_shaped,
    plausible_name,
    starts_with_phrase_word,
    title_re,
    weak_word,
)

LIST_INTRO_RE = re.compile(rf"^(?:{LIST_INTRO}):?\s*")  # 出席会议的有:A,B
# The end of the last item: a group tail, then the verb of the sentence (王某等县领导出席会议).
ROLE_TAIL_RE = re.compile(rf"{LIST_CLOSE}.*|{GROUP_TAIL}?(?:等人|等同志|同志)?(?:[省市县区州]?(?:级)?领导)?(?:(?:{ATTEND_VERBS}|{CHAIR_VERBS}|"
                          rf"{SPEAK_VERBS}|应邀|视频|分别|先后|随后|逐一|一起|共同|还|也|就|对|在|作|做|围绕|结合|针对|通过|以|按照|"
                          rf"根据).*)?")
TAIL_START_RE = re.compile(TAIL_START)
LIST_CLOSE_RE = re.compile(LIST_CLOSE)
COPULA = "是有"  # 执行主席是王某、李某: the title's list is introduced by 是


@lru_cache(maxsize=1)
def _verb_in_head() -> re.Pattern:
    return re.compile(rf"{ATTEND_VERBS}|{CHAIR_VERBS}|在")


# Compiled once (called per list item): a name joined by 和/及 to the next item (A和秘书长C), and the
# words after the last item that make a list of people (等, a verb of attending, chairing or speaking)
NAME_THEN_AND_RE = re.compile(rf"^({HAN}{{2,4}}?)(?:以及|和|及)")
LIST_END_VERB_RE = re.compile(rf"(?:等|等人|{ATTEND_VERBS}|{CHAIR_VERBS}|{SPEAK_VERBS})")


def _split_items(clause: str) -> Iterator[tuple[int, str, bool]]:
    """The items of a list clause as (position in the clause, text, whether it ends the clause): split
    on 、, and on 和/及 where they join the last two names (A、B和秘书长C, A和西藏自治区领导B; but 胡和平,
    金幼和 keep their 和). Read lazily: most clauses are no list from their first item on."""
    parts = clause.split("、")
    pos = 0
    for k, part in enumerate(parts, 1):
        m = NAME_THEN_AND_RE.match(part)
        if m and len(parts) > 1 and plausible_name(m.group(1)) and is_surname_start(m.group(1)):
            rest = part[m.end():]
            cut = _title_cut(rest)  # A和西藏自治区领导B: 和 joins a titled name
            if title_re().match(rest) or (0 < cut < len(rest) and is_surname_start(rest[cut:], weak=True)) or any(
                    is_surname_start(rest[:n], weak=True) and plausible_name(rest[:n]) and boundary_at(rest, n)
                    for n in (3, 2)):
                yield pos, m.group(1), False
                pos += m.end()
                part = rest
        yield pos, part, k == len(parts)
        pos += len(part) + 1


def _title_cut(body: str) -> int:
    """Where a title prefix of an item ends (区委常委杨某春 -> after 常委), 0 if none. Titles in the
    item's tail (赵某等县领导, 吴某及常委会组成人员) and words that only contain a title (主席团)
    are not its prefix."""
    cut = 0
    for t in title_re().finditer(body):
        tail = TAIL_START_RE.search(body, cut + 2, cut + 5)  # 等/及 right after a name: 赵某等县领导
        joined = tail and tail.group() != "等" and is_surname_start(body[t.end():], weak=True)
        if _verb_in_head().search(body[:t.start()]) or (tail and t.start() >= tail.start() and not joined):
            break  # 胡某出席常委会会议: the title word is in the tail, not before the name (but
            # 书记丁某和常委罗某: 和 joins another titled name)
        if t.end() < len(body) and segment.word_tag(body[t.start():t.end() + 1]) not in ("", "nnt"):
            continue  # 主席团, 常委会: a longer word, not the title
        cut = t.end()
    if cut and body[cut:cut + 1] in COPULA and len(body) > cut + 2:
        cut += 1
    return cut


def _item_name(body: str, last: bool, strong: bool, known: set[str]) -> tuple[str | None, bool]:
    """The name an item starts with, and whether it is surely one (known, or a surname starts it);
    a name only by its shape is (name, False)."""
    shaped = None
    for n, four in ((4, False), (3, False), (2, False), (4, True)):  # 格日勒图 only if 杨杰+出席 fails
        cand, tail = body[:n], body[n:]
        if len(cand) < n or not plausible_name(cand, four=four and strong and not tail) or (
                cand not in known and ROLE_TAIL_RE.fullmatch(cand)):
            continue  # 副主任列席会议: a title and its verb, no name
        if tail and not (last and ROLE_TAIL_RE.fullmatch(tail)):
            continue
        if tail and cand[-1] in RARE_NAME_ENDINGS and ROLE_TAIL_RE.fullmatch(body[n - 1:]):
            continue  # 肖某以及…组成人员: 以 starts the tail
        if cand in known or (is_surname_start(cand, weak=not strong) and not starts_with_phrase_word(cand)
                             and not is_place_or_body(cand) and not weak_word(cand) and (n < 4 or name_shaped(cand))):
            # not 江西、福建…负责同志 (places), nor 东盟国家 (four characters holding words)
            return cand, True
        if shaped is None and name_shaped(cand, surname=False) and (n <= 3 or four):
            shaped = cand
    if "·" in body and (ethnic := ethnic_name_at(body, 0)) and not segment.is_common_word(ethnic[:2]):
        return ethnic, True  # 艾力·吐尔地; not 政府和劳尔·卡斯特罗主席
    return shaped, False


def _up_to_close(items: Iterator[tuple[int, str, bool]]) -> Iterator[tuple[int, str, bool]]:
    """The items of a list up to the one that closes it (戚某等16位常委、委员作发言: the list ends at
    its 等), each with whether it is the last."""
    for ipos, item, at_end in items:
        last = at_end or bool((close := LIST_CLOSE_RE.search(item, 2)) and ROLE_TAIL_RE.fullmatch(item[close.start():]))
        yield ipos, item, last
        if last:
            return


def _surely_people(clause: str) -> bool:
    """An introduction before the list (出席会议的有…), or 等 or a meeting verb in its last item: the
    clause is surely a list of people."""
    last = clause.split("、")[-1].strip()
    return bool(LIST_INTRO_RE.match(clause.strip())) or bool(LIST_END_VERB_RE.search(last[2:]))


def list_names(clause: str, offset: int, known: set[str]) -> list[tuple[int, int, str]]:
    """Names in an attendance or speaker list clause, as (start, end, rule) in the document."""
    found: list[tuple[int, int, bool]] = []
    titled = False
    strong: bool | None = None  # _surely_people(clause), read when an item first needs it (nine clauses in ten are
    # no list from their first item on: they never do)
    for k, (ipos, item, last_item) in enumerate(_up_to_close(_split_items(clause))):
        lead = len(item) - len(item.lstrip())
        body = item.strip()
        if not body:
            continue
        if k == 0 and (m := LIST_INTRO_RE.match(body)):
            lead, body = lead + m.end(), body[m.end():]
            if not body:
                continue  # 区领导、范某、游某: the introduction is an item of its own
        cut = _title_cut(body)
        if cut:
            titled = True
            if cut == len(body) or (last_item and ROLE_TAIL_RE.fullmatch(body[cut:])):
                continue  # only a title (市委副书记、市政府市长叶某文), or 和委员等21人出席会议
            lead, body = lead + cut, body[cut:]
        if not last_item and len(body) > 4 and "·" not in body:
            return []  # only the last item has a tail after its name; no name is longer (the cheap test first)
        if strong is None:
            strong = _surely_people(clause)
        name, sure = _item_name(body, last_item, strong, known)
        if not name:
            return []  # not a list of people
        strong = strong or cut > 0 or (k == 0 and lead > 0) or name in known
        s = offset + ipos + lead
        # 市委书记鸟某云在仪式上致辞: its own title and its verb vouch for a name by its shape
        found.append((s, s + len(name), sure or (cut > 0 and len(body) > len(name))))
    if not strong or not (len(found) >= 2 or titled):
        return []
    sure = sum(1 for *_, ok in found if ok)
    if sure <= len(found) - sure:
        return []  # most items must surely be names before the others are taken for names
    return [(s, e, "in_list" if ok else "list_by_majority") for s, e, ok in found]
