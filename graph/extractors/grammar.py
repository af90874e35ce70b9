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

# A date printed with its year outside the prose: a link's path (`本文链接:http://x.cn/2020/11/05/1.html`,
# `/202011/t20201105_1.htm`, `/20201105/`) or a day.month.year stamp with a time (`21.01.2019  11:10`).
URL_DATE_RE = re.compile(r"""
    https?://\S*?/
    (?: (?P<y1>(?:19|20)\d\d)[/-](?P<m1>\d\d)[/-]?(?P<d1>\d\d)/      # /2020/11/05/ or /2020-11/05/
      | (?:\d{6}/)?t?(?P<y2>(?:19|20)\d\d)(?P<m2>[01]\d)(?P<d2>[0-3]\d)(?=[_/.])  # /t20201105_1.htm
    )""", re.X)
DMY_STAMP_RE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)\s+\d{1,2}:\d\d")  # 21.01.2019  11:10
# A calendar year the report speaks of as its own (`2014年执行情况和2015年计划`), not a target
# (`到2035年`, `力争2025年`, `2030年前`) nor the end of a span (`2021-2025年`).
CALENDAR_YEAR_RE = re.compile(r"(?<![\d\-—~至到])(?<!截至|截止|力争|争取|预计|计划)((?:19|20)\d\d)年(?!前|底前|以前|远景|目标)")
