"""One plain function wiring the stages: read -> normalise -> segment -> extract -> resolve -> build.

Reports stream through: each is read, extracted and cut down to its `ReportFacts` (mentions and
facts with their evidence sentences) by one call of `process`, a pure function of the input that a
pool of processes (`jobs`) or a cluster (`mapper`, see graph/distributed.py) can run; the
build keeps only those and a small `DocumentSummary` per report, never the texts.
"""
from __future__ import annotations

import time
import traceback
import uuid
from collections import deque
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator

import networkx as nx

from ..extractors import EXTRACTORS, FINDS_MEETINGS
from ..extractors.base import Findings
from ..inputs import documents
from ..merge.build import EdgeListGraph
from ..merge.resolve import Merger, ReportFacts, report_facts
from ..merge.spill import IN_MEMORY, SPILLED
from ..models import Document, DocumentMeta, Label, Sentence
from ..text.normalize import normalize, split_sentences
from . import cache as extraction_cache
from . import outcomes, parallel
from .cache import CacheUse, ExtractionCache
from .outcomes import InputLog, Outcome
from .progress import BuildProgress, OnProgress


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
            self.summary, self.facts = extraction_cache.entry_parts(self.entry)
            self.summary.raw = raw


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
    doc.text, doc.offsets = text, offsets = aligned.text, list(aligned.offsets)
    doc.meta.script = script
    # a sentence is never empty: in the original it runs from its first character to its last
    # (Document.orig_span, without a call per sentence)
    doc.sentences = [Sentence(text[s:e], s, e, offsets[s], offsets[e - 1] + 1) for s, e in split_sentences(text)]
    return doc


def apply(doc: Document, found: Findings) -> None:
    """Add what one extractor found to the document (extractors never mutate it themselves)."""
    doc.mentions.extend(found.mentions)
    doc.facts.extend(found.facts)
    doc.warnings.extend(found.warnings)
    for k, v in found.meta.items():
        if v is not None or getattr(doc.meta, k, None) is None:  # what the file gave stays when the text is silent
            setattr(doc.meta, k, v)


def extract(doc: Document, extractors=None, *, only_with_meeting: bool = False) -> Document:
    """Every stage for one document; a pure function of the document's text. `only_with_meeting`
    (the build's): a report in which the meeting extractor finds no meeting goes no further, as the
    build drops it and what later extractors found would go nowhere (one report in nine of a news
    corpus, ~2% of extraction's time)."""
    prepare(doc)
    for extractor in extractors or EXTRACTORS:
        apply(doc, extractor(doc))
        if only_with_meeting and extractor.name == FINDS_MEETINGS and not has_meeting(doc):
            break
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
    extract(doc, only_with_meeting=True)
    summary, facts = _summary(doc, keep_text), report_facts(doc)
    return Extracted(summary, facts, content_key, key, False, extraction_cache.encode_entry(summary, facts) if cache else None)


def process(task: Path | Document, *, max_mb: float = documents.DEFAULT_MAX_MB, cache: CacheUse | None = None,
            keep_text: bool = False) -> list[Extracted | documents.Skipped]:
    """All the work on one input, a pure function of it: a report file is read and extracted, a
    Document (a JSON Lines record) extracted. Problems come back as Skipped, a defect of Huiyi's met
    on one input too (`failed_on`): the other inputs go on."""
    results: list[Extracted | documents.Skipped] = []
    where = task.path if isinstance(task, Document) else documents.shown(task)
    try:
        for item in [task] if isinstance(task, Document) else documents.read_path(Path(task), max_mb=max_mb):
            where = item.path
            results.append(item if isinstance(item, documents.Skipped) else
                           process_document(item, cache=cache, keep_text=keep_text))
    except MemoryError:  # not this input's fault alone: the build must stop (and say so)
        raise
    except Exception as exc:  # noqa: BLE001 - whatever a defect raises, the report is named and skipped
        results.append(documents.Skipped(where, failed_on(exc)))
    return results


_GRAPH_PACKAGE = Path(__file__).resolve().parents[1]  # graph/: where a defect met in reading or extraction lies


def failed_on(exc: Exception) -> str:
    """Why an input was skipped when Huiyi itself failed on it: the error and the last place in
    graph/ it passed, for the bug report the user is asked to send."""
    ours = [f for f in traceback.extract_tb(exc.__traceback__) if Path(f.filename).is_relative_to(_GRAPH_PACKAGE)]
    at = f" at graph/{Path(ours[-1].filename).relative_to(_GRAPH_PACKAGE).as_posix()}:{ours[-1].lineno}" if ours else ""
    return (f"Huiyi failed on it ({type(exc).__name__}{at}: {str(exc)[:200]}): a defect in Huiyi, not in "
            "the report; the other reports were read. Please report it with this file")


def warm_up() -> None:
    """Load the segmenter's dictionaries (~0.5 s) before workers fork, so that they share them."""
    from ..text import segment
    segment.load()


def _tasks(files: list[Path], max_mb: float, sizes: dict[Path, int]) -> Iterator[tuple[Path | Document, int]]:
    """(task, its input bytes) per task: report files go to the workers whole; a JSON Lines file is
    read here, record by record, a record counting its text's bytes."""
    for path in files:
        if documents.FORMATS.get(path.suffix.lower()) != "jsonl":
            yield path, sizes.get(path, 0)
            continue
        for item in documents.read_path(path, max_mb=max_mb):
            # a Skipped passes through `process` as is
            yield item, 0 if isinstance(item, documents.Skipped) else len(item.raw.encode("utf-8", "surrogatepass"))


def _process_or_pass(task, **kw):
    return [task] if isinstance(task, documents.Skipped) else process(task, **kw)


class _Intake:
    """Each input's results on their way into the merge: skipped inputs, duplicates (the same text
    under another name) and reports with no meeting are logged and left out; with a cache, a
    cached report is completed from its entry and a new one's entry stored."""

    def __init__(self, log: InputLog, merger: Merger, cache: ExtractionCache | None):
        self.log, self.merger, self.cache = log, merger, cache
        self.docs: list[DocumentSummary] = []  # the reports merged, in input order
        self.first_of: dict[str, str] = {}  # content key -> input read for it
        self.reports = 0  # extracted or from the cache (duplicates and those with no meeting too)

    def take(self, item: Extracted | documents.Skipped, extract_again: Callable[[], list]) -> None:
        if isinstance(item, documents.Skipped):
            self.log.add(item.path, "skipped", reason=item.reason)
            return
        self.reports += 1
        first = self.first_of.get(item.content_key)
        if first is not None:
            self.log.add(item.summary.path, "duplicate", reason=f"same text as {first}; read once", of=first)
            return
        self.first_of[item.content_key] = item.summary.path
        if self.cache:
            item = _with_cache(self.cache, item, extract_again)
        s = item.summary
        entry = self.log.add(s.path, "cached" if item.cached else "read", document=s.id)
        if not item.facts.has_meeting:
            self.log.skip(entry, NO_MEETING)
            return
        self.merger.add(item.facts)
        self.docs.append(s)


def _extract_all(files: list[Path], sizes: dict[Path, int], intake: _Intake, progress: BuildProgress, *,
                 mapper: parallel.Mapper | None, jobs: int, max_mb: float, keep_text: bool) -> None:
    """Every input extracted (by `mapper`, else `jobs` processes) and taken in, in input order."""
    cache = intake.cache
    use = cache.use(uuid.uuid4().hex) if cache else None  # read here first: forked workers inherit its keys
    work = partial(_process_or_pass, max_mb=max_mb, cache=use, keep_text=keep_text)
    # a report whose cache entry turns out damaged is extracted again here, the cache not consulted
    again = partial(_process_or_pass, max_mb=max_mb, cache=replace(use, look_up=False), keep_text=keep_text) \
        if use else None
    mapper = mapper or parallel.process_map(parallel.check_jobs(jobs), initializer=warm_up)
    for task, nbytes, results in _with_tasks(mapper, work, _tasks(files, max_mb, sizes)):
        for item in results:
            intake.take(item, partial(again, task) if again else None)
        progress.advance(nbytes, intake.reports)  # progress in input bytes


def build_graph(inputs: Iterable[str | Path], *, max_mb: float = documents.DEFAULT_MAX_MB,
                cache_dir: str | Path | None = None, strict: bool = False, exclude: Iterable[str | Path] = (),
                on_problem: Callable[[Outcome], None] | None = None, jobs: int = 1,
                mapper: parallel.Mapper | None = None, keep_text: bool = False,
                on_progress: OnProgress | None = None, compact: bool = False) -> BuildResult:
    """Build the graph of every report under `inputs` (files, folders, globs).

    Unreadable inputs, duplicates (the same text under another name) and reports with no meeting are
    skipped and listed in `result.outcomes` with the reason; `strict` raises StoppedAtProblem at the
    first. With `cache_dir`, extraction results are reused for texts already extracted by this code.
    `jobs` processes extract reports side by side (this one and jobs-1 workers; 0: one per core); `mapper` runs them
    elsewhere instead (see graph/distributed.py). `keep_text` keeps each report's text in
    `result.documents` (for tests and small corpora). `on_progress(reports, bytes, total_bytes)`
    is called as reports are done. `compact` gives `result.graph` as a `build.EdgeListGraph` (what
    `huiyi build` writes its outputs from: a fraction of the memory, its records spilled out of the
    heap) instead of a networkx graph.
    """
    started = time.perf_counter()
    log = InputLog(strict=strict, on_problem=on_problem)
    found = documents.discover(inputs, exclude=exclude)
    for folder in found.unsearched:  # first: with --strict, nothing is read past a lost folder
        log.add(folder.path, "skipped", reason=folder.reason)
    cache = ExtractionCache(cache_dir) if cache_dir is not None else None
    intake = _Intake(log, Merger(sinks=SPILLED if compact else IN_MEMORY), cache)
    with parallel.settled_collector():  # this process's share: results taken in, the merge
        try:
            sizes = {p: _size(p) for p in found.files}  # read once: stat is not free on a million files
            progress = BuildProgress(sum(sizes.values()), on_progress)
            _extract_all(found.files, sizes, intake, progress, mapper=mapper, jobs=jobs, max_mb=max_mb,
                         keep_text=keep_text)
            if cache:
                cache.prune()  # every input was seen: what this build did not use goes
        finally:
            if cache:  # (after a stop too: what was extracted so far is kept for the next build)
                cache.close()
        for path in found.ignored:
            log.add(path, "ignored", reason=f"not a report format ({path.suffix or 'no suffix'})")
        progress.finish()
        extracted = time.perf_counter()
        merger, docs = intake.merger, intake.docs
        merger.finish()
        G = merger.to_graph() if compact else merger.to_networkx()
    warnings = [f"{d.name}: {w}" for d in docs for w in d.warnings]
    skipped = [documents.Skipped(o.input, o.reason) for o in log.outcomes if o.outcome in ("skipped", "duplicate")]
    seconds = {"extract": extracted - started, "merge": time.perf_counter() - extracted}
    return BuildResult(G, docs, skipped, warnings, log.outcomes, seconds, intake.reports, progress.total)


def _with_cache(cache: ExtractionCache, item: Extracted, extract_again: Callable[[], list]) -> Extracted:
    """A cached report completed from its entry, a new one's entry stored. A damaged entry means
    extracting the report again (`extract_again` processes its input once more), here."""
    cache.used.add(item.cache_key)
    if item.facts is None:
        decoded = extraction_cache.decode_entry(cache.get(item.cache_key) or b"", item.summary)
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


def _with_tasks(mapper: parallel.Mapper, work, tasks: Iterator[tuple]) -> Iterator[tuple[object, int, list]]:
    """(task, its input bytes, its results) per (task, input bytes) (the mapper yields one list per
    task, in task order)."""
    sent: deque = deque()

    def remember(items):
        for task, nbytes in items:
            sent.append((task, nbytes))
            yield task
    for results in mapper(partial(_one, work), remember(tasks)):
        yield (*sent.popleft(), results)
