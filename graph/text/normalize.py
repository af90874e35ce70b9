"""Pure text functions that clean a report while keeping a map back to the original.

Every function takes and returns an `Aligned` text: `text` plus `offsets`, where `offsets[i]` is the
index in the original of `text[i]`. Characters are only deleted or replaced one for one, so any span
of the clean text maps back to the original (`Document.orig_span`).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .wordscan import Needing

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
PINYIN_LETTERS = "a-zāáǎàēéěèêīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
# One or more lowercase pinyin glosses right after a Chinese character: 書(shu)(shu), 發(fā), 會(huì ).
GLOSS_RE = re.compile(rf"(?<=[{CJK}])(?:[(（][{PINYIN_LETTERS}]{{1,7}}\s?[)）])+")
# A gloss's first two characters: a text without them has no gloss (found at a character class's
# speed, where GLOSS_RE tries its lookbehind at every position)
GLOSS_START_RE = re.compile(rf"[(（][{PINYIN_LETTERS}]")
# Full-width punctuation folded to ASCII one for one, so patterns need handle one form only.
FOLD = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?",
                      "\u3000": " ", "\xa0": " ", "\u2002": " ", "\u2003": " ", "\u200b": " ",
                      "０": "0", "１": "1", "２": "2", "３": "3", "４": "4", "５": "5", "６": "6",
                      "７": "7", "８": "8", "９": "9", "\r": "\n",
                      # the dots that join the parts of a name (珠康•土登克珠, 阿沛⋅阿旺晋美, カタカナ・): one ·
                      "\u2022": "·", "\u22c5": "·", "\u2027": "·", "\u30fb": "·", "\uff65": "·", "\u2219": "·"})
VARIANTS_FILE = Path(__file__).parent.parent / "data" / "variants.tsv"


def _variants() -> dict[int, str]:
    """Variant characters OpenCC's t2s leaves alone (玨 -> 珏), one for one: graph/data/variants.tsv."""
    pairs = (ln.split("\t") for ln in VARIANTS_FILE.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#"))
    return {ord(v): std for v, std in pairs if len(v) == 1 and len(std) == 1}


FOLD.update(_variants())
# FOLD as (character, replacement) pairs: no replacement is itself folded, so replacing them one after
# another is the same as one str.translate, and ~5x cheaper (str.replace scans at memchr speed, where
# translate looks every character of the text up in the dict)
FOLD_PAIRS = tuple((chr(k), v) for k, v in FOLD.items())
assert not {ord(v) for _, v in FOLD_PAIRS} & FOLD.keys()
# Notes after a name or title: (女), (回族), (兼), (挂职) — dropped so the name meets its verb or list.
NOTE_RE = re.compile(rf"\((?:(?:女|男)(?:[,、][{CJK}]{{1,5}}族)?|[{CJK}]{{1,5}}族|兼|挂职|正[厅处局部]级|副[厅处局部]级|主持工作|待定|下同)\)")
DIGIT_SPACE_RE = re.compile(rf"(?<=\d)[ \t]+(?=[{CJK}])|(?<=[{CJK}])[ \t]+(?=\d)|(?<=\()[ \t]+|[ \t]+(?=\))")

# Lines that are site chrome wherever they stand (footers, navigation, document-library banners).
CHROME_LINE_RE = Needing(re.compile(
    r"ICP[备证]|许可证|举报电话|举报邮箱|爆料|投稿邮箱|版权所有|[Cc]opyright|All Rights Reserved|"
    r"未经.{0,12}授权|^订阅|^关注.{0,12}微信|当前的?位置|>>|网站声明|广告报价|温馨提示|"
    r"剩余\d+页未读|下载\d|浏览\d|收藏\d|点赞\d|^分享到|扫一扫|打印本页|关闭窗口|【字体|^上一篇|^下一篇|"
    r"^文库\s|【详细】|^\s*(?:\S+\s*\|\s*){3,}"),
    # (a word each of its matches holds: most lines hold none, and the pattern is long to try)
    ("ICP", "许可证", "举报", "爆料", "投稿邮箱", "版权所有", "opyright", "All Rights Reserved", "未经", "订阅", "微信",
     "位置", ">>", "网站声明", "广告报价", "温馨提示", "未读", "下载", "浏览", "收藏", "点赞", "分享到", "扫一扫",
     "打印本页", "关闭窗口", "【字体", "一篇", "文库", "【详细】", "|"))
CHROME_WORD_RE = re.compile("|".join(map(re.escape, CHROME_LINE_RE.words)))  # any of them
# A line holding only one of these starts a block of teasers for other stories: drop to the end.
TEASER_MARKERS = {"推荐阅读", "相关阅读", "相关新闻", "延伸阅读", "要闻", "热点新闻", "热门推荐", "猜你喜欢",
                  "相关推荐", "专题资讯", "更多新闻", "精彩推荐", "今日推荐", "图片新闻", "热点推荐", "相关文章",
                  "热门文章", "最新新闻", "推荐新闻", "相关报道"}
END_PUNCT = "。!?;:”」』)】…"


@dataclass(frozen=True)
class Aligned:
    text: str
    offsets: Sequence[int]  # a range until the first deletion (no list of every index to build)

    @classmethod
    def of(cls, raw: str) -> "Aligned":
        return cls(raw, range(len(raw)))


def _delete(a: Aligned, spans: list[tuple[int, int]]) -> Aligned:
    """The text without the given spans, by slices (the offsets follow the characters kept)."""
    if not spans:
        return a
    texts, offsets, pos = [], [], 0
    for s, e in sorted(spans):
        if e <= pos:
            continue
        s = max(s, pos)
        texts.append(a.text[pos:s])
        offsets.extend(a.offsets[pos:s])
        pos = e
    texts.append(a.text[pos:])
    offsets.extend(a.offsets[pos:])
    return Aligned("".join(texts), tuple(offsets))


def fold_punctuation(a: Aligned) -> Aligned:
    """Full-width punctuation and digits to ASCII, and variant characters to their standard form: one
    character for one, so the offsets stay as they are."""
    text = a.text
    for c, folded in FOLD_PAIRS:
        if c in text:
            text = text.replace(c, folded)
    return Aligned(text, a.offsets)


def has_glosses(text: str) -> bool:
    return bool(GLOSS_START_RE.search(text)) and bool(GLOSS_RE.search(text))


def strip_glosses(a: Aligned) -> Aligned:
    """Remove inline pinyin glosses; real parentheses (Chinese, digits, capitals) stay."""
    if not GLOSS_START_RE.search(a.text):
        return a
    return _delete(a, [m.span() for m in GLOSS_RE.finditer(a.text)])


def drop_notes(a: Aligned) -> Aligned:
    return _delete(a, [m.span() for m in NOTE_RE.finditer(a.text)])


def collapse_digit_spaces(a: Aligned) -> Aligned:
    """PDF text spaces digits from characters (`2 月 21 日`); join them so dates read."""
    if " " not in a.text and "\t" not in a.text:
        return a  # (most reports: the pattern's lookbehinds are not tried at every position)
    return _delete(a, [m.span() for m in DIGIT_SPACE_RE.finditer(a.text)])


@lru_cache(maxsize=1)
def _t2s():
    import opencc
    return opencc.OpenCC("t2s")


CJK_RUN_RE = re.compile(f"[{CJK}]+")


def traditional_ratio(text: str) -> float:
    """Share of Chinese characters that OpenCC's t2s changes: ~0 for Simplified text."""
    sample = "".join(CJK_RUN_RE.findall(text[:4000]))  # runs, not a string per character
    if not sample:
        return 0.0
    conv = _t2s().convert(sample)
    if len(conv) != len(sample):
        return 1.0
    if conv == sample:  # Simplified text (most reports): nothing changed, no count per character
        return 0.0
    return sum(x != y for x, y in zip(sample, conv, strict=False)) / len(sample)


def to_simplified(a: Aligned) -> Aligned:
    """Traditional to Simplified with OpenCC, one character for one (per line, per char if needed)."""
    cc = _t2s()
    parts: list[str] = []
    for line in a.text.splitlines(keepends=True):
        conv = cc.convert(line)
        if len(conv) != len(line):
            conv = "".join(c if len(c2 := cc.convert(c)) != 1 else c2 for c in line)
        parts.append(conv)
    return Aligned("".join(parts), a.offsets)


def _lines(a: Aligned) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in re.finditer(r"\n", a.text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(a.text)))
    return spans


def drop_chrome(a: Aligned) -> Aligned:
    """Drop footers, navigation and banners, and teaser blocks for other stories."""
    spans = _lines(a)
    total = len(a.text) or 1
    chrome_words = CHROME_WORD_RE.search(a.text) is not None  # (most reports: no line to try)
    dropped: list[tuple[int, int]] = []
    for s, e in spans:
        line = a.text[s:e].strip()
        if line in TEASER_MARKERS and s > total * 0.3:
            dropped.append((s, len(a.text)))
            break
        if line in TEASER_MARKERS or (chrome_words and line and CHROME_LINE_RE.search(line)):
            dropped.append((s, min(e + 1, len(a.text))))
    return _delete(a, dropped)


def looks_like_pdf(text: str) -> bool:
    """Text pulled from a PDF: many mid-length lines that stop without closing punctuation."""
    lines = [ln.strip() for ln in text.split("\n") if len(ln.strip()) >= 12]
    if len(lines) < 8:
        return False
    open_ended = sum(ln[-1] not in END_PUNCT for ln in lines)
    return open_ended / len(lines) >= 0.5


def rejoin_lines(a: Aligned) -> Aligned:
    """Rejoin lines a PDF broke mid-sentence: a long line not ending a sentence runs on."""
    spans = _lines(a)
    lengths = sorted(len(a.text[s:e].strip()) for s, e in spans if a.text[s:e].strip())
    if not lengths:
        return a
    typical = lengths[len(lengths) * 3 // 4]
    joins = []
    for (s, e), (s2, e2) in zip(spans, spans[1:], strict=False):
        line, nxt = a.text[s:e].rstrip(), a.text[s2:e2].strip()
        body = 0.8 * typical <= len(line.strip()) <= 2 * typical and len(nxt) <= 2 * typical
        if body and line[-1] not in END_PUNCT and not re.match(r"[一二三四五六七八九十]+、", nxt):
            joins.append((e, s2))
    return _delete(a, joins)


_GRAM_SKIPPED = re.compile(r"[\s,。、:;“”()]")
UNIQUE_RUN = 12  # characters in a row that a longer line lacks: a line holding them is no copy


def _grams(s: str) -> set[str]:
    s = _GRAM_SKIPPED.sub("", s)
    return {s[i:i + 3] for i in range(len(s) - 2)}


def _has_own_text(s: str, other: set[str]) -> bool:
    """Whether `s` holds UNIQUE_RUN characters in a row none of whose trigrams is in `other`: text
    of its own (a sentence that the longer line does not have), not a preview's cut or edits."""
    s = _GRAM_SKIPPED.sub("", s)
    run = 0
    for i in range(len(s) - 2):
        run = 0 if s[i:i + 3] in other else run + 1
        if run >= UNIQUE_RUN - 2:
            return True
    return False


def dedupe_blocks(a: Aligned, *, max_lines: int = 600) -> Aligned:
    """Keep one copy of repeated text: a line mostly contained in a longer line is dropped (unless
    it also holds a stretch of text of its own, e.g. a lead paragraph whose other sentences recur
    further down), and a line repeated word for word keeps its first copy (preview + full text,
    repeated titles)."""
    spans = [(s, e) for s, e in _lines(a) if a.text[s:e].strip()]
    if len(spans) > max_lines:
        return a
    texts = [a.text[s:e].strip() for s, e in spans]
    grams = [_grams(t) for t in texts]
    seen: set[str] = set()
    dropped = []
    for i, (span, t, g) in enumerate(zip(spans, texts, grams, strict=True)):
        if i == 0:  # the title: repeated in the body by design, and the metadata reads it
            seen.add(t)
            continue
        if t in seen and len(t) >= 6:
            dropped.append((span[0], min(span[1] + 1, len(a.text))))
            continue
        seen.add(t)
        if len(g) < 8:
            continue
        for j, g2 in enumerate(grams):
            if j != i and len(texts[j]) > len(t) and len(g & g2) >= 0.6 * len(g) and not _has_own_text(t, g2):
                dropped.append((span[0], min(span[1] + 1, len(a.text))))
                break
    return _delete(a, dropped)


def normalize(raw: str) -> tuple[Aligned, str]:
    """The whole normalisation: returns the clean aligned text and the script it was in."""
    a = fold_punctuation(Aligned.of(raw))
    glossed = has_glosses(a.text)
    a = strip_glosses(a) if glossed else a  # (a text without glosses is not searched again)
    traditional = traditional_ratio(a.text) > 0.04
    if traditional:
        a = to_simplified(a)
    script = "hant" if traditional else "hans"
    if glossed:
        script = "hant+pinyin" if traditional else "hans+pinyin"
    a = drop_chrome(a)
    if looks_like_pdf(a.text):
        script = "hans-pdf" if script == "hans" else script + "-pdf"
        a = rejoin_lines(a)
    a = collapse_digit_spaces(a)
    a = drop_notes(a)
    a = dedupe_blocks(a)
    return a, script


# [。!?;]+[”’」』]?|\n+, written to start with a class of characters: the engine skips to one at the
# speed of a character search instead of trying both alternatives at every position
SENTENCE_END_RE = re.compile(r"[。!?;\n](?:(?<=\n)\n*|[。!?;]*[”’」』]?)")
NOT_BLANK_RE = re.compile(r"\S")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of the clean text (closing quotes stay with their sentence)."""
    spans, start = [], 0
    for m in SENTENCE_END_RE.finditer(text):
        if text[m.start()] != "\n":  # ended by punctuation: never blank
            spans.append((start, m.end()))
        elif NOT_BLANK_RE.search(text, start, m.start()):
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans
