"""The grammar of the genre: the named pieces every extractor builds its rules from.

Each piece is written once here, with a comment saying what it reads and an example; the
extractors (persons, meetings, roles) compose them into ordered, named rules, and every Mention and
Fact they make records the rule's name in `props["rule"]`. GRAMMAR.md is the catalogue:
construction -> rule -> test.

Sections: names; lists and group tails; role verbs and the gap between subject and verb; meeting
heads and names; dates.
"""
from __future__ import annotations

import re  # noqa: F401  (the sections below compile their pieces with it)

# ---- names ---------------------------------------------------------------------------------------

# ---- lists and group tails -----------------------------------------------------------------------

# ---- role verbs and the gap between subject and verb ---------------------------------------------

# ---- meeting heads and names ---------------------------------------------------------------------

# ---- dates ---------------------------------------------------------------------------------------
