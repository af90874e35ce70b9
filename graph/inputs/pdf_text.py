"""The text layer of a PDF with the layout's line breaks undone (pypdf, no OCR).

A line runs on into the next when it reaches the right edge of the text column, does not end a
sentence, and the next line follows at the usual line spacing without a first-line indent; across
a page break, when the page's last line is full. Widths come from the character count (CJK 1 em,
others about 1/2 em) times the font size: no font metrics needed, as Chinese text is monospaced.
"""
from __future__ import annotations

import io
import logging
import math
import re
import statistics
import unicodedata
from dataclasses import dataclass

from .formats import ExtractedText, FormatError

# pypdf logs what it repairs ("EOF marker not found"); the user gets one line per problem from us instead.
logging.getLogger("pypdf").setLevel(logging.ERROR)
SENTENCE_END = "。！？!?；;：:…"
# Titles tools write by themselves, not the report's: `untitled`, `Microsoft Word - 稿.docx`, a file name.
PLACEHOLDER_TITLE_RE = re.compile(r"^Microsoft Word - |^\(?(?:untitled|anonymous|unknown|无标题)\)?$|.*\.(?:docx?|wps|pdf)$", re.I)
CLOSING = "”’」』）)】〕》"  # closing marks end a sentence only after a sentence end: `……。”`


@dataclass
class Line:
    text: str
    x: float  # left edge
    y: float  # baseline
    right: float  # estimated right edge
    size: float  # font size in page units


def _width(text: str) -> float:
    """Estimated width in em: wide and ambiguous (“ ” 、…) characters 1, others 1/2."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in text)


def _slack(text: str) -> float:
    """How far short of the column a full line may look, in em: each narrow character's width is a guess."""
    return 2.0 + 0.25 * sum(unicodedata.east_asian_width(c) not in "WFA" for c in text)


def page_lines(page) -> list[Line]:
    """The page's lines, top to bottom as the content stream draws them, with their geometry."""
    lines: list[Line] = []

    def visit(text, cm, tm, font, size):
        parts = [p for p in text.split("\n") if p.strip()]
        if not parts:
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        size = abs(size * math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])) or 10.0
        for k, part in enumerate(parts):
            yk = y - k * 1.2 * size
            last = lines[-1] if lines else None
            if k == 0 and last and abs(last.y - yk) < 0.5 * size and x >= last.x:
                last.text += part
                last.right = max(last.right, x + _width(part) * size)
            else:
                lines.append(Line(part, x, yk, x + _width(part) * size, size))

    try:
        page.extract_text(visitor_text=visit)
    except Exception:  # noqa: BLE001 - a page pypdf cannot walk: fall back to its plain text
        lines.clear()
    if not lines and (plain := page.extract_text() or "").strip():
        lines = [Line(t, 0.0, -i * 12.0, _width(t) * 10.0, 10.0) for i, t in enumerate(plain.split("\n"))]
    return [ln for ln in lines if ln.text.strip()]


def _runs_on(line: Line, nxt: Line | None, *, right: float, left: float, leading: float) -> bool:
    if line.text.rstrip().rstrip(CLOSING).endswith(tuple(SENTENCE_END)) \
            or line.right < right - _slack(line.text) * line.size:
        return False
    if nxt is None:  # the page's last line: runs on over the page break when full
        return True
    gap = line.y - nxt.y
    return 0 < gap <= 1.3 * leading and nxt.x <= left + 0.5 * nxt.size


def rejoin(pages: list[list[Line]]) -> str:
    """The text of all pages, one paragraph (or heading, caption, dateline) a line."""
    out: list[str] = []
    runs_on = False
    for lines in pages:
        if not lines:
            continue
        gaps = [a.y - b.y for a, b in zip(lines, lines[1:], strict=False) if a.y - b.y > 0]
        leading = statistics.median(gaps) if gaps else 1.2 * lines[0].size
        rights = sorted(ln.right for ln in lines)
        right = rights[int(len(rights) * 0.9)]
        left = min(ln.x for ln in lines)
        for i, line in enumerate(lines):
            text = line.text.strip()
            if runs_on and out and not (i == 0 and line.x > left + 0.5 * line.size):
                out[-1] += text
            else:
                out.append(text)
            runs_on = _runs_on(line, lines[i + 1] if i + 1 < len(lines) else None,
                               right=right, left=left, leading=leading)
    return "\n".join(out)


def pdf_to_text(data: bytes) -> ExtractedText:
    """The text layer, lines rejoined into paragraphs; FormatError for a PDF that cannot be read."""
    import pypdf
    from pypdf.errors import PyPdfError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise FormatError("the PDF is password-protected; save an unprotected copy")
        pages = [page_lines(page) for page in reader.pages]
        title = (reader.metadata or {}).get("/Title")
    except FormatError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError,
            RecursionError, NotImplementedError) as exc:
        raise FormatError(f"not a readable PDF ({type(exc).__name__}: {str(exc)[:80]})") from exc
    text = rejoin(pages)
    if not text.strip():
        raise FormatError("the PDF has no text layer (a scan?); run OCR on it first")
    title = PLACEHOLDER_TITLE_RE.sub("", str(title or "")).strip()
    return ExtractedText(text, {"title": title} if title and not PLACEHOLDER_TITLE_RE.fullmatch(title) else {})
