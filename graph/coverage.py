"""What a corpus without gold still tells: how much of it Huiyi reads.

Three counts, each with samples to read: reports that yield no meeting (dropped from the graph),
reported meetings with no chair and no attendee, and sentences whose role verb gave no one a role
(see graph.explain). `coverage(inputs)` is the library call, `huiyi coverage` prints it.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, NamedTuple

from .explain import explain_document, meeting_names
from .inputs import documents
from .models import Document, RelType


class Sample(NamedTuple):
    doc: str
    text: str  # a sentence, or a meeting's name


class Coverage(NamedTuple):
    reports: int
    unreadable: int  # inputs skipped before extraction (empty, binary, undecodable, ...)
    dropped: list[Sample]  # reports with no meeting: the report's first line
    reported_meetings: int
    unstaffed: list[Sample]  # reported meetings with no chair and no attendee
    role_sentences: int  # sentences with a role verb that is not an agenda verb
    missed: list[Sample]  # sentences whose role verb found no one

    def summary(self) -> dict[str, float | int]:
        read = self.reports - self.unreadable
        staffed = self.reported_meetings - len(self.unstaffed)
        return {"reports": self.reports, "read": read, "dropped": len(self.dropped),
                "dropped_share": round(len(self.dropped) / read, 4) if read else 0.0,
                "reported_meetings": self.reported_meetings, "with_chair_or_attendee": staffed,
                "staffed_share": round(staffed / self.reported_meetings, 4) if self.reported_meetings else 0.0,
                "role_verb_sentences": self.role_sentences, "role_verbs_missed": len(self.missed),
                "missed_share": round(len(self.missed) / self.role_sentences, 4) if self.role_sentences else 0.0}


def _unstaffed(doc: Document) -> tuple[int, list[Sample]]:
    """How many meetings the report is about (REPORTED_IN), and those no one chaired or attended."""
    names = meeting_names(doc)
    reported = {f.source[1] for f in doc.facts if f.type == RelType.REPORTED_IN}
    staffed = {f.target[1] for f in doc.facts if f.type in (RelType.CHAIRED, RelType.ATTENDED)}
    return len(reported), [Sample(doc.name, names.get(key, key)) for key in sorted(reported - staffed)]


def _role_sentences(doc: Document) -> tuple[int, list[Sample]]:
    """How many sentences hold a role fact or a missed role verb, and those with a miss."""
    explained = explain_document(doc)
    missed = [Sample(doc.name, e.sentence) for e in explained if e.misses and not e.roles]
    return sum(1 for e in explained if e.roles) + len(missed), missed


def coverage(inputs: Iterable[str | Path]) -> Coverage:
    """Read and extract every report under `inputs` (files, folders, globs) and count what it yields."""
    from .run.pipeline import extract, has_meeting

    reports = unreadable = meetings = role_sentences = 0
    dropped: list[Sample] = []
    unstaffed: list[Sample] = []
    missed: list[Sample] = []
    for path in documents.discover(inputs).files:
        for item in documents.read_path(path):
            reports += 1
            if isinstance(item, documents.Skipped):
                unreadable += 1
                continue
            doc = extract(item)
            if not has_meeting(doc):
                dropped.append(Sample(doc.name, doc.text.strip().split("\n", 1)[0][:80]))
                continue
            n, empty = _unstaffed(doc)
            meetings += n
            unstaffed += empty
            n, miss = _role_sentences(doc)
            role_sentences += n
            missed += miss
    return Coverage(reports, unreadable, dropped, meetings, unstaffed, role_sentences, missed)
