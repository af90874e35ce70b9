"""Reading a real corpus: the seeds in every format and encoding give the seeds' graph.

Graphs are compared two ways. Where the decoded text is the seed's text byte for byte (encodings,
JSON Lines), the whole graph must be equal, provenance included (only the file path differs). Where
the text is extracted (HTML, DOCX, PDF) offsets and document hashes legitimately differ, so nodes
are compared by (label, name, properties) and edges by (type, source, target, properties), with
Document nodes named by their seed.
"""
from __future__ import annotations

import html
import io
import json
import shutil
from collections import Counter
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from huiyi.graph.inputs import documents, encoding, formats
from huiyi.graph.inputs.formats import FormatError
from huiyi.graph.run.pipeline import build_graph

PROVENANCE = {"doc", "doc_id", "evidence", "start", "end"}


def exact(G) -> tuple[dict, dict]:
    """Nodes and edges with all their data, but the file path (the copies live elsewhere)."""
    nodes = {n: {k: v for k, v in d.items() if k != "path"} for n, d in G.nodes(data=True)}
    edges = {(u, v, k): d for u, v, k, d in G.edges(keys=True, data=True)}
    return nodes, edges


def canonical(G) -> tuple[Counter, Counter]:
    """Nodes and edges without provenance; a Document is known by its seed's name."""
    def key(n):
        d = G.nodes[n]
        if d["label"] == "Document":
            return ("Document", d["name"].split("#")[-1].split(".")[0])
        return (d["label"], d["name"])

    def props(d, drop):
        return tuple(sorted((k, json.dumps(v, ensure_ascii=False)) for k, v in d.items() if k not in drop))

    nodes = Counter((key(n), props(d, {"label", "name"}) if d["label"] != "Document" else ())
                    for n, d in G.nodes(data=True))
    edges = Counter((d["type"], key(u), key(v), props(d, PROVENANCE | {"type"})) for u, v, d in G.edges(data=True))
    return nodes, edges


def assert_same_graph(G, expected, *, how=canonical):
    got_nodes, got_edges = how(G)
    want_nodes, want_edges = how(expected)
    if how is canonical:
        assert list((want_nodes - got_nodes).elements()) == [] and list((got_nodes - want_nodes).elements()) == []
        assert list((want_edges - got_edges).elements()) == [] and list((got_edges - want_edges).elements()) == []
    else:
        assert got_nodes == want_nodes
        assert got_edges == want_edges


@pytest.fixture(scope="module")
def seed_texts(seed_paths) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in seed_paths}


def write_all(folder: Path, seed_texts: dict[str, str], writer) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for stem, text in seed_texts.items():
        writer(folder, stem, text)
    return folder


def read_all(folder: Path):
    result = build_graph([folder])
    assert result.exit_code == 0, [o.line() for o in result.outcomes if o.outcome != "read"]
    return result


# ---------------------------------------------------------------- encodings
@pytest.mark.parametrize("codec", ["utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-16-be"])
def test_every_seed_in_an_encoding_gives_the_seeds_graph(tmp_path, seed_texts, seed_graph, codec):
    # GB18030 is GBK's superset: the seeds' no-break spaces exist only there, every other byte is GBK's.
    folder = write_all(tmp_path, seed_texts, lambda d, s, t: (d / f"{s}.txt").write_bytes(t.encode(codec)))
    assert_same_graph(read_all(folder).graph, seed_graph, how=exact)


@pytest.mark.parametrize("codecs", [{"001": "gbk", "004": "gbk"}, {"001": "big5", "004": "big5hkscs"}])
def test_traditional_seeds_in_gbk_and_big5_give_their_graph(tmp_path, seed_paths, codecs):
    # Big5 holds only Traditional characters: the two Traditional seeds are used as they are (004's
    # pinyin tone marks such as ā exist only in Big5-HKSCS); no Simplified seed is converted.
    chosen = [p for p in seed_paths if p.stem[:3] in codecs]
    utf8, legacy = tmp_path / "utf8", tmp_path / "legacy"
    for p in chosen:
        (utf8 / p.name).parent.mkdir(exist_ok=True)
        shutil.copy(p, utf8 / p.name)
        legacy.mkdir(exist_ok=True)
        (legacy / p.name).write_bytes(p.read_text(encoding="utf-8").encode(codecs[p.stem[:3]]))
    assert_same_graph(read_all(legacy).graph, read_all(utf8).graph, how=exact)


def test_detected_encoding_is_named(seed_texts):
    text = seed_texts["001_dfb1b050610469ea"]
    assert encoding.decode(text.encode("big5"))[1] == "big5hkscs"
    assert encoding.decode(text.encode("gbk"))[1] == "gb18030"
    assert encoding.decode(text.encode("utf-16-le"))[1] == "utf-16-le"
    assert encoding.decode(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, "UTF-8")


@pytest.mark.parametrize("make, reason", [
    (lambda t: t.encode("big5").decode("gbk", "replace").encode("utf-8"), "replacement characters"),
    (lambda t: t.encode("utf-8").decode("gbk", "ignore").encode("utf-8"), "mojibake"),
    (lambda t: t.encode("utf-8").decode("cp1252", "ignore").encode("utf-8"), "Latin-1"),
    (lambda t: t.encode("utf-8")[:-1] + b"\xff" + t.encode("utf-8"), "not valid UTF-8"),
    (lambda t: b"\x00\x01\x02" * 100, "binary"),
    (lambda t: b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG"),
])
def test_mojibake_and_binary_are_refused_not_read(seed_texts, make, reason):
    with pytest.raises(FormatError, match=reason):
        encoding.decode(make(seed_texts["001_dfb1b050610469ea"]))


# ---------------------------------------------------------------- HTML
def page(text: str, *, charset: str = "utf-8", date: str | None = None) -> str:
    """A news page: the report's lines as paragraphs inside navigation, scripts, teasers and a footer."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    head_date = f'<meta name="PubDate" content="{date} 08:14">' if date else ""
    paragraphs = "\n".join(f"<p>{html.escape(ln)}</p>" for ln in lines[1:])
    return f"""<!DOCTYPE html><html><head><meta charset="{charset}"><title>{html.escape(lines[0])}_云南网</title>
{head_date}<meta name="ContentSource" content="云南日报"><link rel="canonical" href="https://news.example.cn/a/1.html">
<script>var menu = "首页 新闻 要闻 省委常委会召开会议";</script><style>p {{ margin: 0 }}</style></head>
<body><div id="top"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/gov">政务</a></li></ul>
<div class="breadcrumb">当前位置:首页 &gt; 新闻 &gt; 要闻</div></div>
<div class="wrap"><div class="article"><h1>{html.escape(lines[0])}</h1>
{paragraphs}
</div><div class="related"><h3>相关新闻</h3><ul><li><a href="/x">省政府常务会议研究部署春耕工作 王小明主持</a></li></ul></div></div>
<div class="footer"><p>版权所有 云南网 滇ICP备08000875号</p></div><script>document.write("广告位招租")</script>
</body></html>"""


def test_html_pages_give_the_seeds_graph(tmp_path, seed_texts, seed_graph):
    def write(d, stem, text):
        if stem.startswith("003"):  # one page as a Chinese site serves it: GB18030 bytes declared gb2312
            (d / f"{stem}.htm").write_bytes(page(text, charset="gb2312").encode("gb18030"))
        else:
            (d / f"{stem}.html").write_text(page(text), encoding="utf-8")
    assert_same_graph(read_all(write_all(tmp_path, seed_texts, write)).graph, seed_graph)


@pytest.mark.parametrize("declared", ["iso-8859-1", "latin1", "utf-16", "windows-1252", "big5", "no-such-charset"])
def test_a_utf8_page_that_declares_another_charset_is_read_as_utf8(tmp_path, seed_texts, declared):
    # Templates and servers often declare a charset the page is not in; iso-8859-1 decodes any bytes,
    # so its mojibake refused the page (as "UTF-8 read as Latin-1 and saved again", which it was not)
    text = seed_texts["000_fbcf11dee7c9eea9"]
    (tmp_path / "a.html").write_bytes(page(text, charset=declared).encode("utf-8"))
    (doc,) = documents.read_path(tmp_path / "a.html")
    assert "云南省委书记陈豪强调" in doc.raw


def test_html_keeps_the_article_and_drops_the_page_chrome(seed_texts):
    text = seed_texts["000_fbcf11dee7c9eea9"]
    got = formats.html_to_text(page(text, date="2020-02-21"))
    for chrome in ("首页", "当前位置", "var menu", "相关新闻", "王小明", "版权所有", "广告位招租", "margin"):
        assert chrome not in got.text
    assert got.text.startswith("陈豪:严格落实分区分级精准防控要求")
    assert "云南省委书记陈豪强调" in got.text
    assert got.meta == {"title": "陈豪:严格落实分区分级精准防控要求\xa0统筹推进疫情防控和复工复产工作_云南网",
                        "date": "2020-02-21", "source": "云南日报", "url": "https://news.example.cn/a/1.html"}


def test_html_without_semantic_tags_finds_the_body_by_its_paragraphs():
    markup = ("<html><body><div><a href='/'>首页</a> <a href='/n'>新闻中心</a></div>"
              "<div id='main-list'><div>推荐:别的新闻标题</div></div><div class='TRS_Editor'>"
              + "".join(f"<p>第{i}段,会议要求各地<b>认真</b>落实。</p>" for i in range(8))
              + "</div><div>联系我们 | 网站地图</div></body></html>")
    got = formats.html_to_text(markup).text
    assert got.split("\n")[0] == "第0段,会议要求各地认真落实。" and "网站地图" not in got and "首页" not in got


# ---------------------------------------------------------------- DOCX, PDF, JSON Lines
def test_docx_files_give_the_seeds_graph(tmp_path, seed_texts, seed_graph):
    import docx

    def write(d, stem, text):
        document = docx.Document()
        for line in text.split("\n"):
            document.add_paragraph(line)
        document.save(d / f"{stem}.docx")
    assert_same_graph(read_all(write_all(tmp_path, seed_texts, write)).graph, seed_graph)


def pdf_bytes(text: str) -> bytes:
    """A real PDF of the text: justified CJK lines from reportlab's layout, paragraphs indented.

    STSong-Light is one of the PDF reader's standard Chinese fonts, referenced rather than embedded,
    so no font file is needed; its text layer maps back to Unicode through the UniGB-UCS2-H CMap.
    """
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("body", fontName="STSong-Light", fontSize=10.5, leading=16, wordWrap="CJK",
                           spaceAfter=6, firstLineIndent=21)
    buf = io.BytesIO()
    SimpleDocTemplate(buf).build([Paragraph(escape(ln), style) for ln in text.split("\n") if ln.strip()])
    return buf.getvalue()


def one_seed_graph(folder: Path, name: str, data: bytes):
    folder.mkdir(parents=True)
    (folder / name).write_bytes(data)
    return read_all(folder).graph


@pytest.mark.parametrize("stem", [
    "000_fbcf11dee7c9eea9",  # its layout breaks '记者 周灿 摄' into '记者 周灿摄': the credit must not join the name
    "001_dfb1b050610469ea", "002_04014abf66e0f699", "003_d3c6fe3a4f49bc7c", "004_269797458f8b12ec"])
def test_a_pdf_of_each_seed_gives_that_seeds_graph(tmp_path, seed_paths, stem):
    path = next(p for p in seed_paths if p.stem == stem)
    text = path.read_text(encoding="utf-8")
    pdf = one_seed_graph(tmp_path / "pdf", f"{stem}.pdf", pdf_bytes(text))
    txt = one_seed_graph(tmp_path / "txt", path.name, text.encode("utf-8"))
    assert_same_graph(pdf, txt)


def test_pdf_lines_are_rejoined_into_paragraphs(seed_texts):
    text = seed_texts["003_d3c6fe3a4f49bc7c"]
    extracted = formats.pdf_to_text(pdf_bytes(text))
    got = extracted.text
    assert "title" not in extracted.meta  # reportlab's placeholder "untitled" is no title
    paragraphs = [ln.strip() for ln in text.split("\n") if ln.strip()]
    assert len(got.split("\n")) <= len(paragraphs) + 2
    assert paragraphs[3].replace(" ", "") in got.replace(" ", "")


def test_json_lines_give_the_seeds_graph(tmp_path, seed_texts, seed_graph):
    lines = [json.dumps({"id": stem, "text": text}, ensure_ascii=False) for stem, text in seed_texts.items()]
    (tmp_path / "export.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = read_all(tmp_path)
    assert sorted(d.name for d in result.documents) == sorted(f"export.jsonl#{s}" for s in seed_texts)
    assert_same_graph(result.graph, seed_graph)


def test_json_lines_bad_lines_are_reported_by_number_and_the_rest_is_read(tmp_path, seed_texts):
    text = seed_texts["003_d3c6fe3a4f49bc7c"]
    (tmp_path / "x.jsonl").write_text("\n".join([
        "{not json", json.dumps({"text": text}), json.dumps({"id": "a", "text": ""}), "[1, 2]", "",
        json.dumps({"id": "ok", "text": text}, ensure_ascii=False),
        json.dumps({"id": "ok", "text": text + "。"}, ensure_ascii=False)]), encoding="utf-8")
    result = build_graph([tmp_path])
    problems = {o.input: o.reason for o in result.outcomes if o.outcome == "skipped"}
    where = str(tmp_path / "x.jsonl")
    assert set(problems) == {f"{where}:{n}" for n in (1, 2, 3, 4, 7)}
    assert problems[f"{where}:1"].startswith("not JSON")
    assert "id" in problems[f"{where}:2"] and "text" in problems[f"{where}:3"]
    assert "already used on line 6" in problems[f"{where}:7"]
    assert [d.name for d in result.documents] == ["x.jsonl#ok"] and result.exit_code == 1


@pytest.mark.parametrize("line", ["{not json", '{"url": "https://example.cn/1", "content": "会议"}'])
def test_a_file_whose_first_records_are_all_unreadable_is_given_up_and_says_why(tmp_path, seed_texts, line):
    # Five unreadable records and none read: not JSON Lines of reports (another export's keys, or not
    # JSON at all); the closing line says so in words true of both, and the rest is not read.
    good = json.dumps({"id": "late", "text": seed_texts["003_d3c6fe3a4f49bc7c"]}, ensure_ascii=False)
    (tmp_path / "x.jsonl").write_text("\n".join([line] * 5 + [good]), encoding="utf-8")
    result = build_graph([tmp_path])
    problems = {o.input: o.reason for o in result.outcomes if o.outcome == "skipped"}
    where = str(tmp_path / "x.jsonl")
    assert problems[f"{where}:1"].startswith("not JSON" if line.startswith("{not") else "no \"id\"")
    assert "none of the first 5 records could be read" in problems[f"{where}:5"]
    assert '{"id", "text"}' in problems[f"{where}:5"] and "not JSON;" not in problems[f"{where}:5"]
    assert f"{where}:6" not in problems and result.documents == []


def test_half_an_emoji_escaped_alone_in_json_lines_is_read_as_a_replacement_character(tmp_path, seed_texts):
    # `\\ud83d` without its second half (an exporter cut the emoji) is valid JSON but no character:
    # graph.json, the page and the store could not hold it, and the whole build stopped on it.
    from huiyi.loaders.json_export import read_json, write_json
    text = seed_texts["003_d3c6fe3a4f49bc7c"]
    cut, whole = "\ud83d", "\ud83d\ude00"  # (json.dumps escapes both: the file holds them as escapes)
    at = text.index("主持会议") + 4  # in the sentence that gives the chair: an edge's evidence
    lines = [json.dumps({"id": "a" + cut, "text": text[:at] + cut + text[at:], "title": "标题" + cut}),
             json.dumps({"id": "b", "text": whole + text})]
    (tmp_path / "x.jsonl").write_text("\n".join(lines), encoding="utf-8")
    result = build_graph([tmp_path], keep_text=True)
    first, second = result.documents
    assert (first.name, first.meta.title) == ("x.jsonl#a\ufffd", "标题\ufffd")
    assert first.raw == text[:at] + "\ufffd" + text[at:] and second.raw == "\U0001F600" + text
    write_json(result.graph, tmp_path / "graph.json")
    evidence = [d["evidence"] for _, _, d in read_json(tmp_path / "graph.json").edges(data=True)]
    assert any("\ufffd" in e for e in evidence) and not any("\ud83d" in e for e in evidence)


def test_json_lines_records_over_the_size_limit_are_skipped_while_streaming(tmp_path, seed_texts):
    big = json.dumps({"id": "big", "text": "会" * 300_000}, ensure_ascii=False)
    small = json.dumps({"id": "small", "text": seed_texts["003_d3c6fe3a4f49bc7c"]}, ensure_ascii=False)
    (tmp_path / "x.jsonl").write_text(big + "\n" + small + "\n", encoding="utf-8")
    result = build_graph([tmp_path], max_mb=0.5)
    assert [d.name for d in result.documents] == ["x.jsonl#small"]
    assert "over the 0.5 MB limit" in next(o.reason for o in result.outcomes if o.outcome == "skipped")


def test_a_given_publish_date_and_url_are_used_when_the_text_has_none(tmp_path, seed_texts):
    # Seed 001 dates its meeting "2月19日下午" with no year and prints no publish date.
    record = {"id": "001", "text": seed_texts["001_dfb1b050610469ea"], "date": "2020/02/20 09:00",
              "url": "https://example.cn/001.html", "title": "李锦斌主持召开指挥长会议", "source": "安徽日报"}
    (tmp_path / "x.jsonl").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    G = build_graph([tmp_path]).graph
    doc = next(d for _, d in G.nodes(data=True) if d["label"] == "Document")
    assert (doc["date"], doc["url"]) == ("2020-02-20", "https://example.cn/001.html")
    meeting = next(d for _, d in G.nodes(data=True) if d["label"] == "Meeting" and d["name"] == "指挥长会议")
    assert meeting["date"] == "2020-02-19"


# ---------------------------------------------------------------- discovery
def test_globs_folders_and_files_are_expanded_each_file_once(tmp_path, seed_paths):
    (tmp_path / "a" / "b").mkdir(parents=True)
    shutil.copy(seed_paths[0], tmp_path / "a" / "b" / "x.txt")
    shutil.copy(seed_paths[1], tmp_path / "a" / "y.txt")
    (tmp_path / "a" / "photo.png").write_bytes(b"\x89PNG")
    (tmp_path / "a" / ".hidden.txt").write_text("x")
    found = documents.discover([str(tmp_path / "**" / "*.txt"), tmp_path / "a", tmp_path / "a" / "y.txt"])
    assert [p.name for p in found.files] == ["x.txt", "y.txt"]
    assert [p.name for p in found.ignored] == ["photo.png"]
    with pytest.raises(documents.InputError, match="no file matches it as a pattern"):
        documents.discover([str(tmp_path / "*.html")])
    with pytest.raises(documents.InputError, match="no such file"):
        documents.discover([tmp_path / "nope"])


def test_the_output_folder_inside_an_input_is_not_read(tmp_path, seed_paths):
    shutil.copy(seed_paths[0], tmp_path / seed_paths[0].name)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "graph.html").write_text("<html><body><p>old view</p></body></html>")
    found = documents.discover([tmp_path], exclude=[tmp_path / "out"])
    assert [p.name for p in found.files] == [seed_paths[0].name]
