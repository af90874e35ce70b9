"""Policies a person directs: quoted slogans (“六稳”, “五个管住”) and named measures (复工复产,
分区分级精准防控) in what that person 强调/要求/部署.

Whose words a passage is: a paragraph opened by `NAME强调/要求/指出…` is NAME's; in a speech (the
report is `NAME:在X上的讲话`) the whole text is NAME's; agenda sentences (`会议强调…`) are the words of
whoever chaired the meeting and spoke at it (`主持会议并讲话`), if anyone did.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..models import Document, Fact, Label, RelType
from ..text import segment
from .base import Findings, make_mention
from .titles import absolute_body

QUOTE_RE = re.compile(r"“([^“”,。;:!?]{2,12})”(工程|行动|改革|战略|理念|机制|模式|活动)?")
# named campaigns and measures: 深入开展安全生产治本攻坚三年行动
CAMPAIGN_RE = re.compile(r"(?:开展|实施|推进|深化|推动|落实|打好|打赢|抓好|启动)(?P<p>[\u4e00-\u9fff]{2,16}?"
                         r"(?:三年行动|专项行动|专项整治|攻坚行动|攻坚战|行动计划|提升行动))")
OPENER_RE = re.compile(r"^\s*(?P<name>[\u4e00-\u9fff·]{1,12}?)(?:同志)?(?:在[^,。;]{0,12}?[中上])?(?:就[^,。;]{0,40}?)?"
                       r"(?:提出|作)?(?:强调|要求|指出|部署|表示|讲话|提出|说)")
PRONOUNS = {"他", "她"}
DIRECTIVE_RE = re.compile(r"强调|要求|指出|部署|讲话|提出|安排")
BODY_RE = re.compile(r"(?:委|政府|政协|人大|常委会|领导小组|委员会|办|局|厅|部)$")
AGENDA_RE = re.compile(r"^\s*(?:会议|会上)(?:强调|要求|指出|提出|认为|部署)")
NOT_POLICY = re.compile(r"^(?:一把手|第一责任人|回头看|明星|卓玛)$|^\d+$")


def _person_ending(words: str, people: set[str]) -> str | None:
    """The longest known name that the words end with (省委书记陈明 -> 陈明): a look-up per suffix, not
    a scan of everyone named in the report."""
    return next((words[k:] for k in range(len(words) - 1) if words[k:] in people), None)


class PolicyExtractor:
    name = "policies"

    def __call__(self, doc: Document) -> Findings:
        text = doc.text
        found = Findings()
        people = {m.text for m in doc.mentions if m.label == Label.PERSON and m.props.get("role") != "journalist"}
        chaired = {f.source[1] for f in doc.facts if f.type == RelType.CHAIRED}
        spoke = [f for f in doc.facts if f.type == RelType.SPOKE_AT]
        chair_speaker = next((f.source[1] for f in spoke if f.source[1] in chaired), None)
        # 会议强调 with no chair who spoke: the body that convened the meeting directs
        convener = next((m.props["convener"] for m in doc.mentions if m.label == Label.MEETING and m.props.get("reported")
                         and m.props.get("convener") and BODY_RE.search(m.props["convener"])), None)
        convener = (Label.BODY, absolute_body(convener, doc)) if convener else None
        header = len(text.split("\n", 1)[0]) + 400
        speech_by = next((f.source[1] for f in spoke if f.start < header and f.props.get("how") == "讲话"
                          and re.search(r"上的(?:重要)?讲话", text[:header])), None)
        seen: set[tuple[str, str]] = set()
        last_speaker = None
        directing = {}
        reported = {m.key for m in doc.mentions if m.label == Label.MEETING and m.props.get("reported")}
        for f in sorted(spoke, key=lambda f: f.start):
            if DIRECTIVE_RE.search(f.props.get("how", "")) and f.target[1] in reported:
                directing.setdefault(f.start, f.source[1])
        newlines = [m.start() for m in re.finditer("\n", text)]
        paragraph = None
        for sent in sorted(doc.sentences, key=lambda s: s.start):  # once each: linear in the report
            if text[sent.start:sent.start + 1] == "\n":
                continue  # starts between paragraphs: in none of them
            if (here := bisect_right(newlines, sent.start)) != paragraph:
                paragraph, speaker = here, speech_by  # a new paragraph: its speaker is found anew
            m = OPENER_RE.match(sent.text)
            if sent.start in directing:  # the subject of 强调/要求/部署… in this sentence (roles found it)
                speaker = last_speaker = directing[sent.start]
            elif m and (who := _person_ending(m.group("name"), people)):
                speaker = last_speaker = who  # 省委书记陈明强调
            elif m and m.group("name") in PRONOUNS and last_speaker:
                speaker = last_speaker  # 他指出: the one who spoke last
            elif AGENDA_RE.match(sent.text):
                speaker = chair_speaker or speech_by or convener
            if not speaker:
                continue
            for s, e, policy in self._policies(sent.text):
                if (speaker, policy) in seen:
                    continue
                seen.add((speaker, policy))
                start, end = sent.start + s, sent.start + e
                found.mentions.append(make_mention(doc, Label.POLICY, start, end, text=policy))
                source = speaker if isinstance(speaker, tuple) else (Label.PERSON, speaker)
                found.facts.append(Fact(type=RelType.DIRECTED, source=source,
                                        target=(Label.POLICY, policy), start=start, end=end, props={}))
        return found

    @staticmethod
    def _policies(sentence: str) -> list[tuple[int, int, str]]:
        out = []
        for m in QUOTE_RE.finditer(sentence):
            policy = m.group(1) + (m.group(2) or "")  # “一把手”工程
            if not NOT_POLICY.search(policy):
                out.append((m.start(1), m.end(), policy))
        for m in CAMPAIGN_RE.finditer(sentence):
            if not any(s <= m.start("p") < e for s, e, _ in out):
                out.append((m.start("p"), m.end("p"), m.group("p")))
        for m in segment.policy_patterns().finditer(sentence):
            if not any(s <= m.start() < e for s, e, _ in out):
                out.append((m.start(), m.end(), m.group()))
        return out
