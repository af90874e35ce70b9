"""Document metadata (title, publish date, outlet) and bylines (journalists and editors)."""
from __future__ import annotations

import re
from itertools import islice
from typing import Iterator

from ..models import Document, Fact, Label, RelType, Role
from ..text import segment
from ..text.wordscan import Needing
from .base import Findings, make_mention
from .dates import DATELINE_RE, FULL_DATE_RE, iso
from .grammar import CALENDAR_YEAR_RE, DMY_STAMP_RE, URL_DATE_RE
from .lexicon import HAN, is_surname_start, plausible_name

HEADER_CHARS = 320
TITLE_SKIP_RE = re.compile(r"^\d{4}[-年]|^\d{1,2}月\d{1,2}日|>>|^来源|^发布|^原标题")
OUTLET_RE = Needing(re.compile(rf"来源:\s*({HAN}[^\s,。|]{{1,15}})|({HAN}{{2,10}}(?:网|报|台|社))讯"), ("来源:", "讯"))
# the roles a name can run into (记者, 通讯员…); 摄, 文, 图 also close a name (记者 周灿摄)
BYLINE_ROLE_WORD = r"首席记者|摄影记者|见习记者|实习记者|特约记者|特约通讯员|记者|通讯员|实习生|责任编辑|责编|编辑"
BYLINE_ROLE = rf"{BYLINE_ROLE_WORD}|审核|校对|监制|摄影|撰稿|作者|终审|初审|复审|文|图|摄"
# (a name never runs into a role: in 记者 A B 黄冈日报记者 C, 黄冈日报 is the next outlet, not a name)
BYLINE_NAME = rf"(?!(?:{BYLINE_ROLE}|特约|首席|见习|实习|摄影))(?:{HAN}{{2,4}}(?:·{HAN}{{1,8}})?)(?!{BYLINE_ROLE_WORD})"
BYLINE_OUTLET = rf"{HAN}{{2,8}}?(?:日报|晚报|中心|电视台|网)"  # 黄冈广播电视台记者
BYLINE_AFTER_START = (
    rf"(?:{BYLINE_OUTLET})?(?P<role>{BYLINE_ROLE})\s*:?\s*"
    rf"(?P<names>{BYLINE_NAME}(?:[ 、,]+{BYLINE_NAME})*)"
    rf"(?=\s*(?:摄|报道)?\s*(?:[)\n】]|$|\s{{2}}|[、,]?\s*(?:{BYLINE_OUTLET})?(?:{BYLINE_ROLE})))")  # 记者张辉、实习生王钬
BYLINE_RE = re.compile(
    r"(?:^|(?<=[(\n 讯。【])|(?<=、)(?=首席|摄影|见习|实习|特约|记者|通讯员|编辑|责编))"  # (记者A、实习生B: not 、文明村镇)
    + BYLINE_AFTER_START, re.M)
# A byline past the text's first character with the character before it: found at the speed of a
# search for those characters, where BYLINE_RE tries its lookbehinds at every position. Most
# reports hold none, and need no BYLINE_RE search.
BYLINE_HINT_RE = re.compile(r"[(\n 讯。【、]" + BYLINE_AFTER_START, re.M)
# The authors in a parenthesis closing a paragraph or standing on a line of its own, with no role:
# …工作。(张云龙 王洁), …工作。 (张云龙 王洁)
CLOSING_BYLINE_RE = re.compile(rf"(?:(?<=[。!?”])|^)[ \t]*\((?P<names>{HAN}{{2,4}}(?: +{HAN}{{2,4}}){{0,3}})\)[ \t]*(?=\n|$)", re.M)
# how each of its matches ends: found at the speed of a search for ")", where CLOSING_BYLINE_RE tries
# its lookbehind at every position (most reports hold no such line)
CLOSING_HINT_RE = re.compile(r"\)[ \t]*$", re.M)
ROLE_NAMES = {"责编": "编辑", "责任编辑": "编辑", "首席记者": "记者", "摄影记者": "记者", "见习记者": "记者",
              "实习记者": "记者", "特约记者": "记者", "特约通讯员": "通讯员", "摄影": "摄影", "摄": "摄影", "图": "摄影",
              "文": "记者", "撰稿": "记者"}


def publish_date(doc: Document) -> str | None:
    """A full date in the header (dateline, 发布时间, the date under a speech's title, a `21.01.2019 11:10`
    stamp) or in the report's own printed link (`本文链接:…/2020/11/05/…`); else the date the file itself
    gave (a JSON Lines field, an HTML <meta>). A dateline without a year (`3月2日讯`) takes the year the
    report speaks of as its own (see text_year)."""
    found = printed_date(doc.text, prose_ok=not doc.meta.date)
    if found is None and not doc.meta.date and (d := DATELINE_RE.search(doc.text[:HEADER_CHARS])):
        year = text_year(doc.text, int(d.group(1)))  # 1月30日讯 … 2015年两会: 2015-01-30
        found = iso(year, int(d.group(1)), int(d.group(2)))  # 益阳3月2日讯: the day, not the year
    return found or doc.meta.date


LABELLED_DATE_RE = Needing(re.compile(r"(?:发布时间|发布日期|时间|日期):\s*" + FULL_DATE_RE.pattern), ("时间:", "日期:"))
# (tried only on a header with a ".": the pattern's lookbehind would be tried at every position)
DMY_STAMP_HEADER_RE = Needing(DMY_STAMP_RE, (".",))
# the report's own link, printed in its text (not a link to another story in a teaser block)
# (?=本文|…|地址) first only for speed: the lookbehinds are tried only where such a word starts; and
# only in texts that hold a link at all
OWN_LINK_RE = Needing(re.compile(r"(?=本文|原文|文章|链接|网址|地址)(?<!相关)(?<!推荐)(?<!延伸)(?<!更多)(?:本文|原文|文章)?"
                                 r"(?:链接|网址|地址)\s*:?\s*(?=https?://)"), ("http",))


def printed_date(text: str, prose_ok: bool = True) -> str | None:
    """A date with its year printed outside the prose: 发布时间, the header's first full date or
    day.month.year stamp, the report's own link. When the file gave a date (`prose_ok` false), a full
    date inside a long line of prose (2017年9月25日,他在出差途中…) is something the report tells, not its date."""
    m = LABELLED_DATE_RE.search(text)
    if m is None:  # the header's first full date, not one inside a link (the path of another story)
        m = next((d for d in FULL_DATE_RE.finditer(text[:HEADER_CHARS])
                  if not re.search(r"https?://\S*$", text[max(0, d.start() - 200):d.start()])
                  and (prose_ok or len(_line_at(text, d.start())) <= 60)), None)
    if m:
        return iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if (m := DMY_STAMP_HEADER_RE.search(text[:HEADER_CHARS])):
        return iso(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    for lead in OWN_LINK_RE.finditer(text):
        if (u := URL_DATE_RE.match(text, lead.end())):
            y, mo, d = (u.group("y1"), u.group("m1"), u.group("d1")) if u.group("y1") else \
                (u.group("y2"), u.group("m2"), u.group("d2"))
            return iso(int(y), int(mo), int(d))
    return None


def _line_at(text: str, i: int) -> str:
    return text[text.rfind("\n", 0, i) + 1:(text.find("\n", i) + 1 or len(text) + 1) - 1].strip()


def text_year(text: str, month: int | None = None) -> int | None:
    """The year a report speaks of as its own when it prints no date with a year: the latest
    calendar year it names (`2014年执行情况和2015年计划` -> 2015), never a target (`到2035年`). A
    meeting late in the year plans the next one: in November or December, the year before the
    latest when the report names both (`2020年工作总结和2021年工作要点`, met 12月26日 -> 2020)."""
    years = {int(y) for y in CALENDAR_YEAR_RE.findall(text)}
    if not years:
        return None
    latest = max(years)
    return latest - 1 if month and month >= 11 and latest - 1 in years else latest


def with_text_year(date: str | None, text: str) -> str | None:
    """A `--MM-DD` date with the year the report speaks of, when it names one."""
    if not (date and date.startswith("--")):
        return date
    month, day = int(date[2:4]), int(date[5:7])
    year = text_year(text, month)
    return (iso(year, month, day) or date) if year else date


def title(doc: Document) -> str | None:
    """The headline: an early short line that does not end a sentence (a lone line is body text)."""
    lines = list(islice(filter(None, map(str.strip, doc.text.split("\n"))), 6))  # the first six that are not blank
    for line in lines if len(lines) > 1 else []:
        if 6 <= len(line) <= 80 and not TITLE_SKIP_RE.search(line) and line[-1] not in "。;!?":
            return line
    return None


def outlet(doc: Document) -> str | None:
    m = OUTLET_RE.search(doc.text[:HEADER_CHARS * 2])
    return (m.group(1) or m.group(2)) if m else None


def _bylines(text: str) -> Iterator[re.Match]:
    """BYLINE_RE's matches, looked for only where BYLINE_HINT_RE finds one (or one starts the text)."""
    if BYLINE_HINT_RE.search(text) or BYLINE_RE.match(text):
        yield from BYLINE_RE.finditer(text)


def _closing_bylines(text: str) -> Iterator[re.Match]:
    if CLOSING_HINT_RE.search(text):
        yield from CLOSING_BYLINE_RE.finditer(text)


class MetadataExtractor:
    name = "metadata"

    def __call__(self, doc: Document) -> Findings:
        found = Findings(meta={"title": title(doc), "date": publish_date(doc), "outlet": outlet(doc)})
        bylines = [(m, ROLE_NAMES.get(m.group("role"), m.group("role"))) for m in _bylines(doc.text)]
        bylines += [(m, "记者") for m in _closing_bylines(doc.text)]
        seen: set[int] = set()
        for m, role in bylines:
            for nm in re.finditer(rf"{HAN}+(?:·{HAN}+)?", m.group("names")):
                name = nm.group()
                if re.fullmatch(BYLINE_ROLE, name):  # (首席记者 贾献培 通讯员 左余东): the next role
                    role = ROLE_NAMES.get(name, name)
                    continue
                if len(name) > 2 and name[-1] == "摄":  # 记者 周灿摄: the photo credit, not the name
                    name = name[:-1]
                if not (plausible_name(name) and is_surname_start(name)) or segment.is_common_word(name):
                    continue  # 编辑: 管理员 (a word, not a name)
                s = m.start("names") + nm.start()
                if s in seen:
                    continue
                seen.add(s)
                found.mentions.append(make_mention(doc, Label.PERSON, s, s + len(name),
                                                   role=Role.JOURNALIST.value, byline=role, rule="byline"))
                found.facts.append(Fact(type=RelType.AUTHORED, source=(Label.PERSON, name),
                                        target=(Label.DOCUMENT, doc.id), start=s, end=s + len(name),
                                        props={"how": role, "rule": "byline"}))
        return found
