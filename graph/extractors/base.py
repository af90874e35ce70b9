"""The one small interface every extraction strategy implements."""
from __future__ import annotations

from typing import Any, Protocol

from pydantic import BaseModel, Field

from ..models import Document, Fact, Mention


class Findings(BaseModel):
    mentions: list[Mention] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    meta: dict[str, Any] = Field(default_factory=dict)  # DocumentMeta fields to set
    warnings: list[str] = Field(default_factory=list)


class Extractor(Protocol):
    name: str

    def __call__(self, doc: Document) -> Findings: ...
