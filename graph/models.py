"""The single vocabulary of Huiyi: labels, relation types and the typed objects every stage shares.

One `Document` flows through every stage (reading, normalising, segmenting, extracting); the
extractors add `Mention`s and `Relation`s to it, `resolve` turns mentions into `Entity`s with stable
ids, and `build` turns entities and relations into a networkx graph.

The graph contract (what `build.py` produces and every sink in `loaders/` consumes):
- `networkx.MultiDiGraph`; node key = entity id (str); node attributes: `label` (a `Label` value),
  `name`, and the label's properties (scalars or lists of str; see `NODE_PROPERTIES`).
- edge key = relation id (str); edge attributes: `type` (a `RelType` value), `doc` (file name),
  `doc_id`, `evidence` (the sentence as written in the original), `start`/`end` (its character
  span in the original text), plus the type's own properties (see `EDGE_PROPERTIES`).
"""
from __future__ import annotations

import hashlib
from enum import Enum
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict, Field


class Label(str, Enum):
    PERSON = "Person"
    PLACE = "Place"
    BODY = "Body"
    MEETING = "Meeting"
    POLICY = "Policy"
    DOCUMENT = "Document"


class RelType(str, Enum):
    CHAIRED = "CHAIRED"  # Person -> Meeting
    ATTENDED = "ATTENDED"  # Person -> Meeting (everyone present: chair, speakers, attendees)
    SPOKE_AT = "SPOKE_AT"  # Person -> Meeting
    DIRECTED = "DIRECTED"  # Person|Body -> Policy
    HOLDS_POSITION = "HOLDS_POSITION"  # Person -> Body, with the title
    HELD_IN = "HELD_IN"  # Meeting -> Place
    MENTIONED_IN = "MENTIONED_IN"  # any entity -> Document
    REPORTED_IN = "REPORTED_IN"  # Meeting -> Document that reports it (not just refers to it)
    CONVENED = "CONVENED"  # Body -> Meeting it held
    AUTHORED = "AUTHORED"  # Person (journalist, editor) -> Document
    LOCATED_IN = "LOCATED_IN"  # Place -> Place (county -> city -> province)


class Role(str, Enum):
    OFFICIAL = "official"
    JOURNALIST = "journalist"
    OTHER = "other"


# Properties each node label carries besides id, label and name (the embedded store's schema).
NODE_PROPERTIES: dict[Label, dict[str, str]] = {
    Label.PERSON: {"role": "STRING", "titles": "STRING[]", "aliases": "STRING[]"},
    Label.PLACE: {"kind": "STRING", "province": "STRING"},
    Label.BODY: {"kind": "STRING", "jurisdiction": "STRING"},
    Label.MEETING: {"date": "STRING", "jurisdiction": "STRING", "place": "STRING", "kind": "STRING"},
    Label.POLICY: {},
    Label.DOCUMENT: {"path": "STRING", "title": "STRING", "date": "STRING", "outlet": "STRING",
                     "script": "STRING", "jurisdiction": "STRING", "sha256": "STRING"},
}
# Properties each relation carries besides type and provenance (doc, doc_id, evidence, start, end).
EDGE_PROPERTIES: dict[RelType, dict[str, str]] = {
    RelType.HOLDS_POSITION: {"title": "STRING", "date": "STRING"},
    RelType.CHAIRED: {"how": "STRING", "rule": "STRING"},  # how: the verb read; rule: the grammar's rule
    RelType.ATTENDED: {"how": "STRING", "rule": "STRING"},
    RelType.SPOKE_AT: {"how": "STRING", "rule": "STRING"},
    RelType.AUTHORED: {"how": "STRING"},
}


class HuiyiError(Exception):
    """Root of every error Huiyi raises on purpose; its message says what to do."""


class InputError(HuiyiError):
    """An input file or folder cannot be read (missing, undecodable, empty, not a report)."""


class ConfigError(HuiyiError):
    """A command was given an option or value it cannot use; the message lists valid choices."""


class StoreError(HuiyiError):
    """A graph store (embedded or Neo4j) refused a load or a query."""


def stable_id(label: Label | str, *parts: Any) -> str:
    """A deterministic, readable id: the label and the identifying parts, hashed when long."""
    label = label.value if isinstance(label, Label) else label
    key = ":".join([p if type(p) is str else "" if p is None else str(p) for p in parts])
    if len(key) > 48:
        key = key[:24] + "~" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
    return f"{label}:{key}"


def document_id(sha256: str) -> str:
    """A report's id: its text's hash (the same text under two names is one report)."""
    return f"{Label.DOCUMENT.value}:{sha256[:16]}"


def report_scope(doc_id: str) -> str:
    """A short part of a report's id that scopes what only that report can name (a meeting with no
    year or place to tell it from namesakes, a body named relative to it: 省委 in an unknown province)."""
    return doc_id.partition(":")[2][:8]


def relation_id(kind: str, source: str, target: str, doc_id: str, start: int) -> str:
    """A relation's deterministic id: its type and a 64-bit hash of its ends and where it was read.
    Short on purpose: a corpus has millions of relations, and every sink stores the id as text (the
    ends are the relation's own columns, so repeating them in the id would only cost space)."""
    key = f"{source}\x1f{target}\x1f{doc_id}\x1f{start}"
    return f"{kind}:{hashlib.blake2b(key.encode('utf-8'), digest_size=8).hexdigest()}"


class Provenance(BaseModel):
    """Where a fact was read: the document and the sentence, as a span of the original text."""
    model_config = ConfigDict(frozen=True)
    doc: str  # file name, as the referee and users see it
    doc_id: str
    evidence: str  # the sentence as written in the original (script and glosses kept)
    start: int
    end: int


class Mention(NamedTuple):
    """A span of the normalised text naming something. `props` are the facts the mention states (a
    meeting's date, a person's titles, the rule that read it); the typed fields are extraction
    bookkeeping that never reaches the graph. (Records made ~150k times on a corpus of 5,000
    reports and never changed: tuples, not validated models.)"""
    label: Label
    text: str  # normalised (Simplified, no glosses)
    original: str  # as written in the source
    start: int
    end: int
    props: dict[str, Any]
    key: str | None = None  # a meeting's key within its report (M1, M2…): what facts point at
    held: bool = False  # a meeting named here as held or convened (not only referred to)
    title_start: int | None = None  # where the title chain before a person's name starts
    short: str | None = None  # the surname-and-post form a person was called by (金书记)


class Fact(NamedTuple):
    """A relation between two things named in one document, before ids exist (a record, as Mention).

    `source`/`target` are local keys: (label, name) for people, places, bodies and policies, and
    (Meeting, local meeting key) for meetings. `start`/`end` index the normalised text.
    """
    type: RelType
    source: tuple[Label, str]
    target: tuple[Label, str]
    start: int
    end: int
    props: dict[str, Any]


class Entity(BaseModel):
    id: str
    label: Label
    name: str
    props: dict[str, Any] = Field(default_factory=dict)


class Relation(BaseModel):
    type: RelType
    source: str  # entity id
    target: str  # entity id
    provenance: Provenance
    props: dict[str, Any] = Field(default_factory=dict)

    @property
    def id(self) -> str:
        p = self.provenance
        return relation_id(self.type.value, self.source, self.target, p.doc_id, p.start)


class Sentence(NamedTuple):
    """A sentence of the normalised text with its span there and in the original. (A record made
    a hundred thousand times in a corpus, and never changed: a tuple, not a validated model.)"""
    text: str
    start: int  # in normalised text
    end: int
    orig_start: int
    orig_end: int


class DocumentMeta(BaseModel):
    title: str | None = None
    date: str | None = None  # ISO publish date, when the document gives one
    outlet: str | None = None
    url: str | None = None
    source: str | None = None
    script: str = "hans"  # hans | hant | hant+pinyin | hans-pdf
    jurisdiction: str | None = None  # province short name (云南) or None when nothing settles it
    city: str | None = None  # city or county the report is about, when stated


class Document(BaseModel):
    """One report. Filled in stage by stage; the original text is never changed."""
    model_config = ConfigDict(arbitrary_types_allowed=True)
    id: str
    name: str  # file name (or the JSONL record id)
    path: str
    raw: str  # original text as decoded
    sha256: str
    text: str = ""  # normalised text: glosses removed, Simplified, chrome dropped, lines rejoined
    offsets: list[int] = Field(default_factory=list)  # offsets[i] = index in `raw` of text[i]
    meta: DocumentMeta = Field(default_factory=DocumentMeta)
    sentences: list[Sentence] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text to the original text."""
        if not self.offsets or start >= len(self.offsets):
            return start, end
        s = self.offsets[start]
        e = self.offsets[min(end, len(self.offsets)) - 1] + 1 if end > start else s
        return s, e

    def provenance(self, start: int, end: int) -> Provenance:
        """Provenance for a span of the normalised text: the sentence containing it, in the original."""
        sent = next((s for s in self.sentences if s.start <= start < s.end), None)
        if sent is None:
            os_, oe = self.orig_span(start, end)
        else:
            os_, oe = sent.orig_start, sent.orig_end
        return Provenance(doc=self.name, doc_id=self.id, evidence=self.raw[os_:oe].strip(),
                          start=os_, end=oe)
