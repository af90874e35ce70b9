"""GRAMMAR.md is the catalogue of what Huiyi reads: every rule the extractors record on a mention or
a role edge has a row there, and every row names a test that exists."""
from __future__ import annotations

import ast
import re
from functools import lru_cache
from pathlib import Path

from huiyi.graph.explain import ROLE_TYPES
from huiyi.graph.models import Label
from tests.graph.helpers import run

ROOT = Path(__file__).resolve().parents[2]
ROW_RE = re.compile(r"^\|(?P<cells>.+)\|\s*$")


@lru_cache(maxsize=1)
def catalogue() -> list[list[str]]:
    rows = []
    for line in (ROOT / "GRAMMAR.md").read_text(encoding="utf-8").splitlines():
        if (m := ROW_RE.match(line)) and not set(line) <= set("|- "):
            rows.append([c.strip() for c in m.group("cells").split("|")])
    return [r for r in rows if r[0] != "construction"]


def catalogued_rules() -> set[str]:
    return {cell.strip("` ") for row in catalogue() if len(row) == 4 for cell in re.split(r"[,/]\s*", row[2])}


def named_tests(cell: str) -> list[tuple[str, str]]:
    """(file, test) pairs of a row's test cell: `path::test`, more after commas as `::test` (same file)."""
    pairs, path = [], ""
    for ref in re.split(r",\s*", cell.strip("` ")):
        file, _, name = ref.strip("` ").partition("::")
        path = file or path
        pairs.append((path, name))
    return pairs


def test_every_row_names_a_test_that_exists():
    rows = [r for r in catalogue() if len(r) == 4]
    assert len(rows) >= 10
    for _construction, _example, rule, test in rows:
        for path, name in named_tests(test):
            source = (ROOT / path).read_text(encoding="utf-8")
            names = {n.name for n in ast.walk(ast.parse(source)) if isinstance(n, ast.FunctionDef)}
            assert name in names, f"GRAMMAR.md: {rule}: no test {path}::{name}"


def test_every_rule_the_extractors_record_is_catalogued():
    used: set[str] = set()
    reports = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests/fixtures/synthetic").glob("*.txt"))
    for path in reports:
        doc = run(path.read_text(encoding="utf-8"), name=path.name)
        used |= {m.props["rule"] for m in doc.mentions if m.label in (Label.PERSON, Label.MEETING)}
        used |= {f.props["rule"] for f in doc.facts if f.type in ROLE_TYPES}
    assert used, "no rule recorded"
    assert used <= catalogued_rules(), f"rules missing from GRAMMAR.md: {sorted(used - catalogued_rules())}"


def test_every_person_meeting_and_role_records_its_rule():
    doc = run((ROOT / "seeds" / "000_fbcf11dee7c9eea9.txt").read_text(encoding="utf-8"))
    assert all(m.props.get("rule") for m in doc.mentions if m.label in (Label.PERSON, Label.MEETING))
    assert all(f.props.get("rule") and f.props.get("how") is not None for f in doc.facts if f.type in ROLE_TYPES)
