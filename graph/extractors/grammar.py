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

# A meeting's head word: what its name ends in. Open: any word ending in 会 that is not the word
# for a body, a society or a thing (社会, 协会, 委员会, 机会, 体会, 都会), besides the other heads of
# the genre. 驻村干部对接会, 招商引资项目推进暨签约会, 集中学习(扩大)会, 领导人会晤, 开班典礼.
NOT_MEETING_HUI = "社机协学工体领都不将能总分教只才也就还又一"  # 商: below (协商会 is a meeting, 商会 a body)
# 委员会, 管委会, 居委会, 组委会 are bodies; 动员会, 常委会, 全委会 meetings
NOT_MEETING_HUI2 = ("委员", "理事", "董事", "监事", "基金", "管委", "居委", "村委", "组委", "筹委", "家委", "业委")
MEETING_HEAD = (r"(?:会议|全会|常委会|(?:\(扩大\))会|(?<![" + NOT_MEETING_HUI + "])"
                + "".join(f"(?<!{w})" for w in NOT_MEETING_HUI2) + r"(?<![^协磋]商)会"
                r"|会晤|会谈|论坛|仪式|典礼|开班式|结业式|开幕式|闭幕式|研讨班|读书班|集体学习|专题学习|学习研讨|专题研讨(?:交流)?|研讨交流)")
# Heads only the verbs of holding (召开, 举行, 举办) make a meeting of: 举办…庆祝活动 is one,
# 参加植树活动 is not; 参加代表团审议 is one (a delegation's session), 会议审议了 is not.
HELD_ONLY_HEAD = r"(?:活动|审议)"
# The verbs that hold a meeting, with the adverbs that go with them: 隆重举行, 成功举办.
HOLD_VERB = r"(?:隆重|正式|顺利|成功|盛大)?(?:召开|举行|举办|开幕|拉开帷幕)"
# A day or a span of days standing between a meeting's name and its verb (双周协商座谈会28日在京召开,
# 那达慕大会1日至3日在该县举行).
DAY_SPAN = (r"(?:(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日(?:(?:至|到|-)(?:\d{1,2}月)?\d{1,2}日)?|昨天|昨日|今天|今日|前天)"
            r"(?:上午|下午|晚上|晚间|晚)?")
# Verbs before a meeting word that make it the object of a phrase, not a meeting's name:
# 宣布大会开幕, 祝贺大会召开, 体现了…会议精神 (the meeting is not named as held by these words).
PHRASE_VERB_RE = re.compile(r".*(?:宣布|祝贺|预祝|庆贺|体现了?|标志着|迎来|开好|办好|确保)(?!会)")
# What passes a referenced meeting on: 传达学习…会议精神, 贯彻落实…部署.
PASS_ON_RE = re.compile(r"传达|学习|贯彻|落实|领会|领悟|宣讲|研究|对照|按照|根据")

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
