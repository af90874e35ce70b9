"""The pipeline's one-document stages (graph/run/pipeline.py): what `extract` runs, and when it stops."""
from __future__ import annotations

import pytest

from huiyi.graph.extractors import EXTRACTORS, FINDS_MEETINGS
from huiyi.graph.inputs.documents import document_from_text, read_path
from huiyi.graph.models import Label
from huiyi.graph.run.pipeline import apply, build_graph, extract, has_meeting, prepare

VISIT = "云南省委书记王宁到昆明市调研，看望了一线职工。他强调，要抓好春耕生产。"  # a visit: no meeting


def test_only_the_meeting_extractor_finds_meetings(seed_paths):
    """What lets the build stop after it: no other extractor makes a Meeting mention."""
    for path in [*seed_paths, None]:
        doc = next(read_path(path)) if path else document_from_text("visit.txt", VISIT)
        prepare(doc)
        for extractor in EXTRACTORS:
            found = extractor(doc)
            if extractor.name != FINDS_MEETINGS:
                assert not any(m.label == Label.MEETING for m in found.mentions), (extractor.name, path)
            apply(doc, found)


def test_a_report_with_no_meeting_goes_no_further_than_the_meeting_extractor():
    whole = extract(document_from_text("visit.txt", VISIT))
    cut = extract(document_from_text("visit.txt", VISIT), only_with_meeting=True)
    assert not has_meeting(whole) and not has_meeting(cut)
    assert {m.text for m in whole.mentions if m.label == Label.PLACE} == {"昆明"}  # the place rules ran
    assert not any(m.label == Label.PLACE for m in cut.mentions)  # they come after the meeting extractor
    assert [m.text for m in cut.mentions] == [m.text for m in whole.mentions][:len(cut.mentions)]


def test_a_report_with_a_meeting_is_extracted_whole_either_way(seed_paths):
    for path in seed_paths:
        whole, cut = extract(next(read_path(path))), extract(next(read_path(path)), only_with_meeting=True)
        assert has_meeting(cut)
        assert (cut.mentions, cut.facts, cut.meta) == (whole.mentions, whole.facts, whole.meta)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_defect_met_on_one_report_skips_that_report_and_the_build_goes_on(seed_paths, monkeypatch, jobs):
    """A rule that raises on some text nobody foresaw stops nothing but that report: it is skipped,
    named, with the error and where in graph/ it passed, and the user is asked to report it."""
    persons = next(e for e in EXTRACTORS if e.name == "persons")
    read = type(persons).__call__
    unlucky = seed_paths[1].name

    def defect(self, doc):
        if doc.name == unlucky:
            raise IndexError("list index out of range")
        return read(self, doc)
    monkeypatch.setattr(type(persons), "__call__", defect)  # (forked workers inherit it)
    result = build_graph([seed_paths[0].parent], jobs=jobs)  # (the seeds folder)
    skipped = {o.input: o.reason for o in result.outcomes if o.outcome == "skipped"}
    assert sorted(d.name for d in result.documents) == sorted(p.name for p in seed_paths if p.name != unlucky)
    (reason,) = [r for path, r in skipped.items() if path.endswith(unlucky)]
    assert reason.startswith("Huiyi failed on it (IndexError at graph/run/pipeline.py:")
    assert "list index out of range" in reason and "Please report it" in reason and result.exit_code == 1
