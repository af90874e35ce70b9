"""Every named query, in the form that runs on Neo4j (`NAME.neo4j.cypher` where it exists, else
`NAME.cypher`), passes Neo4j 5's own Cypher parser and semantic checks (tests/cypher_lint.py)."""
from __future__ import annotations

import pytest
from cypher_lint import assert_no_errors, needs_lint, parameters_of

from huiyi.queries import registry

SAMPLE = {"STRING": "云南", "INT": 2, "FLOAT": 0.5, "BOOL": True, "DATE": "2020-02-20"}


def neo4j_forms(folder=registry.QUERY_DIR) -> dict[str, tuple[str, dict]]:
    """name -> (the text Neo4j runs, its parameters as bound from the example, defaults or samples)."""
    forms = {}
    for query in registry.list_queries(folder):
        given = {p.name: query.example.get(p.name, SAMPLE[p.type]) for p in query.params if p.required}
        text = query.text_for("neo4j")
        forms[query.name] = (text, parameters_of(text, registry.bind(query, given)))
    return forms


def test_the_neo4j_form_is_the_override_where_there_is_one(tmp_path):
    (tmp_path / "q.cypher").write_text("// name: q\n// description: d\n// param: n INT = 1 n\n"
                                       "RETURN $n AS n", encoding="utf-8")
    (tmp_path / "q.neo4j.cypher").write_text("RETURN toInteger($n) AS n", encoding="utf-8")
    (tmp_path / "r.cypher").write_text("// name: r\n// description: d\nRETURN 1 AS one", encoding="utf-8")
    assert neo4j_forms(tmp_path) == {"q": ("RETURN toInteger($n) AS n", {"n": 1}), "r": ("RETURN 1 AS one", {})}


@pytest.mark.slow
@needs_lint
def test_every_named_query_passes_neo4j_checks():
    forms = neo4j_forms()
    assert len(forms) >= 11
    assert_no_errors(forms)
