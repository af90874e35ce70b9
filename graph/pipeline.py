"""One plain function wiring the stages: read -> normalise -> segment -> extract -> resolve -> build."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import networkx as nx

from . import build, documents, outcomes, resolve
from .cache import ExtractionCache
from .extractors import EXTRACTORS
from .extractors.base import Findings
from .models import Document, Label, Sentence
from .normalize import normalize, split_sentences
from .outcomes import InputLog, Outcome


@dataclass
class BuildResult:
    graph: nx.MultiDiGraph
    documents: list[Document]
    skipped: list[documents.Skipped] = field(default_factory=list)  # skipped and duplicate inputs
    warnings: list[str] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)  # every input, for out/report.json

    @property
    def exit_code(self) -> int:
        return outcomes.exit_code(self.outcomes, self.documents)

    def report(self) -> dict:
        return outcomes.report(self.outcomes, exit_code=self.exit_code, graph_written=bool(self.documents))


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
        if v is not None or getattr(doc.meta, k, None) is None:  # what the file gave stays when the text is silent
            setattr(doc.meta, k, v)


def extract(doc: Document, extractors=None) -> Document:
    """Every stage for one document; a pure function of the document's text."""
    prepare(doc)
    for extractor in extractors or EXTRACTORS:
        apply(doc, extractor(doc))
    return doc


NO_MEETING = "no meeting found in it; nothing from it is added to the graph"


def has_meeting(doc: Document) -> bool:
    return any(m.label == Label.MEETING for m in doc.mentions)


def build_graph(inputs: Iterable[str | Path], *, max_mb: float = documents.DEFAULT_MAX_MB,
                cache_dir: str | Path | None = None, strict: bool = False, exclude: Iterable[str | Path] = (),
                on_problem: Callable[[Outcome], None] | None = None,
                on_document: Callable[[str], None] | None = None) -> BuildResult:
    """Build the graph of every report under `inputs` (files, folders, globs).

    Unreadable inputs, duplicates (the same text under another name) and reports with no meeting are
    skipped and listed in `result.outcomes` with the reason; `strict` raises StoppedAtProblem at the
    first. With `cache_dir`, extraction results are reused for texts already extracted by this code.
    """
    log = InputLog(strict=strict, on_problem=on_problem)
    found = documents.discover(inputs, exclude=exclude)
    cache = ExtractionCache(cache_dir) if cache_dir is not None else None
    accepted: list[tuple[Document, Outcome]] = []  # in input order
    pending: list[tuple[int, str]] = []  # (index in accepted, cache key) of documents to extract
    first_of: dict[str, str] = {}  # content key -> input read for it
    for path in found.files:
        for item in documents.read_path(path, max_mb=max_mb):
            if on_document:
                on_document(str(getattr(item, "path", path)))
            if isinstance(item, documents.Skipped):
                log.add(item.path, "skipped", reason=item.reason)
                continue
            same = documents.content_key(item)
            if same in first_of:
                log.add(item.path, "duplicate", reason=f"same text as {first_of[same]}; read once",
                        of=first_of[same])
                continue
            first_of[same] = item.path
            key = cache.key(item) if cache else ""
            hit = cache.get(key, item) if cache else None
            entry = log.add(item.path, "cached" if hit else "pending", document=item.id)
            accepted.append((hit or item, entry))
            if hit is None:
                pending.append((len(accepted) - 1, key))
            elif not has_meeting(hit):
                log.skip(entry, NO_MEETING)
    for path in found.ignored:
        log.add(path, "ignored", reason=f"not a report format ({path.suffix or 'no suffix'})")

    # The per-document work: `extract` is a pure function of one document, so a pool can map it.
    for (i, key), doc in zip(pending, map(extract, (accepted[i][0] for i, _ in pending))):
        entry = accepted[i][1]
        accepted[i] = (doc, entry)
        entry.outcome = "read"
        if cache:
            cache.put(key, doc)
        if not has_meeting(doc):
            log.skip(entry, NO_MEETING)
    docs = [doc for doc, entry in accepted if entry.outcome in ("read", "cached")]

    entities, relations = resolve.resolve(docs)
    G = build.to_networkx(entities, relations)
    if cache:
        cache.prune()
    warnings = [f"{d.name}: {w}" for d in docs for w in d.warnings]
    skipped = [documents.Skipped(o.input, o.reason) for o in log.outcomes if o.outcome in ("skipped", "duplicate")]
    return BuildResult(G, docs, skipped, warnings, log.outcomes)
