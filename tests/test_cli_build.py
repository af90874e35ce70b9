"""The `huiyi build` and `huiyi eval` commands, as a user runs them."""
import json
from pathlib import Path

from typer.testing import CliRunner

from huiyi.graph.cli import app

GOLD = Path(__file__).parent / "gold"
runner = CliRunner()


def test_build_writes_graph_and_view_and_prints_a_summary(tmp_path, seed_paths):
    result = runner.invoke(app, ["build", str(seed_paths[0].parent), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    graph = json.loads((tmp_path / "graph.json").read_text(encoding="utf-8"))
    assert {n["label"] for n in graph["nodes"]} >= {"Person", "Meeting", "Document", "Place", "Body", "Policy"}
    assert (tmp_path / "graph.html").exists()
    assert "5 documents" in result.output and "ATTENDED" in result.output


def test_eval_agrees_with_gold_and_writes_errors(tmp_path, seed_paths):
    result = runner.invoke(app, ["eval", str(GOLD), "--reports", str(seed_paths[0].parent), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "eval.json").read_text(encoding="utf-8"))
    assert report["scores"]["persons"]["f1"] == 1.0
    assert "000_fbcf11dee7c9eea9.txt: ok" in result.output


def test_eval_lists_misses_of_a_wrong_gold(tmp_path, seed_paths):
    gold = tmp_path / "gold"
    gold.mkdir()
    g = json.loads((GOLD / "000_fbcf11dee7c9eea9.json").read_text(encoding="utf-8"))
    g["persons"].append({"name": "张三丰", "role": "official", "titles": []})
    g["attended"].append(["张三丰", "M1"])
    (gold / "000_fbcf11dee7c9eea9.json").write_text(json.dumps(g, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold), "--reports", str(seed_paths[0]), "--out", str(tmp_path / "o")])
    assert "missed persons: 张三丰" in result.output
    assert "missed attended: 张三丰 @ 全省新冠肺炎疫情防控工作电视电话会议" in result.output


def test_eval_of_a_missing_gold_folder_is_one_clear_line(tmp_path):
    result = runner.invoke(app, ["eval", str(tmp_path / "nope"), "--out", str(tmp_path)])
    assert result.exit_code != 0
    assert "nope" in result.output and "Traceback" not in result.output


def test_report_json_is_written_last_and_says_whether_the_graph_was_written(tmp_path, seed_paths):
    out = tmp_path / "out"
    (out / "graph.lbug").mkdir(parents=True)  # the store cannot go where a folder stands
    result = runner.invoke(app, ["build", str(seed_paths[0]), "--out", str(out), "-q"])
    assert result.exit_code == 2 and "graph.lbug: is a folder" in result.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["summary"]["graph_written"] is False and report["summary"]["exit_code"] == 2
    assert not list(out.glob(".*.part-*"))  # no temporary file left behind


def test_an_output_that_fails_midway_leaves_the_old_file_whole(tmp_path):
    import pytest

    from huiyi.loaders.atomic import replacing
    target = tmp_path / "graph.json"
    target.write_text('{"old": true}', encoding="utf-8")
    with pytest.raises(RuntimeError):
        with replacing(target) as part:
            part.write_text('{"new": tr', encoding="utf-8")
            raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == '{"old": true}'
    assert [p.name for p in tmp_path.iterdir()] == ["graph.json"]


def test_a_bad_out_is_one_line_and_exit_2_before_any_work(tmp_path, seed_paths):
    a_file = tmp_path / "taken"
    a_file.write_text("x", encoding="utf-8")
    for out, says in ((a_file, "is a file, not a folder"), (a_file / "sub", "is a file, so no folder")):
        for args in (["build", str(seed_paths[0]), "--out", str(out), "-q"], ["view", "--person", "某", "--out", str(out)],
                     ["export", "graphml", "--out", str(tmp_path), "--to", str(out / "g.graphml")]):
            result = runner.invoke(app, args)
            lines = [line for line in result.output.splitlines() if line.strip()]
            assert result.exit_code == 2, (args, result.output)
            assert len(lines) == 1 and says in lines[0] and "Traceback" not in result.output, (args, result.output)


def test_a_second_build_into_the_same_out_stops_with_one_line(tmp_path, seed_paths):
    from huiyi.loaders.atomic import OutLock
    out = tmp_path / "out"
    out.mkdir()
    held = OutLock(out)  # a build running in another process holds the folder
    try:
        result = runner.invoke(app, ["build", str(seed_paths[0]), "--out", str(out), "-q"])
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert result.exit_code == 2 and len(lines) == 1 and "another build is writing there" in lines[0]
        assert not (out / "graph.json").exists()
    finally:
        held.release()
    result = runner.invoke(app, ["build", str(seed_paths[0]), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    again = runner.invoke(app, ["build", str(seed_paths[0]), "--out", str(out), "-q"])
    assert again.exit_code == 0, again.output  # the lock went with the build that held it
