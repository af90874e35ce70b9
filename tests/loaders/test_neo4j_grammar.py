"""Every statement `huiyi load neo4j` sends (as `--dry-run` prints them) passes Neo4j 5's own
Cypher parser and semantic checks (tests/cypher_lint.py), for the seeds, the devset and the real
corpus."""
from __future__ import annotations

import pytest
from conftest import DEVSET, REAL_CORPUS, SEEDS
from cypher_lint import assert_no_errors, needs_lint, parameters_of
from typer.testing import CliRunner

from huiyi.graph.cli import app
from huiyi.loaders.json_export import read_json
from huiyi.loaders.neo4j_loader import DEFAULT_BATCH, dry_run

pytestmark = [pytest.mark.slow, needs_lint]


def printed_statements(out) -> list[str]:
    """The statements of `huiyi load neo4j --dry-run --wipe`, each ended by a line `;`."""
    result = CliRunner().invoke(app, ["load", "neo4j", "--out", str(out), "--dry-run", "--wipe"])
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("\n;\n")
    return result.stdout[:-len("\n;\n")].split("\n;\n")


@pytest.mark.parametrize("folder", [SEEDS, DEVSET, REAL_CORPUS], ids=["seeds", "devset", "real-corpus"])
def test_every_statement_of_a_load_passes_neo4j_checks(built_out, folder):
    out = built_out(folder)
    steps = dry_run(read_json(out / "graph.json"), wipe=True)
    assert printed_statements(out) == [step.statement for step in steps]
    # each with the parameters it is sent with: a batch of its rows, or the wipe's batch size
    named = {step.what: (step.statement, parameters_of(step.statement, {"rows": (step.rows or [])[:3],
                                                                        "batch": DEFAULT_BATCH}))
             for step in steps}
    assert len(named) == len(steps) and any(step.rows for step in steps)
    assert_no_errors(named)
