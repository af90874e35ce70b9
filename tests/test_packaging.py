"""The wheel installs its three packages under one namespace (huiyi.graph, huiyi.loaders,
huiyi.queries), so it sits beside PyPI's own `queries` package and the `huiyi` command works."""
from __future__ import annotations

import site
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=600, cwd=cwd)


@pytest.mark.slow
def test_the_wheel_sits_beside_pypi_queries_and_builds_the_seeds(tmp_path):
    wheel_dir, venv = tmp_path / "wheel", tmp_path / "venv"
    built = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheel_dir), str(ROOT))
    assert built.returncode == 0, built.stderr
    assert run(sys.executable, "-m", "venv", str(venv)).returncode == 0
    py = venv / "bin" / "python"
    # the project's own dependencies come from this environment; PyPI's `queries` from PyPI
    target = run(str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip()
    Path(target, "deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    wheel = next(wheel_dir.glob("huiyi-*.whl"))
    assert run(str(py), "-m", "pip", "install", "-q", "--no-deps", str(wheel)).returncode == 0
    if run(str(py), "-m", "pip", "install", "-q", "queries").returncode != 0:
        pytest.skip("PyPI's `queries` package could not be installed (no index reachable)")
    both = run(str(py), "-c", "import queries, huiyi.queries; print(queries.__file__); print(huiyi.queries.__file__)",
               cwd=tmp_path)
    assert both.returncode == 0, both.stderr
    pypi, ours = both.stdout.split()
    assert "huiyi" not in pypi and ours.endswith("huiyi/queries/__init__.py")
    done = run(str(venv / "bin" / "huiyi"), "build", str(ROOT / "seeds"), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "graph.json").is_file()
