"""The one small interface every extraction strategy implements."""
from __future__ import annotations

import re
from typing import Any, Iterator, Protocol

from pydantic import BaseModel, Field

from ..models import Document, Fact, Mention


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


class Needing:
    """A compiled pattern, tried only on texts that hold one of `words`, the words every match of it
    holds (its literal ending, a word its lookahead requires): most sentences hold none, and the
    pattern, which cannot tell that from its first character, would be tried at every position.
    The same matches as the pattern; only the methods the rules use."""

    def __init__(self, rx: re.Pattern, words: tuple[str, ...]):
        self.rx, self.words = rx, words

    def _may_match(self, text: str) -> bool:
        return any(w in text for w in self.words)

    def finditer(self, text: str) -> Iterator[re.Match]:
        return self.rx.finditer(text) if self._may_match(text) else iter(())

    def match(self, text: str) -> re.Match | None:
        return self.rx.match(text) if self._may_match(text) else None
