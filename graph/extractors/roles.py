"""Who chaired, attended and spoke: small named rules, run in order over every sentence.

A verb takes as subjects the person right before it (allowing the gap GAP_RE reads: a title of
address, `在…上`, `并`, `就…`/`对…` phrases) and everyone joined to that person by a list (`、`, `,`
between title-and-name clauses, `以及`). The meeting is the one named after the verb (`主持召开X会议`)
or in `在X会议上`, else the report's current meeting. Everyone who chaired or spoke also attended, so
`MATCH (p)-[:ATTENDED]->(m)` answers "who was there"; the implied ATTENDED records the same rule.
Agenda sentences (`会议指出`) name no speaker; `受A委托` and `A作出批示` give A no role.

Every Fact records `props["rule"]` (the rule's name, see GRAMMAR.md) beside `props["how"]` (the verb).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import Callable

from ..models import Document, Fact, Label, Mention, RelType
from ..models import Sentence as Span
from . import grammar as g
from .base import Findings
from .first_chars import ByFirstChar
from .lexicon import ATTEND_VERBS, CHAIR_VERBS, SPEAK_VERBS
from .metadata import BYLINE_ROLE

ATTEND_MORE = r"在分会场参加|以视频方式参加"
VERB_RE = ByFirstChar(re.compile(rf"(?P<chair>{CHAIR_VERBS})|(?P<attend>{ATTEND_VERBS}|{ATTEND_MORE})|"
                                 rf"(?P<speak>{SPEAK_VERBS})"), (CHAIR_VERBS, ATTEND_VERBS, ATTEND_MORE, SPEAK_VERBS))
# The gap between a subject and its verb: the named pieces of grammar.py, in their order.
GAP_RE = re.compile(r"^\s*" + "".join((
    g.GAP_ADDRESS, g.GAP_PAREN, g.GAP_WHEN,                      # 同志, (女,蒙古族), 3月5日下午
    g.GAP_ETC, g.GAP_AND_GROUP, g.GAP_GROUP_TAIL,                # 等县领导, 及其他领导, ,省直部门负责同志
    g.GAP_MANNER, g.GAP_TRAVEL, g.GAP_TOUR, g.GAP_FIRST_VERB,    # 应邀, 率团赴X, 调研了…,并, 主持会议并
    g.GAP_ALSO, g.GAP_WHERE, g.GAP_ADDRESSEE, g.GAP_ATTEND_AND,  # (也)在会上, 向大会, 出席…并
    g.GAP_ON_BEHALF, g.GAP_ADVERB, g.GAP_MANNER,                 # 代表县委, 分别, 以视频方式
    g.GAP_TOPIC, g.GAP_DELIVER)) + "$")                          # 就…, 作了重要
# A heading that introduces a list of those present: 出席会议的有, 应邀出席的还有, 列席大会的有, 主席台就座的有.
# A group closing a list, all of it (its last characters may have been read as a name: 主席团成员).
GROUP_RE = re.compile(rf"(?=.)(?:{g.GAP_ETC}{g.GAP_AND_GROUP}{g.GAP_GROUP_TAIL})")
INTRO_RE = re.compile(r"(?:与会的还有|(?:应邀)?(?:出席|参加|列席)(?:会议|大会|开幕会|闭幕会)?的(?:领导|人员|嘉宾)?(?:还)?有|"
                      r"参会人员(?:还)?有|主席台(?:上)?就座的(?:领导)?有|列席(?:会议的)?人员(?:还)?有?|出席人员有?)[:,]?")
ABSENT_RE = re.compile(r"批示|贺信|来信|书面|署名文章|委托")
DELEGATED_BY_RE = re.compile(r"受[^,。;]{0,20}$")  # 受[title] before the delegating person's name
DELEGATION_RE = re.compile(g.DELEGATED)  # the delegate's own gap: 罗某受黎某委托出席
# Two persons of one list: a joiner, and perhaps the next one's title the person extractor left unmarked.
JOIN_RE = re.compile(rf"^{g.GAP_PAREN}{g.SUBJECT_JOIN}(?:[^,。;、:\s]{{0,14}}?{g.JOIN_TITLE_END}、?)*$")  # 区党委副书记、人大主任
NOT_SPOKEN_AFTER_RE = re.compile(r"^(?:精神|要求精神|稿|材料)")
# A speech verb after 作出的 / 提出的 / 所作的 + a short noun phrase is a noun: 提出的四条标准要求.
SPEECH_AS_NOUN_RE = re.compile(r"(?:作出|提出|所作|所提)的[^,。;]{0,12}$")
# An occasion before the verb that is not the meeting reported (在吉林调研时, 在集体学习时): said there.
EARLIER_OCCASION_RE = re.compile(r"在[^,。;]{2,30}?(?:调研|考察|视察|访问|会见|集体学习|出访)[^,。;]{0,6}?时")
# 参加我省代表团审议时的讲话: an earlier event the speech was given at, not this meeting.
EARLIER_EVENT_RE = re.compile(r"[^,。;]{0,40}?时的(?:重要)?(?:讲话|指示|批示)")
HEARD_RE = re.compile(r"听取(?:了)?|听了")  # 听取了A的汇报, 听了A、B发言后
# …or the report A delivered: 听取和审议了县长A所作的政府工作报告, 听取了A作的关于…的说明
REPORT_RE = re.compile(r"(?:关于[^。;]{0,80}?)?(?:的)?(?:工作)?(?:汇报|发言)|(?:所)?作的[^,。;]{0,60}?(?:报告|说明)")
SPOKE_AFTER_RE = re.compile(r"\s*,?\s*并(?:作|做)?(?:了)?(?:重要)?(?:讲话|强调|指出|要求|提出)")
SPEECH_AFTER_MEETING_RE = re.compile(r"(?:上(?:的|所作的)?|的)(?:重要)?(?:讲话|报告|发言|致辞|强调|指出|表示)(?!稿)")  # 在X会(上)的讲话
# A speech still a text: 研究讨论A在X会议上的讲话 (a draft), 《A在X会议上的讲话》 (a document's title).
SPEECH_AS_TEXT_RE = re.compile(r"(?:《|(?:研究|讨论|审议|修改)[^,。;]{0,6})$")
# A post after the speaker's name, before 在: 李某书记在…, 副省长方某在… (the post stood before).
SPEAKER_POST = r"(?:同志|总书记|书记|副?总理|副?省长|副?市长|副?县长|副?区长|副?主席|部长|主任)?"
ANAPHORIC_MEETING_RE = re.compile(r"了?(?:会议|该会|此次会议)(?![^,。;]{0,4}(?:精神|上))")  # 出席会议: the meeting just named
# 参加协商会的市政协委员A: a person the attendance describes (a relative clause before the title)
ATTENDED_RELATIVE_RE = re.compile(r"(?P<verb>出席|参加|列席)了?(?:会议|大会|本次会议|此次会议|[^,。;的]{0,24}?会)的")
# A name right after a credit (摄影:李某 斯某同志指出): the photographer, however the name was found
CREDITED_RE = re.compile(rf"(?:^|[\s,。;:!?(])(?:{BYLINE_ROLE})\s*:?\s*$")  # (not 总编辑廖某)
MEETING_JOIN_RE = re.compile(r"(?:、|和|及|以及)在?")  # 在X大会、在Y会议上的讲话: one list of meetings
SPEAKER_BEFORE_AT_RE = re.compile(rf"{SPEAKER_POST}:?\s*在{g.GAP_WHEN}")
# A meeting opening the sentence: 在随后召开的座谈会上, (A讲话); 在X会议上,
OPENING_BEFORE_RE = re.compile(r"在[^,。;]{0,12}$")
OPENING_AFTER_RE = re.compile(r"上\s*[,:]")
# A phrase a person may stand inside without being the subject: 就…, 对…, 围绕…, 以…为题, 从…方面, 在…上.
TOPIC_OPENER_RE = re.compile(r"就|对|围绕|结合|以|从|在")
PASSIVE_CHAIR_RE = re.compile(r"由([^,。;]{0,40}?)主持")
EXEC_CHAIRS_RE = re.compile(r"(?:(?:大会|会议)的?)?(?:执行主席|主席团常务主席)(?:是|为|有)?:?")  # 大会的执行主席是A、B

# A speaker quoting another: the quoted one's words come after 说, / 指出: (王某说,习某强调,…).
QUOTED_BY_RE = re.compile(r"(?<!会议)(?<!会上)(?:说|指出|强调|表示|认为|提到|谈到)[,:]\s*\S{0,12}$")  # (会议指出: no speaker)
REL = {"chair": RelType.CHAIRED, "attend": RelType.ATTENDED, "speak": RelType.SPOKE_AT}


def _title_start(m: Mention) -> int:
    return m.start if m.title_start is None else m.title_start


class _Report:
    """One document's people and meetings, and the facts found so far (each once)."""

    def __init__(self, doc: Document) -> None:
        self.text = doc.text
        self.people = sorted((m for m in doc.mentions if m.label == Label.PERSON and m.props.get("role") != "journalist"
                              and not CREDITED_RE.search(doc.text, max(0, m.start - 6), m.start)), key=lambda m: m.start)
        self.starts = [p.start for p in self.people]
        self.meetings = sorted((m for m in doc.mentions if m.label == Label.MEETING), key=lambda m: m.start)
        self.meeting_starts = [m.start for m in self.meetings]
        self.reported = [m for m in self.meetings if m.props.get("reported")]
        self.reported_starts = [m.start for m in self.reported]
        self.found = Findings()
        self.seen: set[tuple] = set()
        self.sentences = list(doc.sentences)
        self.sentence_starts = [x.start for x in self.sentences]

    def person_around(self, i: int) -> Mention | None:
        """The person whose name has text[i] inside it (not at its start)."""
        k = bisect_left(self.starts, i) - 1
        return self.people[k] if k >= 0 and self.people[k].start < i < self.people[k].end else None

    def people_in(self, start: int, end: int) -> list[Mention]:
        """The persons starting in text[start:end], in order."""
        return self.people[bisect_left(self.starts, start):bisect_left(self.starts, end)]

    def meetings_in(self, start: int, end: int) -> list[Mention]:
        """The meetings starting in text[start:end], in order."""
        return self.meetings[bisect_left(self.meeting_starts, start):bisect_left(self.meeting_starts, end)]

    def add(self, rel: RelType, person: Mention, key: str, sent: Span, how: str, rule: str) -> None:
        """A role fact; a chair or speaker also attended (recorded with the same rule)."""
        for r in (rel, RelType.ATTENDED) if rel != RelType.ATTENDED else (rel,):
            k = (r, person.text, key)
            if k in self.seen:
                continue
            self.seen.add(k)
            self.found.facts.append(Fact(type=r, source=(Label.PERSON, person.text), target=(Label.MEETING, key),
                                         start=sent.start, end=sent.end, props={"how": how, "rule": rule}))

    def current(self, pos: int, sent_start: int) -> list[str]:
        """The meeting a sentence speaks of: one it names as held before pos, else the last reported one."""
        here = [m for m in self.meetings_in(sent_start, pos) if m.held]
        if here:  # 此前,县人大常委会召开第四十二次主任会议,訾建平主持: the meeting this sentence names
            return [here[-1].key]
        if not self.reported:
            return []
        k = bisect_left(self.reported_starts, pos + 1)  # the last reported meeting named by pos, else the first
        return [self.reported[k - 1 if k else 0].key]

    def held_just_before(self, sent_start: int) -> list[str]:
        """The meeting the sentence before this one names as held, when it is not the report's own
        (上周五,省委召开全省经济工作调度会…。马某在襄阳分会场参加会议: 会议 is that one)."""
        k = bisect_left(self.sentence_starts, sent_start) - 1
        if k < 0:
            return []
        prev = self.sentences[k]
        held = [m for m in self.meetings_in(prev.start, prev.end) if m.held and not m.props.get("reported")]
        return [held[-1].key] if held else []

    def subjects(self, verb_at: int, sent_start: int) -> list[Mention]:
        """The person right before the verb (across an allowed gap), and the people listed with them."""
        before = [p for p in self.people_in(sent_start, verb_at) if p.end <= verb_at]
        if not before:
            return []
        last = before[-1]
        gap = self.text[last.end:verb_at]
        if len(before) > 1 and (self.text[before[-2].end:last.start] == "代表" or
                                not GAP_RE.match(gap) and
                                TOPIC_OPENER_RE.search(self.text, before[-2].end, _title_start(last))):
            before.pop()  # 方正从学习李某讲话精神等方面作解读; 李某代表国务院 (read as a name): no subject
            last = before[-1]
            gap = self.text[last.end:verb_at]
        if len(before) > 1 and DELEGATED_BY_RE.search(self.text, before[-2].end, _title_start(last)) \
                and gap.startswith("委托"):
            before.pop()  # 罗某受副书记黎某委托出席: the one who came, not the one who sent him
            last = before[-1]
            gap = self.text[last.end:verb_at]
        if len(before) > 1 and GROUP_RE.fullmatch(self.text, before[-2].end, last.end):
            before.pop()  # 吴建华及全体主席团成员参加: a "name" read inside a group noun is none
            last = before[-1]
            gap = self.text[last.end:verb_at]
        if not GAP_RE.match(gap) or ABSENT_RE.search(DELEGATION_RE.sub("", gap)):
            return []  # 沈怀远在批示中指出: words sent in writing, not spoken at the meeting
        group = [last]
        for p in reversed(before[:-1]):
            if not JOIN_RE.match(self.text[p.end:_title_start(group[0])]):
                break
            group.insert(0, p)
        return group


Rule = Callable[[_Report, Span], None]


def chaired_by_passive(r: _Report, sent: Span) -> None:
    """`(X会议)由[title]A主持`: A chaired the meeting named right before 由, else the current one."""
    for m in PASSIVE_CHAIR_RE.finditer(r.text, sent.start, sent.end):
        verb_at = m.end() - 2
        subjects = r.subjects(verb_at, m.start(1))
        if not subjects:
            continue
        named = [x for x in r.meetings_in(sent.start, m.start()) if x.end <= m.start() and
                 re.fullmatch(r"\s*", r.text[x.end:m.start()])]
        for key in [named[-1].key] if named else r.current(m.start(), sent.start):
            for p in subjects:
                r.add(RelType.CHAIRED, p, key, sent, "主持", "chaired_by_passive")


SPEECH_NOUN_END_RE = re.compile(r"(?:讲话|发言|报告|致辞)$")
THOSE_PRESENT_RE = re.compile(r"(?:与会|参会)(?:人员|代表|者|同志|领导|专家|嘉宾)")
GIVES_IMPORTANT_RE = re.compile(r"[作做发表]重要$")


def _skip_verb(r: _Report, v: re.Match, kind: str) -> bool:
    text, at = r.text, v.start()
    if kind == "speak" and NOT_SPOKEN_AFTER_RE.match(text, v.end()):
        return True  # 讲话精神: a speech passed on, not given here
    if kind == "speak" and SPEECH_NOUN_END_RE.search(v.group()) and text[v.end():v.end() + 1] == "中":
        return True  # 在开幕式主旨讲话中提出: a noun, the verb comes after
    if kind == "attend" and THOSE_PRESENT_RE.match(text[at:at + 5]):
        return True  # 向与会人员宣讲: those present, not a verb
    if text[at - 1:at] == "的":
        return True  # 会议的主持: a noun
    if kind == "speak" and SPEECH_AS_NOUN_RE.search(text, max(0, at - 16), at):
        return True  # 对宗教界人士提出的四条标准要求: words referred to, not spoken here
    return text[max(0, at - 2):at] == "重要" and not GIVES_IMPORTANT_RE.search(text[max(0, at - 3):at])


def _verb_targets(r: _Report, v: re.Match, gap: str, kind: str, lead: int, sent: Span) -> list[str]:
    """The meeting named right after the verb (主持召开X会议), in the gap (在X会议上), or opening the
    sentence before the subjects (在随后召开的X会议上,A讲话)."""
    if kind != "speak":
        after = r.meetings_in(v.end(), v.end() + 3)
        if after:
            return [after[0].key]
    inside = r.meetings_in(v.start() - len(gap), v.start()) if "在" in gap else []
    if inside:
        return [inside[-1].key]
    opening = [m for m in r.meetings_in(sent.start, lead) if OPENING_AFTER_RE.match(r.text, m.end, lead)
               and OPENING_BEFORE_RE.search(r.text, sent.start, m.start)]
    return [opening[-1].key] if opening else []


def _passed_on_person(text: str, sent_start: int, person: Mention) -> bool:
    """传达了王某…讲话, 学习习某总书记…: the person stands as the object of a verb passing words on."""
    at = _title_start(person)
    return bool(g.PASSED_ON_PERSON_RE.search(text, sent_start, at)) and not g.VERB_IN_NOUN_RE.match(text, at)


def verb_subject(r: _Report, sent: Span) -> None:
    """`[title]A、[title]B + gap + verb`: 出席/主持/讲话… by the persons right before the verb."""
    pos = sent.start
    while (v := VERB_RE.search(r.text, pos, sent.end)):
        kind, pos = v.lastgroup, v.end()
        inside = r.person_around(v.start())
        subjects = [] if _skip_verb(r, v, kind) else r.subjects(v.start(), sent.start)
        if not subjects:
            if inside:
                pos = inside.end  # 王作安出席: 作安出席 is no verb phrase; read on after the name
            continue
        if kind == "speak" and QUOTED_BY_RE.search(r.text, sent.start, _title_start(subjects[0])):
            continue  # 王某说,习某强调,…: words quoted by the speaker, not spoken at this meeting
        gap = r.text[subjects[-1].end:v.start()]
        targets = _verb_targets(r, v, gap, kind, _title_start(subjects[0]), sent)
        if not targets and (EARLIER_OCCASION_RE.search(gap) or _passed_on_person(r.text, sent.start, subjects[0])):
            continue  # 在吉林调研时指出: said on an earlier occasion; 学习习某总书记…精神,研究部署: words passed on
        if not targets and kind == "attend" and ANAPHORIC_MEETING_RE.match(r.text, v.end()) \
                and not any(m.held for m in r.meetings_in(sent.start, v.start())):
            targets = r.held_just_before(sent.start)  # 参加会议 right after a sentence holding another meeting
        targets = targets or r.current(v.start(), sent.start)
        if kind == "attend" and EARLIER_EVENT_RE.match(r.text, v.end()):
            # 出席X会议时的讲话: attended and spoke at the X named; with no meeting named, nothing
            named = r.meetings_in(v.end(), v.end() + 3)
            for p in subjects:
                for m in named[:1]:
                    r.add(RelType.SPOKE_AT, p, m.key, sent, v.group(), "verb_subject")
            continue
        if kind == "attend" and ("分会场" in gap or "收听收看" in r.text[v.start():v.end() + 4]):
            video = sorted({m.key for m in r.reported if m.props.get("kind") == "video conference"})
            targets = video if len(video) > 1 else targets  # watched at a branch venue: every video meeting
        for key in targets:
            for p in subjects:
                if kind == "speak" and re.search(r"在主持[^,。;]{0,10}?时", gap):
                    r.add(RelType.CHAIRED, p, key, sent, "主持", "verb_subject")  # 在主持学习时指出: chaired too
                r.add(REL[kind], p, key, sent, v.group(), "verb_subject")


def executive_chairs(r: _Report, sent: Span) -> None:
    """`大会执行主席A、B、C…`: the presiding members of a session were there (the chair is named by 主持)."""
    for t in EXEC_CHAIRS_RE.finditer(r.text, sent.start, sent.end):
        listed = r.people_in(t.end(), sent.end)
        if not listed or listed[0].start != t.end() or r.text[t.end()] in "和及与、":
            continue  # 主席团常务主席和秘书长: another title, not a name
        group = [listed[0]]
        for p in listed[1:]:
            if not re.fullmatch(g.SUBJECT_JOIN, r.text[group[-1].end:p.start]):
                break
            group.append(p)
        for key in r.current(t.start(), sent.start):
            for p in group:
                r.add(RelType.ATTENDED, p, key, sent, "执行主席", "executive_chairs")


def intro_list(r: _Report, sent: Span) -> None:
    """`出席会议的有…`, `主席台就座的有…`, `列席人员…`: everyone listed after it was there."""
    for intro in INTRO_RE.finditer(r.text, sent.start, sent.end):
        how = "列席" if "列席" in intro.group() else "出席"
        for key in r.current(intro.start(), sent.start):
            for person in r.people_in(intro.end(), sent.end):
                if person.title_start is not None or r.text[person.start - 1] in "、,:和及与":
                    r.add(RelType.ATTENDED, person, key, sent, how, "intro_list")  # a list item, not a word inside one


def attended_relative(r: _Report, sent: Span) -> None:
    """`参加协商会的[title]A(、[title]B)`: those the attendance describes were there."""
    for rel in ATTENDED_RELATIVE_RE.finditer(r.text, sent.start, sent.end):
        listed = r.people_in(rel.end(), sent.end)
        first = listed[0] if listed else None
        if not first or not (first.start == rel.end() or (
                first.title_start is not None and first.title_start <= rel.end() and
                re.fullmatch(r"[^,。;:、\s]*", r.text[rel.end():first.start]))):
            continue  # 参加会议的人员有…: the introduction's rule; 参加会议的同志们: no one named
        group = [listed[0]]
        for p in listed[1:]:
            if not JOIN_RE.match(r.text[group[-1].end:_title_start(p)]):
                break
            group.append(p)
        named = [m for m in r.meetings_in(rel.start(), rel.end()) if m.end <= rel.end()]
        for key in [named[-1].key] if named else r.current(rel.start(), sent.start):
            for p in group:
                r.add(RelType.ATTENDED, p, key, sent, rel.group("verb"), "attended_relative")


def heard_report(r: _Report, sent: Span) -> None:
    """`听取了[title]A关于…的汇报`, `听了A、B发言后`: they reported or spoke; the listener spoke too when
    `,并讲话` follows."""
    for h in HEARD_RE.finditer(r.text, sent.start, sent.end):
        rep = REPORT_RE.search(r.text, h.end(), sent.end)
        if not rep:
            continue
        heard = r.people_in(h.end(), rep.start() + 1)
        listener = next((p for p in reversed(r.people_in(sent.start, h.start())) if p.end <= h.start()), None)
        if listener and not GAP_RE.match(r.text[listener.end:h.start()]):
            listener = None
        if listener and SPOKE_AFTER_RE.match(r.text, rep.end()):
            heard.append(listener)  # 黎雪玲听取了…的汇报,并讲话
        for person in heard:
            how = "讲话" if person is listener else rep.group()[-2:]
            for key in r.current(h.end(), sent.start):
                r.add(RelType.SPOKE_AT, person, key, sent, how, "heard_report")


def _meeting_chains(r: _Report, sent: Span) -> list[list[Mention]]:
    """The sentence's meetings, those joined by 、/和/及 into one list (在X座谈会和Y会议上的讲话) together."""
    chains: list[list[Mention]] = []
    for m in r.meetings_in(sent.start, sent.end):
        if chains and MEETING_JOIN_RE.fullmatch(r.text, chains[-1][-1].end, m.start):
            chains[-1].append(m)
        else:
            chains.append([m])
    return chains


def speech_at_meeting(r: _Report, sent: Span) -> None:
    """`A[总书记]在[date]X会议上的讲话`: A spoke at X (a speech's title, or a speech passed on); at each of
    a list of meetings the speech names (在X座谈会和Y会议上的重要讲话)."""
    for chain in _meeting_chains(r, sent):
        first = chain[0]
        if not SPEECH_AFTER_MEETING_RE.match(r.text, chain[-1].end):
            continue
        before = [p for p in r.people_in(max(sent.start, first.start - 20), first.start) if p.end <= first.start]
        if before and SPEAKER_BEFORE_AT_RE.fullmatch(r.text, before[-1].end, first.start) and \
                not SPEECH_AS_TEXT_RE.search(r.text, sent.start, before[-1].start):
            for m in chain:
                r.add(RelType.SPOKE_AT, before[-1], m.key, sent, "讲话", "speech_at_meeting")


RULES: tuple[Rule, ...] = (chaired_by_passive, verb_subject, executive_chairs, intro_list, attended_relative,
                           heard_report, speech_at_meeting)


class RoleExtractor:
    name = "roles"

    def __call__(self, doc: Document) -> Findings:
        r = _Report(doc)
        if not r.meetings:
            return r.found
        for sent in doc.sentences:
            for rule in RULES:
                rule(r, sent)
        return r.found
