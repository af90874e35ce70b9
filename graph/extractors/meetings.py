"""Meetings: the ones a report is about and the earlier ones it refers to, with date and place.

Shapes: `X会议(在昆明)召开`, `主持召开X会议`, `旬阳县政协召开九届二次主席会议` (convener prefixed),
`在X会议上的讲话` (the title of a speech: the report is about X; in the body: X is referred to),
`传达学习了X会议精神`. Mentions of one meeting in a report are merged (same name family, no clash of
dates or of level: a national and a provincial video conference on one day stay two meetings).
"""
from __future__ import annotations

import re
from typing import NamedTuple

from ..models import Document, Fact, Label, RelType
from ..meeting_names import canonical_meeting_name, meeting_core, meeting_level, ordinals_clash, same_meeting
from .base import Findings, make_mention
from .grammar import BOOK_TITLE, DAY_SPAN, HELD_ONLY_HEAD, HOLD_VERB, MEETING_HEAD, PASS_ON_RE, PHRASE_VERB_RE, QUOTED_PART
from .jurisdiction import abbreviation, province_of
from .metadata import with_text_year
from .lexicon import FULL_DATE_RE, MONTH_DAY_RE, RELATIVE_RE, date_in, first_kind, range_end

# the head of a meeting's name is open (grammar.MEETING_HEAD): a run ending in a head word, found by a trigger
SUFFIX = MEETING_HEAD
ANY_HEAD = rf"(?:{MEETING_HEAD}|{HELD_ONLY_HEAD})"
QUOTED_HEAD = rf"“[^“”,。]{{0,8}}{MEETING_HEAD}”"  # 市“两会”, 全国“两会”: the head inside the quotes
TYPE_ONLY = {"座谈会", "推进会", "调度会", "汇报会", "见面会", "恳谈会", "碰头会", "生活会", "签约仪式"}
# a name's characters; a short bracketed part (省委常委会(扩大)会议, 村(社区)换届动员会), a quoted one
# (市政协“…”专题协商会) and a book title (学习宣传新修订《宗教事务条例》视频会议) are inside it
BODY = rf"(?:[^\s,。;:!?、“”()《》]|\((?![^()]*(?:记者|通讯员|摄))[^()\s,。;、]{{1,8}}\)|{QUOTED_PART}|{BOOK_TITLE})"
# 全省防汛工作会议(,于3月2日 | 28日)(在昆明)(隆重)召开: the name stands before the verb of holding
HELD_RE = re.compile(rf"(?P<name>{BODY}{{2,60}}?{ANY_HEAD})(?:,?于(?P<when>[^,。;]{{2,24}}?)|(?P<day>{DAY_SPAN}))?"
                     rf"(?:在(?P<place>{BODY}{{1,12}}?))?{HOLD_VERB}(?!式)"
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
BODY_MEETING_RE = re.compile(rf"(?P<name>{BODY}{{2,24}}?(?:常委会|党组|常务委员会|领导小组|委员会|中心组|主席团|政治局|联席会议))(?P<day>{DAY_SPAN})?"
                             rf"(?:在[^,。;]{{1,8}}?)?(?:就[^,。;]{{1,40}}?)?(?:召开|举行|进行)了?"
                             rf"(?P<kind>(?:第[一二三四五六七八九十\d]+次)?(?:\(扩大\))?(?:会议|常务会议|全体会议|扩大会议|集体学习))"
                             rf"(?=[,。;:!?\s]|$)")
# 2月27日,在全市优化营商环境大会上,市委书记韦正霖强调: the report opens inside its meeting
# 座谈会上,X希望…: a sentence that opens inside the meeting the report is about, named by its type only
OPENS_AT_RE = re.compile(rf"^(?P<name>{BODY}{{0,20}}?{MEETING_HEAD})上[,:]")
# 在随后召开的X学习会上,…: a back-reference to a meeting the report goes on to (its only naming, at times)
AT_MEETING_RE = re.compile(rf"(?:^|(?<=[,。:;\s]))在(?P<then>(?:随后|当天|同日|接着)?(?:召开|举行|举办)的)?"
                           rf"(?P<name>{BODY}{{2,60}}?{SUFFIX})上[,:]")
SPEECH_RE = re.compile(rf"在(?P<name>{BODY}{{1,60}}?(?:{SUFFIX}|{QUOTED_HEAD}))(?:上(?:的|所作的)?|的)(?:重要)?(?:讲话|报告|发言|致辞|强调|指出|表示|作)")
SPIRIT_RE = re.compile(rf"(?:(?<=传达)|(?<=学习)|(?<=贯彻)|(?<=落实)|(?<=[了和及、,在]))(?P<name>(?:[^\s,。;:!?、“”()《》和及]|{QUOTED_PART}){{1,40}}?(?:{ANY_HEAD}|{QUOTED_HEAD}))"
                       rf"(?=(?:的)?(?:精神|部署|决策部署)|[、和及,][^。;]{{2,60}}?{ANY_HEAD}(?:的)?精神)")
# 召开驻寺各单位负责人、全体干部座谈会: a name listing its participants (the last resort, see _listed)
LISTED_RE = re.compile(rf"(?:召开|举行|举办)了?(?P<name>(?:{BODY}|、){{2,60}}?{MEETING_HEAD})(?=[,。;])")
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
PARTY_RE = re.compile(r"(?:党的)?(?:十[一二三四五六七八九]|二十[一二三]?)(?:大|届(?:中央纪委)?[一二三四五六七八九]中?全会|届中央纪委[一二三四五六七八九]次全会)")
# what stands before a meeting's name in the same run of text: clause verbs, dates, adverbs
VERB_SPLIT_RE = re.compile(r".*(?:学习(?=全国|全省|全市|中央|省|市|县|区|党的|第)|为(?:议题|主题)的|把握|领会|领悟|把|将|(?:主办|承办|协办|举办|举行)的?|组织的|(?<!所)在|由|传达学习了?|学习了|学习贯彻|传达了?|贯彻落实|贯彻|落实|要求|强调|指出|要把|审议通过了?|审议了?|"
                           r"召开|主持|出席|参加|听取了?|研究了?|要)")
LEAD_RE = re.compile(r"^(?:\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}月\d{1,2}日|\d{1,2}日|上午|下午|晚上|晚间|晚|今天|今日|昨天|昨日|"
                     r"【[^】]*】|图为|摄(?!影)|暨|为?期[\d一二三四五六七八九十]+天的|隆重的|盛大的|为|好|了|的|和|及|迅速|认真|深入|全面|确保|保证|推动|筹备|做好|开好|办好)+")
GENERIC_RE = re.compile(r"^[\d一二三四五六七八九十两几多]+次(?:扩大)?会议?$|^(?:一次|一届|这|本次|此次|该次|那次|一个|各类|各种|有关|相关|各级|与会|会议|对(?!口|外|台|接|话)|把|等|同年|一系列|系列|今年)|"
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
EVENT_WORD_RE = re.compile(r"听取|座谈|汇报|研讨|部署|推进|动员|调度|协商|交流|审议")
HEADING_TAIL_RE = re.compile(r"(?:在[^,。;\s]{1,12}?)?(?:隆重|正式|顺利)?(?:召开|举行|举办|开幕)$|(?:时)?(?:强调|指出|要求|表示)$")
FOLLOW_ON_RE = re.compile(r"^\s*(?:随后|会后|当天|当日|同日|紧接着|同一天)")
PAST_RE = re.compile(r"昨天|昨日|前天|日前|此前|近日|上周")
NAME_ENDS = ("会", "学习", "研讨", "交流", "班", "式", "论坛", "大", "活动", "审议", "典礼")
TRIGGERS = {HELD_RE: ("召开", "举行", "举办", "开幕", "帷幕", "开班", "闭幕", "结业"), CONVENED_RE: ("主持", "召开", "举行", "举办", "出席", "参加", "列席"),
            BODY_MEETING_RE: ("召开", "举行", "进行")}
YEAR_RE = re.compile(r"(\d{4})年")


BARE_HEADS = ("会议", "会", "大会", "全会", "论坛", "仪式", "典礼", "活动", "会谈", "会晤")  # a head alone names nothing


def masked(name: str) -> str:
    """The name with its quoted titles blanked (same length): no verb inside “…推进落实情况” cuts it."""
    return re.sub(r"“[^”]*”", lambda q: "“" + "□" * (len(q.group()) - 2) + "”", name)


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
        elif whole or ((m.end() <= 5 or re.search(r"(?:主持|出席|参加|列席|召开)$", name[:m.end()]))
                       and LEVEL_START_RE.sub("", rest) in BARE_HEADS):
            return "", raw  # 出席并主持会议, 准确把握全会: words about the meeting, not its name
    name = re.sub(r"(?<=大会)会议$", "", LEAD_RE.sub("", name).strip())  # 市文明创建大会会议精神: the 大会
    if GENERIC_RE.search(masked(name)) or LEVEL_START_RE.sub("", name) in BARE_HEADS:
        return "", raw  # 一次十分重要的会议, 全国会议: words about a meeting, not its name
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


class MeetingExtractor:
    name = "meetings"

    def __call__(self, doc: Document) -> Findings:
        publish = doc.meta.date
        header = headline_block(doc.text)
        ends: dict[int, str | None] = {}  # a candidate's last day, when it met over several
        held: set[int] = set()  # candidates named as held or convened (not merely referred to)
        cands: list[Candidate] = []
        teaser = (t.start() if (t := TEASER_RE.search(doc.text)) else len(doc.text))
        for sent in doc.sentences:
            if sent.start >= teaser:
                break  # 新闻推荐: the rest is other stories
            st = sent.text
            if not any(w in st for w in NAME_ENDS):
                continue  # no meeting word: none of the patterns can match (they are costly to try)
            for rx in (HELD_RE, CONVENED_RE, BODY_MEETING_RE):
                if any(w in st for w in TRIGGERS[rx]):
                    self._held(sent, rx, publish, cands, ends, held)
            for m in AT_MEETING_RE.finditer(st):
                name, lead = clean_name(m.group("name"))
                if len(name) < 4 and name not in TYPE_ONLY:
                    continue
                start = sent.start + m.start("name") + len(lead)
                date = date_in(st[:m.start("name")], publish)
                held.add(start)
                rule = "at_meeting_back_reference" if m.group("then") else "at_meeting"
                cands.append(Candidate(start, sent.start + m.end("name"), name, date, None, True, None,
                              bool(PAST_RE.search(st[:m.start()])), rule))
            if (m := OPENS_AT_RE.match(st)) and not AT_MEETING_RE.match(st):
                name, lead = clean_name(m.group("name"))
                if len(name) >= 4 or name in TYPE_ONLY:
                    start = sent.start + len(lead)
                    held.add(start)
                    cands.append(Candidate(start, sent.start + m.end("name"), name, None, None, True, None, False,
                                  "at_meeting_back_reference"))
            self._referred(sent, publish, header, cands)
        if not any(c.reported and c.name not in TYPE_ONLY for c in cands):  # none, or only 座谈会上,…
            found = (self._headline(doc, publish) or self._listed(doc, publish, teaser)
                     or self._run_in(doc, publish, teaser) or self._event(doc, publish, teaser))
            if found:  # 座谈会上, in the body is the headline's …座谈会
                full = found[0].name
                cands = [c._replace(name=full) if c.reported and full.endswith(c.name) else c for c in cands] + found
        # a meeting held "yesterday" is the report's own unless the report is about another one
        about_now = any(c.reported and not c.past and c.start < len(header) for c in cands)  # about its headline meeting
        cands = [c._replace(reported=c.reported and not (c.past and about_now)) for c in cands]
        return self._merge(doc, sorted(cands, key=lambda c: c.start), held)

    def _referred(self, sent, publish: str | None, header: str, cands: list[Candidate]) -> None:
        """The meetings one sentence refers to: a speech at one (在X会上的讲话; the report's own in its
        headline), a congress by number, a meeting whose spirit is passed on."""
        st = sent.text
        for m in SPEECH_RE.finditer(st):
            name, lead = clean_name(m.group("name"))
            if len(name) < 4 or st.rfind("《", 0, m.start()) > st.rfind("》", 0, m.start()):
                continue  # 《X在Y会议上的讲话》: the title of a document, not a meeting the report names
            start = sent.start + m.start("name") + len(lead)
            in_title = sent.start < len(header) and m.group() in header  # the headline or 原标题
            date = publish if in_title else self._adjacent_date(st[:m.start("name")] + lead, publish)
            cands.append(Candidate(start, sent.start + m.end("name"), name, date, None, in_title, None, False,
                          "speech_title" if in_title else "speech_at"))
        for m in PARTY_RE.finditer(st):
            if not PARTY_PASSED_RE.match(st, m.end()):
                continue  # 为党的二十大胜利召开营造氛围: named, neither passed on nor attended
            start = sent.start + m.start()
            cands.append(Candidate(start, sent.start + m.end(), m.group(), None, None, False, None, False, "party_congress"))
        for m in SPIRIT_RE.finditer(st):
            name, lead = clean_name(m.group("name"), whole=True)
            if not passed_on(st[:m.start()] + lead, st[m.end():], name):
                continue  # 体现了…会议精神: words about a meeting, not a meeting passed on
            inner = MONTH_DAY_RE.search(name)
            if inner:  # 省委常委会6月17日会议
                name = name[:inner.start()] + name[inner.end():]
            if len(name) < 4:
                continue
            start = sent.start + m.start("name") + len(lead)
            date = date_in(inner.group(), publish) if inner else self._adjacent_date(st[:m.start("name")] + lead, publish)
            cands.append(Candidate(start, sent.start + m.end("name"), name, date, None, False, None, False, "spirit_passed_on"))

    def _held(self, sent, rx, publish, cands, ends, held) -> None:
        """The meetings one sentence names as held or convened (HELD_RE, CONVENED_RE, BODY_MEETING_RE)."""
        st = sent.text
        for m in rx.finditer(st):
            name, lead = clean_name(m.group("name"))
            if len(name) < 4 and name not in TYPE_ONLY:
                continue
            verb = m.groupdict().get("verb")
            if name.endswith("活动") and rx is CONVENED_RE and verb not in HELD_VERBS:
                continue  # 参加植树活动: an activity, not a meeting
            if rx is CONVENED_RE and NEGATED_RE.search(st[:m.start()]):
                continue  # 不得举办…活动: a rule about meetings, not one held
            if st.rfind("《", 0, m.start()) > st.rfind("》", 0, m.start()):
                continue  # 《关于召开X会议的通知》: inside a document's title
            listed = st[m.start() - 1:m.start()] == "、" and st[m.end():m.end() + 1] in ("、", "等")
            if PLANNED_RE.search(st[:m.start()]) or (verb in HELD_VERBS and listed) or (
                    name in TYPE_ONLY and verb in HELD_VERBS and (HABIT_RE.search(st[:m.start()]) or st[m.end():m.end() + 1] == "、")):
                continue  # 决定…召开: still to come; 建立台账、召开X大会、推进…: a measure, not a meeting
            if name.endswith("审议") and not (rx is CONVENED_RE and verb in ("参加", "出席", "列席")):
                continue  # 会议审议了: the meeting's business; 参加代表团审议: a session
            if rx is HELD_RE and CONVENED_RE.match(st, m.end() - 2) and st[m.end() - 2:m.end()] in ("召开", "举行", "举办"):
                continue  # 县人大常委会召开第四十二次主任会议: the subject convened the meeting named next
            if rx is HELD_RE and m.group("body_held"):
                continue  # 市委常委会召开会议: the body held it (BODY_MEETING_RE names it)
            if rx is BODY_MEETING_RE:
                name += m.group("kind")
            if rx is HELD_RE and m.group("sub"):
                name += m.group("sub")  # 第四次会议举行预备会议: the preparatory meeting of that session
            start = sent.start + m.start("name") + len(lead)
            before = st[:m.start("name")] + lead
            convener, name = with_convener(st, m, name) if rx is CONVENED_RE else (None, name)
            when = m.groupdict().get("when") or m.groupdict().get("day")
            date = date_in(when, publish) if when else date_in(before, publish)
            ends[start] = range_end(when or before, publish)
            if date is None and (f := FOLLOW_ON_RE.match(st)):
                prev = next((c for c in reversed(cands) if c.reported and c.date), None)
                # 会后 after a meeting of several days: its last day
                date = prev and ((f.group().strip() == "会后" and ends.get(prev.start)) or prev.date)
            date = self._year_from_name(name, date)
            venue = m.groupdict().get("place")
            if venue is None and (v := re.search(r"在([^\s,。;:!?、]{1,8}?)(?:召开|举行|举办)", st[max(0, m.start() - 12):m.end()])):
                venue = v.group(1)
            if venue and re.match(r"随后|会后|此前|当天|同日|此后|今天|昨天", venue):
                venue = None  # 在随后召开的: a time, not a place
            past = bool(PAST_RE.search(before))
            rule = self._rule(rx, m, convener)
            if self._passed_on(st, m):
                cands.append(Candidate(start, sent.start + m.end("name"), name, date, venue, False, convener, past, "spirit_passed_on"))
                continue  # 传达了总理参加我省代表团审议时的讲话精神: a meeting passed on, not held here
            held.add(start)
            cands.append(Candidate(start, sent.start + m.end("name"), name, date, venue, True, convener, past, rule))

    @staticmethod
    def _passed_on(st: str, m: re.Match) -> bool:
        """A meeting named inside a clause that passes on its spirit (传达…在X会上的讲话精神)."""
        before = re.split(r"[,。;:!?]", st[:m.start()])[-1]
        after = re.split(r"[,。;:!?]", st[m.end():])[0]
        return bool(re.search(r"传达|学习贯彻", before) and re.search(r"精神", after))

    @staticmethod
    def _rule(rx, m, convener) -> str:
        if rx is HELD_RE:
            return "held_in_place" if m.group("place") else "held"
        if rx is BODY_MEETING_RE:
            return "body_held_meeting"
        if convener:
            return "convened_by"
        return {"主持": "chaired_meeting", "出席": "attended_meeting", "参加": "attended_meeting",
                "列席": "attended_meeting"}.get(m.group("verb"), "convened")

    @staticmethod
    def _listed(doc: Document, publish: str | None, teaser: int) -> list[Candidate]:
        """The last resort: 召开驻寺各单位负责人、全体干部座谈会,会议由X主持 — a name that lists its
        participants (with 、), when the text also places someone at a meeting (会议由…主持, 出席会议)."""
        if not ROLE_AT_MEETING_RE.search(doc.text[:teaser]):
            return []
        for m in LISTED_RE.finditer(doc.text[:teaser]):
            name, lead = clean_name(m.group("name"))
            if len(name) >= 4 or name in TYPE_ONLY:
                start = m.start("name") + len(lead)
                return [Candidate(start, m.end("name"), name, date_in(doc.text[max(0, start - 40):start], publish), None,
                         True, None, False, "convened_listed")]
        return []

    @staticmethod
    def _run_in(doc: Document, publish: str | None, teaser: int) -> list[Candidate]:
        """The last resort but one: 召开X座谈会罗某校长指出, a caption run into the text (RUN_IN_RE)."""
        for m in RUN_IN_RE.finditer(doc.text[:teaser]):
            name, lead = clean_name(m.group("name"))
            if len(name) >= 4 or name in TYPE_ONLY:
                start = m.start("name") + len(lead)
                return [Candidate(start, m.end("name"), name, date_in(doc.text[max(0, start - 40):start], publish), None,
                         True, None, False, "convened_run_in")]
        return []

    def _headline(self, doc: Document, publish: str | None) -> list[Candidate]:
        """The meeting the headline names, when the body names none as held (标题: X召开Y座谈会, X在Y上
        强调, X参加Y代表团审议, X对Y会议作出批示; the body says only 会议由…主持). Its mention stands on
        the body's first meeting word."""
        title = doc.meta.title or ""
        if not title or title in doc.text[:len(title) + 40]:
            return []  # a headline inside the text was read with the text
        for rx in (HELD_RE, CONVENED_RE, SPEECH_RE, INSTRUCTED_RE):
            for m in rx.finditer(title):
                name, _ = clean_name(m.group("name"))
                verb = m.groupdict().get("verb")
                if len(name) < 4 or (name.endswith("审议") and verb not in ("参加", "出席", "列席")) or \
                        (name.endswith("活动") and rx is CONVENED_RE and verb not in HELD_VERBS):
                    continue
                if rx is CONVENED_RE:
                    _, name = with_convener(title, m, name)
                back = re.search(r"会议|" + re.escape(name[-2:]), doc.text)
                s, e = back.span() if back else (0, 0)
                return [Candidate(s, e, name, date_in(doc.text[:s], publish) if back else None, None, True, None, False, "headline")]
        return []

    @staticmethod
    def _event(doc: Document, publish: str | None, teaser: int) -> list[Candidate]:
        """Last resort: the text speaks of "the meeting" (参加会议, 会上,) and places people at it but
        names none; its headline names the event (督查组听取…工作汇报, X座谈交流): the meeting is that."""
        body = doc.text[:teaser]
        back = MEETING_CUE_RE.search(body)
        heading = doc.meta.title or headline_block(doc.text).split("\n", 1)[0]
        heading = re.split(r"\s", heading.strip(), maxsplit=1)[0] if heading else ""
        heading = HEADING_TAIL_RE.sub("", heading)  # …座谈会在拉萨举行, …座谈会时强调: the event, not the sentence
        if not back or not (6 <= len(heading) <= 60) or not EVENT_WORD_RE.search(heading):
            return []
        return [Candidate(back.start(), back.end(), heading, date_in(body[:back.start()], publish), None, True, None, False,
                 "headline_event")]

    @staticmethod
    def _year_from_name(name: str, date: str | None) -> str | None:
        """`2024年第一次会议` on `--03-14` is 2024-03-14."""
        if date and date.startswith("--") and (y := YEAR_RE.search(name)):
            return f"{y.group(1)}{date[1:]}"
        return date

    @staticmethod
    def _adjacent_date(before: str, publish: str | None) -> str | None:
        m = re.search(rf"(?:{FULL_DATE_RE.pattern}|{MONTH_DAY_RE.pattern}|{RELATIVE_RE.pattern})"
                      rf"(?:(?:上午|下午|晚上)?主持召开的|召开的|举行的)?$", before)
        return date_in(m.group(), publish) if m else None

    def _merge(self, doc: Document, cands: list[Candidate], held: set[int] = frozenset()) -> Findings:
        found = Findings()
        header_len = len(headline_block(doc.text))
        publish_year = bool(re.match(r"\d{4}", doc.meta.date or ""))  # else the year the text speaks of
        meetings: list[dict] = []
        for start, end, name, date, venue, reported, convener, _, rule in cands:
            prior = sorted((mt for mt in reversed(meetings) if mt["name"] != name and mt["reported"]),
                           key=lambda mt: (not mt["name"].endswith(name), mt["date"] is None))  # stable: latest first
            if (len(meeting_core(name)) <= 2 or not meeting_level(name)) and (mt := next(
                    (mt for mt in prior if bare(name) and bare(name) in bare(mt["name"])), None)):
                mt["spans"].append((start, end, rule))  # 主持预备会议: the preparatory meeting just named
                if bare(name) == bare(mt["name"]) and len(name) > len(mt["name"]) and not ordinals_clash(name, mt["name"]):
                    mt["name"], mt["date"] = name, mt["date"] or date  # 省政府常务会议 (headline), 省政府第113次常务会议
                continue
            for mt in meetings:
                if reported != mt["reported"] and canonical_meeting_name(name) != canonical_meeting_name(mt["name"]) \
                        and not (reported and not mt["reported"] and mt["in_header"]):
                    continue  # 传达学习X会议精神 inside the report of meeting Y: X is another meeting
                if same_meeting(name, mt["name"]) and (not date or not mt["date"] or date == mt["date"]):
                    mt["date"] = mt["date"] or date
                    mt["reported"] = mt["reported"] or reported
                    mt["venue"] = mt["venue"] or venue
                    mt["convener"] = mt["convener"] or convener
                    mt["spans"].append((start, end, rule))
                    if len(name) > len(mt["name"]):  # the fullest wording names the meeting
                        mt["name"] = name
                    break
            else:
                meetings.append({"key": f"M{len(meetings) + 1}", "name": name, "date": date, "venue": venue,
                                 "reported": reported, "convener": convener, "spans": [(start, end, rule)],
                                 "in_header": start < header_len})
        for mt in meetings:
            mt["name"] = absolute_name(mt["name"], doc.meta.jurisdiction)
            place = place_name(mt["venue"]) if mt["venue"] else None
            national = re.match(r"全国|中央|国务院|中共中央", mt["name"])
            jurisdiction = "全国" if national else doc.meta.jurisdiction
            date = mt["date"] if publish_year else with_text_year(mt["date"], doc.text)
            props = dict(key=mt["key"], date=date, place=place, reported=mt["reported"],
                         jurisdiction=jurisdiction, kind=meeting_kind(mt["name"]), venue=mt["venue"],
                         convener=mt["convener"])
            for s, e, rule in mt["spans"]:
                found.mentions.append(make_mention(doc, Label.MEETING, s, e, text=mt["name"], held=s in held,
                                                   rule=rule, **props))
            s, e, _ = mt["spans"][0]
            if place:
                found.mentions.append(make_mention(doc, Label.PLACE, s, e, text=place, kind="city", rule="meeting_venue"))
                found.facts.append(Fact(type=RelType.HELD_IN, source=(Label.MEETING, mt["key"]),
                                        target=(Label.PLACE, place), start=s, end=e, props={"rule": "meeting_venue"}))
        # (REPORTED_IN is decided once the roles are read: see reported.py)
        return found
