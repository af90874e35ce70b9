"""Incremental builds: with the extraction cache, a rebuild re-extracts only new or changed reports
and yields exactly the graph of a clean full build; removed reports leave the graph."""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from huiyi.graph.cli import app
from huiyi.graph.run import cache as cache_module
from huiyi.graph.run.pipeline import build_graph


def node_link(G) -> tuple[dict, dict]:
    return ({n: d for n, d in G.nodes(data=True)}, {(u, v, k): d for u, v, k, d in G.edges(keys=True, data=True)})


def counts(result) -> dict[str, int]:
    return {k: v for k, v in result.report()["summary"].items() if k in ("read", "cached", "skipped")}


def cache_file(cache):
    files = list(cache.glob(f"*/{cache_module.DB_NAME}"))
    assert len(files) == 1, files
    return files[0]


def stored(cache) -> int:
    with sqlite3.connect(cache_file(cache)) as conn:
        return conn.execute("SELECT count(*) FROM entries").fetchone()[0]


@pytest.fixture
def corpus(tmp_path, seed_paths):
    folder = tmp_path / "reports"
    folder.mkdir()
    for p in seed_paths[:4]:
        shutil.copy(p, folder / p.name)
    return folder


def test_adding_a_report_extracts_only_it_and_equals_a_full_build(tmp_path, corpus, seed_paths):
    cache = tmp_path / "cache"
    first = build_graph([corpus], cache_dir=cache)
    assert counts(first) == {"read": 4, "cached": 0, "skipped": 0}

    shutil.copy(seed_paths[4], corpus / seed_paths[4].name)
    again = build_graph([corpus], cache_dir=cache)
    assert counts(again) == {"read": 1, "cached": 4, "skipped": 0}
    assert [o.outcome for o in again.outcomes if seed_paths[4].name in o.input] == ["read"]
    assert node_link(again.graph) == node_link(build_graph([corpus]).graph)


def test_a_build_whose_reports_are_all_cached_never_loads_the_segmenter(tmp_path, corpus):
    from huiyi.graph.text import segment
    cache = tmp_path / "cache"
    first = build_graph([corpus], cache_dir=cache)
    segment.release()
    try:
        again = build_graph([corpus], cache_dir=cache)
        assert counts(again) == {"read": 0, "cached": 4, "skipped": 0}
        assert segment._dictionaries.cache_info().currsize == 0  # (some 0.5 s of a rebuild's start)
        assert node_link(again.graph) == node_link(first.graph)
    finally:
        segment.release()


def test_a_changed_report_is_extracted_again(tmp_path, corpus):
    cache = tmp_path / "cache"
    build_graph([corpus], cache_dir=cache)
    changed = sorted(corpus.iterdir())[2]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n(责任编辑:王一鸣)\n", encoding="utf-8")
    again = build_graph([corpus], cache_dir=cache)
    assert counts(again) == {"read": 1, "cached": 3, "skipped": 0}
    assert [o.outcome for o in again.outcomes if o.input == str(changed)] == ["read"]
    assert node_link(again.graph) == node_link(build_graph([corpus]).graph)


def test_a_removed_report_leaves_the_graph_and_the_cache(tmp_path, corpus):
    cache = tmp_path / "cache"
    before = build_graph([corpus], cache_dir=cache)
    removed = sorted(corpus.iterdir())[0]
    doc_id = next(d.id for d in before.documents if d.path == str(removed))
    removed.unlink()
    after = build_graph([corpus], cache_dir=cache)
    assert counts(after) == {"read": 0, "cached": 3, "skipped": 0}
    assert doc_id not in after.graph and all(d["doc_id"] != doc_id for *_, d in after.graph.edges(data=True))
    assert node_link(after.graph) == node_link(build_graph([corpus]).graph)
    assert stored(cache) == 3


def test_a_renamed_report_is_reused_under_its_new_name(tmp_path, corpus):
    cache = tmp_path / "cache"
    build_graph([corpus], cache_dir=cache)
    old = sorted(corpus.iterdir())[1]
    old.rename(corpus / "renamed.txt")
    again = build_graph([corpus], cache_dir=cache)
    assert counts(again) == {"read": 0, "cached": 4, "skipped": 0}
    assert node_link(again.graph) == node_link(build_graph([corpus]).graph)
    assert any(d["doc"] == "renamed.txt" for *_, d in again.graph.edges(data=True))


def test_a_code_change_or_a_damaged_entry_means_extracting_again(tmp_path, corpus, monkeypatch):
    cache = tmp_path / "cache"
    build_graph([corpus], cache_dir=cache)
    conn = sqlite3.connect(cache_file(cache))
    with conn:
        conn.execute("UPDATE entries SET entry = ? WHERE key = (SELECT min(key) FROM entries)", (b"half a pick",))
    conn.close()
    again = build_graph([corpus], cache_dir=cache)
    assert counts(again) == {"read": 1, "cached": 3, "skipped": 0}
    assert node_link(again.graph) == node_link(build_graph([corpus]).graph)
    assert counts(build_graph([corpus], cache_dir=cache)) == {"read": 0, "cached": 4, "skipped": 0}  # mended

    cache_file(cache).write_bytes(b"not a database at all")
    assert counts(build_graph([corpus], cache_dir=cache)) == {"read": 4, "cached": 0, "skipped": 0}
    assert stored(cache) == 4

    monkeypatch.setattr(cache_module, "code_version", lambda: "0123456789abcdef")
    assert counts(build_graph([corpus], cache_dir=cache)) == {"read": 4, "cached": 0, "skipped": 0}
    assert [p.name for p in cache.iterdir()] == ["0123456789abcdef"]  # the old version's entries are gone


def test_workers_reuse_the_cache_and_carry_the_text_across(tmp_path, corpus):
    cache = tmp_path / "cache"
    first = build_graph([corpus], cache_dir=cache, jobs=2, keep_text=True)
    assert counts(first) == {"read": 4, "cached": 0, "skipped": 0}
    again = build_graph([corpus], cache_dir=cache, jobs=2, keep_text=True)
    assert counts(again) == {"read": 0, "cached": 4, "skipped": 0}
    clean = build_graph([corpus], keep_text=True)
    assert node_link(again.graph) == node_link(first.graph) == node_link(clean.graph)
    for built in (first, again):
        assert [(d.path, d.raw, d.meta) for d in built.documents] == [(d.path, d.raw, d.meta) for d in clean.documents]
    assert [p.name for p in cache_file(cache).parent.iterdir()] == [cache_module.DB_NAME]  # no log left beside it


def test_cli_uses_the_cache_in_out_unless_told_not_to(tmp_path, corpus):
    out = tmp_path / "out"
    runner = CliRunner()
    for flags, expected in (([], (4, 0)), ([], (0, 4)), (["--no-cache"], (4, 0))):
        result = runner.invoke(app, ["build", str(corpus), "--out", str(out), "--no-html", *flags])
        assert result.exit_code == 0, result.output
        summary = json.loads((out / "report.json").read_text(encoding="utf-8"))["summary"]
        assert (summary["read"], summary["cached"]) == expected
    assert (out / ".cache").is_dir()


def test_the_cache_version_covers_every_module_extraction_imports(tmp_path):
    import shutil

    from huiyi import graph
    from huiyi.graph.run.cache import code_files, version_of
    root = tmp_path / "graph"
    shutil.copytree(Path(graph.__file__).parent, root, ignore=shutil.ignore_patterns("__pycache__"))
    covered = {f.relative_to(root).as_posix() for f in code_files(root)}
    assert {"extractors/meeting_names.py", "text/gazetteer.py", "text/normalize.py", "extractors/roles.py", "data/titles.txt"} <= covered
    assert "cli.py" not in covered  # the command line does not change what is extracted
    before = version_of(root)
    for name in ("extractors/meeting_names.py", "text/gazetteer.py", "extractors/lexicon.py"):
        path = root / name
        original = path.read_bytes()
        path.write_bytes(original + b"\n# changed\n")
        assert version_of(root) != before, f"editing {name} must start a fresh cache"
        path.write_bytes(original)
    (root / "cli.py").write_bytes((root / "cli.py").read_bytes() + b"\n# changed\n")
    assert version_of(root) == before


def test_the_import_scan_finds_every_import_a_syntax_tree_finds():
    """The cache version reads only a module's import statements (cache.import_statements): for every
    module of the package it finds the same imports as a walk of the whole syntax tree."""
    import ast

    from huiyi import graph
    from huiyi.graph.run.cache import _imported

    root = Path(graph.__file__).parent
    modules = sorted(root.rglob("*.py"))
    assert len(modules) > 30
    for f in modules:
        assert _imported(root, f) == _imported(root, f, lambda src: ast.walk(ast.parse(src))), f


def test_the_import_scan_reads_imports_in_every_shape():
    from huiyi.graph.run.cache import import_statements

    source = """\"\"\"A docstring: import the data from here import nothing.\"\"\"
from . import (a,
    b)
from .c import d, \\
    e
import huiyi.graph.f

def g():
    from ..h import i  # inside a function
"""
    found = [(type(n).__name__, getattr(n, "module", None), getattr(n, "level", 0), [a.name for a in n.names])
             for n in import_statements(source)]
    assert found == [("ImportFrom", None, 1, ["a", "b"]), ("ImportFrom", "c", 1, ["d", "e"]),
                     ("Import", None, 0, ["huiyi.graph.f"]), ("ImportFrom", "h", 2, ["i"])]
