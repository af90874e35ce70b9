"""Document metadata (title, publish date, outlet) and bylines (journalists and editors)."""
from __future__ import annotations

import re

from ..models import Document, Fact, Label, RelType, Role
from .base import Findings, make_mention
from .lexicon import DATELINE_RE, FULL_DATE_RE, HAN, iso, plausible_name, is_surname_start

HEADER_CHARS = 320
TITLE_SKIP_RE = re.compile(r"^\d{4}[-年]|^\d{1,2}月\d{1,2}日|>>|^来源|^发布|^原标题")
OUTLET_RE = re.compile(rf"来源:\s*({HAN}[^\s,。|]{{1,15}})|({HAN}{{2,10}}(?:网|报|台|社))讯")
BYLINE_ROLE = (r"首席记者|摄影记者|见习记者|实习记者|特约记者|特约通讯员|记者|通讯员|实习生|责任编辑|责编|编辑|审核|校对|监制|"
               r"摄影|撰稿|作者|终审|初审|复审|文|图|摄")
BYLINE_NAME = rf"(?!(?:{BYLINE_ROLE}|特约|首席|见习|实习|摄影))(?:{HAN}{{2,4}}(?:·{HAN}{{1,8}})?)"
BYLINE_RE = re.compile(
    rf"(?:^|(?<=[(\n 讯。【]))(?:{HAN}{{2,8}}?(?:日报|晚报|中心|电视台|网))?(?P<role>{BYLINE_ROLE})\s*:?\s*"
    rf"(?P<names>{BYLINE_NAME}(?:[ 、,]+{BYLINE_NAME})*)"
    rf"(?=\s*(?:摄|报道)?\s*(?:[)\n】]|$|\s{{2}}|(?:{BYLINE_ROLE})))", re.M)
ROLE_NAMES = {"责编": "编辑", "责任编辑": "编辑", "首席记者": "记者", "摄影记者": "记者", "见习记者": "记者",
              "实习记者": "记者", "特约记者": "记者", "特约通讯员": "通讯员", "摄影": "摄影", "摄": "摄影", "图": "摄影",
              "文": "记者", "撰稿": "记者"}


def publish_date(doc: Document) -> str | None:
    """A full date in the header (dateline, 发布时间, the date under a speech's title); else the date
    the file itself gave (a JSON Lines field, an HTML <meta>)."""
    m = re.search(r"(?:发布时间|发布日期|时间|日期):\s*" + FULL_DATE_RE.pattern, doc.text)
    if m is None:
        m = FULL_DATE_RE.search(doc.text[:HEADER_CHARS])
    found = iso(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
    if found is None and not doc.meta.date and (d := DATELINE_RE.search(doc.text[:HEADER_CHARS])):
        found = iso(None, int(d.group(1)), int(d.group(2)))  # 益阳3月2日讯: the day, not the year
    return found or doc.meta.date


def title(doc: Document) -> str | None:
    """The headline: an early short line that does not end a sentence (a lone line is body text)."""
    lines = [ln.strip() for ln in doc.text.split("\n") if ln.strip()]
    for line in lines[:6] if len(lines) > 1 else []:
        if 6 <= len(line) <= 80 and not TITLE_SKIP_RE.search(line) and line[-1] not in "。;!?":
            return line
    return None


def outlet(doc: Document) -> str | None:
    m = OUTLET_RE.search(doc.text[:HEADER_CHARS * 2])
    return (m.group(1) or m.group(2)) if m else None


class MetadataExtractor:
    name = "metadata"

    def __call__(self, doc: Document) -> Findings:
        found = Findings(meta={"title": title(doc), "date": publish_date(doc), "outlet": outlet(doc)})
        for m in BYLINE_RE.finditer(doc.text):
            role = ROLE_NAMES.get(m.group("role"), m.group("role"))
            for nm in re.finditer(rf"{HAN}+(?:·{HAN}+)?", m.group("names")):
                name = nm.group()
                if re.fullmatch(BYLINE_ROLE, name):  # (首席记者 贾献培 通讯员 左余东): the next role
                    role = ROLE_NAMES.get(name, name)
                    continue
                if len(name) > 2 and name[-1] == "摄":  # 记者 周灿摄: the photo credit, not the name
                    name = name[:-1]
                if not (plausible_name(name) and is_surname_start(name)):
                    continue
                s = m.start("names") + nm.start()
                found.mentions.append(make_mention(doc, Label.PERSON, s, s + len(name),
                                                   role=Role.JOURNALIST.value, byline=role))
                found.facts.append(Fact(type=RelType.AUTHORED, source=(Label.PERSON, name),
                                        target=(Label.DOCUMENT, doc.id), start=s, end=s + len(name),
                                        props={"how": role}))
        return found
