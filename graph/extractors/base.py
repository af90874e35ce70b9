"""The one small interface every extraction strategy implements."""
from __future__ import annotations

from typing import Any, Protocol

from pydantic import BaseModel, Field

from ..models import Document, Fact, Mention
from ..text.wordscan import Needing  # noqa: F401 (the rules' name for it; normalising uses it too)


class Findings(BaseModel):
    mentions: list[Mention] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    meta: dict[str, Any] = Field(default_factory=dict)  # DocumentMeta fields to set
    warnings: list[str] = Field(default_factory=list)


class Extractor(Protocol):
    """A named component (spaCy's sense): reads the Document, returns what it found, never mutates it."""
    name: str

    def __call__(self, doc: Document) -> Findings: ...


BOOKKEEPING = ("key", "held", "title_start", "short")  # Mention's typed fields, not facts


def make_mention(doc: Document, label, start: int, end: int, *, text: str | None = None, **props) -> Mention:
    """A mention of doc.text[start:end], keeping the original spelling and span for display; the
    bookkeeping arguments (key, held, title_start, short) go to their typed fields."""
    os_, oe = doc.orig_span(start, end)
    fields = {k: props.pop(k) for k in BOOKKEEPING if k in props}
    return Mention(label=label, text=text or doc.text[start:end], original=doc.raw[os_:oe],
                   start=start, end=end, props=props, **fields)
