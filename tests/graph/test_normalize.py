"""Normalisation: each case of the issue, and the map back to the original text."""
from huiyi.graph.text.normalize import (
    CHROME_LINE_RE,
    FOLD,
    Aligned,
    collapse_digit_spaces,
    dedupe_blocks,
    drop_chrome,
    fold_punctuation,
    looks_like_pdf,
    normalize,
    rejoin_lines,
    split_sentences,
    strip_glosses,
    to_simplified,
)


def clean(raw: str) -> str:
    return normalize(raw)[0].text


def test_toneless_glosses_with_repeats_are_removed():
    assert clean("省(sheng)委(wei)書(shu)(shu)記李錦斌") == "省委书记李锦斌"


def test_tone_marked_glosses_and_trailing_space_are_removed():
    assert strip_glosses(Aligned.of("阮成發(fā)出席會(huì )議")).text == "阮成發出席會議"


def test_real_parentheses_stay():
    for text in ("各州(市)、县(市、区)设分会场", "(记者 周灿 摄)", "(2020年2月27日)", "世界卫生组织(WHO)"):
        assert strip_glosses(Aligned.of(text)).text == text


def test_traditional_becomes_simplified_one_for_one():
    a = to_simplified(Aligned.of("省委副書記、省長、領導小組組長阮成發強調"))
    assert a.text == "省委副书记、省长、领导小组组长阮成发强调"
    assert len(a.text) == len(a.offsets)


def test_script_is_detected():
    assert normalize("阮成發(fā)強調(diào)要堅決打好防控境外疫情輸入阻擊戰")[1] == "hant+pinyin"
    assert normalize("陈豪强调要坚决打赢疫情防控阻击战")[1] == "hans"
    assert normalize("縣委書記陸衛東主持召開縣委常委會會議並講話")[1] == "hant"


def test_offsets_map_back_to_the_original():
    raw = "省(sheng)委(wei)書(shu)(shu)記李錦斌主持召開會議。"
    a, _ = normalize(raw)
    assert a.text.startswith("省委书记李锦斌")
    i = a.text.index("李锦斌")
    assert raw[a.offsets[i]:a.offsets[i + 2] + 1] == "李錦斌"
    assert all(x < y for x, y in zip(a.offsets, a.offsets[1:], strict=False))


def test_teaser_blocks_and_footers_are_dropped_bylines_kept():
    raw = ("会议强调要做好防控工作。\n(记者 杨猛 陈晓波)\n\n(责编:徐前、朱红霞)\n\n推荐阅读\n\n"
           "飞向蓝天的“卓玛”  格茸卓玛仿佛是村里的“明星”。\n\n要闻\n\n")
    text = clean(raw)
    assert "杨猛" in text and "徐前" in text
    assert "卓玛" not in text and "要闻" not in text


def test_footer_lines_are_dropped():
    raw = ("会议强调要做好防控工作。\n责任编辑:钱霓\n订阅《春城手机报》:发送CCYL到10658000\n"
           "新闻爆料热线:0871-64160447\n滇ICP备08000875号\n24小时网站违法和不良信息举报电话:0871-64166935\n"
           "未经云南网书面特别授权,请勿转载\n")
    text = clean(raw)
    assert "钱霓" in text
    for junk in ("订阅", "爆料", "ICP", "举报", "授权"):
        assert junk not in text


def test_a_footer_line_is_dropped_whichever_of_its_words_the_text_holds():
    # (drop_chrome tries lines only in a text holding one of the words: each word must be found)
    body = "会议强调要做好防控工作。\n"
    for word in CHROME_LINE_RE.words:
        line = f"{word}2023"
        dropped = drop_chrome(Aligned.of(body + line + "\n")).text == body
        assert dropped == bool(CHROME_LINE_RE.search(line)), word
    assert drop_chrome(Aligned.of(body + "打印本页\n")).text == body


def test_document_library_banner_is_dropped():
    raw = ("文库 实用文档 经验交流发言\n\n标题:在全省会议上的讲话\n温馨提示:当前文档最多只能预览 2 页,请下载原文档。\n"
           "讲话正文在这里。\n剩余5页未读, 下载浏览全部\n")
    text = clean(raw)
    assert "温馨提示" not in text and "剩余" not in text and "文库" not in text
    assert "讲话正文在这里" in text


def test_pdf_lines_broken_mid_sentence_are_rejoined():
    lines = ["今天会议主要是认真学习贯彻习近平总书记重要讲话、", "重要指示精神,根据省委视频会议安排部署当前统筹疫情",
             "防控和经济社会发展重点工作。下面,我讲四点意见。"] * 4
    raw = "\n".join(lines)
    assert looks_like_pdf(raw)
    text = rejoin_lines(Aligned.of(raw)).text
    assert "安排部署当前统筹疫情防控和经济社会发展" in text


def test_preview_and_full_text_give_one_text():
    preview = "要清醒认识到,虽然疫情防控形势积极向好的态势正在拓展,但仍然不容乐观"
    full = "前言。" + preview + "。从全国看,湖北省和武汉市疫情形势依然复杂严峻,其他地区疫情反弹风险也不可忽视。"
    text = dedupe_blocks(Aligned.of("标题\n" + preview + "\n" + full)).text
    assert text.count("态势正在拓展") == 1


def test_spaced_pdf_dates_are_joined():
    assert collapse_digit_spaces(Aligned.of("( 2020 年 2 月 27 日)")).text == "(2020年2月27日)"


def test_seed_002_reads_as_one_clean_text(seed_paths):
    raw = seed_paths[2].read_text(encoding="utf-8")
    a, script = normalize(raw)
    assert script == "hans-pdf"
    assert a.text.count("昨天,习近平总书记主持召开中央政治局常委会会议") == 1
    assert "温馨提示" not in a.text and "(2020年2月27日)" in a.text


def test_sentences_split_on_closing_punctuation():
    text = "会议指出,要抓好防控。陈豪强调,要“六稳”!\n阮成发出席"
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["会议指出,要抓好防控。", "陈豪强调,要“六稳”!", "阮成发出席"]


def test_drop_chrome_keeps_ordinary_text():
    raw = "2月20日下午,全省会议在昆明召开。\n云南省委书记陈豪强调,要做好工作。\n"
    assert drop_chrome(Aligned.of(raw)).text == raw


def test_a_lead_whose_other_sentences_recur_below_keeps_its_own_sentence():
    recurring = ("要清醒认识到,虽然村组、社区解除了硬封闭,但绝不意味着排查甄别就可以不做了。"
                 "每次回家,格茸卓玛仿佛是村里的“明星”,乡亲们围着她问这问那。")
    lead = "9月23日,省政府第2次常务会议在大连召开。" + recurring
    later = "会议要求,各成员单位要制定部门工作方案,明确职责任务,完善疫情应对预案。" + recurring + "切实做到不漏一人。"
    text = dedupe_blocks(Aligned.of("标题\n" + lead + "\n" + later)).text
    assert "省政府第2次常务会议在大连召开" in text  # the lead holds a sentence the longer line lacks
    assert text.count("制定部门工作方案") == 1


def test_variants_opencc_leaves_are_folded_one_for_one():
    raw = "區委常委王玨、副區長李瑯出席會議。"
    a, _ = normalize(raw)
    assert "王珏" in a.text and "李琅" in a.text
    i = a.text.index("珏")
    assert raw[a.offsets[i]] == "玨"  # the offset still points at the original character


def test_standard_simplified_text_is_not_touched_by_the_variant_table():
    text = "坐在座位上等待大家,像往常一样覆盖全县。"
    assert clean(text) == text


def test_folding_in_two_passes_equals_one_translation_by_the_whole_table():
    # the often-folded characters are replaced one by one, the rest translated: same text as FOLD
    every = "".join(map(chr, FOLD))
    for text in (every, every[::-1], "会议,(主持)", "王某(女)主持会议。２０２４年３月\r\n玨", ""):
        folded = fold_punctuation(Aligned.of(text))
        assert folded.text == text.translate(FOLD) and len(folded.text) == len(text)
