"""Merging across documents: local mentions and facts become entities with stable ids and relations.

Merging is keyed, never pairwise over the corpus: people by name, places and policies by name,
bodies by absolute name (a relative `省委` in a report whose province is unknown stays that report's
own), meetings by (jurisdiction, dated day) and then by name within that small bucket.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable

from .models import Document, Entity, Label, Relation, RelType, Role, stable_id

LEVELS = [("national", re.compile(r"^(全国|中央|国务院|中共中央|全国人大|全国政协)")),
          ("province", re.compile(r"^(全省|省|.{2,3}省|.{2,6}自治区)")),
          ("city", re.compile(r"^(全市|市|.{2,4}市)")),
          ("county", re.compile(r"^(全县|县|.{2,4}县)")),
          ("district", re.compile(r"^(全区|区|.{2,4}区)"))]


def meeting_level(name: str) -> str | None:
    for level, pattern in LEVELS:
        if pattern.match(name):
            return level
    return None


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)} or {s}


def name_similarity(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y))


LEVEL_PREFIX_RE = re.compile(r"^(?:全国|中央|全省|全市|全县|全区|全州|我省|我市|我县|我区|[\u4e00-\u9fff]{1,3}?[省市县区州](?![委长])|省|市|县|区|州)")
ORDINAL_RE = re.compile(r"第[\d一二三四五六七八九十百]+次")
GENERIC_TAIL_RE = re.compile(r"(?:电视电话|视频|专题|扩大|全体|常务|工作|调度|会商)*(?:会议|会)$")


def meeting_core(name: str) -> str:
    """What tells one meeting from another: the name less its level, ordinal and generic ending."""
    core = ORDINAL_RE.sub("", LEVEL_PREFIX_RE.sub("", name))
    core = GENERIC_TAIL_RE.sub("", core)
    return re.sub(r"工作$", "", core)


SYNONYMS = (("人民代表大会常务委员会", "人大常委会"), ("人民代表大会", "人大"), ("政治协商会议", "政协"),
            ("常务委员会", "常委会"), ("中国共产党", ""), ("中共", ""))
TYPE_WORDS_RE = re.compile(r"主任会议|党组会议|主席会议|常务会议|全体会议|常委会|座谈会|推进会|调度会|学习会|办公会|联席会|"
                           r"电视电话会议|视频会议|中心组|预备会议|集体学习|读书班|研讨|部署会|动员会")


def canonical_meeting_name(name: str) -> str:
    """One spelling for the long and short forms of a name (人民代表大会常务委员会 = 人大常委会, 第十五届 = 十五届)."""
    for long, short in SYNONYMS:
        name = name.replace(long, short)
    return re.sub(r"第(?=[\d一二三四五六七八九十百]+届)", "", name)


def same_meeting(a: str, b: str) -> bool:
    """Two names on the same day and in the same jurisdiction name the same meeting: same level
    (a national and a provincial video conference differ), same type (a 主任会议 is not the
    常委会会议 it follows) and the same distinctive words."""
    if a == b:
        return True
    a, b = canonical_meeting_name(a), canonical_meeting_name(b)
    la, lb = meeting_level(a), meeting_level(b)
    if la and lb and la != lb:
        return False
    ta, tb = TYPE_WORDS_RE.findall(a), TYPE_WORDS_RE.findall(b)
    if ta and tb and ta[-1] != tb[-1]:  # the last type word is the meeting's own type
        return False
    ca, cb = meeting_core(a), meeting_core(b)
    if not ca or not cb:
        return False
    return ca in cb or cb in ca or name_similarity(ca, cb) >= 0.6


def _meeting_ids(docs: list[Document]) -> dict[tuple[str, str], str]:
    """(doc id, local meeting key) -> global meeting id."""
    buckets: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    ids: dict[tuple[str, str], str] = {}
    for doc in docs:
        for m in doc.mentions:
            if m.label != Label.MEETING:
                continue
            key, date, jur = m.props["key"], m.props.get("date"), m.props.get("jurisdiction")
            if date and re.match(r"\d{4}-\d\d-\d\d$", date) and jur:
                buckets[(jur, date)].append((doc.id, key, m.text))
            else:  # no year or no jurisdiction: cannot be told apart from namesakes elsewhere
                ids[(doc.id, key)] = stable_id(Label.MEETING, doc.id[9:17], key, m.text)
    for (jur, date), members in sorted(buckets.items()):
        clusters: list[list[tuple[str, str, str]]] = []
        for member in sorted(members, key=lambda t: (-len(t[2]), t[2], t[0])):
            for cluster in clusters:
                if any(same_meeting(member[2], other[2]) for other in cluster):
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


def _merge_props(entity: Entity, props: dict) -> None:
    for k, v in props.items():
        if v is None or k in {"key", "title_start"}:
            continue
        if isinstance(v, list):
            cur = entity.props.setdefault(k, [])
            cur.extend(x for x in v if x not in cur)
        elif k not in entity.props or entity.props[k] is None:
            entity.props[k] = v


def resolve(docs: Iterable[Document]) -> tuple[list[Entity], list[Relation]]:
    """Entities (one per real thing) and relations (one per fact, deduplicated per document)."""
    docs = sorted(docs, key=lambda d: (d.name, d.id))
    meeting_ids = _meeting_ids(docs)
    entities: dict[str, Entity] = {}
    relations: dict[tuple, Relation] = {}

    def entity_id(doc: Document, label: Label, name: str) -> str:
        if label == Label.MEETING:
            return meeting_ids[(doc.id, name)]
        if label == Label.DOCUMENT:
            return doc.id
        if label == Label.BODY and name.startswith(("省", "市", "县", "区", "州", "镇", "乡")):
            return stable_id(label, doc.id[9:17], name)  # relative body: its report's own
        return stable_id(label, name)

    for doc in docs:
        entities[doc.id] = Entity(id=doc.id, label=Label.DOCUMENT, name=doc.name, props={
            "path": doc.path, "title": doc.meta.title, "date": doc.meta.date, "outlet": doc.meta.outlet,
            "script": doc.meta.script, "jurisdiction": doc.meta.jurisdiction, "sha256": doc.sha256,
            "url": doc.meta.url})
        first_seen: dict[str, tuple[int, int, int]] = {}
        for m in doc.mentions:
            key = m.props["key"] if m.label == Label.MEETING else m.text
            eid = entity_id(doc, m.label, key)
            name = m.text
            ent = entities.get(eid)
            if ent is None:
                ent = entities[eid] = Entity(id=eid, label=m.label, name=name)
            props = {k: v for k, v in m.props.items() if k not in {"name"}}
            if m.label == Label.PERSON:
                props["aliases"] = [m.original] if m.original != m.text else []
                props.setdefault("role", Role.OFFICIAL.value)
                if props["role"] != Role.OFFICIAL.value and ent.props.get("role") == Role.OFFICIAL.value:
                    props.pop("role")
                elif props["role"] == Role.OFFICIAL.value and ent.props.get("role") not in (None, "official") \
                        and props.get("titles"):
                    ent.props["role"] = Role.OFFICIAL.value
            _merge_props(ent, props)
            cnt = first_seen.get(eid)
            first_seen[eid] = (m.start, m.end, (cnt[2] if cnt else 0) + 1) if not cnt else (cnt[0], cnt[1], cnt[2] + 1)
        for f in doc.facts:
            src = entity_id(doc, *f.source)
            dst = entity_id(doc, *f.target)
            for eid, (label, key) in ((src, f.source), (dst, f.target)):
                if eid not in entities:
                    entities[eid] = Entity(id=eid, label=label, name=key)
                if f.type == RelType.LOCATED_IN and eid == dst:
                    continue  # the province a named city lies in is known, not mentioned
                if label != Label.DOCUMENT and eid not in first_seen:
                    first_seen[eid] = (f.start, f.end, 1)
            rkey = (f.type, src, dst, doc.id)
            if rkey not in relations:
                relations[rkey] = Relation(type=f.type, source=src, target=dst,
                                           provenance=doc.provenance(f.start, f.end), props=dict(f.props))
        for eid, (start, end, count) in first_seen.items():
            if eid == doc.id:
                continue
            rkey = (RelType.MENTIONED_IN, eid, doc.id, doc.id)
            relations.setdefault(rkey, Relation(type=RelType.MENTIONED_IN, source=eid, target=doc.id,
                                                provenance=doc.provenance(start, end), props={"count": count}))
    return list(entities.values()), list(relations.values())
