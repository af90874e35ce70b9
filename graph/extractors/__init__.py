"""Extraction strategies, one per module, each behind the `Extractor` interface (see base.py).

They run in `EXTRACTORS` order; each reads what earlier ones found on the Document and returns
`Findings` without touching the Document (the pipeline applies them).
"""
EXTRACTORS: list = []
