"""Why Huiyi says what it says: per sentence, the people, meetings and roles read there, the rule
that made each, and the role verbs that found no one (the misses).

`explain_document(doc)` explains one extracted Document; `explain_path(path)` reads and extracts
a report file first (every report of a JSON Lines file). `huiyi explain` prints it, and
`graph.coverage` counts the misses over a corpus.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from pathlib import Path
from typing import Iterator, NamedTuple

from .extractors.lexicon import ATTEND_VERBS, CHAIR_VERBS
from .inputs import documents
from .models import Document, HuiyiError, InputError, Label, Mention, RelType

ROLE_TYPES = (RelType.CHAIRED, RelType.ATTENDED, RelType.SPOKE_AT)
# A verb whose subject is the meeting itself or the text (会议指出, 会上强调): an agenda sentence
# names no speaker, so such a verb is not a miss.
AGENDA_SUBJECT_RE = re.compile(r"(?:会议|会上|大会|全会|会议上|会议认为|与会人员|大家|一致)$")
# The verbs that place a person at a meeting (the speaking verbs that are also nouns, 部署, 要求,
# 汇报, are left out: as misses they would mostly be noise).
MISS_VERB_RE = re.compile(rf"{CHAIR_VERBS}|{ATTEND_VERBS}|讲话|强调|指出|发言|致辞")
# A clause that starts as a directive or with the meeting as its subject has no person to find.
NO_SUBJECT_START_RE = re.compile(r"^(?:会议|会上|大会|全会|要|并|各|进一步|认真|深入|全面|坚持|与会|参会|我们|大家|以)")
# A verb used as a noun or an attribute (重要讲话, 的要求), or with a non-personal subject, is no miss.
NOT_A_ROLE_RE = re.compile(r"(?:的|重要|按照|根据|上级|文件|通知|精神)$")
CLAUSE_ENDS = ",;:。!?\n"


class Found(NamedTuple):
    """A person or meeting read in a sentence, and the rule that read it."""
    text: str
    rule: str


class RoleFound(NamedTuple):
    """A CHAIRED / ATTENDED / SPOKE_AT fact read in a sentence."""
    type: str
    person: str
    meeting: str
    how: str
    rule: str


class Miss(NamedTuple):
    """A role verb in a sentence that gave no one a role: the verb and what stands before it."""
    verb: str
    before: str


class SentenceExplanation(NamedTuple):
    doc: str
    start: int  # in the original text
    sentence: str  # as written in the original
    people: list[Found]
    meetings: list[Found]
    roles: list[RoleFound]
    misses: list[Miss]


def _rule(props: dict) -> str:
    return props.get("rule") or "unnamed"


def meeting_names(doc: Document) -> dict[str, str]:
    """A report's meetings by their key (M1…): each name as its mentions give it (they share it)."""
    return {m.key: m.text for m in doc.mentions if m.label == Label.MEETING and m.key}


def _misses(doc: Document, start: int, end: int, people: list[Mention]) -> list[Miss]:
    """Role verbs of the sentence [start, end) with no person before them in their clause: the
    verbs that found no one (an agenda subject such as 会议指出 is no miss)."""
    out = []
    for v in MISS_VERB_RE.finditer(doc.text, start, end):
        clause_start = max(start, *(doc.text.rfind(c, start, v.start()) + 1 for c in CLAUSE_ENDS))
        before = doc.text[clause_start:v.start()]
        if any(clause_start <= p.start < v.start() for p in people) or AGENDA_SUBJECT_RE.search(before) \
                or NOT_A_ROLE_RE.search(before) or NO_SUBJECT_START_RE.match(before.strip()) or len(before) > 40:
            continue
        out.append(Miss(v.group(), before[-16:]))
    return out


def explain_document(doc: Document, *, person: str | None = None, meeting: str | None = None,
                     only_misses: bool = False) -> list[SentenceExplanation]:
    """One explanation per sentence that holds anything (or, with `only_misses`, a miss); `person`
    and `meeting` keep the sentences naming them (a meeting by a part of its name)."""
    names = meeting_names(doc)
    mentions = _by_sentence(doc, doc.mentions)
    role_facts = _by_sentence(doc, [f for f in doc.facts if f.type in ROLE_TYPES])
    out = []
    for k, sent in enumerate(doc.sentences):
        inside, facts = mentions.get(k, []), role_facts.get(k, [])
        people = [Found(m.text, _rule(m.props)) for m in inside if m.label == Label.PERSON]
        meetings = [Found(m.text, _rule(m.props)) for m in inside if m.label == Label.MEETING]
        roles = [RoleFound(f.type.value, f.source[1], names.get(f.target[1], f.target[1]), f.props.get("how", ""),
                           _rule(f.props)) for f in facts]
        misses = _misses(doc, sent.start, sent.end, [m for m in inside if m.label == Label.PERSON])
        if only_misses and not misses or not (people or meetings or roles or misses):
            continue
        if person and not any(p.text == person for p in people) and not any(r.person == person for r in roles):
            continue
        if meeting and not any(meeting in m.text for m in meetings) and not any(meeting in r.meeting for r in roles):
            continue
        out.append(SentenceExplanation(doc.name, sent.orig_start, doc.raw[sent.orig_start:sent.orig_end].strip(),
                                       _unique(people), _unique(meetings), _unique(roles), misses))
    return out


def _by_sentence(doc: Document, items: list) -> dict[int, list]:
    """Items (mentions, facts) by the index of the sentence they start in, in their order: one pass,
    not a scan of the whole report for each sentence."""
    starts = [s.start for s in doc.sentences]
    out: dict[int, list] = {}
    for item in items:
        k = bisect_right(starts, item.start) - 1
        if k >= 0 and item.start < doc.sentences[k].end:
            out.setdefault(k, []).append(item)
    return out


def _unique(items: list) -> list:
    return list(dict.fromkeys(items))


def extracted_documents(path: Path) -> Iterator[Document]:
    """Every report in `path` (a file; JSON Lines: each record), extracted. A report that cannot be
    read raises InputError naming the file and the reason."""
    from .run.pipeline import extract

    if not path.is_file():
        raise InputError(f"{path}: not a file; give one report (or one JSON Lines file)")
    for item in documents.read_path(path):
        if isinstance(item, documents.Skipped):
            raise InputError(f"{item.path}: {item.reason}")
        yield extract(item)


def explain_path(path: Path, *, person: str | None = None, meeting: str | None = None,
                 only_misses: bool = False) -> list[SentenceExplanation]:
    try:
        return [e for doc in extracted_documents(path)
                for e in explain_document(doc, person=person, meeting=meeting, only_misses=only_misses)]
    except HuiyiError:
        raise
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from exc


def render(explanations: list[SentenceExplanation]) -> Iterator[str]:
    """The explanation as lines of text: the sentence, then what was read in it and by which rule."""
    for e in explanations:
        yield f"{e.doc} @{e.start}: {e.sentence}"
        for p in e.people:
            yield f"  person   {p.text}  [{p.rule}]"
        for m in e.meetings:
            yield f"  meeting  {m.text}  [{m.rule}]"
        for r in e.roles:
            yield f"  {r.type:<9}{r.person} -> {r.meeting}  (verb {r.how or '-'}) [{r.rule}]"
        for miss in e.misses:
            yield f"  miss     {miss.verb}: no one read before it (…{miss.before})"
