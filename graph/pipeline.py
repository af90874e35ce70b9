"""One plain function wiring the stages: read -> normalise -> segment -> extract -> resolve -> build."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import networkx as nx

from . import build, documents, resolve
from .extractors import EXTRACTORS
from .extractors.base import Findings
from .models import Document, Sentence
from .normalize import normalize, split_sentences


@dataclass
class BuildResult:
    graph: nx.MultiDiGraph
    documents: list[Document]
    skipped: list[documents.Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def prepare(doc: Document) -> Document:
    """Normalise the text (keeping the offset map) and split it into sentences."""
    aligned, script = normalize(doc.raw)
    doc.text, doc.offsets = aligned.text, list(aligned.offsets)
    doc.meta.script = script
    doc.sentences = []
    for s, e in split_sentences(doc.text):
        os_, oe = doc.orig_span(s, e)
        doc.sentences.append(Sentence(text=doc.text[s:e], start=s, end=e, orig_start=os_, orig_end=oe))
    return doc


def apply(doc: Document, found: Findings) -> None:
    """Add what one extractor found to the document (extractors never mutate it themselves)."""
    doc.mentions.extend(found.mentions)
    doc.facts.extend(found.facts)
    doc.warnings.extend(found.warnings)
    for k, v in found.meta.items():
        setattr(doc.meta, k, v)


def extract(doc: Document, extractors=None) -> Document:
    """Every stage for one document; a pure function of the document's text."""
    prepare(doc)
    for extractor in extractors or EXTRACTORS:
        apply(doc, extractor(doc))
    return doc


def build_graph(inputs: Iterable[str | Path], *, on_document: Callable[[str], None] | None = None) -> BuildResult:
    """Build the graph of every report under `inputs`; unreadable files are skipped and listed."""
    docs, skipped, seen = [], [], {}
    for item in documents.iter_documents(list(inputs)):
        if isinstance(item, documents.Skipped):
            skipped.append(item)
        elif item.sha256 in seen:
            skipped.append(documents.Skipped(item.path, f"{item.path}: same text as {seen[item.sha256]}; read once"))
        else:
            seen[item.sha256] = item.path
            docs.append(extract(item))
        if on_document:
            on_document(getattr(item, "path", ""))
    entities, relations = resolve.resolve(docs)
    G = build.to_networkx(entities, relations)
    warnings = [f"{d.name}: {w}" for d in docs for w in d.warnings]
    return BuildResult(G, docs, skipped, warnings)
