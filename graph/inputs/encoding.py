"""Bytes to text for a Chinese corpus: the encoding is detected, never assumed, and a decoding that
yields mojibake is refused (a `FormatError` saying why) rather than read.

Order: a byte-order mark (UTF-8, UTF-16, UTF-32) decides; then strict UTF-8; then the legacy Chinese
encodings GB18030 (a superset of GBK and GB2312) and Big5-HKSCS (a superset of Big5), and UTF-16
without a mark. A legacy decoding is kept only if it reads as Chinese: most of its characters are
among GB2312's 3,755 common characters (after Traditional -> Simplified). The seeds score 0.99 to
1.0 on that measure; mojibake (Big5 read as GBK, UTF-8 read as GBK or Big5) 0.2 to 0.6.
"""
from __future__ import annotations

import codecs
import re
from functools import lru_cache

from .formats import FormatError

BOMS = [(codecs.BOM_UTF8, "utf-8-sig", "UTF-8"), (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
        (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"), (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
        (codecs.BOM_UTF16_BE, "utf-16", "UTF-16")]
LEGACY = ["gb18030", "big5hkscs", "utf-16-le", "utf-16-be"]
# A declared charset (HTML <meta charset>) mapped to the superset Python should decode it with.
ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
           "big5": "big5hkscs", "big5-hkscs": "big5hkscs", "cp950": "big5hkscs", "utf8": "utf-8"}
SIGNATURES = [(b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
              (b"\x1f\x8b", "a gzip archive"), (b"Rar!", "a RAR archive"), (b"7z\xbc\xaf", "a 7-Zip archive"),
              (b"\x7fELF", "a program (ELF)"), (b"MZ", "a Windows program"),
              (b"\xd0\xcf\x11\xe0", "an old Word/Excel file (.doc/.xls); save it as .docx or .txt"),
              (b"PK\x03\x04", "a ZIP archive")]
MIN_SCORE = 0.8  # share of common characters a decoding needs (real text ~0.99, mojibake < 0.65)
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
IDEOGRAPH_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
NEUTRAL = set("“”‘’…—–·●■□◆◇○•、《》〈〉「」『』【】〔〕")


@lru_cache(maxsize=None)  # characters repeat: each is encoded once
def _common(ch: str) -> bool:
    """One of the 3,755 common characters of GB2312's first level (rows 16-55), which ordinary
    Chinese text almost only uses; mojibake scatters over rarer characters, kana and symbols."""
    try:
        b = ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and 0xB0 <= b[0] <= 0xD7


@lru_cache(maxsize=1)
def _t2s():
    import opencc
    return opencc.OpenCC("t2s")


def chinese_score(text: str, *, ideographs_only: bool = False, sample: int = 20000) -> float:
    """Share of the non-ASCII characters (or only the ideographs) that ordinary Chinese text uses."""
    s = _t2s().convert(text[:sample])
    if ideographs_only:
        chars = IDEOGRAPH_RE.findall(s)
    else:
        chars = [c for c in s if ord(c) > 127 and not c.isspace()]
    if not chars:
        return 0.0
    good = sum(_common(c) or c in NEUTRAL or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef"
               for c in chars)
    return good / len(chars)


def signature(data: bytes) -> str | None:
    """What a file is by its first bytes: 'pdf', 'docx', or a description of a non-text file."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") and b"word/" in data[:65536]:
        return "docx"
    return next((what for magic, what in SIGNATURES if data.startswith(magic)), None)


def _refuse_mojibake(text: str, codec: str) -> str:
    """Valid bytes can still be mojibake (re-saved after a wrong decoding): refuse it."""
    bad = text.count("\ufffd")
    if bad >= 3 and bad > len(text) / 1000:
        raise FormatError(f"holds {bad} replacement characters (\ufffd): damaged by an earlier wrong "
                          "conversion; find the original file")
    ideographs = len(IDEOGRAPH_RE.findall(text[:20000]))
    if ideographs >= 20 and chinese_score(text, ideographs_only=True) < MIN_SCORE:
        raise FormatError(f"reads as {codec} but the Chinese is mojibake (garbled characters); "
                          "it was converted with the wrong encoding before; find the original file")
    if ideographs < 5 and len(re.findall("[\u00c0-\u00ff]", text[:20000])) >= 20:
        undone = text[:20000].encode("cp1252", "ignore").decode("utf-8", "ignore")
        if len(IDEOGRAPH_RE.findall(undone)) >= 10:
            raise FormatError("is UTF-8 that was read as Latin-1 and saved again (mojibake like 'ä¼š'); "
                              "re-save the original as UTF-8")
    return text


def decode(data: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding) of a text file's bytes, or FormatError naming what is wrong."""
    for bom, codec, name in BOMS:
        if data.startswith(bom):
            try:
                return _refuse_mojibake(data.decode(codec), name), name
            except UnicodeDecodeError as exc:
                raise FormatError(f"starts with a {name} byte-order mark but is not valid {name} at byte "
                                  f"{exc.start}; re-save it as UTF-8") from exc
    what = signature(data)
    if what:
        raise FormatError(f"looks like {what}, not a text report")
    if declared:
        codec = ALIASES.get(declared.lower(), declared.lower())
        try:
            return _refuse_mojibake(data.decode(codec), codec), codec
        except (LookupError, UnicodeDecodeError, FormatError):
            # an unknown declaration, or a wrong one: bytes it cannot decode, or mojibake when read by
            # it (a UTF-8 page a template declares iso-8859-1, which decodes any bytes): detect instead
            pass
    has_nul = b"\x00" in data
    utf8_error = None
    if not has_nul:
        try:
            return _refuse_mojibake(data.decode("utf-8"), "UTF-8"), "utf-8"
        except UnicodeDecodeError as exc:
            utf8_error = exc
    best: tuple[float, str, str] | None = None
    for codec in LEGACY:
        if (has_nul and not codec.startswith("utf-16")) or (codec.startswith("utf-16") and len(data) % 2):
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if len(CONTROL_RE.findall(text[:20000])) > 0.01 * min(len(text), 20000):
            continue
        score = chinese_score(text)
        if best is None or score > best[0]:
            best = (score, codec, text)
    if best and best[0] >= MIN_SCORE:
        return _refuse_mojibake(best[2], best[1]), best[1]
    if has_nul:
        raise FormatError("looks binary (it holds NUL bytes and is not UTF-16), not a text report")
    n_bad = data.decode("utf-8", "replace").count("\ufffd")
    where = f"not valid UTF-8 ({n_bad} bad byte sequence{'s' * (n_bad > 1)}, the first at byte {utf8_error.start})"
    if best:
        raise FormatError(f"{where}, and read as {best[1]} it is mojibake; re-save it as UTF-8")
    raise FormatError(f"{where}, nor GB18030, Big5 or UTF-16; re-save it as UTF-8")


def declared_charset(markup_head: bytes) -> str | None:
    """The charset an HTML page declares in its first bytes (`<meta charset=...>`)."""
    m = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", markup_head[:4096], re.I)
    return m.group(1).decode("ascii") if m else None
