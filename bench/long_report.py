"""Extraction time of one long report: it must grow linearly with the report's length.

    .venv/bin/python bench/long_report.py --lines 10000 --lines 40000

Writes one report of N short lines (the lines of distinct generated reports, bench/corpus.py, run
together: names, meetings, role verbs and policies all through it), times `huiyi build` on it in a
fresh process for each N, and prints the seconds, the time per 1,000 lines and the ratio of the
longest to the shortest run against the ratio of their lengths (linear: about the same; the scale
work's target is a ratio of at most 5 for 4x the lines).
"""
from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.corpus import World, _plain_report, article  # noqa: E402

HUIYI = [sys.executable, "-m", "huiyi.graph.cli"]


def long_report(lines: int, seed: int = 11) -> str:
    """One report of `lines` short lines taken from distinct generated reports."""
    rng = random.Random(seed)
    world = World(rng)
    out: list[str] = []
    while len(out) < lines:
        out.extend(ln for ln in _plain_report(article(world, rng), rng).split("\n") if ln.strip())
    return "\n".join(out[:lines])


def time_build(path: Path, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run([*HUIYI, "build", str(path), "--out", str(out), "-q", "--no-cache", "--no-store", "--no-html"],
                   check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, action="append", help="report length in lines (repeatable)")
    args = parser.parse_args()
    sizes = sorted(args.lines or [10_000, 40_000])
    times = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"long-{n}.txt"
            path.write_text(long_report(n), encoding="utf-8")
            times[n] = time_build(path, Path(tmp) / f"out-{n}")
            print(f"{n:>7} lines  {path.stat().st_size / 2**20:5.1f} MB  {times[n]:7.1f} s  "
                  f"{1000 * times[n] / n:6.2f} s per 1,000 lines", flush=True)
    lo, hi = sizes[0], sizes[-1]
    print(f"{hi / lo:.1f}x the lines took {times[hi] / times[lo]:.2f}x the time")


if __name__ == "__main__":
    main()
