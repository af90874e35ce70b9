"""Meetings: the ones a report is about and the earlier ones it refers to, with date and place.

Shapes: `X会议(在昆明)召开`, `主持召开X会议`, `旬阳县政协召开九届二次主席会议` (convener prefixed),
`在X会议上的讲话` (the title of a speech: the report is about X; in the body: X is referred to),
`传达学习了X会议精神`. Mentions of one meeting in a report are merged (same name family, no clash of
dates or of level: a national and a provincial video conference on one day stay two meetings).
The patterns and the naming of a meeting live in `meeting_text.py`.
"""
from __future__ import annotations

import re

from ..models import Document, Fact, Label, RelType
from .base import Findings, make_mention
from .dates import FULL_DATE_RE, MONTH_DAY_RE, RELATIVE_RE, date_in, range_end
from .meeting_names import (
    CEREMONY_RE,
    canonical_meeting_name,
    ceremony_of,
    meeting_core,
    meeting_level,
    ordinals_clash,
    same_meeting,
)
from .meeting_text import (
    AT_MEETING_RE,
    ATTENDED_LISTED_RE,
    BODY_MEETING_RE,
    CONVENED_RE,
    EVENT_WORD_RE,
    FOLLOW_ON_RE,
    HABIT_RE,
    HEADING_TAIL_RE,
    HELD_RE,
    HELD_VERBS,
    INSTRUCTED_RE,
    LISTED_RE,
    MEETING_CUE_RE,
    NAME_ENDS,
    NEGATED_RE,
    OPENS_AT_RE,
    PARTY_PASSED_RE,
    PARTY_RE,
    PAST_RE,
    PLANNED_RE,
    ROLE_AT_MEETING_RE,
    RUN_IN_RE,
    SPEECH_RE,
    SPIRIT_RE,
    TEASER_RE,
    TYPE_ONLY,
    VISIT_RE,
    YEAR_RE,
    Candidate,
    absolute_name,
    bare,
    clean_name,
    headline_block,
    listed_meetings,
    meeting_kind,
    passed_on,
    place_name,
    slogan_only,
    unquoted,
    with_convener,
    worth_trying,
)
from .metadata import with_text_year


def _first_named(rx, doc: Document, publish: str | None, teaser: int, rule: str) -> list[Candidate]:
    """The first name `rx` finds before the teasers, as a reported meeting dated by what precedes it."""
    for m in rx.finditer(doc.text[:teaser]):
        name, lead = clean_name(m.group("name"))
        if len(name) >= 4 or name in TYPE_ONLY:
            start = m.start("name") + len(lead)
            return [Candidate(start, m.end("name"), name, date_in(doc.text[max(0, start - 40):start], publish), None,
                              True, None, False, rule)]
    return []


class MeetingExtractor:
    name = "meetings"

    def __call__(self, doc: Document) -> Findings:
        publish = doc.meta.date
        header = headline_block(doc.text)
        ends: dict[int, str | None] = {}  # a candidate's last day, when it met over several
        held: set[int] = set()  # candidates named as held or convened (not merely referred to)
        cands: list[Candidate] = []
        teaser = (t.start() if (t := TEASER_RE.search(doc.text)) else len(doc.text))
        for sent in doc.sentences:
            if sent.start >= teaser:
                break  # 新闻推荐: the rest is other stories
            st = sent.text
            if not any(w in st for w in NAME_ENDS):
                continue  # no meeting word: none of the patterns can match (they are costly to try)
            for rx in (HELD_RE, CONVENED_RE, BODY_MEETING_RE):
                if worth_trying(rx, st):
                    self._held(sent, rx, publish, cands, ends, held)
            for m in AT_MEETING_RE.finditer(st):
                name, lead = clean_name(m.group("name"))
                if len(name) < 4 and name not in TYPE_ONLY:
                    continue
                start = sent.start + m.start("name") + len(lead)
                date = date_in(st[:m.start("name")], publish)
                held.add(start)
                rule = "at_meeting_back_reference" if m.group("then") else "at_meeting"
                cands.append(Candidate(start, sent.start + m.end("name"), name, date, None, True, None,
                              bool(PAST_RE.search(st[:m.start()])), rule))
            if (m := OPENS_AT_RE.match(st)) and not AT_MEETING_RE.match(st):
                name, lead = clean_name(m.group("name"))
                if len(name) >= 4 or name in TYPE_ONLY:
                    start = sent.start + len(lead)
                    held.add(start)
                    cands.append(Candidate(start, sent.start + m.end("name"), name, None, None, True, None, False,
                                  "at_meeting_back_reference"))
            self._referred(sent, publish, header, cands)
        if not any(c.reported and c.name not in TYPE_ONLY for c in cands):  # none, or only 座谈会上,…
            found = (self._headline(doc, publish) or self._listed(doc, publish, teaser)
                     or self._run_in(doc, publish, teaser) or self._event(doc, publish, teaser)
                     or self._visit(doc, cands, publish))
            if found:  # 座谈会上, in the body is the headline's …座谈会
                full = found[0].name
                cands = [c._replace(name=full) if c.reported and full.endswith(c.name) else c for c in cands] + found
        # a meeting held "yesterday" is the report's own unless the report is about another one
        about_now = any(c.reported and not c.past and c.start < len(header) for c in cands)  # about its headline meeting
        cands = [c._replace(reported=c.reported and not (c.past and about_now)) for c in cands]
        return self._merge(doc, sorted(cands, key=lambda c: c.start), held)

    def _referred(self, sent, publish: str | None, header: str, cands: list[Candidate]) -> None:
        """The meetings one sentence refers to: a speech at one (在X会上的讲话; the report's own in its
        headline), a congress by number, a meeting whose spirit is passed on."""
        st = sent.text
        for m in SPEECH_RE.finditer(st):
            if st.rfind("《", 0, m.start()) > st.rfind("》", 0, m.start()):
                continue  # 《X在Y会议上的讲话》: the title of a document, not a meeting the report names
            in_title = sent.start < len(header) and m.group() in header  # the headline or 原标题
            for offset, part in listed_meetings(m.group("name")):  # 在X座谈会和Y会议上的讲话: each of them
                name, lead = clean_name(part)
                if len(name) < 4:
                    continue
                at = m.start("name") + offset + len(lead)
                date = publish if in_title else self._adjacent_date(st[:at], publish)
                cands.append(Candidate(sent.start + at, sent.start + at + len(name), name, date, None, in_title, None,
                                       False, "speech_title" if in_title else "speech_at"))
        for m in PARTY_RE.finditer(st):
            if not PARTY_PASSED_RE.match(st, m.end()) or slogan_only(st[:m.start()]):
                continue  # 为党的二十大胜利召开营造氛围, 深入贯彻党的二十大精神: named, neither passed on nor attended
            start = sent.start + m.start()
            cands.append(Candidate(start, sent.start + m.end(), m.group(), None, None, False, None, False, "party_congress"))
        for m in SPIRIT_RE.finditer(st):
            name, lead = clean_name(m.group("name"), whole=True)
            if not passed_on(st[:m.start()] + lead, st[m.end():], name) or slogan_only(st[:m.start()] + lead):
                continue  # 体现了…会议精神, 全面贯彻落实…会议精神: words about a meeting, not a meeting passed on
            inner = MONTH_DAY_RE.search(name)
            if inner:  # 省委常委会6月17日会议
                name = name[:inner.start()] + name[inner.end():]
            if len(name) < 4:
                continue
            start = sent.start + m.start("name") + len(lead)
            date = date_in(inner.group(), publish) if inner else self._adjacent_date(st[:m.start("name")] + lead, publish)
            cands.append(Candidate(start, sent.start + m.end("name"), name, date, None, False, None, False, "spirit_passed_on"))

    def _held(self, sent, rx, publish, cands, ends, held) -> None:
        """The meetings one sentence names as held or convened (HELD_RE, CONVENED_RE, BODY_MEETING_RE)."""
        st = sent.text
        for m in rx.finditer(st):
            name, lead = clean_name(unquoted(m.group("name")))
            if len(name) < 4 and name not in TYPE_ONLY:
                continue
            verb = m.groupdict().get("verb")
            if name.endswith("活动") and rx is CONVENED_RE and verb not in HELD_VERBS:
                continue  # 参加植树活动: an activity, not a meeting
            if rx is CONVENED_RE and NEGATED_RE.search(st[:m.start()]):
                continue  # 不得举办…活动: a rule about meetings, not one held
            if st.rfind("《", 0, m.start()) > st.rfind("》", 0, m.start()):
                continue  # 《关于召开X会议的通知》: inside a document's title
            listed = st[m.start() - 1:m.start()] == "、" and st[m.end():m.end() + 1] in ("、", "等")
            if PLANNED_RE.search(st[:m.start()]) or (verb in HELD_VERBS and listed) or (
                    name in TYPE_ONLY and verb in HELD_VERBS and (HABIT_RE.search(st[:m.start()]) or st[m.end():m.end() + 1] == "、")):
                continue  # 决定…召开: still to come; 建立台账、召开X大会、推进…: a measure, not a meeting
            if name.endswith("审议") and not (rx is CONVENED_RE and verb in ("参加", "出席", "列席")):
                continue  # 会议审议了: the meeting's business; 参加代表团审议: a session
            if rx is HELD_RE and CONVENED_RE.match(st, m.end() - 2) and st[m.end() - 2:m.end()] in ("召开", "举行", "举办"):
                continue  # 县人大常委会召开第四十二次主任会议: the subject convened the meeting named next
            if rx is HELD_RE and m.group("body_held"):
                continue  # 市委常委会召开会议: the body held it (BODY_MEETING_RE names it)
            if rx is BODY_MEETING_RE:
                name += m.group("kind")
            if rx is HELD_RE and m.group("sub"):
                name += m.group("sub")  # 第四次会议举行预备会议: the preparatory meeting of that session
            start = sent.start + m.start("name") + len(lead)
            before = st[:m.start("name")] + lead
            convener, name = with_convener(st, m, name) if rx is CONVENED_RE else (None, name)
            when = m.groupdict().get("when") or m.groupdict().get("day")
            date = date_in(when, publish) if when else date_in(before, publish)
            ends[start] = range_end(when or before, publish)
            if date is None and (f := FOLLOW_ON_RE.match(st)):
                prev = next((c for c in reversed(cands) if c.reported and c.date), None)
                # 会后 after a meeting of several days: its last day
                date = prev and ((f.group().strip() == "会后" and ends.get(prev.start)) or prev.date)
            date = self._year_from_name(name, date)
            venue = m.groupdict().get("place")
            if venue is None and (v := re.search(r"在([^\s,。;:!?、]{1,8}?)(?:召开|举行|举办)", st[max(0, m.start() - 12):m.end()])):
                venue = v.group(1)
            if venue and re.match(r"随后|会后|此前|当天|同日|此后|今天|昨天", venue):
                venue = None  # 在随后召开的: a time, not a place
            past = bool(PAST_RE.search(before))
            rule = self._rule(rx, m, convener)
            if self._passed_on(st, m):
                cands.append(Candidate(start, sent.start + m.end("name"), name, date, venue, False, convener, past, "spirit_passed_on"))
                continue  # 传达了总理参加我省代表团审议时的讲话精神: a meeting passed on, not held here
            held.add(start)
            cands.append(Candidate(start, sent.start + m.end("name"), name, date, venue,
                                   not self._years_before(name, date, publish), convener, past, rule))

    @staticmethod
    def _years_before(name: str, date: str | None, publish: str | None) -> bool:
        """Held two or more years before the report (its date's year, else the year its name opens with:
        从2000年“中非合作论坛…”开幕 in a 2018 report): recalled, not the report's meeting, so later sentences'
        roles are not put there. (A 2023年度 meeting held early in 2024 is still the report's.)"""
        if not (publish and publish[:4].isdigit()):
            return False
        year = date[:4] if date and date[:4].isdigit() else (m.group(1) if (m := YEAR_RE.match(name)) else None)
        return year is not None and int(year) <= int(publish[:4]) - 2

    @staticmethod
    def _passed_on(st: str, m: re.Match) -> bool:
        """A meeting named inside a clause that passes on its spirit (传达…在X会上的讲话精神)."""
        before = re.split(r"[,。;:!?]", st[:m.start()])[-1]
        after = re.split(r"[,。;:!?]", st[m.end():])[0]
        return bool(re.search(r"传达|学习贯彻", before) and re.search(r"精神", after))

    @staticmethod
    def _rule(rx, m, convener) -> str:
        if rx is HELD_RE:
            return "held_in_place" if m.group("place") else "held"
        if rx is BODY_MEETING_RE:
            return "body_held_meeting"
        if convener:
            return "convened_by"
        return {"主持": "chaired_meeting", "出席": "attended_meeting", "参加": "attended_meeting",
                "列席": "attended_meeting"}.get(m.group("verb"), "convened")

    @staticmethod
    def _listed(doc: Document, publish: str | None, teaser: int) -> list[Candidate]:
        """The last resort: 召开驻寺各单位负责人、全体干部座谈会,会议由X主持 — a name that lists its
        participants (with 、), when the text also places someone at a meeting (会议由…主持, 出席会议)."""
        if ROLE_AT_MEETING_RE.search(doc.text[:teaser]) and (found := _first_named(LISTED_RE, doc, publish, teaser,
                                                                                    "convened_listed")):
            return found
        return _first_named(ATTENDED_LISTED_RE, doc, publish, teaser, "attended_listed")

    @staticmethod
    def _run_in(doc: Document, publish: str | None, teaser: int) -> list[Candidate]:
        """The last resort but one: 召开X座谈会罗某校长指出, a caption run into the text (RUN_IN_RE)."""
        return _first_named(RUN_IN_RE, doc, publish, teaser, "convened_run_in")

    def _headline(self, doc: Document, publish: str | None) -> list[Candidate]:
        """The meeting the headline names, when the body names none as held (标题: X召开Y座谈会, X在Y上
        强调, X参加Y代表团审议, X对Y会议作出批示; the body says only 会议由…主持). Its mention stands on
        the body's first meeting word."""
        title = doc.meta.title or ""
        if not title or title in doc.text[:len(title) + 40]:
            return []  # a headline inside the text was read with the text
        for rx in (HELD_RE, CONVENED_RE, SPEECH_RE, INSTRUCTED_RE):
            for m in rx.finditer(title):
                name, _ = clean_name(m.group("name"))
                verb = m.groupdict().get("verb")
                if len(name) < 4 or (name.endswith("审议") and verb not in ("参加", "出席", "列席")) or \
                        (name.endswith("活动") and rx is CONVENED_RE and verb not in HELD_VERBS):
                    continue
                if rx is CONVENED_RE:
                    _, name = with_convener(title, m, name)
                back = re.search(r"会议|" + re.escape(name[-2:]), doc.text)
                s, e = back.span() if back else (0, 0)
                return [Candidate(s, e, name, date_in(doc.text[:s], publish) if back else None, None, True, None, False, "headline")]
        return []

    @staticmethod
    def _event(doc: Document, publish: str | None, teaser: int) -> list[Candidate]:
        """Last resort: the text speaks of "the meeting" (参加会议, 会上,) and places people at it but
        names none; its headline names the event (督查组听取…工作汇报, X座谈交流): the meeting is that."""
        body = doc.text[:teaser]
        back = MEETING_CUE_RE.search(body)
        heading = doc.meta.title or headline_block(doc.text).split("\n", 1)[0]
        heading = re.split(r"\s", heading.strip(), maxsplit=1)[0] if heading else ""
        heading = HEADING_TAIL_RE.sub("", heading)  # …座谈会在拉萨举行, …座谈会时强调: the event, not the sentence
        if not back or not (6 <= len(heading) <= 60) or not EVENT_WORD_RE.search(heading):
            return []
        return [Candidate(back.start(), back.end(), heading, date_in(body[:back.start()], publish), None, True, None, False,
                 "headline_event")]

    @staticmethod
    def _visit(doc: Document, cands: list[Candidate], publish: str | None) -> list[Candidate]:
        """A report of a delegation's visit whose meeting is named by its type alone (座谈会上,…): the
        meeting is the delegation's, 公安县党政代表团考察澧县座谈会."""
        kind = next((c.name for c in cands if c.reported and c.name in TYPE_ONLY), None)
        visit = VISIT_RE.search(doc.text)
        if not kind or not visit:
            return []
        where = absolute_name(visit.group("where"), doc.meta.jurisdiction)
        return [Candidate(visit.start("who"), visit.end(), f"{visit.group('who')}考察{where}{kind}",
                          date_in(doc.text[:visit.start()], publish), None, True, None, False, "delegation_visit")]

    @staticmethod
    def _year_from_name(name: str, date: str | None) -> str | None:
        """`2024年第一次会议` on `--03-14` is 2024-03-14."""
        if date and date.startswith("--") and (y := YEAR_RE.search(name)):
            return f"{y.group(1)}{date[1:]}"
        return date

    @staticmethod
    def _adjacent_date(before: str, publish: str | None) -> str | None:
        m = re.search(rf"(?:{FULL_DATE_RE.pattern}|{MONTH_DAY_RE.pattern}|{RELATIVE_RE.pattern})"
                      rf"(?:(?:上午|下午|晚上)?主持召开的|召开的|举行的)?$", before)
        return date_in(m.group(), publish) if m else None

    def _merge(self, doc: Document, cands: list[Candidate], held: set[int] = frozenset()) -> Findings:
        found = Findings()
        header_len = len(headline_block(doc.text))
        publish_year = bool(re.match(r"\d{4}", doc.meta.date or ""))  # else the year the text speaks of
        meetings: list[dict] = []
        for start, end, name, date, venue, reported, convener, _, rule in cands:
            if (mt := ceremony_of(name, meetings)) is not None:
                mt["spans"].append((start, end, rule))  # X论坛开幕式 after X论坛: the forum's own opening
                if not CEREMONY_RE.search(name):
                    mt["name"] = name  # X论坛 after X论坛开幕式: the meeting keeps its own name
                continue
            prior = sorted((mt for mt in reversed(meetings) if mt["name"] != name and mt["reported"]),
                           key=lambda mt: (not mt["name"].endswith(name), mt["date"] is None))  # stable: latest first
            if (len(meeting_core(name)) <= 2 or not meeting_level(name)) and (mt := next(
                    (mt for mt in prior if bare(name) and bare(name) in bare(mt["name"])), None)):
                mt["spans"].append((start, end, rule))  # 主持预备会议: the preparatory meeting just named
                if bare(name) == bare(mt["name"]) and len(name) > len(mt["name"]) and not ordinals_clash(name, mt["name"]):
                    mt["name"], mt["date"] = name, mt["date"] or date  # 省政府常务会议 (headline), 省政府第113次常务会议
                continue
            for mt in meetings:
                if reported != mt["reported"] and canonical_meeting_name(name) != canonical_meeting_name(mt["name"]) \
                        and not (reported and not mt["reported"] and mt["in_header"]):
                    continue  # 传达学习X会议精神 inside the report of meeting Y: X is another meeting
                if same_meeting(name, mt["name"]) and (not date or not mt["date"] or date == mt["date"]):
                    mt["date"] = mt["date"] or date
                    mt["reported"] = mt["reported"] or reported
                    mt["venue"] = mt["venue"] or venue
                    mt["convener"] = mt["convener"] or convener
                    mt["spans"].append((start, end, rule))
                    if len(name) > len(mt["name"]):  # the fullest wording names the meeting
                        mt["name"] = name
                    break
            else:
                meetings.append({"key": f"M{len(meetings) + 1}", "name": name, "date": date, "venue": venue,
                                 "reported": reported, "convener": convener, "spans": [(start, end, rule)],
                                 "in_header": start < header_len})
        for mt in meetings:
            mt["name"] = absolute_name(mt["name"], doc.meta.jurisdiction)
            place = place_name(mt["venue"]) if mt["venue"] else None
            national = re.match(r"全国|中央|国务院|中共中央", mt["name"])
            jurisdiction = "全国" if national else doc.meta.jurisdiction
            date = mt["date"] if publish_year else with_text_year(mt["date"], doc.text)
            props = dict(key=mt["key"], date=date, place=place, reported=mt["reported"],
                         jurisdiction=jurisdiction, kind=meeting_kind(mt["name"]), venue=mt["venue"],
                         convener=mt["convener"])
            for s, e, rule in mt["spans"]:
                found.mentions.append(make_mention(doc, Label.MEETING, s, e, text=mt["name"], held=s in held,
                                                   rule=rule, **props))
            s, e, _ = mt["spans"][0]
            if place:
                found.mentions.append(make_mention(doc, Label.PLACE, s, e, text=place, kind="city", rule="meeting_venue"))
                found.facts.append(Fact(type=RelType.HELD_IN, source=(Label.MEETING, mt["key"]),
                                        target=(Label.PLACE, place), start=s, end=e, props={"rule": "meeting_venue"}))
        # (REPORTED_IN is decided once the roles are read: see reported.py)
        return found
