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

from ..normalize import CJK

_HAN = f"[{CJK}]"  # one Han character

# ---- names ---------------------------------------------------------------------------------------

# A given name is one or two characters after the surname; a "name" whose first two characters are
# an ordinary word (能够参, 宣传好, 成为习) is a phrase. jieba's dictionary decides what is a word.
NAME_LENGTHS = (2, 3)

# A name stands where words begin: `蒙藏委员会委员长` has no name 员会 before 委员长, since 员 is
# inside the word 委员. How far around a candidate the text is cut to see that.
WORD_CONTEXT = 6

# Titles used as a form of address after a name (习近平总书记, 王某某同志): after them comes the
# sentence (总书记关于…, 总书记强调), never another name. (主席, 总理 stand before names far more
# often: 全国政协主席汪某.)
ADDRESS_TITLES = ("总书记", "同志")

# ---- lists and group tails -----------------------------------------------------------------------

# Nouns for a group of people that close a list (王某、李某等县领导; …及其他组成人员; 等有关部门负责人).
GROUP_NOUN = r"负责同志|负责人|领导同志|领导人|领导干部|领导|同志|代表|干部|委员|常委|成员|组成人员|工作人员|人员"

# What closes a list after its last name: 等 with a count or a collective (等5人, 等县领导,
# 等有关部门负责同志), or 及/以及/和 + a collective (及县人大常委会其他组成人员).
GROUP_TAIL = (rf"(?:等(?:\d+|[一二三四五六七八九十两百]+)?(?:人|位|名)?(?:[^,。;]{{0,12}}?(?:{GROUP_NOUN}))?|"
              rf"(?:及|以及|和)(?:其他|有关|相关)?[^,。;]{{0,14}}?(?:{GROUP_NOUN}))")

# 等 with a count or a collective closes a list: what follows is the sentence, whatever it says
# (焦某、杨某、谷某等同志是…的榜样; 王某、李某等16位委员作大会发言).
LIST_CLOSE = rf"等(?:\d+|[一二三四五六七八九十两百]+)?(?:(?:人|位|名)|[^,。;]{{0,12}}?(?:{GROUP_NOUN}))"

# Where the tail of a list item starts: a title after it belongs to the group (赵某等县领导), not to
# the name.
TAIL_START = r"等|及|和"

# Titles that stand before names only in a list (指导组成员张某、李某到会): elsewhere 成员 is a plain
# noun (社会成员都能…, 集体成员权利).
LIST_ONLY_TITLES = ("成员",)

# An introduction that opens a list of people: 出席会议的有…, 参加会议的还有…, 主席台就座的领导有…,
# or some body's leaders (市领导王某、李某; 驻军部队领导…). 主要领导, 分管领导 are posts, not list heads.
LIST_INTRO = (r"与会的还有|出席会议的(?:领导|人员)?(?:还)?有|参加会议的(?:领导|人员)?(?:还)?有|参会人员(?:还)?有|"
              r"主席台(?:上)?就座的(?:领导)?(?:还)?有|列席(?:会议的)?人员(?:还)?有?|出席人员有?|与会(?:领导)?(?:还)?有|"
              r"出席(?:会议|活动)?的(?:还)?有|参加(?:会议|活动)?的(?:还)?有|"
              rf"(?!主要|分管|有关|相关){_HAN}{{0,6}}?领导(?:同志)?(?:还)?有?")

# ---- role verbs and the gap between subject and verb ---------------------------------------------

# ---- meeting heads and names ---------------------------------------------------------------------

# ---- dates ---------------------------------------------------------------------------------------
