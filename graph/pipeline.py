"""One plain function wiring the stages: read -> normalise -> segment -> extract -> resolve -> build.

Reports stream through: each is read, extracted and cut down to its `ReportFacts` (mentions and
facts with their evidence sentences) by one call of `process`, a pure function of the input that a
pool of processes (`jobs`) or a cluster (`mapper`, see graph/distributed.py) can run; the
build keeps only those and a small `DocumentSummary` per report, never the texts.
"""
from __future__ import annotations

import time
import uuid
from collections import deque
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator

import networkx as nx

from . import documents, outcomes, parallel
from . import cache as extraction_cache
from .build import EdgeListGraph
from .cache import CacheUse, ExtractionCache
from .extractors import EXTRACTORS
from .extractors.base import Findings
from .models import Document, DocumentMeta, Label, Sentence
from .normalize import normalize, split_sentences
from .outcomes import InputLog, Outcome
from .resolve import Merger, ReportFacts, report_facts


@dataclass
class DocumentSummary:
    """What a build keeps of each report it used: identity and metadata; the text only if asked."""
    id: str
    name: str
    path: str
    sha256: str
    meta: DocumentMeta
    warnings: list[str]
    chars: int  # length of the text as read
    raw: str | None = None  # the text as read, with build_graph(keep_text=True)


@dataclass
class Extracted:
    """One report after `process`: what the build keeps of it, and what dedupes and caches it."""
    summary: DocumentSummary  # of a cached report, the report as read: the build completes it
    facts: ReportFacts | None  # None: the report's extraction is in the build's cache, under cache_key
    content_key: str  # same text under another name -> a duplicate
    cache_key: str
    cached: bool
    entry: bytes | None = None  # newly extracted, encoded for the build to store in its cache

    def __getstate__(self) -> dict:
        # Crossing to the build's process, the entry stands for the summary and facts: encoded once.
        state = self.__dict__.copy()
        if self.entry is not None:
            state["summary"], state["facts"], state["raw"] = None, None, self.summary.raw
        return state

    def __setstate__(self, state: dict) -> None:
        raw = state.pop("raw", None)
        self.__dict__.update(state)
        if self.entry is not None:
            self.summary, self.facts = extraction_cache.decode(self.entry)
            self.summary.raw = raw


def encode_entry(summary: DocumentSummary, facts: ReportFacts) -> bytes:
    """A report's cache entry: its summary (without the text) and facts."""
    return extraction_cache.encode((replace(summary, raw=None), facts))


def decode_entry(entry: bytes, read: DocumentSummary) -> tuple[DocumentSummary, ReportFacts] | None:
    """The summary and facts in a cache entry, named as the report `read` now is (the same text
    may have moved or been renamed); None if the entry is damaged or of another text."""
    decoded = extraction_cache.decode(entry)
    if not (isinstance(decoded, tuple) and len(decoded) == 2 and isinstance(decoded[0], DocumentSummary)
            and isinstance(decoded[1], ReportFacts) and decoded[0].sha256 == read.sha256):
        return None
    summary, facts = decoded
    summary.name, summary.path, summary.raw = read.name, read.path, read.raw
    facts.name, facts.props["path"] = read.name, read.path
    return summary, facts


@dataclass
class BuildResult:
    graph: nx.MultiDiGraph | EdgeListGraph  # EdgeListGraph with build_graph(compact=True)
    documents: list[DocumentSummary]  # the reports in the graph, in input order
    skipped: list[documents.Skipped] = field(default_factory=list)  # skipped and duplicate inputs
    warnings: list[str] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)  # every input, for out/report.json
    seconds: dict[str, float] = field(default_factory=dict)  # time per stage: extract, merge
    reports: int = 0  # reports extracted or taken from the cache (duplicates and those with no meeting too)
    input_bytes: int = 0  # size of the input files

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


def _summary(doc: Document, keep_text: bool) -> DocumentSummary:
    return DocumentSummary(doc.id, doc.name, doc.path, doc.sha256, doc.meta, doc.warnings, len(doc.raw),
                           doc.raw if keep_text else None)


def process_document(doc: Document, *, cache: CacheUse | None = None, keep_text: bool = False) -> Extracted:
    """Extract one report and cut it down to its facts; with a `cache` that holds it, only say so
    (the build reads the entry) and extract nothing."""
    content_key = documents.content_key(doc)
    key = extraction_cache.cache_key(doc) if cache else ""
    if cache and cache.holds(key):
        return Extracted(_summary(doc, keep_text), None, content_key, key, True)
    extract(doc)
    summary, facts = _summary(doc, keep_text), report_facts(doc)
    return Extracted(summary, facts, content_key, key, False, encode_entry(summary, facts) if cache else None)


def process(task: Path | Document, *, max_mb: float = documents.DEFAULT_MAX_MB, cache: CacheUse | None = None,
            keep_text: bool = False) -> list[Extracted | documents.Skipped]:
    """All the work on one input, a pure function of it: a report file is read and extracted, a
    Document (a JSON Lines record) extracted. Problems come back as Skipped."""
    items = [task] if isinstance(task, Document) else documents.read_path(Path(task), max_mb=max_mb)
    return [item if isinstance(item, documents.Skipped) else
            process_document(item, cache=cache, keep_text=keep_text) for item in items]


def warm_up() -> None:
    """Load the segmenter's dictionaries (about a second): once per worker, before its first report."""
    from .segment import tokenizer
    tokenizer()


def _tasks(files: list[Path], max_mb: float, sizes: dict[int, int]) -> Iterator[Path | Document]:
    """Report files go to the workers whole; a JSON Lines file is read here, record by record."""
    for path in files:
        if documents.FORMATS.get(path.suffix.lower()) != "jsonl":
            yield path
            continue
        for item in documents.read_path(path, max_mb=max_mb):
            if not isinstance(item, documents.Skipped):  # a Skipped passes through `process` as is
                sizes[id(item)] = len(item.raw.encode("utf-8", "surrogatepass"))
            yield item


def _process_or_pass(task, **kw):
    return [task] if isinstance(task, documents.Skipped) else process(task, **kw)


def build_graph(inputs: Iterable[str | Path], *, max_mb: float = documents.DEFAULT_MAX_MB,
                cache_dir: str | Path | None = None, strict: bool = False, exclude: Iterable[str | Path] = (),
                on_problem: Callable[[Outcome], None] | None = None, jobs: int = 1,
                mapper: parallel.Mapper | None = None, keep_text: bool = False,
                on_progress: Callable[[int, int, int], None] | None = None, compact: bool = False) -> BuildResult:
    """Build the graph of every report under `inputs` (files, folders, globs).

    Unreadable inputs, duplicates (the same text under another name) and reports with no meeting are
    skipped and listed in `result.outcomes` with the reason; `strict` raises StoppedAtProblem at the
    first. With `cache_dir`, extraction results are reused for texts already extracted by this code.
    `jobs` worker processes extract reports side by side (0: one per core); `mapper` runs them
    elsewhere instead (see graph/distributed.py). `keep_text` keeps each report's text in
    `result.documents` (for tests and small corpora). `on_progress(reports, bytes, total_bytes)`
    is called as reports are done. `compact` gives `result.graph` as a `build.EdgeListGraph` (what
    `huiyi build` writes its outputs from: a fraction of the memory) instead of a networkx graph.
    """
    started = time.perf_counter()
    log = InputLog(strict=strict, on_problem=on_problem)
    found = documents.discover(inputs, exclude=exclude)
    for folder in found.unsearched:  # first: with --strict, nothing is read past a lost folder
        log.add(folder.path, "skipped", reason=folder.reason)
    cache = ExtractionCache(cache_dir) if cache_dir is not None else None
    use = cache.use(uuid.uuid4().hex) if cache else None  # read here first: forked workers inherit its keys
    work = partial(_process_or_pass, max_mb=max_mb, cache=use, keep_text=keep_text)
    # a report whose cache entry turns out damaged is extracted again here, the cache not consulted
    again = partial(_process_or_pass, max_mb=max_mb, cache=replace(use, look_up=False), keep_text=keep_text) \
        if use else None
    mapper = mapper or parallel.process_map(parallel.check_jobs(jobs), initializer=warm_up)
    sizes = {p: _size(p) for p in found.files}  # read once: stat is not free on a million files
    total = sum(sizes.values())
    if on_progress:
        on_progress(0, 0, total)
    record_sizes: dict[int, int] = {}  # JSON Lines records: bytes each, for progress
    merger = Merger()
    docs: list[DocumentSummary] = []
    first_of: dict[str, str] = {}  # content key -> input read for it
    done_bytes = reports = 0
    tasks = _tasks(found.files, max_mb, record_sizes)
    try:
        for task, results in _with_tasks(mapper, work, tasks):
            # progress in input bytes: a file's size, a JSON Lines record's text
            done_bytes += record_sizes.pop(id(task), 0) if isinstance(task, Document) else \
                sizes.get(task, 0) if isinstance(task, Path) else 0
            for item in results:
                if isinstance(item, documents.Skipped):
                    log.add(item.path, "skipped", reason=item.reason)
                    continue
                s = item.summary
                reports += 1
                if item.content_key in first_of:
                    log.add(s.path, "duplicate", reason=f"same text as {first_of[item.content_key]}; read once",
                            of=first_of[item.content_key])
                    continue
                first_of[item.content_key] = s.path
                if cache:
                    item = _with_cache(cache, item, partial(again, task))
                    s = item.summary
                entry = log.add(s.path, "cached" if item.cached else "read", document=s.id)
                if not item.facts.has_meeting:
                    log.skip(entry, NO_MEETING)
                    continue
                merger.add(item.facts)
                docs.append(s)
            if on_progress:
                on_progress(reports, done_bytes, total)
        if cache:
            cache.prune()  # every input was seen: what this build did not use goes
    finally:
        if cache:  # (after a stop too: what was extracted so far is kept for the next build)
            cache.close()
    for path in found.ignored:
        log.add(path, "ignored", reason=f"not a report format ({path.suffix or 'no suffix'})")
    if on_progress and done_bytes != total:  # JSON Lines records are credited by their text only
        on_progress(reports, total, total)
    extracted = time.perf_counter()
    merger.finish()
    G = merger.to_graph() if compact else merger.to_networkx()
    warnings = [f"{d.name}: {w}" for d in docs for w in d.warnings]
    skipped = [documents.Skipped(o.input, o.reason) for o in log.outcomes if o.outcome in ("skipped", "duplicate")]
    seconds = {"extract": extracted - started, "merge": time.perf_counter() - extracted}
    return BuildResult(G, docs, skipped, warnings, log.outcomes, seconds, reports, total)


def _with_cache(cache: ExtractionCache, item: Extracted, extract_again: Callable[[], list]) -> Extracted:
    """A cached report completed from its entry, a new one's entry stored. A damaged entry means
    extracting the report again (`extract_again` processes its input once more), here."""
    cache.used.add(item.cache_key)
    if item.facts is None:
        decoded = decode_entry(cache.get(item.cache_key) or b"", item.summary)
        if decoded is not None:
            item.summary, item.facts = decoded
            return item
        item = next(x for x in extract_again() if isinstance(x, Extracted) and x.cache_key == item.cache_key)
    if item.entry is not None:
        cache.put(item.cache_key, item.entry)
        item.entry = None
    return item


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _one(work, task) -> list:
    return [work(task)]


def _with_tasks(mapper: parallel.Mapper, work, tasks: Iterator) -> Iterator[tuple[object, list]]:
    """Each task with its results (the mapper yields one list per task, in task order)."""
    sent: deque = deque()

    def remember(items):
        for t in items:
            sent.append(t)
            yield t
    for results in mapper(partial(_one, work), remember(tasks)):
        yield sent.popleft(), results
