"""A corpus of distinct, report-shaped texts of any size, for the benchmark (never for accuracy).

Each report is drawn over the shapes of the seed reports: a Simplified news page (people.cn-like,
with teasers after the article), a provincial portal page (navigation and licence footers), a
Traditional page, a Traditional page with inline pinyin glosses, and the text of a PDF speech
(hard line breaks, digits spaced out, a document-library banner). Names, dates, places (from the
gazetteer's data), bodies, meeting names, titles and the policy talk vary from report to report;
officials recur within their province and about one meeting in four is reported twice, so the
cross-report merging has real work to do. The same `seed` gives the same corpus.
"""
from __future__ import annotations

import csv
import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from huiyi.graph.text.gazetteer import PLACES_TSV

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
            "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = ("国建明华志伟军平海东文成永林春振荣新晓红德玉金光立富学义祥庆兴宏斌俊勇峰辉强刚鹏杰涛超磊敏静丽芳燕霞"
         "瑞鸿洪良锦忠毅凯彬亮浩然秀英桂兰凤琴慧颖洁雪梅海涛家宝松柏树森卫民保安长江汉生启胜利治中正")
TOPICS = ["疫情防控", "安全生产", "防汛抗旱", "优化营商环境", "乡村振兴", "生态环境保护", "森林草原防火",
          "经济运行调度", "民营经济发展", "招商引资", "巩固拓展脱贫攻坚成果", "信访", "河湖长制", "稳就业",
          "耕地保护", "城市更新", "数字政府建设", "食品药品安全", "金融风险防范", "重大项目建设"]
OUTLET_SUFFIX = ["日报", "新闻网", "电视台", "广播电视台"]
PROVINCE_MEETINGS = ["全省{t}工作电视电话会议", "全省{t}工作会议", "省委省政府{t}工作领导小组第{n}次会议",
                     "全省{t}工作推进会", "全省{t}工作视频调度会", "省政府第{n}次常务会议"]
CITY_MEETINGS = ["{c}市{t}工作会议", "{c}市{t}工作领导小组会议", "{c}市委常委会会议", "{c}市{t}工作推进会"]
SLOGANS = ["坚决扛起政治责任 全力推动各项工作落地见效", "统筹发展和安全 奋力推动高质量发展",
           "压紧压实责任 确保各项任务圆满完成", "坚定信心 真抓实干 奋力开创新局面",
           "以钉钉子精神抓好落实 确保取得实效", "守住底线 稳中求进 推动经济社会持续健康发展"]
CHROME_FOOTER = ["责任编辑:{e}", "订阅《{p}手机报》,发送SJB到10658000(5元/月)", "关注{p}网微信",
                 "新闻爆料热线:0871-64160447 投稿邮箱:news@example.cn",
                 "{p}网简介 |  服务合作 |  广告报价 |  联系方式 |  网站声明",
                 "ICP备08000875号 互联网新闻信息服务许可证编号:53120170002",
                 "未经{p}网书面特别授权,请勿转载或建立镜像,违者依法必究"]
PDF_BANNER = "文库 实用文档 经验交流发言"
PSEUDO_PINYIN = ("sheng wei shu ji fang kong gong zuo ling dao xiao zu zhang hui yi qiang diao yao jian"
                 " chi luo shi quan mian tui jin fa zhan an quan zhi li ji zhong xin guo jia").split()
SEED_NAMES = re.compile("习近平|任军号|何树山|信长星|刘国中|刘慧晏|刘智|刘永禄|刘申寿|周建忠|周灿|周红斌|和良辉|夏俊松|"
                        "姜再冬|宗国英|左余东|左超|张国华|张斌|徐前|朱红霞|李国英|李建阳|李玛琳|李锦斌|杨杰|杨正晓|"
                        "杨猛|杨皕|王冰|王喜良|王显刚|程连元|胡宝国|董华|虞爱华|贾献培|赵学农|赵晓东|赵金|邓向阳|"
                        "郭希林|金幼和|钱秀英|钱霓|阮成发|陈晓波|陈舜|陈豪|陶明伦")
HANDWRITTEN = [
    "要坚持以人民为中心的发展思想,把{t}各项工作抓实抓细抓落地。",
    "各级各部门要提高政治站位,切实增强做好{t}工作的责任感和紧迫感。",
    "要坚持问题导向,深入排查风险隐患,建立问题清单、责任清单和整改清单。",
    "要强化统筹调度,加强部门协作,形成上下联动、齐抓共管的工作格局。",
    "要加强督促检查,对工作不力、推诿扯皮的严肃追责问责。",
    "要坚持底线思维,做好应对各种复杂局面的准备,牢牢守住不发生重大风险的底线。",
    "要加强宣传引导,及时回应社会关切,营造全社会共同参与{t}的良好氛围。",
    "要聚焦重点领域和关键环节,集中力量攻坚克难,推动{t}工作取得新成效。",
    "各地要结合实际,制定务实管用的工作方案,明确时间表和路线图。",
    "要加强基层基础建设,充实基层力量,提升基层治理能力和水平。",
    "要把{t}工作纳入重要议事日程,主要负责同志要亲自抓、负总责。",
    "要坚持依法依规,规范工作程序,确保各项措施合法合规、公开透明。",
    "要强化要素保障,在资金、土地、用工等方面给予有力支持。",
    "要完善长效机制,推动{t}工作常态化、制度化、规范化。",
    "今年以来,全省{t}工作总体平稳,取得了阶段性成效,但也要清醒看到存在的困难和问题。",
]


@dataclass
class Official:
    name: str
    titles: str  # as written before the name, e.g. 省委常委、常务副省长


@dataclass
class Province:
    short: str
    cities: list[str]
    secretary: Official
    governor: Official
    executive: Official
    others: list[Official] = field(default_factory=list)
    city_cast: dict[str, list[Official]] = field(default_factory=dict)


@lru_cache(maxsize=1)
def places() -> dict[str, list[str]]:
    """Province short name -> the short names of its current prefecture-level cities."""
    out: dict[str, list[str]] = {}
    with PLACES_TSV.open(encoding="utf-8") as f:
        rows = csv.reader((ln for ln in f if not ln.startswith("#")), delimiter="\t")
        header = next(rows)
        col = {c: i for i, c in enumerate(header)}
        rows = list(rows)
    last = max(int(r[col["last_year"]] or 0) for r in rows)
    for r in rows:
        if r[col["kind"]] == "province" and r[col["province"]] not in ("香港", "澳门", "台湾"):
            out.setdefault(r[col["province"]], [])
    for r in rows:
        if r[col["kind"]] == "city" and r[col["province"]] in out and int(r[col["last_year"]] or 0) == last \
                and len(r[col["short"]]) >= 2:
            out[r[col["province"]]].append(r[col["short"]])
    return {p: c for p, c in out.items() if c}


@lru_cache(maxsize=1)
def filler() -> list[str]:
    """Policy talk: sentences of the Simplified seeds that name nobody and no date, plus our own."""
    sentences = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if "書" in text or "發" in text:  # the Traditional seeds
            continue
        for s in re.findall(r"[^。\n]{16,110}。", text):
            s = s.strip()
            if not (SEED_NAMES.search(s) or re.search(r"\d|会|记者|摄|责编|来源", s)):
                sentences.append(s)
    return sorted(set(sentences)) + HANDWRITTEN


class World:
    """The officials of every province, drawn once; reports are then drawn from them."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()
        self.provinces = [self._province(p, cities) for p, cities in sorted(places().items())]
        self.reporters = [self.person() for _ in range(300)]
        self.meetings: list[tuple] = []  # recent (province, city, name, day, chair) to report again

    def person(self) -> str:
        while True:
            name = self.rng.choice(SURNAMES) + "".join(self.rng.choices(GIVEN, k=self.rng.choice((1, 2, 2))))
            if name not in self.used:
                self.used.add(name)
                return name

    def _province(self, short: str, cities: list[str]) -> Province:
        if short in ("内蒙古", "广西", "西藏", "宁夏", "新疆"):
            head, gov = "自治区党委", "自治区主席"
        elif short in ("北京", "天津", "上海", "重庆"):
            head, gov = "市委", "市长"
        else:
            head, gov = "省委", "省长"
        p = Province(short, cities, Official(self.person(), f"{short}{head}书记"),
                     Official(self.person(), f"{head}副书记、{gov}"),
                     Official(self.person(), f"{head}常委、常务副{gov.removeprefix('自治区')}"))
        for _ in range(14):
            p.others.append(Official(self.person(), self.rng.choice([f"{head}常委", f"副{gov.removeprefix('自治区')}",
                                                                     f"{head}常委、秘书长"])))
        for city in cities[:8]:
            p.city_cast[city] = [Official(self.person(), f"{head}常委、市委书记"),
                                 Official(self.person(), "市委副书记、市长")] + \
                                [Official(self.person(), self.rng.choice(["副市长", "市委常委", "市委常委、秘书长"]))
                                 for _ in range(6)]
        return p


def _day(rng: random.Random) -> date:
    return date(2016, 1, 1) + timedelta(days=rng.randrange(9 * 365))


def _sentences(rng: random.Random, topic: str, k: int) -> str:
    return "".join(s.replace("{t}", topic) for s in rng.sample(filler(), k))


def _paragraphs(rng: random.Random, topic: str, n: int, leads: list[str]) -> list[str]:
    return [rng.choice(leads) + _sentences(rng, topic, rng.randint(3, 6)) for _ in range(n)]


def article(world: World, rng: random.Random) -> dict:
    """One report's content, before it takes a shape."""
    prov = rng.choice(world.provinces)
    if world.meetings and rng.random() < 0.25:  # the same meeting in a second outlet
        meeting = rng.choice(world.meetings)
        prov = next(p for p in world.provinces if p.short == meeting[0])
        _, city, name, day, chair, topic = meeting
    else:
        topic = rng.choice(TOPICS)
        day = _day(rng)
        if rng.random() < 0.3 and prov.city_cast:
            city = rng.choice(sorted(prov.city_cast))
            name = rng.choice(CITY_MEETINGS).format(c=city, t=topic)
            chair = prov.city_cast[city][0]
        else:
            city = rng.choice(prov.cities[:8])
            name = rng.choice(PROVINCE_MEETINGS).format(t=topic, n=rng.randint(2, 60))
            chair = rng.choice([prov.secretary, prov.governor, prov.executive])
        world.meetings.append((prov.short, city, name, day, chair, topic))
        world.meetings = world.meetings[-200:]
    cast = prov.city_cast.get(city) if name.startswith(city) else None
    pool = cast[1:] if cast else [prov.secretary, prov.governor, prov.executive, *prov.others]
    speaker = rng.choice([o for o in pool if o is not chair])
    attendees = rng.sample([o for o in pool if o not in (chair, speaker)], k=min(len(pool) - 2, rng.randint(4, 10)))
    published = day + timedelta(days=rng.choice((0, 1, 1, 2)))
    return {"prov": prov.short, "city": city, "name": name, "day": day, "published": published, "topic": topic,
            "chair": chair, "speaker": speaker, "attendees": attendees,
            "reporters": rng.sample(world.reporters, 3), "editors": rng.sample(world.reporters, 2),
            "outlet": rng.choice([prov.short, city]) + rng.choice(OUTLET_SUFFIX), "slogan": rng.choice(SLOGANS)}


def _body(a: dict, rng: random.Random) -> list[str]:
    c, s, t = a["chair"], a["speaker"], a["topic"]
    when = f"{a['day'].month}月{a['day'].day}日" + rng.choice(["", "上午", "下午"])
    names = "、".join(o.name for o in a["attendees"])
    paras = [f"{when},{a['name']}在{a['city']}召开。{c.titles}{c.name}出席会议并讲话。" + _sentences(rng, t, 2),
             f"{s.titles}{s.name}主持会议并讲话。"]
    paras += _paragraphs(rng, t, rng.randint(2, 4), ["会议指出,", "会议强调,", "会议要求,"])
    paras += _paragraphs(rng, t, rng.randint(1, 3), [f"{c.name}强调,", f"{c.name}指出,", f"{c.name}要求,"])
    paras += _paragraphs(rng, t, rng.randint(1, 2), [f"{s.name}指出,", f"{s.name}要求,"])
    paras.append(f"{names}出席会议。")
    return paras


def _news_page(a: dict, rng: random.Random) -> str:
    r, e = a["reporters"], a["editors"]
    p = a["published"]
    lines = [f"{a['chair'].name}:{a['slogan']}", "",
             f"{p.year}年{p.month:02d}月{p.day:02d}日{rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}  来源:{a['outlet']}",
             " ", "", "● " + _sentences(rng, a["topic"], 2), ""]
    body = _body(a, rng)
    body[-1] += f"(记者 {r[0]} {r[1]})"
    lines += [x for para in body for x in (para, "")]
    lines += [f"(责编:{e[0]}、{e[1]})", "", "推荐阅读", "", _sentences(rng, a["topic"], 3) + "…【详细】", "", "要闻"]
    return "\n".join(lines)


def _portal_page(a: dict, rng: random.Random) -> str:
    p, r = a["published"], a["reporters"]
    head = ["时政", f"您当前的位置:{a['prov']}网 >> {a['prov']}频道 >> 时政 >> 正文", f"{a['city']}:{a['slogan']}",
            f"发布时间:{p.year}年{p.month:02d}月{p.day:02d}日 {rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}:"
            f"{rng.randint(0, 59):02d}  来源: {a['outlet']}", "", f"  原标题:{a['name']}强调{a['slogan']}", ""]
    body = _body(a, rng)
    body[-1] = body[-1].rstrip("。") + f"等参加会议。(首席记者 {r[0]} 通讯员 {r[1]})"
    foot = [x.format(e=a["editors"][0], p=a["prov"]) for x in CHROME_FOOTER]
    return "\n".join(head + [x for para in body for x in ("  " + para, "")] + foot)


def _traditional(text: str) -> str:
    return _s2t().convert(text)


@lru_cache(maxsize=1)
def _s2t():
    import opencc
    return opencc.OpenCC("s2t")


def _glossed(text: str, rng: random.Random, share: float) -> str:
    """Inline pseudo-pinyin after a share of the Chinese characters: 書(shu)記(ji)."""
    out = []
    for ch in text:
        out.append(ch)
        if "\u4e00" <= ch <= "\u9fff" and rng.random() < share:
            out.append(f"({PSEUDO_PINYIN[ord(ch) % len(PSEUDO_PINYIN)]})" * rng.choice((1, 1, 1, 2)))
    return "".join(out)


def _plain_report(a: dict, rng: random.Random) -> str:
    r = a["reporters"]
    body = _body(a, rng)
    body[-1] += f"(记者 {r[0]} {r[1]})" if rng.random() < 0.5 else ""
    p = a["published"]
    dateline = f"{p.year}-{p.month:02d}-{p.day:02d} 来源:{a['outlet']}"
    return "\n".join([f"{a['chair'].name}:{a['slogan']}", dateline, *body])


def _pdf_text(a: dict, rng: random.Random) -> str:
    s, d = a["chair"], a["day"]
    title = f"{s.name}:在{a['name']}上的讲话"
    head = [PDF_BANNER, "", title, "",
            f"讲话 领导讲话 DOCX   {rng.randint(3, 12)}页   下载0   {d.isoformat()}   浏览{rng.randint(10, 999)}",
            "温馨提示:当前文档最多只能预览 2 页,若文档总页数超出了 2 页,请下载原文档以浏览全部内容。",
            f"{s.name}同志在{a['name']}上的讲话", f"({d.year} 年 {d.month} 月 {d.day} 日)"]
    text = "".join(_body(a, rng)) + _sentences(rng, a["topic"], rng.randint(8, 16))
    width = rng.randint(24, 28)
    lines = [text[i:i + width] for i in range(0, len(text), width)]
    lines = [re.sub(r"(\d+)", r" \1 ", ln) for ln in lines]  # PDF text spaces digits out
    return "\n".join(head + lines + [title])


SHAPES = {"news": (_news_page, 35), "portal": (_portal_page, 25), "hant": (None, 10), "hant+pinyin": (None, 15),
          "pdf": (_pdf_text, 15)}


def report(world: World, rng: random.Random) -> tuple[str, str]:
    """(shape, text) of one new report."""
    a = article(world, rng)
    shape = rng.choices(list(SHAPES), weights=[w for _, w in SHAPES.values()])[0]
    if shape == "hant":
        return shape, _glossed(_traditional(_news_page(a, rng)), rng, 0.002)
    if shape == "hant+pinyin":
        return shape, _glossed(_traditional(_plain_report(a, rng)), rng, 0.45)
    return shape, SHAPES[shape][0](a, rng)


def write_corpus(folder: str | Path, mb: float, *, seed: int = 7, per_folder: int = 1000) -> dict:
    """Write distinct reports into `folder` (subfolders of `per_folder` files) until they hold `mb` MB.

    Returns {"reports": n, "bytes": total, "shapes": {shape: n}}.
    """
    folder = Path(folder)
    rng = random.Random(seed)
    world = World(rng)
    target, total, n = int(mb * 2**20), 0, 0
    shapes: dict[str, int] = {}
    while total < target:
        shape, text = report(world, rng)
        data = text.encode("utf-8")
        sub = folder / f"{n // per_folder:04d}"
        if n % per_folder == 0:
            sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{n:06d}.txt").write_bytes(data)
        total += len(data)
        n += 1
        shapes[shape] = shapes.get(shape, 0) + 1
    return {"reports": n, "bytes": total, "shapes": shapes}
