"""Merging across documents: local mentions and facts become entities with stable ids and relations.

Merging is keyed, never pairwise over the corpus: people by name, places and policies by name,
bodies by absolute name (a relative `省委` in a report whose province is unknown stays that report's
own), meetings by (jurisdiction, dated day) and then by name within that small bucket.

It streams: `Merger.add` takes one report's `ReportFacts` (its mentions and facts with the evidence
already cut from its text), so a corpus is never held whole. Where reports disagree (a name, a
property) the first report in (file name, document id) order wins, as if they had come in that
order; so the graph is the same whatever order reports arrive in, from one process or a pool.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from functools import partial
from typing import Any, Iterable, NamedTuple

import networkx as nx

from ..extractors.meeting_names import ordinals_clash, same_meeting
from ..models import (
    Document,
    Entity,
    Label,
    Mention,
    Provenance,
    Relation,
    RelType,
    Role,
    relation_id,
    report_scope,
    stable_id,
)
from .build import EdgeListGraph, clean_value
from .source import EdgeRecord
from .spill import IN_MEMORY, Sinks

# When two names name one meeting: the rule shared with the extractors (graph/meeting_names.py).


class Evidence(NamedTuple):
    """The sentence a fact was read in, as written, and its span in the original text."""
    sentence: str
    start: int
    end: int
Order = tuple  # (file name, document id, -1 the report | 0 a mention | 1 a fact, index): smaller first
SKIPPED_PROPS = {"name"}  # the node's name is its own field
_PERSON_SKIPPED = {*SKIPPED_PROPS, "role", "aliases"}  # (a person's are merged apart: see Merger._merge)
RELATIVE_BODY = ("省", "市", "县", "区", "州", "镇", "乡")
# Looked up once: reading an enum member off its class (or its .value) is slow in Python 3.11, and
# the merge's last step does it per fact
_MEETING, _PERSON = Label.MEETING, Label.PERSON
_OFFICIAL = Role.OFFICIAL.value
_TYPE_NAME = {t: t.value for t in RelType}
_LABEL_NAME = {label: label.value for label in Label}
_LOCATED_IN, _MENTIONED = RelType.LOCATED_IN.value, RelType.MENTIONED_IN.value
_NODE_FIELDS = ("label", "name")  # a node's own fields, never among its properties


def _count_mention(first_seen: dict[str, list], eid: str, evidence) -> None:
    """Count one more mention of an entity in a report, keeping the evidence of the first."""
    seen = first_seen.get(eid)
    if seen:
        seen[1] += 1
    else:
        first_seen[eid] = [evidence, 1]


class MentionRecord(NamedTuple):
    """A mention as merging needs it: what it names (a meeting by its key in the report) and its sentence."""
    label: Label
    key: str  # the name, or a meeting's local key (M1…)
    text: str
    original: str
    props: dict[str, Any]
    evidence: Evidence


class FactRecord(NamedTuple):
    """A fact as merging needs it: its ends as (label, key) and its sentence."""
    type: RelType
    source: tuple[Label, str]
    target: tuple[Label, str]
    props: dict[str, Any]
    evidence: Evidence


class MeetingMention(NamedTuple):
    """A meeting mention waiting for the corpus-wide meeting ids, in (report, mention) order."""
    base: tuple[str, str]  # (file name, document id) of its report
    order: int
    doc_id: str
    key: str
    name: str
    date: str | None
    jurisdiction: str | None


@dataclass(slots=True)
class ReportFacts:
    """What merging needs of one extracted report, and nothing of its text."""
    id: str
    name: str
    props: dict[str, Any]  # the Document node's properties
    mentions: list[MentionRecord]
    facts: list[FactRecord]

    @property
    def has_meeting(self) -> bool:
        return any(m.label == Label.MEETING for m in self.mentions)


def report_facts(doc: Document) -> ReportFacts:
    """The mentions and facts of an extracted document, each with its evidence sentence (as
    `Document.provenance` gives it). A sentence is one shared string however many facts it supports."""
    shared: dict[tuple[int, int], Evidence] = {}
    sentences = doc.sentences
    starts = [s.start for s in sentences]
    ordered = all(a.end <= b.start for a, b in zip(sentences, sentences[1:], strict=False))

    def evidence(start: int, end: int) -> Evidence:
        if ordered:  # the sentence holding `start`, found by bisection
            i = bisect_right(starts, start) - 1
            span = (sentences[i].orig_start, sentences[i].orig_end) if i >= 0 and start < sentences[i].end \
                else doc.orig_span(start, end)
            ev = shared.get(span)
            if ev is None:
                ev = shared[span] = Evidence(doc.raw[span[0]:span[1]].strip(), *span)
            return ev
        p = doc.provenance(start, end)
        return shared.setdefault((p.start, p.end), Evidence(p.evidence, p.start, p.end))

    props = {"path": doc.path, "title": doc.meta.title, "date": doc.meta.date, "outlet": doc.meta.outlet,
             "script": doc.meta.script, "jurisdiction": doc.meta.jurisdiction, "sha256": doc.sha256,
             "url": doc.meta.url}
    about = {f.source[1] for f in doc.facts if f.type == RelType.REPORTED_IN}
    mentions = [MentionRecord(m.label, m.key if m.label == Label.MEETING else m.text, m.text, m.original,
                              _meeting_props(m, about) if m.label == Label.MEETING else m.props,
                              evidence(m.start, m.end)) for m in doc.mentions]
    facts = [FactRecord(f.type, f.source, f.target, f.props, evidence(f.start, f.end)) for f in doc.facts]
    return ReportFacts(doc.id, doc.name, props, mentions, facts)


def _meeting_props(m: Mention, about: set[str]) -> dict[str, Any]:
    """A meeting mention's properties, `reported` as REPORTED_IN decided it (the meeting extractor's
    flag only names the candidates: one held long ago, or recalled under an earlier year, is not)."""
    return {**m.props, "reported": m.key in about} if "reported" in m.props else m.props


def _meeting_ids(meetings: Iterable[tuple[str, str, str, str | None, str | None]]) -> dict[tuple[str, str], str]:
    """(doc id, local meeting key) -> global meeting id, from (doc id, key, name, date, jurisdiction)
    of every meeting mention in document order."""
    buckets: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    ids: dict[tuple[str, str], str] = {}
    for doc_id, key, text, date, jur in meetings:
        if date and re.match(r"\d{4}-\d\d-\d\d$", date) and jur:
            buckets[(jur, date)].append((doc_id, key, text))
        else:  # no year or no jurisdiction: cannot be told apart from namesakes elsewhere
            ids[(doc_id, key)] = stable_id(Label.MEETING, report_scope(doc_id), key, text)
    for (jur, date), members in sorted(buckets.items()):
        clusters: list[list[tuple[str, str, str]]] = []
        for member in sorted(members, key=lambda t: (-len(t[2]), t[2], t[0])):
            for cluster in clusters:
                if any(same_meeting(member[2], other[2]) for other in cluster) and \
                        not any(ordinals_clash(member[2], other[2]) for other in cluster):  # 常务会议 bridges no 第5次 and 第6次
                    cluster.append(member)
                    break
            else:
                clusters.append([member])
        for cluster in clusters:
            rep = cluster[0][2]  # longest name, deterministic for the same inputs
            mid = stable_id(Label.MEETING, jur, date, rep)
            for doc_id, key, _ in cluster:
                ids[(doc_id, key)] = mid
    return ids


class _Node:
    """One entity as merged so far: each value with the order of the report that gave it."""
    __slots__ = ("label", "name", "scalars", "lists", "role", "official")

    def __init__(self, label: Label, order: Order, name: str):
        self.label, self.name = label, (order, name)
        self.scalars: dict[str, tuple[Order, Any]] = {}
        self.lists: dict[str, dict[str, tuple]] = {}  # item -> order of its first appearance
        self.role: tuple[Order, str] | None = None  # a person's role as first given
        self.official = False  # some mention gave a person an official title

    def props(self) -> dict[str, Any]:
        out = {k: v for k, (_, v) in self.scalars.items()}
        for k, items in self.lists.items():
            out[k] = sorted(items, key=items.__getitem__)
        if self.role is not None:
            out["role"] = _OFFICIAL if self.official else self.role[1]
        return out

    def attributes(self) -> dict[str, Any]:
        """The node's attributes as the graph holds them: label, name, then its properties by name."""
        return {"label": _LABEL_NAME[self.label], "name": self.name[1],
                **{k: clean_value(v) for k, v in sorted(self.props().items()) if k not in _NODE_FIELDS}}


class Merger:
    """Entities and relations of reports added one at a time, in any order."""

    def __init__(self, *, sinks: Sinks = IN_MEMORY) -> None:
        """`sinks`: where records wait, lists by default (spill.IN_MEMORY); spill.SPILLED keeps
        them out of the heap, for a large build."""
        self.nodes: dict[str, _Node] = {}
        self.sinks = sinks
        # edge records as build.EdgeListGraph reads them, a report's at a time
        self.relations = sinks.edges()
        self.pending = sinks.pending()  # per report: what waits for the meeting ids (see `add`)
        # every meeting mention: (report's order, index, doc id, key, name, date, jurisdiction)
        self.meetings: list[tuple] = []
        self.ids: dict[tuple[Label, str], str] = {}
        self.reports = 0

    def _node(self, eid: str, label: Label, order: Order, name: str) -> _Node:
        node = self.nodes.get(eid)
        if node is None:
            node = self.nodes[eid] = _Node(label, order, name)
        elif order < node.name[0]:
            node.name = (order, name)
        return node

    def _merge(self, eid: str, label: Label, order: Order, name: str, props: dict, original: str = "") -> None:
        node = self._node(eid, label, order, name)
        skipped = SKIPPED_PROPS
        if label == _PERSON:
            skipped = _PERSON_SKIPPED
            role = props.get("role", _OFFICIAL)
            if role is not None and (node.role is None or order < node.role[0]):
                node.role = (order, role)
            if role == _OFFICIAL and props.get("titles"):
                node.official = True
            aliases = node.lists.setdefault("aliases", {})
            if original != name and (original not in aliases or (order, 0) < aliases[original]):
                aliases[original] = (order, 0)
        for k, v in props.items():
            if v is None or k in skipped:
                continue
            if isinstance(v, list):
                items = node.lists.setdefault(k, {})
                for i, x in enumerate(v):
                    if x not in items or (order, i) < items[x]:
                        items[x] = (order, i)
            else:
                cur = node.scalars.get(k)
                if cur is None or order < cur[0]:
                    node.scalars[k] = (order, v)

    def _id(self, report: ReportFacts, label: Label, key: str) -> str:
        if label == Label.DOCUMENT:
            return report.id
        if label == Label.BODY and key.startswith(RELATIVE_BODY):
            return stable_id(label, report_scope(report.id), key)  # relative body: its report's own
        eid = self.ids.get((label, key))
        if eid is None:  # the same people and places recur in report after report
            eid = self.ids[(label, key)] = stable_id(label, key)
        return eid

    def add(self, report: ReportFacts) -> None:
        """Merge one report. Everything but its meetings is merged now; meetings wait in `pending`
        until every report is in, since which meeting a mention names depends on the others."""
        self.reports += 1
        base = (report.name, report.id)
        doc = self._node(report.id, Label.DOCUMENT, (*base, -1, 0), report.name)
        for k, v in report.props.items():
            if v is not None:
                doc.scalars[k] = ((*base, -1, 0), v)
        first_seen: dict[str, list] = {}  # entity id -> [evidence, count] (MENTIONED_IN)
        meetings = []
        for i, (label, key, text, original, props, ev) in enumerate(report.mentions):
            if label == Label.MEETING:
                meetings.append((i, key, text, props, tuple(ev)))
                continue
            eid = self._id(report, label, key)
            self._merge(eid, label, (*base, 0, i), text, props, original)
            _count_mention(first_seen, eid, ev)
        done: set[tuple] = set()
        facts, records = [], []
        for j, (rtype, source, target, props, ev) in enumerate(report.facts):
            ends = []
            for (label, key), is_target in ((source, False), (target, True)):
                if label == Label.MEETING:
                    ends.append(None)
                    continue
                eid = self._id(report, label, key)
                ends.append(eid)
                self._node(eid, label, (*base, 1, j), key)
                if not (rtype == RelType.LOCATED_IN and is_target) and label != Label.DOCUMENT \
                        and eid not in first_seen:
                    first_seen[eid] = [ev, 1]
            kind = _TYPE_NAME[rtype]
            if None in ends:  # waits for the meeting ids: a meeting end as its local key, (key,)
                facts.append((j, kind, (source[1],) if ends[0] is None else ends[0],
                              (target[1],) if ends[1] is None else ends[1], _edge_props(props), tuple(ev)))
            elif (kind, *ends) not in done:
                done.add((kind, *ends))
                records.append(_record(kind, ends[0], ends[1], base, ev, _edge_props(props)))
        for eid, (ev, count) in first_seen.items():
            if eid != report.id and (_MENTIONED, eid, report.id) not in done:
                records.append(_record(_MENTIONED, eid, report.id, base, ev, count))
        self.relations.append((*base, 0), records)
        if meetings or facts:
            self.pending.append(base, [(meetings, facts)])
            self.meetings.extend(MeetingMention(base, i, report.id, key, text, props.get("date"), props.get("jurisdiction"))
                                 for i, key, text, props, _ in meetings)

    def finish(self) -> None:
        """Merge what waited for the meeting ids (call once, after the last `add`)."""
        pending, self.pending = self.pending, self.sinks.pending()
        ids = _meeting_ids((m.doc_id, m.key, m.name, m.date, m.jurisdiction)
                           for m in sorted(self.meetings, key=lambda m: (m.base, m.order)))
        self.meetings = []
        for base, (meetings, facts) in pending.keyed():
            doc_id = base[1]
            first_seen: dict[str, list] = {}
            for i, key, text, props, ev in meetings:
                eid = ids[(doc_id, key)]
                self._merge(eid, _MEETING, (*base, 0, i), text, props)
                _count_mention(first_seen, eid, ev)
            done: set[tuple] = set()
            records = []
            for j, kind, source, target, props, ev in facts:
                if type(source) is tuple:
                    source = self._meeting_end(ids[(doc_id, source[0])], source[0], base, j, first_seen, ev, True)
                if type(target) is tuple:
                    target = self._meeting_end(ids[(doc_id, target[0])], target[0], base, j, first_seen, ev,
                                               kind != _LOCATED_IN)
                if (kind, source, target) not in done:
                    done.add((kind, source, target))
                    records.append(_record(kind, source, target, base, ev, props))
            for eid, (ev, count) in first_seen.items():
                if (_MENTIONED, eid, doc_id) not in done:
                    records.append(_record(_MENTIONED, eid, doc_id, base, ev, count))
            self.relations.append((*base, 1), records)  # after the report's other edges

    def _meeting_end(self, eid: str, key: str, base: tuple, j: int, first_seen: dict, ev: tuple,
                     mentioned: bool) -> str:
        """A fact's meeting end, by its global id `eid`: a meeting this report has not named yet (by
        a mention or an earlier fact) gets its local key as a name, and, if `mentioned`, this fact's
        sentence as where the report mentions it."""
        if eid not in first_seen:
            self._node(eid, _MEETING, (*base, 1, j), key)
            if mentioned:
                first_seen[eid] = [ev, 1]
        return eid

    def entities(self) -> list[Entity]:
        return [Entity(id=eid, label=n.label, name=n.name[1], props=n.props()) for eid, n in self.nodes.items()]

    def relation_models(self) -> list[Relation]:
        return [Relation(type=RelType(r.type), source=r.source, target=r.target, props=_props(r.more),
                         provenance=Provenance(doc=r.doc, doc_id=r.doc_id, evidence=r.evidence, start=r.start, end=r.end))
                for r in self.relations]

    def to_graph(self) -> EdgeListGraph:
        """The graph, compactly (see build.EdgeListGraph): nodes sorted by id, edges report by report
        in (file name, document id) order. Takes the merger's relations over (a spill stays out of the heap)."""
        nodes = {eid: self.nodes[eid].attributes() for eid in sorted(self.nodes)}
        rels, self.relations = self.relations, self.sinks.edges()
        rels.sort()  # once here, not in each process that reads it
        return EdgeListGraph(nodes, rels)

    def to_networkx(self) -> nx.MultiDiGraph:
        """The graph, as `build.to_networkx(*resolve(docs))` would make it."""
        return self.to_graph().to_networkx()


def _edge_props(props: dict[str, Any] | None) -> dict[str, Any] | None:
    """A fact's properties as its edge record keeps them (see build.EdgeRecord): by name, lists
    cleaned, none left out as None; None when there are none."""
    if props is None:
        return None
    return {k: clean_value(v) for k, v in sorted(props.items()) if v is not None} or None


# An EdgeRecord made from its fields' tuple, with no Python call (the named tuple's own __new__ is one)
_new_record = partial(tuple.__new__, EdgeRecord)


def _record(kind: str, source: str, target: str, base: tuple[str, str], ev: tuple[str, int, int], more) -> EdgeRecord:
    """One edge record (build.EdgeRecord) of a fact read in report `base` (file name, document id),
    in the sentence `ev` (an Evidence's fields); `more`: its properties (see `_edge_props`) or a count."""
    name, doc_id = base
    sentence, start, end = ev
    return _new_record((relation_id(kind, source, target, doc_id, start), source, target, kind, name, doc_id,
                        sentence, start, end, more))


def _props(props) -> dict:
    return {} if props is None else {"count": props} if isinstance(props, int) else dict(props)


def resolve(docs: Iterable[Document]) -> tuple[list[Entity], list[Relation]]:
    """Entities (one per real thing) and relations (one per fact, deduplicated per document)."""
    merger = Merger()
    for doc in docs:
        merger.add(report_facts(doc))
    merger.finish()
    return merger.entities(), merger.relation_models()
