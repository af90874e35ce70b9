"""The reading commands: `huiyi explain REPORT` and `huiyi coverage REPORTS`."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from huiyi.graph.cli import app

runner = CliRunner()
SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_fbcf11dee7c9eea9.txt"


def huiyi(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_explain_shows_the_sentence_and_rule_of_a_chair():
    result = huiyi("explain", SEED, "--person", "宗国英")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("  CHAIRED  宗国英"))
    sentence = next(line for line in reversed(lines[:at]) if not line.startswith(" "))
    assert "宗国英主持会议" in sentence and sentence.startswith(SEED.name + " @")
    assert lines[at].rstrip().endswith("]")


def test_explain_as_json_and_a_missing_file_is_one_error_line(tmp_path):
    result = huiyi("explain", SEED, "--meeting", "电视电话", "--json")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert rows and all("sentence" in r and "roles" in r for r in rows)
    missing = huiyi("explain", tmp_path / "missing.txt")
    assert missing.exit_code == 2 and "missing.txt" in missing.output and "Traceback" not in missing.output


def test_coverage_counts_and_samples(tmp_path):
    (tmp_path / "a.txt").write_text("3月5日,县委常委会会议召开。县委书记张明主持会议。有关部门负责人参加会议。",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("今年以来,全县粮食生产形势良好。", encoding="utf-8")
    result = huiyi("coverage", tmp_path, "--samples", "2")
    assert result.exit_code == 0, result.output
    assert "no meeting found: 1 (50.0%)" in result.output
    assert "with a chair or attendee: 1 (100.0%)" in result.output
    assert "b.txt: 今年以来" in result.output
    data = json.loads(huiyi("coverage", tmp_path, "--json").output)
    assert data["summary"]["role_verbs_missed"] == 1
