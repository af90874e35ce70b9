"""A folder as users have them: the seeds plus broken files. `huiyi build` builds the seeds' graph,
names each broken file with its reason (stderr and out/report.json) and exits with code 1."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from huiyi.graph.cli import app
from huiyi.graph.inputs import documents
from huiyi.graph.run import pipeline
from huiyi.graph.run.outcomes import EXIT_NOTHING_READ, EXIT_SKIPPED, EXIT_STRICT, EXIT_USAGE
from huiyi.loaders.json_export import read_json

runner = CliRunner()

NO_MEETING = "今年春节期间全省天气晴好,气温偏高,各地游客数量比去年同期增长一成,景区秩序良好。\n" * 3


def broken_files(folder: Path, seed_paths: list[Path]) -> dict[str, str]:
    """Write one file of each broken kind; return {file name: words its reason must contain}."""
    seed = seed_paths[1].read_text(encoding="utf-8")  # 001, Traditional: encodable in Big5
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "invalid_bytes.txt").write_bytes(seed.encode("utf-8")[:300] + b"\xff\xfe\xfd" + seed.encode("utf-8"))
    with open(folder / "huge.txt", "wb") as fh:  # 200 MB, sparse: never written, never read
        fh.truncate(200 * 2**20)
    (folder / "no_meeting.txt").write_text(NO_MEETING, encoding="utf-8")
    (folder / "mojibake.txt").write_bytes(seed.encode("big5").decode("gbk", "replace").encode("utf-8"))
    (folder / "copy of 000.txt").write_bytes(seed_paths[0].read_text(encoding="utf-8").encode("gb18030"))
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage")
    (folder / "corrupt.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "export.jsonl").write_text('{"id": 1, "text": \n{"id": 2}\n', encoding="utf-8")
    os.symlink(folder / "gone.txt", folder / "link.txt")
    (folder / "vanishes.txt").write_text(seed, encoding="utf-8")  # deleted after discovery, see below
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n")  # not a report format: ignored, not a problem
    return {"empty.txt": "is empty", "image.txt": "PNG image", "invalid_bytes.txt": "not valid UTF-8",
            "huge.txt": "over the 50 MB limit", "no_meeting.txt": "no meeting",
            "mojibake.txt": "replacement characters", "copy of 000.txt": "same text as",
            "corrupt.pdf": "not a readable PDF", "corrupt.docx": "not a readable .docx",
            "export.jsonl:1": "not JSON", "export.jsonl:2": "no \"text\"",
            "export.jsonl": "no JSON Lines record", "link.txt": "does not exist",
            "vanishes.txt": "vanished"}


@pytest.fixture
def messy(tmp_path, seed_paths, monkeypatch):
    folder = tmp_path / "reports"
    folder.mkdir()
    for p in seed_paths:
        shutil.copy(p, folder / p.name)
    expected = broken_files(folder, seed_paths)
    discover = documents.discover

    def discover_then_lose_one(*args, **kwargs):  # the file disappears between listing and reading
        found = discover(*args, **kwargs)
        (folder / "vanishes.txt").unlink(missing_ok=True)
        return found
    monkeypatch.setattr(documents, "discover", discover_then_lose_one)
    return folder, expected


def test_messy_folder_builds_the_seeds_graph_and_names_each_broken_file(tmp_path, messy, seed_graph):
    folder, expected = messy
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(folder), "--out", str(out), "--no-html"])
    assert result.exit_code == EXIT_SKIPPED, result.output

    G = read_json(out / "graph.json")
    assert sorted(G.nodes) == sorted(seed_graph.nodes)
    assert sorted(G.edges(keys=True)) == sorted(seed_graph.edges(keys=True))

    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    rows = {Path(r["input"]).name: r for r in report["inputs"]}
    for name, words in expected.items():
        assert rows[name]["outcome"] in ("skipped", "duplicate"), name
        assert words in rows[name]["reason"], (name, rows[name]["reason"])
    assert rows["copy of 000.txt"]["outcome"] == "duplicate" and rows["copy of 000.txt"]["of"].endswith("000_fbcf11dee7c9eea9.txt")
    assert rows["photo.png"]["outcome"] == "ignored"
    assert all(rows[p.name]["outcome"] == "read" for p in folder.glob("0*.txt"))
    assert report["summary"] == {"inputs": len(rows), "read": 5, "cached": 0, "skipped": len(expected) - 1,
                                 "duplicate": 1, "ignored": 1, "exit_code": EXIT_SKIPPED, "graph_written": True}

    problem_lines = [ln for ln in result.stderr.splitlines() if ln.startswith(("skipped:", "duplicate:"))]
    assert len(problem_lines) == len(expected)  # one line each, naming the file
    for name in expected:
        assert sum(name.split(":")[0] in ln for ln in problem_lines) >= 1, name


def test_strict_stops_at_the_first_problem(tmp_path, messy):
    folder, _ = messy
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(folder), "--out", str(out), "--strict", "--no-html"])
    assert result.exit_code == EXIT_STRICT
    assert "--strict" in result.stderr and "Traceback" not in result.output
    assert not (out / "graph.json").exists()
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["inputs"][-1]["outcome"] in ("skipped", "duplicate")
    assert sum(r["outcome"] in ("skipped", "duplicate") for r in report["inputs"]) == 1


def test_nothing_readable_exits_3_and_writes_no_graph(tmp_path, seed_paths):
    folder = tmp_path / "reports"
    folder.mkdir()
    broken_files(folder, seed_paths)
    (folder / "copy of 000.txt").unlink()  # readable copies of seeds
    (folder / "vanishes.txt").unlink()
    result = runner.invoke(app, ["build", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == EXIT_NOTHING_READ
    assert "nothing could be read" in result.stderr
    assert not (tmp_path / "out" / "graph.json").exists()
    assert json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["summary"]["exit_code"] == 3


def test_a_missing_input_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["build", str(tmp_path / "nope"), "--out", str(tmp_path / "out")])
    assert result.exit_code == EXIT_USAGE
    assert "nope: no such file or folder" in result.stderr and "Traceback" not in result.output


def test_a_file_that_cannot_be_read_is_reported(tmp_path, seed_paths, monkeypatch):
    path = tmp_path / "locked.txt"
    shutil.copy(seed_paths[0], path)
    if os.geteuid() != 0:
        path.chmod(0)
    else:  # root reads any file: make the read fail as it would for a user without permission
        real = Path.read_bytes
        monkeypatch.setattr(Path, "read_bytes",
                            lambda self: (_ for _ in ()).throw(PermissionError(13, "denied")) if self == path else real(self))
    result = pipeline.build_graph([path])
    assert [o.line() for o in result.outcomes] == [f"{path}: permission denied; make it readable (chmod +r) or leave it out"]


def _docx_with_body(tmp_path: Path, body: bytes) -> bytes:
    """A real .docx (made by python-docx) whose word/document.xml is replaced by `body`."""
    import zipfile

    import docx
    made = tmp_path / "made.docx"
    docx.Document().save(made)
    out = tmp_path / "broken.docx"
    with zipfile.ZipFile(made) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, body if item.filename == "word/document.xml" else src.read(item.filename))
    return out.read_bytes()


@pytest.mark.parametrize("body", [
    b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:bo',
    b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    + b"<w:body>" + b"<a>" * 300_000 + b"</a>" * 300_000 + b"</w:body></w:document>",
], ids=["truncated XML", "nested too deep"])
def test_a_malformed_docx_is_one_skipped_input(tmp_path, body):
    path = tmp_path / "r.docx"
    path.write_bytes(_docx_with_body(tmp_path, body))
    items = list(documents.read_path(path))
    assert len(items) == 1 and isinstance(items[0], documents.Skipped)
    assert "not a readable .docx" in items[0].reason


def test_file_names_that_are_not_utf8_are_read_and_reported_escaped(tmp_path, seed_paths):
    folder = tmp_path / "reports"
    folder.mkdir()
    raw = os.fsencode(folder)
    with open(raw + b"/bad\xff.txt", "wb") as fh:
        fh.write(seed_paths[1].read_bytes())
    with open(raw + b"/ignored\xfe.bin", "wb") as fh:
        fh.write(b"x")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(folder), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert {Path(r["input"]).name for r in report["inputs"]} == {"bad\\xff.txt", "ignored\\xfe.bin"}
    assert "bad\\xff.txt" in {n["name"] for n in read_json(out / "graph.json").nodes.values() if n["label"] == "Document"}


def test_linked_folders_are_followed_and_lost_folders_reported(tmp_path, seed_paths):
    reports, elsewhere = tmp_path / "reports", tmp_path / "elsewhere"
    reports.mkdir()
    elsewhere.mkdir()
    shutil.copy(seed_paths[0], reports / seed_paths[0].name)
    shutil.copy(seed_paths[1], elsewhere / seed_paths[1].name)
    os.symlink(elsewhere, reports / "linked")
    os.symlink(reports, elsewhere / "back")  # a loop: each real folder is searched once
    found = documents.discover([reports])
    assert sorted(p.name for p in found.files) == sorted([seed_paths[0].name, seed_paths[1].name])
    out = tmp_path / "out"
    inside = runner.invoke(app, ["build", str(out), str(reports), "--out", str(out), "-q"])
    assert inside.exit_code == 2 or "is the --out folder" in inside.output  # (missing until built)
    runner.invoke(app, ["build", str(reports), "--out", str(out), "-q"])
    again = runner.invoke(app, ["build", str(out), str(reports), "--out", str(out), "-q"])
    assert again.exit_code == EXIT_SKIPPED and "is the --out folder" in again.output


def test_eval_of_reports_that_cannot_be_read_says_so(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"")
    result = runner.invoke(app, ["eval", str(Path(__file__).parents[1] / "gold"), "--reports", str(folder),
                                 "--out", str(tmp_path / "out")])
    assert result.exit_code == EXIT_NOTHING_READ and "a.txt: is empty" in result.output


def test_a_docx_that_unpacks_past_the_limit_is_refused_while_streaming(tmp_path):
    paragraph = b"<w:p><w:r><w:t>" + "会议要求各地认真落实。".encode("utf-8") * 20 + b"</w:t></w:r></w:p>"
    body = (b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            b"<w:body>" + paragraph * 20_000 + b"</w:body></w:document>")  # 13 MB of XML, some 70 KB packed
    path = tmp_path / "big.docx"
    path.write_bytes(_docx_with_body(tmp_path, body))
    assert path.stat().st_size < 2**20
    items = list(documents.read_path(path, max_mb=1))
    assert isinstance(items[0], documents.Skipped) and "of text once unpacked, over the limit" in items[0].reason


def test_a_docx_table_is_read_row_by_row_with_its_title(tmp_path):
    import docx
    document = docx.Document()
    document.core_properties.title = "县委常委会会议"
    document.add_paragraph("3月5日,县委常委会会议召开。")
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate((("出席", "张明"), ("列席", "李华"))):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("会议结束。")
    document.save(tmp_path / "t.docx")
    doc = next(documents.read_path(tmp_path / "t.docx"))
    assert doc.raw == "3月5日,县委常委会会议召开。\n出席 张明\n列席 李华\n会议结束。"
    assert doc.meta.title == "县委常委会会议"
