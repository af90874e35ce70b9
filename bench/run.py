"""The benchmark: `huiyi build` on generated corpora against bare `jieba.cut` on the same text.

    .venv/bin/python bench/run.py --mb 10 --mb 100 --jobs 2
    .venv/bin/python bench/run.py --corpus ../shared/corpus/real.jsonl --no-store-bench

With --corpus it measures a corpus of real reports as well (a JSON Lines file of records with a
`text`, or a folder of reports), the same figures over the same texts; alone, nothing is generated.

For each size it writes a corpus of distinct reports (bench/corpus.py) into a temporary folder,
times bare `jieba.cut` over every report (one process, dictionary loaded first, reading not
counted), then runs the whole `huiyi build` (a fresh process: start-up, extraction, merging and
every output) with one worker and with --jobs N, and prints MB/s, reports/s, peak memory, the
ratio to jieba and the speed-up. Then it times the embedded store's bulk load of a graph of
100k nodes and 1M edges. Nothing is written into the repository; --keep leaves the corpora.

On a shared machine one run's speed can differ from the next by a tenth: `--repeat 2` times
everything twice, bare jieba, one worker and N workers in turn (so that each meets the machine as
the others did), and reports the fastest of each. Only the first run of each kind is watched for
memory (the largest peak of the whole process tree, sampled four times a second); the later ones
are timed alone, as watching takes CPU from a build that uses every core. A virtual machine's
cores may also be given to others for a while: before the builds and after each corpus it times a
fixed loop in one process and in N at once, and prints how much work N processes got done in units
of one (`capacity`; N on cores of its own). The --jobs speed-up cannot exceed the capacity of the
moment it was measured in, nor the bound it prints: the one-worker build with its extraction stage
split perfectly over N processes (`speedup_bound`).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
HUIYI = [sys.executable, "-m", "huiyi.graph.cli"]


def _texts(corpus: Path):
    """(bytes read, text) of every report: the `text` of each record of a JSON Lines file, or each
    file of a folder (.txt and .md as they are; other formats as `huiyi build` reads them)."""
    if corpus.is_file():
        with corpus.open("rb") as f:
            for line in f:
                try:
                    record = json.loads(line)
                except ValueError:  # `huiyi build` skips a bad line too
                    continue
                if isinstance(record, dict) and isinstance(record.get("text"), str):
                        yield len(line), record["text"]
        return
    for path in sorted(p for p in corpus.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix.lower() in (".txt", ".md"):
            yield len(data), data.decode("utf-8", errors="replace")
        else:
            sys.path.insert(0, str(ROOT))
            from huiyi.graph.inputs.documents import Document, read_path
            for doc in read_path(path):
                if isinstance(doc, Document):
                    yield len(data), doc.raw


def jieba_speed(corpus: Path) -> dict:
    """Bare jieba.cut (its default: HMM on) over every report, in this process (reading not counted)."""
    import jieba
    jieba.setLogLevel(60)
    jieba.initialize()
    total, seconds, reports = 0, 0.0, 0
    for size, text in _texts(corpus):
        start = time.perf_counter()
        for _ in jieba.cut(text):
            pass
        seconds += time.perf_counter() - start
        total += size
        reports += 1
    return {"bytes": total, "seconds": seconds, "reports": reports}


def _memory(pid: int) -> tuple[int, int]:
    """(resident, proportional) set size of a process in bytes, from /proc/PID/smaps_rollup: the
    kernel's own totals, so reading them does not walk every mapping in Python."""
    rss = pss = 0
    with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
        for line in f:
            if line.startswith("Rss:"):
                rss = int(line.split()[1]) * 1024
            elif line.startswith("Pss:"):
                pss = int(line.split()[1]) * 1024
    return rss, pss


def _tree(pid: int) -> list[int]:
    """A process and all its descendants."""
    pids, i = [pid], 0
    while i < len(pids):
        try:
            for task in os.listdir(f"/proc/{pids[i]}/task"):
                with open(f"/proc/{pids[i]}/task/{task}/children", encoding="ascii") as f:
                    pids.extend(int(x) for x in f.read().split())
        except OSError:
            pass
        i += 1
    return pids


class PeakMemory:
    """Largest resident set of one process (the build or any worker or writer it starts), and the
    largest total of the whole process tree, each process counted by its proportional set size
    (PSS: pages shared by forked processes divided among them, not counted once per process).
    Sampled four times a second (Linux; elsewhere only the peak of one process, from wait4)."""

    def __init__(self, pid: int):
        self.pid, self.peak, self.peak_tree, self._stop = pid, 0, 0, threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self) -> None:
        if not os.path.exists("/proc/self/smaps_rollup"):
            return
        while not self._stop.wait(0.25):
            tree = largest = 0
            for pid in _tree(self.pid):
                try:
                    rss, pss = _memory(pid)
                except OSError:  # it ended meanwhile
                    continue
                tree += pss
                largest = max(largest, rss)
            self.peak, self.peak_tree = max(self.peak, largest), max(self.peak_tree, tree)

    def stop(self) -> None:
        self._stop.set()
        self.thread.join()


def run_measured(cmd: list[str], log: Path, *, sample: bool = True) -> dict:
    """Run a command; its wall time, exit code, peak memory (its own, and with its workers).
    `sample`: watch the memory of the whole process tree (PeakMemory) while it runs; without it
    only the largest single process is known (peak_tree_mb None), and nothing takes CPU from it."""
    with log.open("w", encoding="utf-8") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        watch = PeakMemory(proc.pid) if sample else None
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        if watch is not None:
            watch.stop()
    proc.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss (kB): the largest single process among it and the children it waited for
    largest = max(watch.peak if watch else 0, usage.ru_maxrss * 1024)
    return {"seconds": seconds, "exit": proc.returncode, "peak_mb": largest / 2**20,
            "peak_tree_mb": watch.peak_tree / 2**20 if watch else None, "log": str(log), "sampled": sample}


def build(corpus: Path, out: Path, jobs: int, extra: list[str], logs: Path, *, sample: bool = True) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    cmd = [*HUIYI, "build", str(corpus), "--out", str(out), "--jobs", str(jobs), "--quiet", *extra]
    result = run_measured(cmd, logs / f"build-{corpus.name}-j{jobs}.log", sample=sample)
    text = Path(result["log"]).read_text(encoding="utf-8", errors="replace")
    summary = re.findall(r"^[\d,]+ reports, .*$", text, re.M)
    result["summary"] = summary[-1] if summary else ""
    if result["exit"] not in (0, 1):  # 1: some inputs skipped (no meeting in them), the graph is written
        tail = "\n".join(text.strip().splitlines()[-3:])
        raise SystemExit(f"huiyi build failed (exit {result['exit']}), see {result['log']}:\n{tail}")
    return result


def _stage(summary: str, name: str) -> float | None:
    """Seconds of one stage in `huiyi build`'s summary line (`... (extract 12.3 s, merge ...)`)."""
    m = re.search(rf"\b{name} ([\d.]+) s", summary)
    return float(m.group(1)) if m else None


def speedup_bound(seconds: float, extract: float, jobs: int) -> float:
    """The most `--jobs` can give a build of `seconds` whose extraction stage takes `extract`
    seconds with one worker, if that stage alone split perfectly over `jobs` processes and the rest
    (start-up, the merge's last step, the writers) stayed as it is (Amdahl's law).

    Example: speedup_bound(26.2, 22.1, 2) -> 1.73
    """
    return seconds / (seconds - extract + extract / jobs)


def store_load(nodes: int, edges: int, workdir: Path) -> dict:
    """The embedded store's fresh load (write_store) of a synthetic graph, in a fresh process."""
    code = f"""
import json, random, time, networkx as nx
from huiyi.loaders.embedded_store import write_store
rng = random.Random(1)
G = nx.MultiDiGraph()
labels = ["Person"] * 5 + ["Meeting"] * 2 + ["Document"] * 2 + ["Place", "Body", "Policy"]
ids = []
for i in range({nodes}):
    label = labels[i % len(labels)]
    ids.append(f"{{label}}:n{{i}}")
    G.add_node(ids[-1], label=label, name=f"名字{{i}}", **({{"date": "2020-02-20"}} if label == "Meeting" else {{}}))
docs = [n for n in ids if n.startswith("Document")]
people = [n for n in ids if n.startswith("Person")]
meetings = [n for n in ids if n.startswith("Meeting")]
for j in range({edges}):
    kind = j % 3
    u, v, t = ((rng.choice(people), rng.choice(meetings), "ATTENDED") if kind == 0 else
               (rng.choice(ids), rng.choice(docs), "MENTIONED_IN") if kind == 1 else
               (rng.choice(people), rng.choice(meetings), "SPOKE_AT"))
    d = rng.choice(docs)
    G.add_edge(u, v, key=f"{{t}}:{{j}}", type=t, doc=d[9:] + ".txt", doc_id=d, evidence="省委书记出席会议并讲话。" * 2,
               start=j % 5000, end=j % 5000 + 24, **({{"count": 1}} if t == "MENTIONED_IN" else {{"how": "出席"}}))
start = time.perf_counter()
counts = write_store(G, {str(workdir / 'store.lbug')!r})
print(json.dumps({{"seconds": time.perf_counter() - start, "counts": counts}}))
"""
    log = workdir / "store.log"
    result = run_measured([sys.executable, "-c", code], log)
    lines = Path(result["log"]).read_text(encoding="utf-8").strip().splitlines()
    if result["exit"] != 0 or not lines:
        raise SystemExit(f"the store load failed, see {log}")
    return {**json.loads(lines[-1]), "peak_mb": result["peak_mb"]}


SPIN = "import time\nstart = time.perf_counter()\nx = 0\nfor i in range(6_000_000):\n    x += i\nprint(time.perf_counter() - start)"


def machine_capacity(jobs: int) -> float:
    """How much work `jobs` processes at once get done here, in units of one process alone: a fixed
    pure-Python loop timed alone, then in `jobs` processes at the same time (`jobs` on a machine whose
    cores are all its own; less where the host gives its virtual cores to others meanwhile). The
    speed-up of `--jobs` cannot exceed it: it says what the machine allowed while it was measured."""
    def spin(n: int) -> float:
        procs = [subprocess.Popen([sys.executable, "-c", SPIN], stdout=subprocess.PIPE, text=True) for _ in range(n)]
        return max(float(p.communicate()[0]) for p in procs)
    alone = min(spin(1) for _ in range(2))
    return jobs * alone / min(spin(jobs) for _ in range(2))


# Runs of each kind whose whole process tree is watched for memory. Watching reads every process's
# /proc/PID/smaps_rollup four times a second, ~6 ms of kernel time for a 400 MB process: with --jobs 2,
# some 2% of the machine's CPU taken from a build that uses both cores (a one-worker build leaves a
# core idle for it), so the later runs of --repeat are timed alone. (Eight pairs of real-corpus builds,
# watched and not: 17.5 s against 17.3 s with --jobs 2, within the host's noise.)
SAMPLED_RUNS = 1


def measure(corpus: Path, size: float, reports: int, tag: str, args, workdir: Path) -> dict:
    """Bare jieba.cut over a corpus's texts, then `huiyi build` with one and with N workers: the
    figures of one row of the summary (MB/s, reports/s, peak memory, ratio, speed-up)."""
    row = {"mb": size, "reports": reports}
    runs: dict[int, list[dict]] = {}
    timed_jieba: list[dict] = []
    for rep in range(args.repeat):  # jieba, one worker and N workers in turn, so all meet the same machine
        timed_jieba.append(json.loads(subprocess.run([sys.executable, str(HERE / "run.py"), "--jieba-only", str(corpus)],
                                                     capture_output=True, text=True, check=True, cwd=ROOT).stdout))
        print(f"bare jieba.cut:   {size / timed_jieba[-1]['seconds']:6.2f} MB/s ({timed_jieba[-1]['seconds']:.1f} s)",
              flush=True)
        for jobs in sorted({1, args.jobs}):
            # the first run of each kind is watched for memory, the others only timed (SAMPLED_RUNS)
            r = build(corpus, workdir / f"out-{tag}-j{jobs}", jobs, args.build_arg, workdir, sample=rep < SAMPLED_RUNS)
            runs.setdefault(jobs, []).append(r)
            tree = f"{r['peak_tree_mb']:.0f} MB all processes, PSS" if r["sampled"] else "timed only: not sampled"
            print(f"huiyi build -j{jobs}:  {size / r['seconds']:6.2f} MB/s, {reports / r['seconds']:5.0f} "
                  f"reports/s, {r['seconds']:6.1f} s, peak {r['peak_mb']:.0f} MB in one process "
                  f"({tree})\n                  {r['summary']}", flush=True)
    for jobs, done in runs.items():  # the fastest run's time; the largest peaks of any run (the tree's: of those sampled)
        r = min(done, key=lambda x: x["seconds"])
        row[f"j{jobs}"] = {**r, "mb_s": size / r["seconds"], "reports_s": reports / r["seconds"],
                           "peak_mb": max(x["peak_mb"] for x in done),
                           "peak_tree_mb": max(x["peak_tree_mb"] for x in done if x["sampled"]),
                           "runs": [x["seconds"] for x in done]}
    jieba_mbs = row["jieba_mb_s"] = size / min(x["seconds"] for x in timed_jieba)  # the fastest, as the builds'
    row["ratio"] = row["j1"]["mb_s"] / jieba_mbs
    row["speedup"] = row["j1"]["seconds"] / row[f"j{args.jobs}"]["seconds"]
    stage = [_stage(row[k]["summary"], "extract") for k in ("j1", f"j{args.jobs}")]
    row["extract_speedup"] = stage[0] / stage[1] if all(stage) else None
    row["speedup_bound"] = speedup_bound(row["j1"]["seconds"], stage[0], args.jobs) if stage[0] else None
    if args.repeat > 1:
        print("fastest of jieba: " + " / ".join(f"{x['seconds']:.1f}" for x in timed_jieba) + " s, "
              + ", ".join(f"-j{j}: " + " / ".join(f"{x:.1f}" for x in row[f"j{j}"]["runs"]) + " s" for j in sorted(runs)))
    row["capacity"] = machine_capacity(args.jobs)
    print(f"ratio to jieba.cut (one worker): {row['ratio']:.2f}   --jobs {args.jobs} speed-up: "
          f"{row['speedup']:.2f}x (extraction stage alone: "
          f"{row['extract_speedup'] or 0:.2f}x; {args.jobs} processes at once do {row['capacity']:.2f}x "
          f"the work of one on this machine now)\n"
          f"a perfect split of the one-worker build's extraction stage over {args.jobs} processes would give "
          f"{row['speedup_bound'] or 0:.2f}x: the rest of the build (start, merge, writing) is the same in both", flush=True)
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, action="append", help="corpus size in MB (repeatable; default 10 and 100)")
    ap.add_argument("--corpus", type=Path, action="append", default=[],
                    help="a corpus of real reports (JSON Lines or a folder; repeatable), measured beside the "
                         "generated ones; with --corpus and no --mb, no corpus is generated")
    ap.add_argument("--jobs", type=int, default=2, help="workers of the parallel run (default 2)")
    ap.add_argument("--repeat", type=int, default=1, help="builds of each kind, alternating; the fastest is "
                                                          "reported, with the largest peak memory of any (default 1)")
    ap.add_argument("--seed", type=int, default=7, help="corpus seed (the same seed, the same corpus)")
    ap.add_argument("--workdir", type=Path, help="where corpora and outputs go (default: a temporary folder)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    ap.add_argument("--build-arg", action="append", default=[], help="extra `huiyi build` argument (repeatable)")
    ap.add_argument("--store-nodes", type=int, default=100_000)
    ap.add_argument("--store-edges", type=int, default=1_000_000)
    ap.add_argument("--no-store-bench", action="store_true", help="skip the embedded store's load benchmark")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    ap.add_argument("--jieba-only", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--count-only", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.jieba_only:
        print(json.dumps(jieba_speed(args.jieba_only)))
        return 0
    if args.count_only:  # the size and number of reports of a real corpus, as jieba_speed reads them
        sizes = [size for size, _ in _texts(args.count_only)]
        print(json.dumps({"bytes": sum(sizes), "reports": len(sizes)}))
        return 0

    sys.path.insert(0, str(HERE))
    from corpus import write_corpus

    sizes = sorted(args.mb or ([] if args.corpus else [10.0, 100.0]))
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="huiyi-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"work folder: {workdir}  (cores: {os.cpu_count()}, load average {os.getloadavg()[0]:.2f}; "
          f"{args.jobs} processes at once do {machine_capacity(args.jobs):.2f}x the work of one)", flush=True)
    rows = []
    try:
        for mb in sizes:
            corpus = workdir / f"corpus-{mb:g}mb"
            shutil.rmtree(corpus, ignore_errors=True)
            made = write_corpus(corpus, mb, seed=args.seed)
            size = made["bytes"] / 2**20
            shapes = ", ".join(f"{k} {v}" for k, v in made["shapes"].items())
            print(f"\n== {size:.1f} MB: {made['reports']} reports ({shapes})", flush=True)
            row = {"corpus": f"generated {size:.0f} MB",
                   **measure(corpus, size, made["reports"], f"{mb:g}", args, workdir)}
            rows.append(row)
            if not args.keep:
                shutil.rmtree(corpus, ignore_errors=True)
        generated = list(rows)
        for i, corpus in enumerate(args.corpus):
            corpus = corpus.resolve()
            texts = json.loads(subprocess.run([sys.executable, str(HERE / "run.py"), "--count-only", str(corpus)],
                                              capture_output=True, text=True, check=True, cwd=ROOT).stdout)
            size = texts["bytes"] / 2**20
            print(f"\n== {corpus}: {size:.1f} MB, {texts['reports']} reports", flush=True)
            rows.append({"corpus": corpus.name, **measure(corpus, size, texts["reports"], f"real{i}", args, workdir)})
        print("\n== summary")
        flag = f"-j{args.jobs}"
        print(f"{'corpus':<20} {'MB':>6} {'reports':>8} {'jieba MB/s':>10} {'-j1 MB/s':>9} {'ratio':>6} {'-j1 s':>7} "
              f"{flag + ' s':>7} {'speed-up':>8} {'bound':>6} {'capacity':>8} {'peak MB -j1':>11} {'-j1 (all)':>9} {flag + ' (all)':>9}")
        for r in rows:
            jn = r[f"j{args.jobs}"]
            print(f"{r['corpus'][:20]:<20} {r['mb']:6.1f} {r['reports']:8d} {r['jieba_mb_s']:10.2f} {r['j1']['mb_s']:9.2f} {r['ratio']:6.2f} "
                  f"{r['j1']['seconds']:7.1f} {jn['seconds']:7.1f} {r['speedup']:7.2f}x {r['speedup_bound'] or 0:5.2f}x {r['capacity']:7.2f}x {r['j1']['peak_mb']:11.0f} "
                  f"{r['j1']['peak_tree_mb']:9.0f} {jn['peak_tree_mb']:9.0f}")
        for small, big in zip(generated, generated[1:], strict=False):
            for key in sorted({"j1", f"j{args.jobs}"}):
                grow = big[key]["seconds"] / small[key]["seconds"]
                print(f"growth {key}: {big['reports'] / small['reports']:.1f}x the reports cost {grow:.2f}x the time "
                      f"({big['mb']:.0f} MB vs {small['mb']:.0f} MB)")
        figures = {"sizes": rows}
        if not args.no_store_bench:
            s = store_load(args.store_nodes, args.store_edges, workdir)
            print(f"embedded store, fresh bulk load of {args.store_nodes:,} nodes and {args.store_edges:,} edges: "
                  f"{s['seconds']:.1f} s (peak {s['peak_mb']:.0f} MB); holds "
                  f"{sum(s['counts']['nodes'].values()):,} nodes, {sum(s['counts']['edges'].values()):,} edges")
            figures["store"] = s
        if args.json:
            args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
