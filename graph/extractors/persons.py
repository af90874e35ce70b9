"""People, by the shapes they take in meeting reports, strongest evidence first:

1. after a title chain: `省委常委、常务副省长宗国英`, `大使姜再冬` (the title decides where the name starts,
   the following verb or punctuation where it ends: `阮成发出席` is 阮成发 + 出席, not 阮成 + 发出);
2. in a list: `赵金、刘慧晏、…、杨杰出席`, `区委常委杨建春、周强、帅建…出席会议`;
3. before a title of address: `习近平总书记`, `刘国中同志`;
4. as the subject of a meeting verb at the start of a clause: `会上,刘智传达…,张斌汇报…`;
5. every further occurrence of a name found by 1-4.

Titles become HOLDS_POSITION facts to the body the title names, made absolute with the report's
jurisdiction (`省委书记` in a Yunnan report -> 云南省委).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

import ahocorasick

from ..models import Document, Fact, Label, RelType, Role
from ..text import gazetteer, segment
from .base import Findings, Needing, make_mention
from .first_chars import opening_class
from .grammar import ADDRESS_POST, ADDRESS_TITLES, LIST_INTRO, LIST_ONLY_TITLES, WORD_CONTEXT
from .lexicon import (
    ATTEND_VERBS,
    CHAIR_VERBS,
    HAN,
    HAN_RUN_RE,
    PUNCT,
    ROLE_AFTER_RE,
    SPEAK_VERBS,
    boundary_at,
    is_surname_start,
    name_after,
    name_shaped,
    plausible_name,
    starts_with_phrase_word,
    title_re,
)
from .person_lists import LIST_INTRO_RE, list_names
from .titles import body_kind, body_of_title, position_word, title_chain

POSTFIX_RE = re.compile(r"总书记|副总理|总理|委员长|同志|省长|市长|县长|书记|主席|"
                        r"局长|主任|部长|会长|院长|校长|总干事|道长|理事长|秘书长|厅长|区长|镇长|乡长|董事长|常委")
# Posts after a name only as the speaker's or chair's: 张某局长强调, 郑某总干事在讲话中说 (and only then).
ROLE_ONLY_POSTFIX = {"局长", "主任", "部长", "会长", "院长", "校长", "总干事", "道长", "理事长", "秘书长", "厅长", "区长",
                     "镇长", "乡长", "董事长", "常委"}  # 常委: a standing member of a CPPCC (张某常委代表…发言)
STRONG_POSTFIX = {"总书记", "副总理", "总理", "委员长", "同志"}
COLLECTIVE_RE = re.compile(r"班子|成员|同志|干部|代表团|人员|群众|督导组|工作组|专家组|领导|单位|部门|队伍|委员会")


# Where a sentence or a clause starts: at the text's start or after its punctuation, written as "no
# character but that punctuation before" (one test at each position, not two: ^ and a lookbehind)
SENTENCE_START = r"(?<![^。;:!?\n])"
CLAUSE_START = r"(?<![^,。;:!?\n])"
# An introduction, then items separated by commas up to the end of the sentence (出席会议的有王某,李某).
INTRO_COMMA_LIST_RE = re.compile(rf"{SENTENCE_START}\s*(?:{LIST_INTRO})[^。;!?\n、]{{2,12}}(?:,[^。;!?\n、,]{{2,12}})+")
LIST_VERBS = rf"{ATTEND_VERBS}|分别作了?[^,。;]{{0,6}}发言|逐一发言|先后发言"
# (one flat alternation, not 等 as an optional group nor the verbs inside a group of their own: every
# alternative then opens with a character, and re tries the pattern only where 等 or a verb's first
# character stands, a fifth of the scan's time; the same matches)
LIST_VERB_RE = re.compile(rf"等(?:同志)?(?:{LIST_VERBS})|{LIST_VERBS}")
# 以习某某新时代中国特色社会主义思想为指导: the thought is named after the person who set it out
# (the name stands where a phrase begins: 以/用/学习/贯彻…, or after punctuation; not 学懂弄通做实新时代…)
THOUGHT_AUTHOR_RE = Needing(re.compile(rf"(?:(?<=[以用和及与、,“:\s])|(?<=学习|贯彻|坚持|践行|落实|领悟|运用|宣传|宣讲))"
                               rf"(?P<name>{HAN}{{2,3}}?)新时代中国特色社会主义思想"), ("新时代中国特色社会主义思想",))
# 学习了王某在全省会议上的重要讲话: the speaker of a speech passed on (no title before the name)
SPEECH_PASSED_ON_RE = Needing(re.compile(rf"(?:学习|传达|贯彻)了?(?P<name>{HAN}{{2,3}}?)(?:同志)?在[^,。;]{{2,40}}?上?的(?:重要)?讲话"),
                              ("讲话",))
APPOINT_RE = re.compile(rf"(?:任命|免去|选举|补选|新任命的|接受)(?P<name>{HAN}{{2,3}}?)(?=为|的|同志|担任|辞去|[,、。])")
# What follows a clause's subject: its verb (perhaps after 等 or 分别…), 就, 对…进行, 围绕…讲话
SUBJECT_ADVERBS = "分别|先后|依次|也|还|均|一同"
SUBJECT_VERBS = f"{SPEAK_VERBS}|{CHAIR_VERBS}|{ATTEND_VERBS}"
SUBJECT_NEXT = (rf"(?:等(?:同志|人)?)?(?:{SUBJECT_ADVERBS})?(?:{SUBJECT_VERBS})|就|对[^,。]{{2,30}}进行|"
                rf"(?:围绕|结合)[^,。;]{{2,30}}?(?:{SPEAK_VERBS})")
# (the characters SUBJECT_NEXT opens with, checked first: each length of the name is then ruled out
# with one test, not with a test of each of the eighty words that may follow it)
SUBJECT_NEXT_OPENING = opening_class(f"等|{SUBJECT_ADVERBS}|{SUBJECT_VERBS}|就|对|围绕|结合")
SUBJECT_RE = re.compile(rf"{CLAUSE_START}\s*(?:会上|会议上|随后|最后|其后|同时|此外|另外|期间)?,?\s*"
                        rf"(?P<name>{HAN}{{2,5}}?)(?={SUBJECT_NEXT_OPENING})(?={SUBJECT_NEXT})")
# (a name alone may close with 等 before its verb: 穆某等参加, the others unnamed)
# A name joined by · at a clause's start, perhaps with a post after it, before its verb: 雪克来提·扎克尔参加,
# 迪丽娜尔·阿布拉委员发言, 嘉木样·洛桑久美·图丹却吉尼玛主任主持会议 (its last part ends before the post or verb)
ETHNIC_SUBJECT_RE = Needing(re.compile(rf"{CLAUSE_START}\s*(?:会上|会议上|随后|最后|同时|此外|期间)?,?\s*"
                                       rf"(?P<name>{HAN}{{1,4}}(?:·{HAN}{{1,8}}?)+?)"
                                       rf"{ADDRESS_POST}?(?=在[^,。;]{{0,12}}?(?:发言|致辞|讲话)|{SPEAK_VERBS}|{CHAIR_VERBS}|"
                                       rf"{ATTEND_VERBS})"), ("·",))  # (tried only where a · is)

CONJUNCTIONS = {"和", "与", "及", "同", "跟"}
FUNCTION_TAGS = ("u", "p", "c")  # jieba's tags of particles, prepositions, conjunctions


def occurrences(text: str, word: str) -> Iterator[int]:
    """Where `word` stands in `text`, left to right, not overlapping (str.find: no pattern to compile
    for each name a report holds)."""
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + len(word))


def all_occurrences(text: str, names: set[str]) -> list[tuple[int, str]]:
    """(start, name) of every occurrence of the names, longer names first, each name's occurrences
    left to right and not overlapping: one pass over the text for all of them (a long report names
    hundreds of people)."""
    if not names:
        return []
    automaton = ahocorasick.Automaton()
    for name in names:
        automaton.add_word(name, name)
    automaton.make_automaton()
    hits = sorted(((-len(name), name, end + 1 - len(name)) for end, name in automaton.iter(text)))
    out, reach = [], {}
    for _, name, start in hits:
        if start >= reach.get(name, 0):
            out.append((start, name))
            reach[name] = start + len(name)
    return out


def _add_person(found: Findings, doc: Document, start: int, end: int, taken: bytearray, *,
                text: str | None = None, **props) -> bool:
    """A person mention of doc.text[start:end] (named `text` when the span is a short form), unless
    another person mention already covers part of the span."""
    if any(taken[start:end]):
        return False
    taken[start:end] = b"\x01" * (end - start)
    found.mentions.append(make_mention(doc, Label.PERSON, start, end, text=text, role=Role.OFFICIAL.value, **props))
    return True


def _after_a_name(text: str, i: int, known: set[str]) -> bool:
    """Does a name (one found already, or one jieba knows as a name) end right before text[i]?"""
    return any(text[i - k:i] in known or segment.word_tag(text[i - k:i]).startswith("nr") for k in (2, 3, 4) if i >= k)


def starts_word(text: str, i: int) -> bool:
    """Does a word begin at text[i] in jieba's reading of the text around it? (员 in 委员会 does not.)"""
    a = max(0, i - WORD_CONTEXT)
    pos = a
    for tok in segment.cut(text[a:i + WORD_CONTEXT]):
        if pos >= i:
            break
        pos += len(tok)
    return pos == i


# Compiled once (hot loops below): a clause between punctuation; commas or spaces between the items
# of a list; a clause that holds a verb of the sentence, so is not an item of a list of names
CLAUSE_RE = re.compile(r"[^,;:。!?\n]+")
COMMAS_RE = re.compile(r"[, ]+")
CHAIR_VERB_RE = re.compile(CHAIR_VERBS)  # (matched where a name ends: no slice of the rest of the text)
NOT_A_NAME_CLAUSE_RE = re.compile(rf"{CHAIR_VERBS}|召开|举行|强调|指出|要求")


def _sentence_back(text: str, end: int, limit: int) -> int:
    """Where the sentence holding text[end] starts, looking back `limit` characters at most: after
    the last 。;:!?\n before `end` (found with rfind, not a step per character)."""
    lo = max(0, end - limit)
    return max(lo, *(text.rfind(c, lo, end) + 1 for c in "。;:!?\n"))


@dataclass
class _Reading:
    """One report's people so far, shared by the rules below (each adds to it, in order)."""
    doc: Document
    text: str
    found: Findings
    taken: bytearray  # characters already inside a person mention
    known: set[str]  # names found so far
    titled: list[tuple[int, int, int, list[str]]]  # (start, end, title chain start, titles) of titled names


def after_title_chain(r: _Reading) -> None:
    """After a title chain."""
    doc, text, found, taken, known, titled = r.doc, r.text, r.found, r.taken, r.known, r.titled
    for t in title_re().finditer(text):
        if COLLECTIVE_RE.match(text, t.end()) or segment.word_tag(text[t.start():t.end() + 1]) not in ("", "nnt"):
            continue  # 县委常委班子, 主席台, 常委会: the title word is part of another word
        if t.group()[0] in "省市县区州" and any(
                (pl := gazetteer.lookup(text[t.start() - k:t.start() + 1])) and pl.kind != "country"
                for k in (2, 3, 4) if t.start() >= k and HAN_RUN_RE[k].fullmatch(text, t.start() - k, t.start())):
            continue  # 湖北省长江: 湖北省 + 长江, not the title 省长 (a place's characters only: not "\n\n" + 市长)
        if t.group() in LIST_ONLY_TITLES:
            continue  # 成员: a title only at the head of a list
        if t.group() in ADDRESS_TITLES and _after_a_name(text, t.start(), known):
            continue  # 习近平总书记强调: a title of address after its name; the sentence follows
        name = name_after(text, t.end(), known=known)
        if not name:
            continue
        s, e = t.end(), t.end() + len(name)
        chain_start, titles = title_chain(text, s)
        if not titles:
            continue
        if _add_person(found, doc, s, e, taken, rule="after_title_chain", titles=titles, title_start=chain_start):
            known.add(name)
            titled.append((s, e, chain_start, titles))


def in_list(r: _Reading) -> None:
    """Lists of names."""
    doc, text, found, taken, known, titled = r.doc, r.text, r.found, r.taken, r.known, r.titled
    for cm in CLAUSE_RE.finditer(text):
        clause = cm.group()
        if "、" not in clause and not LIST_INTRO_RE.match(clause.strip()):
            continue
        current: list[str] = []
        for s, e, rule in list_names(clause, cm.start(), known):
            chain_start, titles = title_chain(text, s)
            if titles:
                current = titles  # 副省长、副指挥长张国华、任军号、李玛琳: the title covers the list
            extra = {"title_start": chain_start} if titles else {}
            if _add_person(found, doc, s, e, taken, rule=rule, titles=titles or current, **extra):
                known.add(text[s:e])
                if titles or current:
                    titled.append((s, e, chain_start if titles else s, titles or current))


def intro_comma_list(r: _Reading) -> None:
    """A list opened by an introduction and written with commas: 参加会议的还有王某,李某,张某。."""
    doc, text, found, taken, known = r.doc, r.text, r.found, r.taken, r.known
    for m in INTRO_COMMA_LIST_RE.finditer(text):
        seg = re.sub(r"[, ]", "、", m.group())
        for s, e, rule in list_names(seg, m.start(), known):
            if _add_person(found, doc, s, e, taken, rule="comma_" + rule, titles=[]):
                known.add(text[s:e])


def comma_list_before_verb(r: _Reading) -> None:
    """Lists written with commas or spaces instead of 、, ending in their verb."""
    doc, text, found, taken, known = r.doc, r.text, r.found, r.taken, r.known
    for v in LIST_VERB_RE.finditer(text):
        start = _sentence_back(text, v.start(), 160)
        clauses = COMMAS_RE.split(text[start:v.start()].rstrip(", "))
        keep = []
        for c in reversed(clauses):
            if not c or len(c) > 18 or NOT_A_NAME_CLAUSE_RE.search(c):
                break
            keep.insert(0, c)
        if len(keep) < 2:
            continue
        seg_start = text.rfind(keep[0], start, v.start())
        listed = text[seg_start:v.start()].rstrip(", ")  # 区领导 范某 游某 出席会议: no item before the verb
        seg = re.sub(r"[, ]+", lambda m: "、" * len(m.group()), listed) + text[v.start():v.end()]
        for s, e, rule in list_names(seg.replace("、、", "、 "), seg_start, known):
            if text[s:e].strip() and _add_person(found, doc, s, e, taken, rule="comma_" + rule, titles=[]):
                known.add(text[s:e])


def before_address_title(r: _Reading) -> None:
    """Before a title of address."""
    doc, text, found, taken, known = r.doc, r.text, r.found, r.taken, r.known
    for p in POSTFIX_RE.finditer(text):
        if text[max(0, p.start() - 2):p.start()] == "负责":
            continue  # 有关负责同志: a phrase, not a name
        if segment.word_tag(text[p.start():p.end() + 1]) not in ("", "nnt"):
            continue  # 主席团: the title word is part of another word
        for n in (4, 3, 2):
            s = p.start() - n
            cand = text[s:p.start()] if s >= 0 else ""
            if n == 4 and not (len(cand) == 4 and segment.surnames()[1] & {cand[:2]}):
                continue  # four characters only with a compound surname (上官明远同志)
            if n == 3 and s > 0 and text[s - 1:s + 1] in segment.surnames()[1]:
                continue
            if not plausible_name(cand) or not is_surname_start(cand, weak=n == 3 or p.group() not in STRONG_POSTFIX):
                continue
            if starts_with_phrase_word(cand) or cand[-1] in "副代" or CONJUNCTIONS & set(segment.cut(cand)):
                continue  # 成为习总书记: no 成为习; 韩某副主席; 党和毛主席
            if segment.is_common_word(cand) or title_re().search(cand) \
                    or title_re().fullmatch(text, s, p.end()) or title_re().fullmatch(text, s + 1, p.end()):
                continue  # 常务副省长 is one title, not 常务副 + 省长
            before = text[s - 1] if s > 0 else "\n"
            if p.group() in ROLE_ONLY_POSTFIX and not (before in PUNCT and ROLE_AFTER_RE.match(text, p.end())):
                continue  # a post after a name stands before its verb, at a clause's start
            if p.group() not in STRONG_POSTFIX and not (before in PUNCT or cand in known or (
                    n == 3 and segment.word_tag(before).startswith(FUNCTION_TAGS))):
                continue  # 传达了李某斌书记的讲话: after a particle or preposition, a name starts
            if n == 3 and text[s:s + 2] in known:
                continue
            if not starts_word(text, s):
                continue  # 委员会委员长: no 员会 (jieba's reading of the text around it: the dearest test, so the last)
            if _add_person(found, doc, s, p.start(), taken, rule="before_address_title", titles=[p.group()] if p.group() != "同志" else []):
                known.add(cand)
            break


def appointment(r: _Reading) -> None:
    """Appointments and removals name people without a title before them."""
    doc, text, found, taken, known = r.doc, r.text, r.found, r.taken, r.known
    for m in APPOINT_RE.finditer(text):
        cand = m.group("name")
        if name_shaped(cand) and _add_person(found, doc, m.start("name"),  # not 选举有效, 接受家教
                                                                              m.end("name"), taken, rule="appointment", titles=[]):
            known.add(cand)


def thought_author_or_speech_passed_on(r: _Reading) -> None:
    """The author of a guiding thought, the speaker of a speech passed on, with no title before them."""
    doc, text, found, taken, known = r.doc, r.text, r.found, r.taken, r.known
    for rx, rule in ((THOUGHT_AUTHOR_RE, "thought_author"), (SPEECH_PASSED_ON_RE, "speech_passed_on")):
        for m in rx.finditer(text):
            cand = m.group("name")
            if (cand in known or name_shaped(cand)) and _add_person(found, doc, m.start("name"), m.end("name"),
                                                                    taken, rule=rule, titles=[]):
                known.add(cand)


def clause_subject(r: _Reading) -> None:
    """Subject of a meeting verb at the start of a clause."""
    doc, text, found, taken, known = r.doc, r.text, r.found, r.taken, r.known
    for m in SUBJECT_RE.finditer(text):
        cand = m.group("name")
        if len(cand) == 2 and boundary_at(text, m.end("name")) is False:
            continue
        if len(cand) == 5 and cand not in known:
            continue  # five characters only when a title introduced them
        if len(cand) == 4 and not (plausible_name(cand, four=True) and not segment.is_common_word(cand[:2])
                                   and not segment.is_common_word(cand[2:]) and CHAIR_VERB_RE.match(text, m.end("name"))):
            continue  # four characters (额尔敦仓主持) only before 主持
        if cand in known or (plausible_name(cand, strict=len(cand) < 4, four=True) and not segment.is_common_word(cand)):
            if _add_person(found, doc, m.start("name"), m.end("name"), taken, rule="clause_subject", titles=[]):
                known.add(cand)


POST_WORD_RE = re.compile(ADDRESS_POST)


def ethnic_clause_subject(r: _Reading) -> None:
    """A name joined by · at the start of a clause, before a post and a meeting verb."""
    for m in ETHNIC_SUBJECT_RE.finditer(r.text):
        start = m.start("name")
        first_end = r.text.index("·", start)
        while start < first_end and r.taken[start]:
            start += 1  # 摄影:姚某珠康·土登克珠: the byline's name is not part of it
        for t in [*title_re().finditer(r.text, start, first_end), *POST_WORD_RE.finditer(r.text, start, first_end)]:
            start = max(start, t.end())  # 赞丹寺活佛昂卓·阿旺金扎: the name follows its title
        name = r.text[start:m.end("name")]
        if plausible_name(name) and _add_person(r.found, r.doc, start, m.end("name"), r.taken,
                                                rule="ethnic_clause_subject", titles=[]):
            r.known.add(name)


def known_name_again(r: _Reading) -> None:
    """Every further occurrence of a known name."""
    doc, text, found, taken, known = r.doc, r.text, r.found, r.taken, r.known
    for at, name in all_occurrences(text, known):
        end = at + len(name)
        if not any(taken[at:end]) and boundary_at(text, end):  # (most are mentions already: that test first)
            _add_person(found, doc, at, end, taken, rule="known_name_again", titles=[])


def surname_and_post(r: _Reading) -> None:
    """A known person called by surname and post (金书记, 冉副省长)"""
    doc, text, found, taken, known = r.doc, r.text, r.found, r.taken, r.known
    short: dict[str, set[str]] = {}
    for m in found.mentions:
        for title in m.props.get("titles", []) if m.label == Label.PERSON else []:
            if (pos := position_word(title)) and len(m.text) >= 2:
                short.setdefault(m.text[0] + pos, set()).add(m.text)
    for form, names in short.items():
        if len(names) != 1 or form in known:
            continue
        name = next(iter(names))
        for at in occurrences(text, form):
            if boundary_at(text, at + len(form)):
                _add_person(found, doc, at, at + len(form), taken, text=name, rule="surname_and_post", titles=[],
                            short=form)


def positions_of_titles(r: _Reading) -> None:
    """Titles -> positions in bodies."""
    doc, text, found, titled = r.doc, r.text, r.found, r.titled
    for s, e, chain_start, titles in titled:
        name = text[s:e]
        level = None
        cursor = chain_start
        for title in titles:
            t_start = text.find(title, cursor)
            if t_start < 0 or t_start >= s:  # a list's title, standing before the list
                t_start = text.rfind(title, 0, s)
            cursor = max(cursor, t_start + len(title))
            body = body_of_title(title, doc, level)
            if title[0] in "省市县区州":
                level = title[0]
            if not body:
                continue
            found.mentions.append(make_mention(doc, Label.BODY, t_start, t_start + len(title), text=body,
                                               kind=body_kind(body), jurisdiction=doc.meta.jurisdiction))
            found.facts.append(Fact(type=RelType.HOLDS_POSITION, source=(Label.PERSON, name),
                                    target=(Label.BODY, body), start=t_start, end=e,
                                    props={"title": title, "date": doc.meta.date}))


# Strongest evidence first; the last turns the titles read into positions in bodies.
RULES = (after_title_chain, in_list, intro_comma_list, comma_list_before_verb, before_address_title, appointment,
         thought_author_or_speech_passed_on, clause_subject, ethnic_clause_subject, known_name_again, surname_and_post, positions_of_titles)


class PersonExtractor:
    name = "persons"

    def __call__(self, doc: Document) -> Findings:
        taken = bytearray(len(doc.text))
        for m in doc.mentions:
            if m.label == Label.PERSON:
                taken[m.start:m.end] = b"\x01" * (m.end - m.start)
        r = _Reading(doc, doc.text, Findings(), taken, {m.text for m in doc.mentions if m.label == Label.PERSON}, [])
        for rule in RULES:
            rule(r)
        return r.found
