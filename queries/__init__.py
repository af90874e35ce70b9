"""Named Cypher queries: one .cypher file per question, and the registry that lists and runs them."""
