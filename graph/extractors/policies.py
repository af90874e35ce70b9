"""Policies a person directs: quoted slogans (“六稳”, “五个管住”) and named measures (复工复产,
分区分级精准防控) in what that person 强调/要求/部署.

Whose words a passage is: a paragraph opened by `NAME强调/要求/指出…` is NAME's; in a speech (the
report is `NAME:在X上的讲话`) the whole text is NAME's; agenda sentences (`会议强调…`) are the words of
whoever chaired the meeting and spoke at it (`主持会议并讲话`), if anyone did.
"""
from __future__ import annotations

import re

from .. import segment
from ..models import Document, Fact, Label, RelType
from .base import Findings, make_mention

QUOTE_RE = re.compile(r"“([^“”,。;:!?]{2,12})”")
OPENER_RE = re.compile(r"^\s*(?P<name>[\u4e00-\u9fff·]{2,8}?)(?:同志)?(?:强调|要求|指出|部署|表示|讲话|提出)")
AGENDA_RE = re.compile(r"^\s*(?:会议|会上)(?:强调|要求|指出|提出|认为|部署)")
NOT_POLICY = re.compile(r"^(?:一把手|第一责任人|回头看|明星|卓玛)$|^\d+$")


class PolicyExtractor:
    name = "policies"

    def __call__(self, doc: Document) -> Findings:
        text = doc.text
        found = Findings()
        people = {m.text for m in doc.mentions if m.label == Label.PERSON and m.props.get("role") != "journalist"}
        chaired = {f.source[1] for f in doc.facts if f.type == RelType.CHAIRED}
        spoke = [f for f in doc.facts if f.type == RelType.SPOKE_AT]
        chair_speaker = next((f.source[1] for f in spoke if f.source[1] in chaired), None)
        header = len(text.split("\n", 1)[0]) + 400
        speech_by = next((f.source[1] for f in spoke if f.start < header and f.props.get("how") == "讲话"
                          and re.search(r"上的(?:重要)?讲话", text[:header])), None)
        seen: set[tuple[str, str]] = set()
        for para in re.finditer(r"[^\n]+", text):
            speaker = speech_by
            for sent in doc.sentences:
                if not (para.start() <= sent.start < para.end()):
                    continue
                m = OPENER_RE.match(sent.text)
                if m and m.group("name") in people:
                    speaker = m.group("name")
                elif AGENDA_RE.match(sent.text):
                    speaker = chair_speaker or speech_by
                if not speaker:
                    continue
                for s, e, policy in self._policies(sent.text):
                    if (speaker, policy) in seen:
                        continue
                    seen.add((speaker, policy))
                    start, end = sent.start + s, sent.start + e
                    found.mentions.append(make_mention(doc, Label.POLICY, start, end, text=policy))
                    found.facts.append(Fact(type=RelType.DIRECTED, source=(Label.PERSON, speaker),
                                            target=(Label.POLICY, policy), start=start, end=end))
        return found

    @staticmethod
    def _policies(sentence: str) -> list[tuple[int, int, str]]:
        out = []
        for m in QUOTE_RE.finditer(sentence):
            if not NOT_POLICY.search(m.group(1)):
                out.append((m.start(1), m.end(1), m.group(1)))
        for m in segment.policy_patterns().finditer(sentence):
            if not any(s <= m.start() < e for s, e, _ in out):
                out.append((m.start(), m.end(), m.group()))
        return out
