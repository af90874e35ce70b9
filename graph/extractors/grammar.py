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

from ..text.normalize import CJK

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
GROUP_NOUN = r"(?:负责同志|负责人|领导同志|领导人|领导干部|领导|同志|代表|干部|委员|常委|成员|组成人员|工作人员|人员)"
# A count after 等: 等5人, 等二十余位 (NUMBER alone: 等16位…委员).
NUMBER = r"(?:\d+|[一二三四五六七八九十两百]+)"
COUNT = rf"{NUMBER}?余?(?:人|位|名)?"

# What closes a list after its last name: 等 with a count or a collective (等5人, 等县领导,
# 等有关部门负责同志), or 及/以及/和 + a collective (及县人大常委会其他组成人员).
# 等 with a count and a group: 等, 等3人, 等县领导, 等县委常委会组成人员.
ETC_GROUP = rf"等{COUNT}(?:[^,。;]{{0,14}}?{GROUP_NOUN})?"
# A group joined by 及/以及/和: 及其他县领导, 以及区委、区政府领导, 及县人大常委会其他组成人员.
AND_GROUP = rf"(?:及|以及|和)(?:其他|有关|相关)?[^,。;]{{0,12}}?{GROUP_NOUN}"  # (wider, it takes in a verb: 以及…负责人到会听取委员)
GROUP_TAIL = rf"(?:{ETC_GROUP}|{AND_GROUP})"

# 等 with a count or a collective closes a list: what follows is the sentence, whatever it says
# (焦某、杨某、谷某等同志是…的榜样; 王某、李某等16位委员作大会发言).
LIST_CLOSE = rf"等{NUMBER}?余?(?:(?:人|位|名)|[^,。;]{{0,12}}?{GROUP_NOUN})"

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
# The gap a role rule allows between its subject (the last person of a list) and the verb: each piece
# is optional and they stand in this order (roles.py composes them into GAP_RE). The gap never
# crosses 。 or ;, and most pieces not a comma either.

# A form of address after the name: 张明同志出席, 李强总理讲话.
# (ADDRESS_POSTS: the posts a report puts after a name, 迪丽娜尔·阿布拉委员发言)
ADDRESS_POSTS = ("同志", "总书记", "副总理", "总理", "省长", "市长", "县长", "区长", "副主席", "主席", "副主任", "主任",
                 "常委", "委员", "副会长", "会长", "法师", "大师", "活佛", "道长", "阿訇", "主教", "牧师")
ADDRESS_POST = rf"(?:{'|'.join(ADDRESS_POSTS)})"
GAP_ADDRESS = rf"{ADDRESS_POST}?"
# A parenthesis after the name: 乌兰(女,蒙古族)出席.
GAP_PAREN = r"(?:\([^()。;]{0,12}\))?"
# The day, when it stands between name and verb: 张明3月5日下午出席, 吴某14日主持召开.
GAP_WHEN = (r"(?:(?:(?:\d{1,2}月)?\d{1,2}[日号]|今天|今日|昨天|昨日|前天|当天|当日|日前|近日)"  # 14日, 3月5日下午, 13号下午,
            r"(?:上午|下午|晚上|晚|全天)?)?")  # 今天 (spoken news: 李某今天主持召开国务院常务会议)
# (GROUP_NOUN and COUNT: see the lists section.)
# 等 closing a list (ETC_GROUP, see the lists section): 李华等3人, 李华等大会主席团常务委员会成员.
GAP_ETC = rf"(?:{ETC_GROUP}(?:同志)?)?"
# A group joined to the list (AND_GROUP): 李华及其他县领导, 李华,以及区委、区政府领导等.
GAP_AND_GROUP = rf"(?:,?{AND_GROUP}(?:[等共]{COUNT})?)?"  # 及委员共19人 (出席会议)
# Further groups after commas (each may list bodies with 、), the last perhaps joined by 以及: 李华,
# 省委常委,市人大、市政府党员领导同志,其他在职市级领导同志出席; …主要负责人以及各村党组织书记参加.
# Each of a group by its post, after 各: 各村(社区)党组织书记, 各乡镇党委书记.
EACH_POST = r"各[^,。;、]{0,14}?(?:书记|主任|局长|站长|所长|校长|院长|行长|经理)"
GAP_GROUP_TAIL = (rf"(?:(?:[,、](?:其他|有关|相关)?(?:[^,。;、]{{1,12}}、){{0,5}}[^,。;、]{{0,30}}?(?:{GROUP_NOUN}|主任))+"
                  rf"(?:等{COUNT})?(?:,?(?:以及|及|和)(?:{EACH_POST}|[^,。;]{{0,12}}?{GROUP_NOUN}))?)?")
# On another's behalf: 受省长委托, 受市委书记黎某委托 (the one delegating gets no role).
DELEGATED = r"受[^,。;]{0,20}?委托"
# How one came: 应邀, by video link, on another's behalf.
GAP_MANNER = rf"(?:应邀)?(?:以视频方式|通过视频(?:连线)?(?:方式)?|视频)?(?:{DELEGATED})?"  # 王某视频发言
# Leading a delegation, travelling there, touring: 率代表团赴成都 (出席), 带领调研组来到 (参加),
# 在湖南调研并 (主持召开), 一行 (出席).
GAP_TRAVEL = (r"(?:一行)?(?:(?:率|带领)[^,。;]{1,20}?)?(?:(?:赴|前往|来到)[^,。;]{1,12}?)?"
              r"(?:在[^,。;并]{1,10}?(?:调研|考察|视察|检查)(?:工作)?(?:期间|时)?,?并)?")
# An earlier verb joined by 并: 主持会议并讲话, 为获奖者颁奖并讲话, 到现场调研并讲话.
# …or the attendance closes its clause and the next one speaks: 出席会议,对下一步工作提出三点意见.
GAP_FIRST_VERB = (r"(?:(?:主持|出席|参加|到会)[^,。;]{0,40}?,?并|(?:主持|出席|参加|到会)了?(?:会议|座谈会|大会|活动)?,|"
                  r"(?:为|向|给)[^,。;]{0,30}?并|"
                  r"(?:到|赴)[^。;]{0,60}?,?并|,?并)?")
# Touring before the verb: 还现场调研了新建的医院,并 (参加座谈会), 考察了园区后,并.
GAP_TOUR = r"(?:还|先后)?(?:(?:现场|陪同)?(?:调研|考察|视察|察看|检查)了?[^。;]{0,80}?,?并)?"  # 陪同调研并 (参加座谈)
# The ones addressed, right before the verb: 向大会 (作报告), 向与会人员 (宣讲), 为学员 (作辅导报告).
GAP_ADDRESSEE = r"(?:(?:向|为|给)[^,。;并的对]{1,12}$)?"
# Where: 在会上, 在分会场, 在讲话中, 在总结时; any short 在X only right before the verb: 在主席台前排
# (就座), 在福州 (出席), not 在考上大学以后就…说 nor 在总统府发表电视 (讲话).
GAP_WHERE = (r"(?:在[^,。;]{0,50}?上|在[^,。;]{0,20}?(?:主会场|分会场|中|时)|在讲话中|在发言中|"
             r"在[^,。;并作做发进]{1,10}$)?")
# Attendance then another verb: 出席会议并讲话 after 在…上: 在开幕式上出席并致辞.
GAP_ATTEND_AND = r"(?:(?:出席|参加|列席)[^,。;]{0,20}?,?并)?"
# On behalf of a body: 代表县委, 代表市政府所.
GAP_ON_BEHALF = r"(?:代表[^,。;]{0,20}?所?)?"
# An adverb before where: 也在会上 (讲话), 还在大会上 (发言), 等分别在会上 (发言).
GAP_ALSO = r"(?:也|还|又|亦|均|都|分别|先后|相继|依次)?"
# Adverbs of order and manner, perhaps after a comma closing a list: 随后, 分别, 先后, 一同, 依次 (…等23名代表,先后作了发言).
GAP_ADVERB = r"(?:,?(?:随后|最后|先后|还|也|又|并|分别|一起|一同|共同|同时|一一|首先|逐一|依次|相继|轮流))?"
# The topic: 就安全生产, 对下步工作, 围绕主题, 结合实际; 以“…”为主题,从…等方面 (作解读).
GAP_TOPIC = (r"(?:以[^。;]{1,40}?为(?:主题|题|切入点),?)?(?:从[^。;]{1,60}?(?:方面|角度|维度),?)?"
             r"(?:就[^。;]{0,90}?|对[^。;]{0,70}?|围绕[^。;]{0,60}?|结合[^。;]{0,40}?)?")
# The verb of delivering and the kind of speech: 作了重要, 进行了具体, 发表.
GAP_DELIVER = r"(?:作|做|进行|发表)?了?(?:重要|具体|总结|动员|专题|书面|简要|工作|全面|交流|深入)?"

# A list joiner between two persons of one subject: 、 , 和 及 与 以及, and the next person's title
# when the person extractor did not mark it (王明,驻地部队领导李强出席).
SUBJECT_JOIN = r"(?:\s*(?:、|,|和|及|与|以及|,以及|,和)\s*|\s+)"  # (or spaces alone: 区领导 范某 游某 出席会议)
# A closing title of such a joiner: a short stretch (no verb, no punctuation) ending in a title word.
JOIN_TITLE_END = r"(?:领导|书记|主任|主席|院长|部长|局长|厅长|省长|市长|县长|区长|镇长|乡长|委员|常委|秘书长|政委|司令员|巡视员|组长|会长|校长)"

# ---- meeting heads and names ---------------------------------------------------------------------

# A meeting's head word: what its name ends in. Open: any word ending in 会 that is not the word
# for a body, a society or a thing (社会, 协会, 委员会, 机会, 体会, 都会), besides the other heads of
# the genre. 驻村干部对接会, 招商引资项目推进暨签约会, 集中学习(扩大)会, 领导人会晤, 开班典礼.
NOT_MEETING_HUI = "社机协学工体领都不将能总分教只才也就还又一"  # 商: below (协商会 is a meeting, 商会 a body)
# 委员会, 管委会, 居委会, 组委会 are bodies; 动员会, 常委会, 全委会 meetings
NOT_MEETING_HUI2 = ("委员", "理事", "董事", "监事", "基金", "管委", "居委", "村委", "组委", "筹委", "家委", "业委")
# (会 first, then what may not stand before it: the lookbehinds run only where a 会 is)
MEETING_HEAD = (r"(?:会议|全会|常委会|(?:\(扩大\))会|会(?<![" + NOT_MEETING_HUI + "]会)"
                + "".join(f"(?<!{w}会)" for w in NOT_MEETING_HUI2) + r"(?<![^协磋]商会)"
                r"|会晤|会谈|论坛|仪式|典礼|开班式|结业式|开幕式|闭幕式|研讨班|读书班|集体学习|专题学习|学习研讨|专题研讨(?:交流)?|研讨交流)")
# A quoted theme or a book title inside a meeting's name: 召开“学习新思想·建小康拉萨”专题学习会,
# 学习宣传新修订《宗教事务条例》视频会议. A theme may be long; it never holds , or 。.
QUOTED_PART = r"“[^“”,。]{1,40}”"
BOOK_TITLE = r"《[^《》,。]{1,40}》"
# Heads only the verbs of holding (召开, 举行, 举办) make a meeting of: 举办…庆祝活动 is one,
# 参加植树活动 is not; 参加代表团审议 is one (a delegation's session), 会议审议了 is not.
HELD_ONLY_HEAD = r"(?:活动|审议)"
# The verbs that hold a meeting, with the adverbs that go with them: 隆重举行, 成功举办.
HOLD_VERB = r"(?:隆重|正式|顺利|成功|盛大)?(?:召开|举行|举办|开幕|拉开帷幕|开班|闭幕|结业)"  # a study class (研讨班) opens (开班) or ends (结业)
# A day or a span of days standing between a meeting's name and its verb (双周协商座谈会28日在京召开,
# 那达慕大会1日至3日在该县举行).
# A day between a name and its verb: 28日, 3月2日至3日, 昨日; a broadcast's 今天(12月5日).
DAY_SPAN = (r"(?:(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}[日号](?:(?:至|到|-)(?:\d{1,2}月)?\d{1,2}[日号])?|昨天|昨日|今天|今日|前天|近日|日前)"
            r"(?:\(\d{1,2}月\d{1,2}日\))?(?:上午|下午|晚上|晚间|晚|全天|凌晨|中午|傍晚)?")  # spoken news says 22号
# Verbs before a meeting word that make it the object of a phrase, not a meeting's name:
# 宣布大会开幕, 祝贺大会召开, 体现了…会议精神 (the meeting is not named as held by these words).
PHRASE_VERB_RE = re.compile(r".*(?:宣布|祝贺|预祝|庆贺|体现了?|标志着|迎来|开好|办好|确保)(?!会)")
# What passes a referenced meeting on: 传达学习…会议精神, 贯彻落实…部署.
PASS_ON_RE = re.compile(r"传达|学习|贯彻|落实|领会|领悟|宣讲|研究|对照|按照|根据")
# The slogan of implementing a meeting's spirit, an adverb before 贯彻/落实: 深入学习贯彻党的二十大精神,
# 全面贯彻落实省委全会精神. It names a meeting without passing anything of it on (a purpose or a
# requirement, said of every meeting), unlike 传达学习…精神 or a theme 学习贯彻…精神.
# Grasping it is the same slogan: 深刻领会和全面把握全国两会精神.
IMPLEMENT_SLOGAN_RE = re.compile(r"(?:深入|全面|认真|坚决|切实|进一步|持续|扎实|深刻)地?(?:学习宣传|学习|宣传)?"
                                 r"(?:贯彻落实|贯彻|落实|领会|把握)好?")
# A person right after a verb that passes words on is its object, not a subject: 学习贯彻习某总书记对…
# 作出的重要指示精神,研究部署 (习某 did not 部署 here); 重温王某在…的讲话; 向与会人员传达了王某的….
PASSED_ON_PERSON_RE = re.compile(r"(?:传达|学习|贯彻|落实|领会|领悟|重温|按照|根据|遵照|践行|对照)(?:了|好)?$")
# …unless the verb is the head of a noun the title goes on with: 党史学习教育指导组成员张某 (到会指导).
VERB_IN_NOUN_RE = re.compile(r"教育|活动|小组|领导小组|办公室|中心|班|体会|心得|材料|笔记|强国|园地|平台|[组会型]")

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
