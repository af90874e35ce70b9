"""graph/progress.py: what a build counts as it goes, told to one callback."""
from __future__ import annotations

import json

from huiyi.graph.run.pipeline import build_graph
from huiyi.graph.run.progress import BuildProgress


def test_it_tells_the_start_each_input_and_the_rest_at_the_end():
    told = []
    progress = BuildProgress(100, lambda *a: told.append(a))
    progress.advance(30, 1)
    progress.advance(0, 1)  # (a skipped JSON Lines record: no bytes)
    progress.advance(50, 3)
    progress.finish()  # 20 bytes were never credited (JSON Lines lines' framing): now they are
    assert told == [(0, 0, 100), (1, 30, 100), (1, 30, 100), (3, 80, 100), (3, 100, 100)]
    assert (progress.done, progress.reports) == (80, 3)


def test_without_a_callback_it_only_counts():
    progress = BuildProgress(10)
    progress.advance(10, 2)
    progress.finish()
    assert (progress.done, progress.reports, progress.total) == (10, 2, 10)


def test_a_build_tells_every_input_once_and_ends_at_its_size(seed_paths, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as f:
        for i, path in enumerate(seed_paths[:2]):
            f.write(json.dumps({"id": str(i), "text": path.read_text(encoding="utf-8")}, ensure_ascii=False) + "\n")
    told = []
    result = build_graph([seed_paths[2], corpus], on_progress=lambda *a: told.append(a))
    total = seed_paths[2].stat().st_size + corpus.stat().st_size
    assert told[0] == (0, 0, total) and told[-1] == (3, total, total)
    assert len(told) == 1 + 3 + 1  # the start, one file and two records, the rest of the JSON Lines file
    assert [t[0] for t in told] == sorted(t[0] for t in told) and result.input_bytes == total
