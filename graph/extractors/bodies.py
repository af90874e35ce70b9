"""Bodies named outside titles: the centre (党中央, 国务院), party and government bodies
(`省委、省政府` -> 云南省委, 云南省政府 in a Yunnan report), the outlet, and a meeting's convener
(`旬阳县政协召开…` -> CONVENED)."""
from __future__ import annotations

import re

from ..models import Document, Fact, Label, RelType
from .base import Findings, make_mention
from .titles import absolute_body, body_kind

NATIONAL_RE = re.compile(r"中共中央|党中央|国务院(?:联防联控机制|扶贫办|办公厅)?|中央政治局常委会|中央政治局|全国人大常委会|"
                         r"全国人大|全国政协|中央军委|中央纪委|国家监委")
AFTER = "|".join(f"(?<={w})" for w in "按照 根据 落实 贯彻 在 由 和 及 与 经 向 对 把 将 、 ,".split())
# (?=[省市县区州]) first only for speed: the level character is looked for before the sixteen
# lookbehinds are tried at every position of the text (the same matches, a tenth of the time)
RELATIVE_RE = re.compile(rf"(?=[省市县区州])(?:(?<![\u4e00-\u9fff])|{AFTER})[省市县区州]"
                         r"(?:委|政府|人大常委会|人大|政协|纪委|监委)(?![书常副主委员长办])")


class BodyExtractor:
    name = "bodies"

    def __call__(self, doc: Document) -> Findings:
        found = Findings()
        text = doc.text
        for rx in (NATIONAL_RE, RELATIVE_RE):
            for m in rx.finditer(text):
                body = absolute_body(m.group(), doc)
                found.mentions.append(make_mention(doc, Label.BODY, m.start(), m.end(), text=body,
                                                   kind=body_kind(body), jurisdiction=doc.meta.jurisdiction))
        if doc.meta.outlet:
            i = text.find(doc.meta.outlet)
            if i >= 0:
                found.mentions.append(make_mention(doc, Label.BODY, i, i + len(doc.meta.outlet), kind="media"))
        for m in doc.mentions:
            convener = m.props.get("convener") if m.label == Label.MEETING else None
            if convener and not convener.startswith("我") and re.search(r"委|政府|政协|人大|常委会|办|局|厅|部$", convener):
                body = absolute_body(convener, doc)
                found.mentions.append(make_mention(doc, Label.BODY, m.start, m.end, text=body, kind=body_kind(body),
                                                   jurisdiction=doc.meta.jurisdiction))
                found.facts.append(Fact(type=RelType.CONVENED, source=(Label.BODY, body),
                                        target=(Label.MEETING, m.key), start=m.start, end=m.end, props={}))
        return found
