"""Plain text out of the formats reports come in: HTML pages, PDFs (text layer), Word .docx and
JSON Lines exports. Each reader returns the text the extractors see (which becomes `Document.raw`,
the text evidence spans index) and the metadata the file itself gives (title, date, url, source).

Readers raise `FormatError` with a reason a user can act on; `documents.py` names the file.
"""
from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from typing import IO, Iterator

from ..models import HuiyiError


class FormatError(HuiyiError):
    """The bytes are not a readable file of the format its name or signature says."""


@dataclass
class ExtractedText:
    text: str
    meta: dict[str, str] = field(default_factory=dict)  # DocumentMeta fields the file gives


ISO_DATE_RE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


def iso_date(value: object) -> str | None:
    """`2020-02-21 08:14`, `2020/2/21`, `2020年2月21日`, `20200221` -> `2020-02-21`; else None."""
    s = str(value or "").strip()
    m = ISO_DATE_RE.search(s) or re.match(r"(\d{4})(\d\d)(\d\d)\b", s)
    if not m:
        return None
    y, mo, d = (int(g) for g in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None


# ---------------------------------------------------------------- HTML
# Elements that are never article text, and class/id words that mark page chrome.
DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "canvas", "nav", "header",
             "footer", "aside", "form", "button", "select", "textarea", "object", "embed", "head")
CHROME_RE = re.compile(r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|footer|foot|sidebar|side|"
                       r"share|social|comments?|related|recommend|copyright|advert|ads?|banner|toolbar|"
                       r"pager|pagination|location|position)(?:$|[\s_-])", re.I)
BLOCK_TAGS = {"address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
              "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section",
              "table", "tbody", "td", "th", "thead", "tr", "ul", "body", "center"}
MAIN_SELECTORS = ("[itemprop=articleBody]", "article", "main", "[role=main]")
META_NAMES = {
    "title": ("og:title", "ArticleTitle", "title", "twitter:title"),
    "date": ("article:published_time", "PubDate", "pubdate", "publishdate", "publish_date",
             "og:published_time", "datePublished", "date", "DC.date", "dc.date.issued", "firstpublishedtime"),
    "url": ("og:url",),
    "source": ("ContentSource", "source", "og:site_name", "SiteName"),
}
WS_RE = re.compile(r"[ \t\r\n\f]+")  # HTML whitespace; no-break and ideographic spaces are text


def _html_meta(tree) -> dict[str, str]:
    values: dict[str, str] = {}
    for node in tree.css("meta"):
        a = node.attributes
        key, content = a.get("name") or a.get("property") or a.get("itemprop"), (a.get("content") or "").strip()
        if key and content:
            values.setdefault(key.lower(), content)
    meta: dict[str, str] = {}
    for field_, names in META_NAMES.items():
        for name in names:
            if values.get(name.lower()):
                meta[field_] = values[name.lower()]
                break
    if "date" in meta:
        date = iso_date(meta.pop("date"))
        if date:
            meta["date"] = date
    canonical = tree.css_first("link[rel=canonical]")
    if canonical is not None and (canonical.attributes.get("href") or "").startswith("http"):
        meta["url"] = canonical.attributes["href"]
    title = tree.css_first("title")
    if "title" not in meta and title is not None and title.text(strip=True):
        meta["title"] = title.text(strip=True)
    return meta


def _block_text(root) -> str:
    """The text under `root`, one line per block element, inline runs joined, whitespace collapsed."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = WS_RE.sub(" ", "".join(current)).strip()
        if line:
            lines.append(line)
        current.clear()

    stack = [(root, False)]
    while stack:  # iterative: a page nested thousands deep must not hit the recursion limit
        node, leaving = stack.pop()
        if leaving:
            flush()
            continue
        if node.tag == "-text":
            current.append(node.text_content or "")
            continue
        if node.tag in BLOCK_TAGS:
            flush()
            stack.append((node, True))
        children = list(node.iter(include_text=True))
        stack.extend((c, False) for c in reversed(children) if c.tag != "-comment")
    flush()
    return "\n".join(lines)


def _main_node(tree):
    """The article body: a semantic container with most of the text, else the parent of most <p> text."""
    body = tree.body
    if body is None:
        return None
    total = len(body.text(strip=True)) or 1
    for selector in MAIN_SELECTORS:
        for node in tree.css(selector):
            if len(node.text(strip=True)) >= 0.3 * total:
                return node
    by_parent: dict[int, tuple[object, int]] = {}
    for p in tree.css("p"):
        parent = p.parent
        if parent is not None:
            node, n = by_parent.get(parent.mem_id, (parent, 0))
            by_parent[parent.mem_id] = (node, n + len(p.text(strip=True)))
    if by_parent:
        node, n = max(by_parent.values(), key=lambda t: t[1])
        if n >= 0.5 * total:
            return node
    return body


def _ancestors(node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def _chrome(tree) -> list:
    """Elements that are page chrome, outermost only (so none is removed after its parent)."""
    picked: dict[int, object] = {}
    total = len(tree.body.text(strip=True)) if tree.body is not None else 0
    for node in tree.css(", ".join(DROP_TAGS)):
        if node.tag in ("header", "footer") and any(a.tag in ("article", "main") for a in _ancestors(node)):
            continue  # an article's own header (headline, dateline) and footer (editors) are its text
        picked[node.mem_id] = node
    for node in tree.css("[class], [id]"):
        words = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        if CHROME_RE.search(words) and node.tag not in ("body", "html", "article", "main") \
                and len(node.text(strip=True)) < 0.5 * total:  # never the element holding most of the text
            picked[node.mem_id] = node
    return [n for n in picked.values() if not any(a.mem_id in picked for a in _ancestors(n))]


def html_to_text(markup: str) -> ExtractedText:
    """The article body of a page (no navigation, scripts, footers), with the page's own metadata."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(markup)
    meta = _html_meta(tree)
    for node in _chrome(tree):
        node.decompose()
    main = _main_node(tree)
    text = _block_text(main) if main is not None else ""
    h1 = tree.css_first("h1")
    if main is not None and h1 is not None and h1.text(strip=True) and h1.text(strip=True) not in text[:300]:
        text = WS_RE.sub(" ", h1.text()).strip() + "\n" + text  # the headline sits outside the body div
    return ExtractedText(text, meta)


# ---------------------------------------------------------------- PDF
def pdf_to_text(data: bytes) -> ExtractedText:
    """The text layer with the layout's line breaks undone (see pdf_text.py)."""
    from .pdf_text import pdf_to_text as read_pdf
    return read_pdf(data)


# ---------------------------------------------------------------- DOCX
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"


def _docx_lines(body: IO[bytes], max_chars: int | None) -> Iterator[str]:
    """Paragraphs outside tables, and table rows (their cells' text joined by spaces), in document
    order, streamed: memory stays small whatever the size of the XML, and reading stops at
    `max_chars` of text (FormatError)."""
    from lxml import etree

    para: list[str] = []
    cell: list[str] = []
    row: list[str] = []
    tables = chars = 0
    for event, elem in etree.iterparse(body, events=("start", "end"), resolve_entities=False, no_network=True,
                                       load_dtd=False, huge_tree=False):
        tag = elem.tag
        if event == "start":
            tables += tag == W_NS + "tbl"
            continue
        if tag == W_NS + "t":
            para.append(elem.text or "")
        elif tag in (W_NS + "tab",):
            para.append("\t")
        elif tag in (W_NS + "br", W_NS + "cr"):
            para.append("\n")
        elif tag == W_NS + "p":
            text, para = "".join(para), []
            chars += len(text) + 1
            if max_chars is not None and chars > max_chars:
                raise FormatError(f"holds over {size_text(max_chars)} of text once unpacked, over the limit; "
                                  "split it, or raise the limit with --max-mb")
            if tables:
                cell.append(text)
            else:
                yield text
        elif tag == W_NS + "tc":
            row.append("\n".join(cell).strip())
            cell = []
        elif tag == W_NS + "tr":
            yield " ".join(row)
            row = []
        elif tag == W_NS + "tbl":
            tables -= 1
        if tag in (W_NS + "p", W_NS + "tr", W_NS + "tbl"):
            elem.clear()  # what was read goes: the tree never holds more than one paragraph's worth
            while elem.getprevious() is not None:
                del elem.getparent()[0]


def _docx_title(archive) -> str | None:
    from lxml import etree
    try:
        core = etree.fromstring(archive.read("docProps/core.xml"), etree.XMLParser(resolve_entities=False))
    except KeyError:
        return None
    title = core.find(DC_TITLE)
    return title.text.strip() if title is not None and title.text and title.text.strip() else None


def docx_to_text(data: bytes, *, max_chars: int | None = None) -> ExtractedText:
    """Paragraphs and table rows in document order, one a line (see `_docx_lines`)."""
    import zipfile

    from lxml.etree import LxmlError

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            with archive.open("word/document.xml") as body:
                text = "\n".join(_docx_lines(body, max_chars))
            title = _docx_title(archive)
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError, LxmlError, RecursionError) as exc:
        # LxmlError: XML that is truncated, nested too deep, or holds a text node too large to parse
        raise FormatError(f"not a readable .docx ({type(exc).__name__}); re-save it from Word as .docx") from exc
    if not text.strip():
        raise FormatError("the .docx holds no text")
    return ExtractedText(text, {"title": title} if title else {})


def size_text(n: int) -> str:
    """A size as people read it: 52 MB, 1.5 MB, 1 KB, 300 bytes."""
    for unit, scale in (("MB", 2**20), ("KB", 2**10)):
        if n >= scale / 10:
            return f"{n / scale:.{0 if n >= 10 * scale else 1}f} {unit}".replace(".0 ", " ")
    return f"{n} bytes"


# ---------------------------------------------------------------- JSON Lines
@dataclass
class Record:
    line: int  # 1-based line number in the file; problems name it as `file:line`
    id: str = ""
    extracted: ExtractedText | None = None
    problem: str = ""  # why the line was not read


RECORD_FIELDS = ("title", "date", "url", "source")
LONE_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _unicode(value: str) -> str:
    """A JSON string as text. JSON may escape half of a UTF-16 pair alone (`\\ud83d`: an emoji cut in
    two by the exporter), which is no character and which no UTF-8 output can hold: U+FFFD stands for
    it, as a decoder's "replace" does for bad bytes."""
    try:
        value.encode("utf-8")  # (the quick test: only a lone half fails it)
        return value
    except UnicodeEncodeError:
        return LONE_SURROGATE_RE.sub("\ufffd", value)


def parse_record(line: bytes, number: int) -> Record | None:
    """One JSON Lines record (`id`, `text`, optional title/date/url/source); None for a blank line."""
    if not line.strip():
        return None
    try:
        obj = json.loads(line.decode("utf-8-sig" if number == 1 else "utf-8"))
    except UnicodeDecodeError as exc:
        return Record(number, problem=f"not UTF-8 at byte {exc.start} (JSON Lines must be UTF-8)")
    except json.JSONDecodeError as exc:
        return Record(number, problem=f"not JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(obj, dict):
        return Record(number, problem='not a JSON object; each line needs {"id", "text"}')
    rid, text = obj.get("id"), obj.get("text")
    if not isinstance(rid, (str, int)) or isinstance(rid, bool) or not str(rid).strip():
        return Record(number, problem="no \"id\" (a string or number)")
    rid = _unicode(str(rid).strip())
    if not isinstance(text, str) or not text.strip():
        return Record(number, rid, problem=f"record {rid} has no \"text\", or it is empty")
    text = _unicode(text)
    meta = {k: _unicode(str(obj[k]).strip()) for k in RECORD_FIELDS
            if isinstance(obj.get(k), (str, int)) and not isinstance(obj.get(k), bool) and str(obj[k]).strip()}
    if "date" in meta and not (date := iso_date(meta["date"])):
        del meta["date"]
    elif "date" in meta:
        meta["date"] = date
    return Record(number, rid, ExtractedText(text, meta))


def _lines(stream: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(number, line, size); line is None when longer than max_bytes (skipped without holding it)."""
    number = 0
    while line := stream.readline(max_bytes + 1):
        number += 1
        if len(line) <= max_bytes or line.endswith(b"\n"):
            yield number, (line if len(line) <= max_bytes else None), len(line)
            continue
        size = len(line)
        while (chunk := stream.readline(1 << 20)) and not chunk.endswith(b"\n"):
            size += len(chunk)
        yield number, None, size + len(chunk)


def iter_records(stream: IO[bytes], *, max_bytes: int, give_up_after: int = 5) -> Iterator[Record]:
    """Records of a JSON Lines stream, read line by line (a file of any size), bad lines included.

    A file whose first `give_up_after` records are all bad is not JSON Lines: one last Record says so.
    """
    good = bad = 0
    for number, line, size in _lines(stream, max_bytes):
        if line is None:
            record = Record(number, problem=f"a record of {size_text(size)}, over the "
                                            f"{size_text(max_bytes)} limit (--max-mb)")
        elif (record := parse_record(line, number)) is None:
            continue
        if record.problem:
            bad += 1
        else:
            good += 1
        yield record
        if bad >= give_up_after and not good:
            # (each said why; they may be JSON, only not reports: a scraper's export with other keys)
            yield Record(number, problem=f"none of the first {bad} records could be read (each is listed with "
                                         'its reason): not a JSON Lines file of reports, one {"id", "text"} '
                                         "object a line; the rest of it is not read")
            return
