"""The pipeline's one-document stages (graph/run/pipeline.py): what `extract` runs, and when it stops."""
from __future__ import annotations

from huiyi.graph.extractors import EXTRACTORS, FINDS_MEETINGS
from huiyi.graph.inputs.documents import document_from_text, read_path
from huiyi.graph.models import Label
from huiyi.graph.run.pipeline import apply, extract, has_meeting, prepare

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
