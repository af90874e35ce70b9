"""Neo4j's own Cypher grammar and semantic checks over Huiyi's statements, without a server.

The checks are those of the npm package `@neo4j-cypher/language-support` (`lintCypherQuery`: Neo4j
5's parser and semantic analysis), which `.ci/run` installs into tools/cypher-lint/ and
tools/cypher-lint/lint.cjs runs with Node.js: statements as JSON on stdin, diagnostics as JSON on
stdout. Tests using it are skipped, with the reason, where Node.js or the package is absent.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest

from huiyi.graph.models import Label, RelType

LINT_DIR = Path(__file__).resolve().parent.parent / "tools" / "cypher-lint"
PACKAGE = LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support" / "package.json"
_PARAMETER = re.compile(r"\$(\w+)")


def unavailable() -> str | None:
    """Why the lint cannot run here, or None when it can."""
    if shutil.which("node") is None:
        return "Node.js is not installed (apt-get install nodejs npm; .ci/run does it)"
    if not PACKAGE.exists():
        return f"@neo4j-cypher/language-support is not installed: run `npm ci --prefix {LINT_DIR}`"
    return None


needs_lint = pytest.mark.skipif(unavailable() is not None, reason=unavailable() or "")


def parameters_of(cypher: str, samples: dict) -> dict:
    """The parameters `cypher` uses, each with its value in `samples` (the linter reports a
    parameter it is not given as an error, as a driver call without it would fail)."""
    return {name: samples.get(name) for name in dict.fromkeys(_PARAMETER.findall(cypher))}


def lint(statements: list[tuple[str, dict]], timeout: float = 300) -> list[list[dict]]:
    """Diagnostics ({severity, message, line, column}) per (cypher, parameters), in order."""
    request = {"statements": [{"cypher": c, "parameters": p} for c, p in statements],
               "labels": [label.value for label in Label], "relationshipTypes": [t.value for t in RelType]}
    done = subprocess.run(["node", str(LINT_DIR / "lint.cjs")], input=json.dumps(request), text=True,
                          capture_output=True, timeout=timeout, cwd=LINT_DIR)
    assert done.returncode == 0, f"lint.cjs failed: {done.stderr[-2000:]}"
    return json.loads(done.stdout)


def assert_no_errors(named: dict[str, tuple[str, dict]]) -> None:
    """Lint every (cypher, parameters) by name: fail on any error, report warnings as warnings."""
    results = dict(zip(named, lint(list(named.values())), strict=True))
    errors = [f"{name}: line {d['line']}, column {d['column']}: {d['message']}"
              for name, found in results.items() for d in found if d["severity"] == "error"]
    for name, found in results.items():
        for d in found:
            if d["severity"] != "error":
                warnings.warn(f"Neo4j lint, {name}: line {d['line']}: {d['message']}", stacklevel=2)
    assert not errors, "Neo4j's Cypher checks refuse:\n" + "\n".join(errors)
