"""bench/run.py's arithmetic: the stage times it reads from `huiyi build`'s summary line, and the
speed-up a perfect split of extraction would allow."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import run  # noqa: E402  (bench/ is scripts, not a package)

SUMMARY = "5,523 reports, 15.6 MB in 25.5 s: 0.61 MB/s, 217 reports/s (extract 22.1 s, merge 0.7 s, write 2.7 s)"


def test_stage_reads_each_stage_of_the_summary_line():
    assert (run._stage(SUMMARY, "extract"), run._stage(SUMMARY, "merge"), run._stage(SUMMARY, "write")) == (22.1, 0.7, 2.7)
    assert run._stage(SUMMARY, "layout") is None


def test_speedup_bound_is_amdahls_law():
    # 4.1 s of 26.2 do not split: with two processes the build takes at least 4.1 + 22.1 / 2 s
    assert run.speedup_bound(26.2, 22.1, 2) == pytest.approx(26.2 / (4.1 + 11.05))
    assert run.speedup_bound(10.0, 10.0, 2) == pytest.approx(2.0)  # all of it splits
    assert run.speedup_bound(10.0, 0.0, 4) == pytest.approx(1.0)  # none of it does


def test_a_run_is_timed_alone_or_watched_for_the_memory_of_its_process_tree(tmp_path):
    code = "import subprocess, sys; x = bytearray(64 << 20); subprocess.run([sys.executable, '-c', 'import time; time.sleep(0.6)'])"
    watched = run.run_measured([sys.executable, "-c", code], tmp_path / "watched.log")
    alone = run.run_measured([sys.executable, "-c", code], tmp_path / "alone.log", sample=False)
    assert watched["exit"] == alone["exit"] == 0 and watched["sampled"] and not alone["sampled"]
    assert alone["peak_tree_mb"] is None and alone["peak_mb"] >= 64  # the largest process, from wait4
    if Path("/proc/self/smaps_rollup").exists():  # (Linux: the tree is sampled)
        assert watched["peak_tree_mb"] >= 64
