"""How reports name meetings: the pieces of a meeting's name (its characters, heads, a quoted theme),
the patterns that find one (held, convened, a body's session, a back-reference, a spirit passed on),
and how a raw run of text becomes a name (clause verbs, dates and generic words cut; a convener
joined; 我省 made absolute). `meetings.py` runs them over a report.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from .base import Needing
from .dates import first_kind
from .grammar import (
    BOOK_TITLE,
    DAY_SPAN,
    HELD_ONLY_HEAD,
    HOLD_VERB,
    IMPLEMENT_SLOGAN_RE,
    MEETING_HEAD,
    PASS_ON_RE,
    PHRASE_VERB_RE,
    QUOTED_PART,
)
from .jurisdiction import abbreviation, province_of
from .meeting_names import canonical_meeting_name

# the head of a meeting's name is open (grammar.MEETING_HEAD): a run ending in a head word, found by a trigger
SUFFIX = MEETING_HEAD
ANY_HEAD = rf"(?:{MEETING_HEAD}|{HELD_ONLY_HEAD})"
QUOTED_HEAD = rf"“[^“”,。]{{0,8}}{MEETING_HEAD}”"  # 市“两会”, 全国“两会”: the head inside the quotes
TYPE_ONLY = {"座谈会", "推进会", "调度会", "汇报会", "见面会", "恳谈会", "碰头会", "生活会", "签约仪式"}
# a name's characters; a short bracketed part (省委常委会(扩大)会议, 村(社区)换届动员会), a quoted one
# (市政协“…”专题协商会) and a book title (学习宣传新修订《宗教事务条例》视频会议) are inside it
BODY = rf"(?:[^\s,。;:!?、“”()《》]|\((?![^()]*(?:记者|通讯员|摄))[^()\s,。;、]{{1,8}}\)|{QUOTED_PART}|{BOOK_TITLE})"
# a name whose head stands inside its quotes: 第七届“长三角地区道教论坛——坚持道教中国化方向研讨会”在上海举行
# (what stands before the quotes is an ordinal or a year, 2012“鲁迅论坛”, never a preposition: 从2000年“…”)
QUOTED_NAME = rf"[^\s,。;:!?、“”()《》从自在于至到]{{0,12}}?“[^“”。]{{1,60}}?{ANY_HEAD}”"
# 全省防汛工作会议(,于3月2日 | 28日)(在昆明)(隆重)召开: the name stands before the verb of holding
HELD_RE = re.compile(rf"(?P<name>{QUOTED_NAME}|{BODY}{{2,60}}?{ANY_HEAD})(?:,?于(?P<when>[^,。;]{{2,24}}?)|(?P<day>{DAY_SPAN}))?"
                     rf"(?:在(?P<place>{BODY}{{1,16}}?))?{HOLD_VERB}(?!式)"
                     rf"(?P<sub>预备会议|开幕会|闭幕会|第[一二三四五六七八九十\d]+次全体会议|全体会议)?(?P<body_held>了?会议)?")
# 主持召开X会议, 出席X会, 参加X代表团审议, 召开“X动员会”: the verb stands before the name (quoted or not)
CONVENED_RE = re.compile(rf"(?P<verb>主持召开|组织召开|召开|举行|举办|主持|出席|参加|列席)(?:了|的)?(?P<q>“)?"
                         rf"(?P<name>{BODY}{{0,60}}?{ANY_HEAD}(?:\(扩大\))?)(?(q)”)"
                         rf"(?=[,。;:!?、\s)]|\((?!扩大)|$|并|上|时|期间|后|的|研究|部署|听取|审议|传达|学习|"
                         rf"全面|认真|深入|进一步|强调|指出)")  # 召开党代会全面贯彻…: the clause goes on
# 不得…举办, 严禁召开: a rule about meetings (anywhere in the clause); 未召开, 或举办: right before the verb
NEGATED_RE = re.compile(r"(?:不得|禁止|严禁|不准|不再|不要|杜绝|防止|避免|减少)[^,。;]*$|(?:未|不|或)$")
HELD_VERBS = ("召开", "举行", "举办", "组织召开", "主持召开")  # the verbs that make a meeting of X活动
# 宝鸡市委常委会召开会议, 宗教团体联席会议在京举行第五次会议: the body held a meeting, named after the body
# 中央政治局4月30日下午就…进行第二十九次集体学习: a topic (就…) may stand before the verb
SESSION_BODY = r"(?:常委会|党组|常务委员会|领导小组|委员会|中心组|主席团|政治局|联席会议)"
SESSION_VERB = r"(?:召开|举行|进行)"
BODY_MEETING_RE = re.compile(rf"(?P<name>{BODY}{{2,24}}?{SESSION_BODY})(?P<day>{DAY_SPAN})?"
                             rf"(?:在[^,。;]{{1,8}}?)?(?:就[^,。;]{{1,40}}?)?{SESSION_VERB}了?"
                             rf"(?P<kind>(?:第[一二三四五六七八九十\d]+次)?(?:\(扩大\))?(?:会议|常务会议|全体会议|扩大会议|集体学习))"
                             rf"(?=[,。;:!?\s]|$)")
# 2月27日,在全市优化营商环境大会上,市委书记韦正霖强调: the report opens inside its meeting
# 座谈会上,X希望…: a sentence that opens inside the meeting the report is about, named by its type only
OPENS_AT_RE = Needing(re.compile(rf"^(?P<name>{BODY}{{0,20}}?{MEETING_HEAD})上[,:]"), ("上,", "上:"))
# 在随后召开的X学习会上,…: a back-reference to a meeting the report goes on to (its only naming, at times)
AT_MEETING_RE = Needing(re.compile(rf"(?:^|(?<=[,。:;\s]))在(?P<then>(?:随后|当天|同日|接着)?(?:召开|举行|举办)的)?"
                                   rf"(?P<name>{BODY}{{2,60}}?{SUFFIX})上[,:]"), ("上,", "上:"))
SPEECH_RE = re.compile(rf"在(?P<name>(?:{BODY}|(?<=[会议坛晤])、在?){{1,80}}?(?:{SUFFIX}|{QUOTED_HEAD}))(?:上(?:的|所作的)?|的)(?:重要)?(?:讲话|报告|发言|致辞|强调|指出|表示|作)")
SPIRIT_RE = Needing(re.compile(rf"(?:(?<=传达)|(?<=学习)|(?<=贯彻)|(?<=落实)|(?<=[了和及、,在]))(?P<name>(?:[^\s,。;:!?、“”()《》和及]|{QUOTED_PART}){{1,40}}?(?:{ANY_HEAD}|{QUOTED_HEAD}))"
                       rf"(?=(?:的)?(?:精神|部署|决策部署)|[、和及,][^。;]{{2,60}}?{ANY_HEAD}(?:的)?精神)"), ("精神", "部署"))
# 召开驻寺各单位负责人、全体干部座谈会: a name listing its participants (the last resort, see _listed)
LISTED_RE = re.compile(rf"(?:召开|举行|举办)了?(?P<name>(?:{BODY}|、){{2,60}}?{MEETING_HEAD})(?=[,。;])")
# …or one the subject attends, listing the groups it joins: 参加了民盟、农工党界委员联组会,
# 分别参加了香港、澳门代表团审议 (the verb itself places someone there).
ATTENDED_LISTED_RE = re.compile(rf"(?:参加|出席|列席)了?(?P<name>(?:{BODY}|、){{2,60}}?(?:{MEETING_HEAD}|代表团审议))(?=[,。;])")
# The last resort but one: a caption run into the text with no stop, 召开对口支援座谈会罗某校长指出
# (a speaker and a speech verb right after the name).
RUN_IN_RE = re.compile(rf"(?:召开|举行|举办)了?(?P<name>{BODY}{{2,60}}?{MEETING_HEAD})"
                       rf"(?=[^\s,。;:!?、“”()上]{{2,8}}?(?:指出|强调|表示|讲话|致辞))")
ROLE_AT_MEETING_RE = re.compile(r"会议由[^,。;]{2,30}主持|(?:主持|出席|参加|列席)(?:了)?(?:会议|座谈会|大会)")
# what follows a congress the report passes on or places someone at: 精神 (also at the end of a list of
# them), 决策部署, 报告, 上的讲话, 代表
PARTY_PASSED_RE = re.compile(r"(?!以来|前后|前夕|胜利召开|召开)(?:[^。;!?]{0,40}?(?:精神|部署|擘画)|(?:的)?(?:决策部署|重大部署|部署|报告)|"
                             r"(?:开幕会|闭幕会|大会)?上|代表|情况)")
# 标题: X对全国Y电视电话会议作出重要批示: the meeting the instruction was read at
INSTRUCTED_RE = re.compile(rf"对(?P<name>{BODY}{{2,60}}?{SUFFIX})作出(?:重要)?(?:批示|指示)")
# 党的二十大, 二十届三中全会: named by number, the congresses and plenums a report passes on
PARTY_RE = Needing(re.compile(r"(?:党的)?(?:十[一二三四五六七八九]|二十[一二三]?)(?:大|届(?:中央纪委)?[一二三四五六七八九]中?全会|届中央纪委[一二三四五六七八九]次全会)"),
                   ("十",))
# what stands before a meeting's name in the same run of text: clause verbs, dates, adverbs
VERB_SPLIT_RE = re.compile(r".*(?:学习(?=全国|全省|全市|中央|省|市|县|区|党的|第)|为(?:议题|主题)的|把握|领会|领悟|把|将|(?:主办|承办|协办|举办|举行)的?|组织的|(?<!所)在|由|传达学习了?|学习了|学习贯彻|传达了?|贯彻落实|贯彻|落实|要求|强调|指出|要把|审议通过了?|审议了?|"
                           r"召开|主持|出席|参加|听取了?|(?<![与和及])研究了?|(?<![主重需纲必摘概紧首只])要)")  # (整理与研究, 主要负责人: nouns in a name)
LEAD_RE = re.compile(r"^(?:\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}月\d{1,2}日|\d{1,2}日|上午|下午|晚上|晚间|晚|今天|今日|昨天|昨日|"
                     r"【[^】]*】|图为|摄(?!影)|暨|[他她我]?所在的|(?:当天|当日|同日|随后|今天)?(?:开幕|召开|举行|举办)的|为?期[\d一二两三四五六七八九十]+天的|隆重的|盛大的|为|好|了|的|和|及|迅速|认真|深入|全面|确保|保证|推动|筹备|做好|开好|办好)+")
GENERIC_RE = re.compile(r"^[\d一二三四五六七八九十两几多]+次(?:扩大)?会议?$|^(?:一次|一届|这|本次|此次|该次|那次|一个|各类|各种|有关|相关|各级|与会|会议|对(?!口|外|台|接|话)|把|等|同年|一系列|系列|今年|重要(?=会))|"
                        r"此次|本次|这次|个重要|成功的|富有成果|丰富多彩|或|十分|非常|重要的|"
                        r"重大的|大家|我们|奋力|学深悟透|领会|深刻|统一到|贯彻|落实|这是|第一个")
LEVEL_START_RE = re.compile(r"^(?:全国|中央|国务院|全省|全市|全县|全区|全州|省|市|县|区|州|中共)")
CONVENER_RE = re.compile(r"([^\s,。;:!?、“”()]{0,20}?(?:省|市|县|区|州|旗|委|政府|政协|人大|常委会|办|局|厅|部|领导小组|中心组|"
                         r"委员会|管委会|居委会|村委会|党组|街道|镇|乡|协会|学会|研究会|联合会|工商联|商会))$")
VENUE_TAIL_RE = re.compile(r"在[^,。;:!?在]{1,15}$")  # 市政协在机关三楼会议室(召开了): the venue between convener and verb
# 决定12月7日召开, 将于下周举行: a meeting still to come is not reported
PLANNED_RE = re.compile(r"(?:决定|将于|将在|拟于|拟在|定于|计划于)[^,。;]{0,12}$")
# 召开推进会、实地督导, 定期召开调度会: a kind of meeting among the measures taken, not one held
HABIT_RE = re.compile(r"(?:定期|每[月周季年天]|经常|及时|适时|通过|采取)[^,。;]{0,16}$|、$")
# a teaser block for other stories: nothing after it is the report's
TEASER_RE = re.compile(r"^\s*(?:新闻推荐|相关新闻|推荐阅读|相关阅读|延伸阅读|猜你喜欢|热点推荐|热门推荐)", re.M)
# The text speaks of the meeting without naming it: 出席会议, 参加会议, 会上, 会议由…主持
MEETING_CUE_RE = re.compile(r"(?:主持|出席|参加|列席)了?(?:会议|座谈|汇报会)|会上[,:]|会议由|会议(?:要求|强调|指出)")
# A headline that names an event of the genre (what people do at a meeting): 听取…汇报, 座谈, 研讨
# 刘某率领公安县党政代表团来我县考察: a delegation's visit, whose talks a report may name by type alone
VISIT_RE = re.compile(r"(?:率领|带领|率|(?<=[,。;:\n])|^)(?P<who>[^\s,。;:!?、“”()率领]{2,16}?(?:代表团|考察团|调研组))(?:一行)?"
                      r"(?:\d{1,2}日)?(?:来|到|赴)(?P<where>[^\s,。;:!?、“”()]{1,10}?)(?:考察|调研|参观|学习|交流)", re.M)
EVENT_WORD_RE = re.compile(r"听取|座谈|汇报|研讨|部署|推进|动员|调度|协商|交流|审议")
HEADING_TAIL_RE = re.compile(r"(?:在[^,。;\s]{1,12}?)?(?:隆重|正式|顺利)?(?:召开|举行|举办|开幕)$|(?:时)?(?:强调|指出|要求|表示)$")
FOLLOW_ON_RE = re.compile(r"^\s*(?:随后|会后|当天|当日|同日|紧接着|同一天)")
PAST_RE = re.compile(r"昨天|昨日|前天|日前|此前|近日|上周")
NAME_ENDS = ("会", "学习", "研讨", "交流", "班", "式", "论坛", "大", "活动", "审议", "典礼")
TRIGGERS = {HELD_RE: ("召开", "举行", "举办", "开幕", "帷幕", "开班", "闭幕", "结业"), CONVENED_RE: ("主持", "召开", "举行", "举办", "出席", "参加", "列席"),
            BODY_MEETING_RE: ("召开", "举行", "进行")}
# What every match of HELD_RE and of BODY_MEETING_RE holds: a head (a body's) and, after it, a verb of
# holding. A sentence holding a trigger word is searched for that pair first: the patterns, whose
# lazy names are tried at every position, cost most of the meeting extractor's time, and most
# sentences with such a verb hold no such pair before it (a test that never drops a match).
HEAD_BEFORE_VERB = {HELD_RE: re.compile(rf"{ANY_HEAD}.*?{HOLD_VERB}", re.S),
                    BODY_MEETING_RE: re.compile(rf"{SESSION_BODY}.*?{SESSION_VERB}", re.S)}


def worth_trying(rx: re.Pattern, sentence: str) -> bool:
    """Whether a sentence holds what every match of a held pattern (TRIGGERS' keys) holds: one of its
    trigger words and, for HELD_RE and BODY_MEETING_RE, a head before a verb of holding."""
    pair = HEAD_BEFORE_VERB.get(rx)
    return any(w in sentence for w in TRIGGERS[rx]) and (pair is None or bool(pair.search(sentence)))
YEAR_RE = re.compile(r"(\d{4})年")


BARE_HEADS = ("会议", "会", "大会", "全会", "峰会", "论坛", "仪式", "典礼", "活动", "会谈", "会晤", "宴会", "招待会")  # a head alone names nothing
# 出席研讨会开幕式, 大会闭幕式: the opening or closing of the meeting the report is about, named by its
# type only, is that meeting (the sentence's roles go to it), not a meeting of its own
OWN_CEREMONY_RE = re.compile(r"(?:本次|此次|这次|该)?[^\s,。]{0,3}?(?:会议|会|论坛)(?:开幕式|闭幕式|开幕会|闭幕会)")


QUOTED_RE = re.compile(r"“[^”]*”")


def masked(name: str) -> str:
    """The name with its quoted titles blanked (same length): no verb inside “…推进落实情况” cuts it."""
    if "“" not in name:
        return name  # (most names: no substitution to try)
    return QUOTED_RE.sub(lambda q: "“" + "□" * (len(q.group()) - 2) + "”", name)


LIST_JOIN_RE = re.compile(r"(?:、|和|及|以及)在?")
HEAD_AT_END_RE = re.compile(rf"(?:{ANY_HEAD})$")


def listed_meetings(name: str) -> list[tuple[int, str]]:
    """(offset, name) of each meeting a run of text lists (第三次“一带一路”建设座谈会和亚太经合组织第二十八次
    领导人非正式会议; 全国科技大会、两院院士大会): a joiner splits it only where a meeting's head ends."""
    parts, start = [], 0
    for j in LIST_JOIN_RE.finditer(name):
        if j.start() > start and HEAD_AT_END_RE.search(name, start, j.start()) and j.end() < len(name):
            parts.append((start, name[start:j.start()]))
            start = j.end()
    parts.append((start, name[start:]))
    return parts


def unquoted(name: str) -> str:
    """第七届“长三角地区道教论坛”: a name whose head stands inside its quotes is written without them."""
    if not name.endswith("”"):
        return name
    opening = name.rfind("“")
    return name[:opening] + name[opening + 1:-1]


def clean_name(raw: str, *, whole: bool = False) -> tuple[str, str]:
    """(the meeting's name, the text cut from before it): clause verbs, dates and adverbs go. With
    `whole`, a clause verb with too little after it makes no name (准确把握全会: a back-reference)."""
    name = raw
    if (m := PHRASE_VERB_RE.match(masked(name))):
        name = name[m.end():]  # 宣布大会开幕, 祝贺大会召开: the meeting is what these words are about
        if len(name) < 4:
            return "", raw
    if (m := VERB_SPLIT_RE.match(masked(name))) and m.end() < len(name):
        rest = name[m.end():]
        if len(rest) >= 4 or rest in TYPE_ONLY:
            name = rest
        elif whole or LEVEL_START_RE.sub("", LEAD_RE.sub("", rest)) in BARE_HEADS or re.match(r"并|会见|接见", name):
            return "", raw  # 出席并主持会议, 随后召开的会议, 并主持开幕式: words about the meeting, not its name
    name = re.sub(r"(?<=大会)会议$", "", LEAD_RE.sub("", name).strip())  # 市文明创建大会会议精神: the 大会
    if GENERIC_RE.search(masked(name)) or LEVEL_START_RE.sub("", name) in BARE_HEADS or OWN_CEREMONY_RE.fullmatch(name):
        return "", raw  # 一次十分重要的会议, 全国会议, 研讨会开幕式: words about a meeting, not its name
    return name, raw[: len(raw) - len(name)]


LIST_GO_ON_RE = re.compile(rf"^(?:以及|及|和|还有|并)|(?:{MEETING_HEAD}|大|全会)[和及、]?$")
GUIDED_RE = re.compile(r"^(?:的)?精神(?:的)?(?:指引|指导|引领)|^(?:的)?精神为指导")


def passed_on(before: str, after: str, name: str = "") -> bool:
    """Is the meeting named between `before` and `after` passed on? A verb of passing on (传达, 学习,
    贯彻…) in its clause or in the clauses of the list it closes (深入贯彻党的十九大,中央X座谈会,Y座谈会和Z
    座谈会精神), or its spirit guiding (在X会议精神指引下); 体现了X会议精神 is not."""
    if GUIDED_RE.match(after):
        return True
    clauses = re.split(r"[,。;:!?]", before)
    for k, clause in enumerate(reversed(clauses[-4:])):
        if PASS_ON_RE.search(clause):
            return True
        if k and not LIST_GO_ON_RE.search(clause):
            return False  # the clause before is no part of a list of meetings
        if not k and not (LIST_GO_ON_RE.search(clause) if clause.strip() else
                          LEVEL_START_RE.match(name) or re.match(r"[,、和及]", after)):
            return False  # 结合实际抓好全会精神: the name opens its clause and is no item of a list
    return False


def slogan_only(before: str) -> bool:
    """Is the meeting named after `before` only in a slogan of implementing its spirit (深入贯彻党的
    二十大精神)? The slogan's verb must govern the name (no verb of passing on after it) and stand
    outside quotes (以“深入学习贯彻X精神”为主题: a lecture's theme passes the meeting on)."""
    clause = re.split(r"[。;!?]", before)[-1]
    last = next(reversed(list(IMPLEMENT_SLOGAN_RE.finditer(clause))), None)  # the verb nearest the name
    if last is None or PASS_ON_RE.search(clause, last.end()):
        return False
    return clause.count("“", 0, last.start()) <= clause.count("”", 0, last.start())


def join_convener(convener: str, name: str) -> str:
    """实验区党工委 + 党工委理论学习中心组学习会: the words both share are written once."""
    for k in range(len(convener), 1, -1):
        if name.startswith(convener[-k:]):
            return convener[:-k] + name
    return convener + name


def with_convener(st: str, m: re.Match, name: str) -> tuple[str | None, str]:
    """(convener, name): 旬阳县政协召开九届二次主席会议 -> 旬阳县政协九届二次主席会议 (a name that
    gives no level takes its convener's)."""
    before = re.sub(rf"(?:{DAY_SPAN})$", "", VENUE_TAIL_RE.sub("", st[:m.start()]))  # 省政协19日在江城召开
    if m.group("verb") not in HELD_VERBS[:3] or not (c := CONVENER_RE.search(before)):
        return None, name
    convener = c.group(1)
    if (v := VERB_SPLIT_RE.match(convener)):
        convener = convener[v.end():]  # 听取并研究实验区…: the verbs are no part of the convener
    if len(convener) < 2:
        return None, name
    return convener, name if LEVEL_START_RE.match(name) else join_convener(re.sub(r"^我", "", convener), name)


OWN_PROVINCE_RE = re.compile(r"^(?:我省|本省)")
MUNICIPALITIES = ("北京", "天津", "上海", "重庆")


def absolute_name(name: str, province: str | None) -> str:
    """我省代表团审议 in a Heilongjiang report is 黑龙江代表团审议: the report's own province by its name
    (我市 too, in a municipality)."""
    if province and (OWN_PROVINCE_RE.match(name) or (province in MUNICIPALITIES and name.startswith(("我市", "本市")))):
        return province + name[2:]
    return name


def bare(name: str) -> str:
    """A name without ordinals or brackets, to see one name inside another (常委会会议 in 市委常委会第5次会议)."""
    return re.sub(r"第?[\d一二三四五六七八九十百]+次|\(扩大\)", "", canonical_meeting_name(name))


def headline_block(text: str) -> str:
    """The headline lines (title, 原标题): the first lines while they are short."""
    out = []
    for line in text.split("\n")[:3]:
        if len(line) > 100 or "。" in line:
            break
        out.append(line)
    return "\n".join(out)


MEETING_KINDS = (("video conference", r"电视电话|视频"), ("standing committee", r"常委会|常务会议"),
                 ("people's congress", r"人民代表大会|人大"), ("cppcc", r"政协"), ("plenary", r"全会|全体会议"),
                 ("symposium", r"座谈会"), ("study session", r"学习"), ("leading group", r"领导小组"),
                 ("office meeting", r"办公会"))


def meeting_kind(name: str) -> str:
    return first_kind(name, MEETING_KINDS, "meeting")


def place_name(raw: str) -> str | None:
    """A venue that is a known place (`昆明`, `京` -> 北京), else None (a hall, a command centre)."""
    if len(raw) == 1:
        return abbreviation(raw)
    short = re.sub(r"(省|市|县|区)$", "", raw)
    return short if province_of(raw) or province_of(short) else None


class Candidate(NamedTuple):
    """A meeting named in the text, before mentions of one meeting are merged."""
    start: int
    end: int
    name: str
    date: str | None
    venue: str | None
    reported: bool  # named as held or convened here (not merely passed on or referred to)
    convener: str | None
    past: bool  # told as past (昨天, 日前): another meeting than the headline's, when that is held now
    rule: str
