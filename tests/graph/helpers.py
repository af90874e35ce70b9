"""Small helpers for extraction tests: run the pipeline on a text of our own."""
from __future__ import annotations

from huiyi.graph.inputs.documents import document_from_text
from huiyi.graph.models import Document, Label, RelType
from huiyi.graph.run.pipeline import extract


def run(text: str, name: str = "t.txt", date: str | None = None) -> Document:
    doc = document_from_text(name, text)
    doc.meta.date = date
    return extract(doc)


def persons(doc: Document) -> set[str]:
    return {m.text for m in doc.mentions if m.label == Label.PERSON}


def meetings(doc: Document) -> dict[str, dict]:
    """local key -> {name, date, place, reported}"""
    out = {}
    for m in doc.mentions:
        if m.label == Label.MEETING:
            out.setdefault(m.key, {"name": m.text, "key": m.key, **m.props})
    return out


def pairs(doc: Document, rel: RelType) -> set[tuple[str, str]]:
    """(person, meeting name) pairs of one relation type."""
    names = {k: v["name"] for k, v in meetings(doc).items()}
    return {(f.source[1], names[f.target[1]]) for f in doc.facts if f.type == rel}


def people_with(doc: Document, rel: RelType) -> set[str]:
    return {f.source[1] for f in doc.facts if f.type == rel}


def person_rules(doc: Document) -> dict[str, str]:
    """name -> the rule of its first mention."""
    out: dict[str, str] = {}
    for m in doc.mentions:
        if m.label == Label.PERSON:
            out.setdefault(m.text, m.props.get("rule"))
    return out
