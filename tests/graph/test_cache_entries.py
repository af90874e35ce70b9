"""graph/cache.py: what a report's cache entry holds, encoded and decoded in one place."""
from __future__ import annotations

from dataclasses import replace

from huiyi.graph.run import cache
from huiyi.graph.run.pipeline import process


def test_an_entry_gives_back_the_summary_and_facts_named_as_the_report_now_is(seed_paths):
    item = process(seed_paths[0], keep_text=True)[0]
    entry = cache.encode_entry(item.summary, item.facts)
    summary, facts = cache.entry_parts(entry)
    assert summary.raw is None and summary.sha256 == item.summary.sha256  # the text is not kept
    moved = replace(item.summary, name="moved.txt", path="elsewhere/moved.txt")
    summary, facts = cache.decode_entry(entry, moved)
    assert (summary.name, summary.path, summary.raw) == ("moved.txt", "elsewhere/moved.txt", item.summary.raw)
    assert facts.name == "moved.txt" and facts.props["path"] == "elsewhere/moved.txt"
    assert facts.mentions == item.facts.mentions


def test_a_damaged_entry_or_another_texts_is_none(seed_paths):
    item = process(seed_paths[0])[0]
    entry = cache.encode_entry(item.summary, item.facts)
    assert cache.decode_entry(entry[:-10], item.summary) is None
    assert cache.decode_entry(cache.encode("not an entry"), item.summary) is None
    assert cache.decode_entry(entry, replace(item.summary, sha256="0" * 64)) is None
