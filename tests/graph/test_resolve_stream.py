"""The streaming merge (resolve.Merger) gives the graph the whole-corpus merge gave, in any order.

`sorted_merge` below is the merge as it was written before it streamed: every document held,
sorted by (name, id), merged one after another. It is the reference the streaming one must equal.
"""
from __future__ import annotations

import random

import pytest

from huiyi.graph.inputs.documents import document_from_text
from huiyi.graph.merge import build, resolve
from huiyi.graph.models import Entity, Fact, Label, Mention, Relation, RelType, Role, report_scope, stable_id
from huiyi.graph.run.pipeline import build_graph, extract, has_meeting
from huiyi.loaders.json_export import to_node_link


def _merge_props(entity: Entity, props: dict) -> None:
    for k, v in props.items():
        if v is None or k in resolve.SKIPPED_PROPS:
            continue
        if isinstance(v, list):
            cur = entity.props.setdefault(k, [])
            cur.extend(x for x in v if x not in cur)
        elif k not in entity.props or entity.props[k] is None:
            entity.props[k] = v


def sorted_merge(docs):
    docs = sorted(docs, key=lambda d: (d.name, d.id))
    meeting_ids = resolve._meeting_ids(
        (d.id, m.key, m.text, m.props.get("date"), m.props.get("jurisdiction"))
        for d in docs for m in d.mentions if m.label == Label.MEETING)
    entities: dict[str, Entity] = {}
    relations: dict[tuple, Relation] = {}

    def entity_id(doc, label, name):
        if label == Label.MEETING:
            return meeting_ids[(doc.id, name)]
        if label == Label.DOCUMENT:
            return doc.id
        if label == Label.BODY and name.startswith(("省", "市", "县", "区", "州", "镇", "乡")):
            return stable_id(label, report_scope(doc.id), name)
        return stable_id(label, name)

    for doc in docs:
        entities[doc.id] = Entity(id=doc.id, label=Label.DOCUMENT, name=doc.name, props={
            "path": doc.path, "title": doc.meta.title, "date": doc.meta.date, "outlet": doc.meta.outlet,
            "script": doc.meta.script, "jurisdiction": doc.meta.jurisdiction, "sha256": doc.sha256,
            "url": doc.meta.url})
        first_seen = {}
        for m in doc.mentions:
            eid = entity_id(doc, m.label, m.key if m.label == Label.MEETING else m.text)
            ent = entities.get(eid) or entities.setdefault(eid, Entity(id=eid, label=m.label, name=m.text))
            props = {k: v for k, v in m.props.items() if k != "name"}
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
            first_seen[eid] = (m.start, m.end, 1) if not cnt else (cnt[0], cnt[1], cnt[2] + 1)
        for f in doc.facts:
            src, dst = entity_id(doc, *f.source), entity_id(doc, *f.target)
            for eid, (label, key) in ((src, f.source), (dst, f.target)):
                entities.setdefault(eid, Entity(id=eid, label=label, name=key))
                if f.type == RelType.LOCATED_IN and eid == dst:
                    continue
                if label != Label.DOCUMENT and eid not in first_seen:
                    first_seen[eid] = (f.start, f.end, 1)
            relations.setdefault((f.type, src, dst, doc.id), Relation(
                type=f.type, source=src, target=dst, provenance=doc.provenance(f.start, f.end), props=dict(f.props)))
        for eid, (start, end, count) in first_seen.items():
            if eid != doc.id:
                relations.setdefault((RelType.MENTIONED_IN, eid, doc.id, doc.id), Relation(
                    type=RelType.MENTIONED_IN, source=eid, target=doc.id, provenance=doc.provenance(start, end),
                    props={"count": count}))
    return build.to_networkx(entities.values(), relations.values())


def streamed(docs) -> dict:
    merger = resolve.Merger()
    for doc in docs:
        merger.add(resolve.report_facts(doc))
    merger.finish()
    return to_node_link(merger.to_networkx())


@pytest.fixture(scope="module")
def seed_docs(seed_paths):
    from huiyi.graph.inputs.documents import read_file
    return [extract(read_file(p, max_bytes=2**26)) for p in seed_paths]


def test_streaming_equals_the_sorted_merge_in_any_order(seed_docs):
    expected = to_node_link(sorted_merge(seed_docs))
    rng = random.Random(3)
    for _ in range(4):
        docs = seed_docs[:]
        rng.shuffle(docs)
        assert streamed(docs) == expected
    assert to_node_link(build.to_networkx(*resolve.resolve(seed_docs))) == expected


def person_doc(name: str, text: str, role: str, titles: list[str], *, meeting: str = "全省疫情防控工作会议",
               date: str = "2021-03-04", original: str | None = None):
    """A hand-made extracted document: one person at one meeting."""
    doc = document_from_text(name, text)
    extract(doc)
    doc.mentions = [
        Mention(label=Label.PERSON, text="王建国", original=original or "王建国", start=0, end=3,
                props={"role": role, "titles": titles}),
        Mention(label=Label.MEETING, text=meeting, original=meeting, start=4, end=4 + len(meeting), key="M1",
                props={"date": date, "jurisdiction": "云南", "place": name[:2]})]
    doc.facts = [Fact(type=RelType.ATTENDED, source=(Label.PERSON, "王建国"), target=(Label.MEETING, "M1"),
                      start=0, end=3, props={"how": "出席"})]
    return doc


def test_the_first_report_by_name_wins_whatever_the_arrival_order():
    a = person_doc("a.txt", "王建国出席全省疫情防控工作会议。", "journalist", [], original="王建國")
    b = person_doc("b.txt", "王建国出席全省疫情防控工作会议。今天。", "official", ["省长"])
    c = person_doc("c.txt", "王建国出席全省疫情防控工作电视电话会议。", "official", ["副书记", "省长"],
                   meeting="全省疫情防控工作电视电话会议")
    for order in ([a, b, c], [c, b, a], [b, c, a]):
        graph = streamed(order)
        person = next(n for n in graph["nodes"] if n["id"] == "Person:王建国")
        assert person["role"] == "official"  # an official title anywhere makes the person an official
        assert person["titles"] == ["省长", "副书记"]  # in the order of the first report giving each
        assert person["aliases"] == ["王建國"]
        meetings = [n for n in graph["nodes"] if n["label"] == "Meeting"]
        assert len(meetings) == 1  # one bucket (云南, 2021-03-04), names that agree
        assert meetings[0]["place"] == "a."  # from a.txt, the first by name
        assert meetings[0]["name"] == "全省疫情防控工作会议"  # a.txt's name, though the id has c.txt's longer one
        assert graph == streamed([a, b, c])


def test_evidence_sentences_are_shared_not_copied(seed_docs):
    facts = resolve.report_facts(seed_docs[0])
    by_span: dict[tuple[int, int], str] = {}
    for *_, ev in facts.mentions + facts.facts:
        assert by_span.setdefault(ev[1:], ev[0]) is ev[0]


def test_builds_keep_no_text_unless_asked(seed_paths):
    lean = build_graph(seed_paths[:2])
    assert [d.raw for d in lean.documents] == [None, None]
    kept = build_graph(seed_paths[:2], keep_text=True)
    assert [d.raw for d in kept.documents] == [p.read_text(encoding="utf-8") for p in seed_paths[:2]]
    assert [d.chars for d in lean.documents] == [len(d.raw) for d in kept.documents]
    assert to_node_link(lean.graph) == to_node_link(kept.graph)


def test_progress_is_reported_up_to_the_input_size(seed_paths):
    calls = []
    build_graph(seed_paths, on_progress=lambda *a: calls.append(a))
    total = sum(p.stat().st_size for p in seed_paths)
    assert calls[0] == (0, 0, total) and calls[-1] == (len(seed_paths), total, total)
    assert [c[0] for c in calls] == sorted(c[0] for c in calls)


def test_reports_without_a_meeting_add_nothing(seed_docs):
    assert all(has_meeting(d) for d in seed_docs)
    doc = document_from_text("x.txt", "今天天气很好。")
    extract(doc)
    assert not resolve.report_facts(doc).has_meeting
