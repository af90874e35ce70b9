"""Who chaired, attended and spoke: a verb and the people standing right before it.

A verb takes as subjects the person right before it (allowing a title of address, `在…上`, `并`,
`就…`/`对…` phrases between) and everyone joined to that person by a list (`、`, `,` between
title-and-name clauses, `以及`). The meeting is the one named after the verb (`主持召开X会议`) or in
`在X会议上`, else the report's current meeting. Everyone who chaired or spoke also attended, so
`MATCH (p)-[:ATTENDED]->(m)` answers "who was there". Agenda sentences (`会议指出`) name no speaker;
`受A委托` and `A作出批示` give A no role.
"""
from __future__ import annotations

import re

from ..models import Document, Fact, Label, Mention, RelType
from .base import Findings
from .lexicon import ATTEND_VERBS, CHAIR_VERBS, SPEAK_VERBS

VERB_RE = re.compile(rf"(?P<chair>{CHAIR_VERBS})|(?P<attend>{ATTEND_VERBS}|在分会场参加|以视频方式参加)|(?P<speak>{SPEAK_VERBS})")
GAP_RE = re.compile(
    r"^(?:同志|总书记|副总理|总理|省长|市长|县长|区长|主席)?"
    r"(?:\d{1,2}月\d{1,2}日(?:上午|下午|晚上)?)?"
    r"(?:等(?:\d+|[一二三四五六七八九十两百]+)?(?:人|位|名)?(?:[^,。;]{0,10}?(?:领导|同志|代表|干部|委员|负责人))?(?:同志)?)?"
    r"(?:,?(?:及|以及|和)(?:其他|有关|相关)?[^,。;]{0,12}?(?:领导|同志|委员|代表|负责同志|负责人|常委|干部|成员)"
    r"(?:等(?:\d+|[一二三四五六七八九十两百]+)?(?:人|位|名)?)?)?"
    r"(?:(?:[,、][^,。;、]{0,20}?(?:负责人|负责同志|主任|代表|委员|干部|成员))+)?"
    r"(?:应邀)?(?:以视频方式|通过视频(?:连线)?(?:方式)?)?(?:受[^,。;]{0,20}?委托)?"
    r"(?:(?:主持|出席|参加|到会)[^,。;]{0,40}?,?并|(?:为|向|给)[^,。;]{0,30}?并|(?:到|赴)[^。;]{0,60}?,?并|,?并)?"
    r"(?:在[^,。;]{0,50}?上|在[^,。;]{0,20}?(?:主会场|分会场|中|时)|在讲话中|在发言中)?"
    r"(?:(?:出席|参加|列席)[^,。;]{0,20}?,?并)?"
    r"(?:代表[^,。;]{0,20}?所?)?"
    r"(?:随后|最后|先后|还|也|又|并|分别|一起|共同|同时|一一|首先|逐一)?"
    r"(?:以视频方式|通过视频(?:连线)?(?:方式)?)?"
    r"(?:就[^。;]{0,90}?|对[^。;]{0,70}?|围绕[^。;]{0,60}?|结合[^。;]{0,40}?)?"
    r"(?:作|做|进行|发表)?了?(?:重要|具体|总结|动员|专题|书面|简要|工作|全面|交流)?$")
INTRO_RE = re.compile(r"(?:与会的还有|出席会议的(?:领导|人员)?(?:还)?有|参加会议的(?:领导|人员)?(?:还)?有|参会人员(?:还)?有|"
                      r"主席台(?:上)?就座的(?:领导)?有|列席(?:会议的)?人员(?:还)?有?|出席人员有?)[:,]?")
ABSENT_RE = re.compile(r"批示|贺信|来信|书面|署名文章|委托")
JOIN_RE = re.compile(r"^\s*(?:、|,|和|及|与|以及|,以及|,和)\s*$")
NOT_SPOKEN_AFTER_RE = re.compile(r"^(?:精神|要求精神|稿|材料)")


def _title_start(m: Mention) -> int:
    return m.props.get("title_start", m.start)


class RoleExtractor:
    name = "roles"

    def __call__(self, doc: Document) -> Findings:
        text = doc.text
        found = Findings()
        people = sorted((m for m in doc.mentions if m.label == Label.PERSON and m.props.get("role") != "journalist"),
                        key=lambda m: m.start)
        meetings = sorted((m for m in doc.mentions if m.label == Label.MEETING), key=lambda m: m.start)
        reported = [m for m in meetings if m.props.get("reported")]
        if not meetings:
            return found
        seen: set[tuple] = set()

        def add(rel: RelType, person: Mention, key: str, start: int, end: int, how: str) -> None:
            k = (rel, person.text, key)
            if k in seen:
                return
            seen.add(k)
            found.facts.append(Fact(type=rel, source=(Label.PERSON, person.text), target=(Label.MEETING, key),
                                    start=start, end=end, props={"how": how}))

        def current(pos: int, sent_start: int) -> list[str]:
            here = [m for m in meetings if sent_start <= m.start < pos and m.props.get("held")]
            if here:  # 此前,县人大常委会召开第四十二次主任会议,訾建平主持: the meeting this sentence names
                return [here[-1].props["key"]]
            before = [m for m in reported if m.start <= pos]
            chosen = before[-1] if before else (reported[0] if reported else None)
            return [chosen.props["key"]] if chosen else []

        for sent in doc.sentences:
            for v in VERB_RE.finditer(text, sent.start, sent.end):
                kind = v.lastgroup
                if kind == "speak" and NOT_SPOKEN_AFTER_RE.match(text, v.end()):
                    continue
                if text[v.start() - 1:v.start()] in ("的",) or text[max(0, v.start() - 2):v.start()] == "重要" \
                        and not re.search(r"[作做发表]重要$", text[max(0, v.start() - 3):v.start()]):
                    continue
                subjects = self._subjects(text, people, v.start(), sent.start)
                if not subjects:
                    continue
                gap = text[subjects[-1].end:v.start()]
                targets = self._targets(meetings, v, gap, kind) or current(v.start(), sent.start)
                if kind == "attend" and ("分会场" in gap or "收听收看" in text[v.start():v.end() + 4]):
                    video = [m.props["key"] for m in reported if m.props.get("kind") == "video conference"]
                    targets = sorted(set(video)) if len(set(video)) > 1 else targets
                rel = {"chair": RelType.CHAIRED, "attend": RelType.ATTENDED, "speak": RelType.SPOKE_AT}[kind]
                if kind == "speak" and re.search(r"在主持[^,。;]{0,10}?时", gap):
                    for key in targets:  # 罗振华在主持学习时指出: he chaired it too
                        for p in subjects:
                            add(RelType.CHAIRED, p, key, sent.start, sent.end, "主持")
                for key in targets:
                    for p in subjects:
                        add(rel, p, key, sent.start, sent.end, v.group())
                        if rel != RelType.ATTENDED:
                            add(RelType.ATTENDED, p, key, sent.start, sent.end, v.group())
            # 与会的还有…, 主席台就座的有…, 列席人员: everyone listed after such an introduction was there
            for intro in INTRO_RE.finditer(text, sent.start, sent.end):
                how = "列席" if "列席" in intro.group() else "出席"
                for person in (p for p in people if intro.end() <= p.start < sent.end):
                    for key in current(intro.start(), sent.start):
                        add(RelType.ATTENDED, person, key, sent.start, sent.end, how)
            # 听取了县文旅局局长武孟阳关于…的汇报: the one heard reported
            for h in re.finditer(r"听取(?:了)?", text[sent.start:sent.end]):
                h_at = sent.start + h.end()
                tail = text[h_at:sent.end]
                rep = re.search(r"(?:关于[^。;]{0,80}?)?(?:的)?(?:工作)?汇报", tail)
                if not rep:
                    continue
                heard = [p for p in people if h_at <= p.start < h_at + rep.start() + 1]
                listener = next((p for p in reversed(people) if p.end <= sent.start + h.start()
                                 and GAP_RE.match(text[p.end:sent.start + h.start()])), None)
                spoke_after = re.match(r"\s*,?\s*并(?:作|做)?(?:了)?(?:重要)?(?:讲话|强调|指出|要求|提出)", tail[rep.end():])
                if listener and spoke_after:
                    heard.append(listener)  # 黎雪玲听取了…的汇报,并讲话
                for person in heard:
                    how = "讲话" if person is listener else "汇报"
                    for key in current(h_at, sent.start):
                        add(RelType.SPOKE_AT, person, key, sent.start, sent.end, how)
                        add(RelType.ATTENDED, person, key, sent.start, sent.end, how)
            # `A在X会议上的讲话`: A spoke at X (a speech's title, or a speech passed on)
            for m in meetings:
                if not (sent.start <= m.start < sent.end):
                    continue
                if not re.match(r"上(?:的|所作的)?(?:重要)?(?:讲话|报告|发言|致辞|强调|指出|表示)", text[m.end:m.end + 8]):
                    continue
                lead = text[max(sent.start, m.start - 1):m.start]
                if lead != "在":
                    continue
                p = next((p for p in reversed(people) if p.end <= m.start - 1
                          and re.fullmatch(r"(?:同志|总书记|省长|市长|主席|总理)?:?\s*", text[p.end:m.start - 1])), None)
                if p:
                    add(RelType.SPOKE_AT, p, m.props["key"], sent.start, sent.end, "讲话")
                    add(RelType.ATTENDED, p, m.props["key"], sent.start, sent.end, "讲话")
        return found

    @staticmethod
    def _subjects(text: str, people: list[Mention], verb_at: int, sent_start: int) -> list[Mention]:
        """The person right before the verb, and the people listed with them."""
        before = [p for p in people if sent_start <= p.start and p.end <= verb_at]
        if not before:
            return []
        last = before[-1]
        gap = text[last.end:verb_at]
        if not GAP_RE.match(gap) or ABSENT_RE.search(gap):
            return []  # 沈怀远在批示中指出: words sent in writing, not spoken at the meeting
        group = [last]
        for p in reversed(before[:-1]):
            head = group[0]
            between = text[p.end:_title_start(head)]
            if not JOIN_RE.match(between):
                break
            group.insert(0, p)
        return group

    @staticmethod
    def _targets(meetings: list[Mention], v: re.Match, gap: str, kind: str) -> list[str]:
        after = [m for m in meetings if v.end() <= m.start <= v.end() + 2 and kind != "speak"]
        if after:
            return [after[0].props["key"]]
        inside = [m for m in meetings if v.start() - len(gap) <= m.start < v.start() and "在" in gap]
        return [inside[-1].props["key"]] if inside else []
