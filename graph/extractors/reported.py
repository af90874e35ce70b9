"""Which meetings a report is about: REPORTED_IN, decided once roles are read.

The meeting extractor marks every meeting the text treats as held as a candidate (`reported`); a
report is about those it places someone at, those its headline names, and those held close to its
publish date (or with no date to tell, unless its sentence names an earlier year: a feature recalling
old meetings). When none is left, it is about the first it names. A
candidate held long before the report was published, with no one named at it (a meeting a feature
story recalls) is a meeting the report refers to.
"""
from __future__ import annotations

import re
from datetime import date

from ..models import Document, Fact, Label, RelType
from .base import Findings
from .meeting_text import headline_block

PRESENT = (RelType.CHAIRED, RelType.ATTENDED, RelType.SPOKE_AT)
RECENT_DAYS = 45  # a report on a meeting is published within weeks of it (portals lag; features recall years)


def days_before(held: str | None, published: str | None) -> int | None:
    """How many days before the publish date a meeting was held; None when the dates cannot tell
    (a `--MM-DD` date is taken in the publish year, or the year before if that is later)."""
    if not held or not published or published.startswith("--"):
        return None
    try:
        pub = date.fromisoformat(published[:10])
        if held.startswith("--"):
            day = date(pub.year, int(held[2:4]), int(held[5:7]))
            day = day if day <= pub else date(pub.year - 1, day.month, day.day)
        else:
            day = date.fromisoformat(held[:10])
    except ValueError:
        return None
    return (pub - day).days


RECALL_WINDOW = 400  # characters back within a paragraph a narrative's year still holds
EARLIER_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)年(?![^,。;]{0,10}(?:以来|至今))|(今年|本年)")  # 今年: the report's own


def recalled(doc: Document, m) -> bool:
    """An undated meeting told under an earlier year than the report's: the last year named in its
    paragraph up to the end of its sentence (1958年,…。秋末,…赴瑞典参加X大会; 2017年全国两会 in a 2018
    report). A feature recalls such meetings; a report does not report them."""
    year = int(doc.meta.date[:4]) if re.match(r"\d{4}", doc.meta.date or "") else None
    if year is None:
        return False
    text = doc.text
    end = min((c for c in (text.find(x, m.start) for x in "。!?\n") if c >= 0), default=len(text))
    start = max(text.rfind("\n", 0, m.start) + 1, m.start - RECALL_WINDOW)
    years = [y or str(year) for y, _ in EARLIER_YEAR_RE.findall(text, start, end)]
    return bool(years) and int(years[-1]) < year


class ReportedExtractor:
    name = "reported"

    def __call__(self, doc: Document) -> Findings:
        found = Findings()
        first: dict[str, object] = {}  # meeting key -> its first mention, in text order
        for m in sorted((m for m in doc.mentions if m.label == Label.MEETING and m.props.get("reported")),
                        key=lambda m: m.start):
            first.setdefault(m.key, m)
        if not first:
            return found
        staffed = {f.target[1] for f in doc.facts if f.type in PRESENT}
        header = len(headline_block(doc.text))
        in_headline = {m.key for m in doc.mentions if m.label == Label.MEETING and m.start < header}
        about = {}
        for key, m in first.items():
            if key in staffed:
                about[key] = "reported_with_people"
            elif key in in_headline:
                about[key] = "reported_in_headline"
            elif (days := days_before(m.props.get("date"), doc.meta.date)) is not None and days <= RECENT_DAYS:
                about[key] = "reported_recent"
            elif days is None and not recalled(doc, m):
                about[key] = "reported_recent"  # undated: recent unless its sentence dates it in an earlier year
        if not about:
            about = {next(iter(first)): "reported_first_named"}
        for key, rule in about.items():
            m = first[key]
            found.facts.append(Fact(type=RelType.REPORTED_IN, source=(Label.MEETING, key),
                                    target=(Label.DOCUMENT, doc.id), start=m.start, end=m.end, props={"rule": rule}))
        return found
