"""Stopping a build: Ctrl-C with workers stops it quietly (one line, exit 130, no process left), and
SIGKILL of the build's process takes its workers and writers with it. Marked slow: real processes."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
HUIYI = [sys.executable, "-c", "from graph.entry import run; run()"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    sys.path.insert(0, str(ROOT))
    from bench.corpus import write_corpus
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, 1.5)
    return folder


def descendants(pid: int) -> set[int]:
    """Every process below `pid` (read from /proc: children of each task)."""
    found, todo = set(), [pid]
    while todo:
        p = todo.pop()
        for task in Path(f"/proc/{p}/task").glob("*"):
            try:
                kids = {int(k) for k in (task / "children").read_text().split()}
            except OSError:
                continue
            todo.extend(kids - found)
            found |= kids
    return found


def alive(pids: set[int]) -> set[int]:
    out = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().split(") ")[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            out.add(pid)
    return out


def start(corpus: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([*HUIYI, "build", str(corpus), "--out", str(out), "--jobs", "2", "-q", "--no-cache"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def until_children(proc: subprocess.Popen, deadline: float = 20) -> set[int]:
    end = time.monotonic() + deadline
    while time.monotonic() < end and proc.poll() is None:
        if kids := descendants(proc.pid):
            return kids
        time.sleep(0.05)
    return set()


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads processes from /proc (Linux)")
def test_ctrl_c_with_two_workers_stops_quietly_and_leaves_no_process(corpus, tmp_path):
    rng = random.Random(5)
    for attempt in range(4):
        proc = start(corpus, tmp_path / f"out{attempt}")
        kids = until_children(proc)
        time.sleep(rng.uniform(0.0, 3.0))  # some time during extraction or writing
        seen = kids | descendants(proc.pid)
        proc.send_signal(signal.SIGINT)
        try:
            _, err = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            pytest.fail(f"attempt {attempt}: the build hung after Ctrl-C")
        if proc.returncode == 0:
            continue  # it had finished before the signal came (its summary is on stderr)
        assert proc.returncode == 130, (attempt, proc.returncode, err)
        assert "Traceback" not in err and len([ln for ln in err.splitlines() if ln.strip()]) == 1, err
        time.sleep(0.5)
        assert not alive(seen), f"attempt {attempt}: processes left: {alive(seen)}"


def test_a_finished_command_ignores_ctrl_c_while_the_interpreter_shuts_down():
    code = ("import signal, sys; from graph.entry import run; sys.argv = ['huiyi', '--help']\n"
            "try:\n    run()\nexcept SystemExit as done:\n"
            "    print(done.code, signal.getsignal(signal.SIGINT) is signal.SIG_IGN)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.stdout.split()[-2:] == ["0", "True"], done.stderr


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads processes from /proc (Linux)")
def test_sigkill_of_the_build_takes_its_workers_with_it(corpus, tmp_path):
    proc = start(corpus, tmp_path / "out")
    kids = until_children(proc)
    assert kids, "the build started no worker"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    end = time.monotonic() + 5
    while alive(kids) and time.monotonic() < end:
        time.sleep(0.1)
    assert not alive(kids), f"workers left after SIGKILL of their parent: {alive(kids)}"
