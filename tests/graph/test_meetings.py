"""Meetings: names, dates (ISO, --MM-DD, relative days), places, and which report is about which."""
from huiyi.graph.extractors.dates import date_in, with_year
from huiyi.graph.extractors.meeting_names import same_meeting
from huiyi.graph.models import RelType
from tests.graph.helpers import meetings, pairs, run


def names_dates(doc):
    return {(m["name"], m["date"]) for m in meetings(doc).values()}


def test_reported_meeting_with_date_place_and_year_from_publish_date():
    doc = run("2020年02月21日08:14  来源:云南日报\n\n2月20日下午,全省疫情防控工作电视电话会议在昆明召开。"
              "云南省委书记陈豪出席会议。")
    (m,) = meetings(doc).values()
    assert (m["name"], m["date"], m["place"], m["reported"]) == ("全省疫情防控工作电视电话会议", "2020-02-20", "昆明", True)


def test_no_year_when_none_is_knowable():
    doc = run("4月2日,省委省政府应对疫情工作领导小组第11次会议在昆明召开。")
    assert names_dates(doc) == {("省委省政府应对疫情工作领导小组第11次会议", "--04-02")}


def test_relative_days_resolve_against_the_publish_date():
    doc = run("刘明:在全省视频调度会上的讲话\n(2020年2月27日)\n昨天,习近平总书记主持召开中央政治局常委会会议。")
    m = next(m for m in meetings(doc).values() if m["name"] == "中央政治局常委会会议")
    assert m["date"] == "2020-02-26" and m["reported"] is False  # the speech is about its own meeting


def test_yesterday_in_a_news_report_is_its_own_meeting_dated_from_the_dateline():
    doc = run("益阳新闻网益阳3月2日讯(记者 曹远)昨日下午,市长温建和主持召开市政府第21次常务会议。"
              "副市长邹立平、卜凡出席。")
    (m,) = meetings(doc).values()
    assert (m["date"], m["reported"]) == ("--03-01", True)
    assert doc.meta.date == "--03-02"


def test_today_with_day_in_brackets_and_a_dateline():
    doc = run("2020-01-29\n\n今天(29日)上午,省委书记杜明主持召开书记专题扩大会议。")
    assert names_dates(doc) == {("书记专题扩大会议", "2020-01-29")}
    doc = run("东北网鸡西4月13日讯(鸡西日报记者 薛山)4月10日,全国安全生产电视电话会议召开。")
    assert names_dates(doc) == {("全国安全生产电视电话会议", "--04-10")}


def test_date_ranges_and_yesterday():
    assert date_in("9月5日至6日,全市会议召开", "2021-09-10") == "2021-09-05"
    assert date_in("昨日下午", "2021-09-10") == "2021-09-09"
    assert date_in("1月26日下午", None) == "--01-26"
    assert with_year(12, 28, "2021-01-05") == "2020-12-28"  # a December meeting reported in January


def test_convener_names_a_meeting_given_by_ordinal_only():
    doc = run("2月4日,旬阳县政协召开九届二次主席会议。县政协主席田芳主持会议。")
    assert names_dates(doc) == {("旬阳县政协九届二次主席会议", "--02-04")}


def test_follow_on_meeting_on_the_same_day_stays_a_second_meeting():
    doc = run("4月10日,全国安全生产电视电话会议召开。随后,我省召开安全生产电视电话会议,迅速贯彻落实全国安全生产"
              "电视电话会议精神。")
    assert names_dates(doc) == {("全国安全生产电视电话会议", "--04-10"), ("省安全生产电视电话会议", "--04-10")}


def test_mentions_of_one_meeting_merge_and_the_fullest_name_wins():
    doc = run("阮成发在省委省政府应对疫情工作领导小组会议上强调\n4月2日,省委省政府应对疫情工作领导小组第11次会议"
              "在昆明召开。\n2月20日,云南省疫情防控工作电视电话会议在昆明召开。")
    assert names_dates(doc) == {("省委省政府应对疫情工作领导小组第11次会议", "--04-02"),
                                ("云南省疫情防控工作电视电话会议", "--02-20")}


def test_referenced_meetings_are_distinct():
    doc = run("会议传达学习了习近平总书记在中央外事工作会议上的重要讲话精神和中央政法工作会议精神;"
              "传达学习了市八届人大五次会议精神和市政协八届五次会议精神。")
    assert {m["name"] for m in meetings(doc).values()} == {
        "中央外事工作会议", "中央政法工作会议", "市八届人大五次会议", "市政协八届五次会议"}
    assert not any(m["reported"] for m in meetings(doc).values())


def test_a_speech_is_about_the_meeting_in_its_title():
    doc = run("刘国中:在当前重点工作视频调度会上的讲话\n(2020年2月27日)\n今天会议主要是学习贯彻重要讲话精神。")
    (m,) = meetings(doc).values()
    assert (m["name"], m["date"], m["reported"]) == ("当前重点工作视频调度会", "2020-02-27", True)


def test_same_meeting_rules():
    assert same_meeting("全省新冠肺炎疫情防控工作电视电话会议", "云南省疫情防控工作电视电话会议")
    assert not same_meeting("全国安全生产电视电话会议", "省安全生产电视电话会议")
    assert not same_meeting("中央农村工作会议", "中央外事工作会议")
    assert same_meeting("领导小组会议", "领导小组第11次会议")


def test_generic_words_are_not_meetings():
    doc = run("会议要求,要精心修改会议材料,确保大会顺利召开。省委书记李山出席会议并讲话。")
    assert meetings(doc) == {}


def test_meeting_names_with_brackets_dates_after_the_name_and_study_sessions():
    doc = run("12月1日,省委书记钟立新主持召开省委常委会(扩大)会议。")
    assert names_dates(doc) == {("省委常委会(扩大)会议", "--12-01")}
    doc = run("中国共产党潍坊市第十三届纪律检查委员会第四次全体会议,于2024年1月23日至24日在潍坊举行。")
    assert names_dates(doc) == {("中国共产党潍坊市第十三届纪律检查委员会第四次全体会议", "2024-01-23")}
    doc = run("7月5日,渝北区委理论学习中心组举行2024年第6次集体学习暨专题研讨交流。")
    assert names_dates(doc) == {("渝北区委理论学习中心组2024年第6次集体学习暨专题研讨交流", "2024-07-05")}


def test_descriptions_and_exhortations_are_not_meetings():
    doc = run("中央经济工作会议是在关键时刻召开的一次十分重要的会议。王林要求,与会人员回去后要迅速传达会议精神。"
              "李森强调,要把学习贯彻党的二十届三中全会精神作为重要政治任务。")
    assert {m["name"] for m in meetings(doc).values()} == {"党的二十届三中全会"}


def test_a_second_meeting_of_another_type_right_after():
    doc = run("3月5日,市人大常委会第三十五次会议召开。会后,黄国发主持召开市人大常委会第三十六次主任会议。")
    assert names_dates(doc) == {("市人大常委会第三十五次会议", "--03-05"), ("市人大常委会第三十六次主任会议", "--03-05")}


def test_a_body_that_holds_a_meeting_and_referenced_meetings_in_a_list():
    doc = run("宝鸡市委常委会召开会议\n3月30日,市委常委会召开会议,传达学习中央农村工作会议、省委农村工作会议精神。")
    names = {m["name"] for m in meetings(doc).values()}
    assert {"中央农村工作会议", "省委农村工作会议"} <= names
    assert len([n for n in names if "常委会" in n]) == 1


def test_after_a_meeting_of_several_days_is_its_last_day():
    doc = run("9月5日至6日,市人大常委会第十九次会议召开。会后,黄国发主持召开市人大常委会第三十六次主任会议。")
    assert names_dates(doc) == {("市人大常委会第十九次会议", "--09-05"), ("市人大常委会第三十六次主任会议", "--09-06")}


# ---- the open meeting head (issue 16) ------------------------------------------------------------
from huiyi.graph.extractors.meeting_names import ordinals_clash  # noqa: E402
from huiyi.graph.inputs.documents import document_from_text  # noqa: E402
from huiyi.graph.models import Label  # noqa: E402
from huiyi.graph.run.pipeline import extract  # noqa: E402


def names_rules(doc):
    return {(m["name"], m["rule"]) for m in meetings(doc).values()}


def test_a_meeting_of_any_name_ending_in_a_head_word_is_read():
    doc = run("3月5日,镇里召开驻村干部对接会,镇长李大明主持。")
    assert {m["name"] for m in meetings(doc).values()} == {"驻村干部对接会"}
    doc = run("县委理论学习中心组集中学习(扩大)会在县委礼堂召开。")
    assert names_rules(doc) == {("县委理论学习中心组集中学习(扩大)会", "held_in_place")}
    doc = run("全市招商引资项目推进暨签约会举行,市长赵一明出席。")
    assert names_rules(doc) == {("全市招商引资项目推进暨签约会", "held")}
    doc = run("纪念张三同志诞辰一百周年座谈会在京举行。")
    assert names_rules(doc) == {("纪念张三同志诞辰一百周年座谈会", "held_in_place")}


def test_a_delegation_session_and_a_quoted_name():
    doc = run("全国人大代表王小明参加江南代表团审议。")
    assert names_rules(doc) == {("江南代表团审议", "attended_meeting")}
    doc = run("6月11日,省工商联在京召开“商会系统对口帮扶电视电话动员会”。")
    assert names_dates(doc) == {("省工商联商会系统对口帮扶电视电话动员会", "--06-11")}  # the convener joins the name


def test_a_consultation_is_a_meeting_a_chamber_of_commerce_is_not():
    doc = run("省政协19日在江城召开“深入实施人才强国战略”专题协商会,赵大明出席。")
    assert {m["name"] for m in meetings(doc).values()} == {"省政协“深入实施人才强国战略”专题协商会"}
    assert meetings(run("他出席了县商会。")) == {}


def test_a_day_between_the_name_and_its_verb():
    doc = run("9月2日上午,张三大师爱国思想研讨会在江城拉开帷幕。")
    assert names_rules(doc) == {("张三大师爱国思想研讨会", "held_in_place")}
    doc = run("东方网讯 省政协第五次双周协商座谈会昨日上午在江城召开。", date="2019-06-29")
    assert names_dates(doc) == {("省政协第五次双周协商座谈会", "2019-06-28")}


def test_back_references_name_the_meeting():
    doc = run("当天上午,干部参观了展馆。在随后召开的开发区党工委理论学习中心组学习(扩大)会上,刘小明发言。")
    assert {m["name"] for m in meetings(doc).values()} == {"开发区党工委理论学习中心组学习(扩大)会"}
    doc = run("近日,县委书记王大山率代表团来我县考察。座谈会上,王大山希望两地加强合作。")
    assert names_rules(doc) == {("座谈会", "at_meeting_back_reference")}


def test_the_headline_names_the_meeting_when_the_body_does_not():
    doc = document_from_text("t", "9月16日,管委会组织召开驻寺干部、僧人代表座谈会,会议由主任尼玛主持。",
                             meta={"title": "某寺管委会召开“爱国守法”教育实践活动座谈会"})
    doc = extract(doc)
    assert names_rules(doc) == {("某寺管委会“爱国守法”教育实践活动座谈会", "headline")}


def test_phrases_about_a_meeting_make_no_meeting():
    for text in ("会议指出,这充分体现了中央经济工作会议精神。", "省长王明宣布大会开幕。", "他代表省委祝贺大会召开。",
                 "他参加了植树活动。", "会议审议了有关文件。", "机关不得举办评比达标表彰活动。", "县委召开县委委员会。",
                 "村民向管委会反映情况。", "这是一届成功的冬奥会。", "两国领导人举行了富有成果的会晤。",
                 "各地举办了丰富多彩的纪念活动。", "会议期间召开了3次扩大会议。", "由主持人田薇主持论坛。"):
        assert meetings(run(text)) == {}, text


def test_a_meeting_passed_on_is_not_held_in_the_report():
    doc = run("4月2日,省政府召开第五次常务会议。会议传达了总理参加我省代表团审议时的重要讲话精神。")
    got = {m["name"]: m["reported"] for m in meetings(doc).values()}
    assert got == {"省政府第五次常务会议": True, "我省代表团审议": False}


def test_ordinals_tell_meetings_apart_and_a_headline_takes_the_ordinal():
    assert not same_meeting("省政府第5次常务会议", "省政府第6次常务会议")
    assert not same_meeting("县十五届人大三次会议", "县十五届人大四次会议")
    assert same_meeting("省政府常务会议", "省政府第5次常务会议")
    assert ordinals_clash("市委第5次常委会会议", "市委第6次常委会会议")
    doc = run("黄明主持召开省政府常务会议\n10月25日,省长黄明主持召开省政府第113次常务会议,研究部署工作。")
    assert names_dates(doc) == {("省政府第113次常务会议", "--10-25")}


def test_every_meeting_mention_records_its_rule():
    doc = run("3月1日,市委常委会召开会议。会议传达学习了全省经济工作会议精神。在全市大会上,刘一明讲话。"
              "党的二十大精神。")
    ms = [m for m in doc.mentions if m.label == Label.MEETING]
    assert ms and all(m.props.get("rule") for m in ms)
    doc = run("2月20日,全省防汛工作电视电话会议在昆明召开。")
    assert all(f.props.get("rule") for f in doc.facts if f.type.name in ("REPORTED_IN", "HELD_IN"))
    assert all(m.props.get("rule") for m in doc.mentions if m.label == Label.PLACE and m.props.get("rule"))


def test_meetings_passed_on_in_a_list_or_guiding_and_not_a_phrase_opening_a_clause():
    doc = run("会议传达学习了党的十九大,中央第三次边疆工作座谈会,东西部协作座谈会和山区振兴座谈会精神。")
    assert {m["name"] for m in meetings(doc).values()} == {
        "党的十九大", "中央第三次边疆工作座谈会", "东西部协作座谈会", "山区振兴座谈会"}
    doc = run("协会在中央第三次边疆工作座谈会精神指引下开展工作。")
    assert names_rules(doc) == {("中央第三次边疆工作座谈会", "spirit_passed_on")}
    assert meetings(run("要按照省委部署要求,结合本单位实际抓好全会精神的学习宣传。")) == {}
    doc = run("本报讯(记者李小秋)全市经济运行调度会召开。")
    assert {m["name"] for m in meetings(doc).values()} == {"全市经济运行调度会"}


def test_a_slogan_of_implementing_a_meetings_spirit_names_no_meeting():
    # an adverb before 贯彻/落实 makes a slogan (a purpose, a requirement), said of every meeting
    for text in ("为深入学习贯彻党的二十大精神,街道推选出市民委员会成员。",
                 "要全面贯彻落实省委十届七次全会暨全省经济工作会议、城市工作会议精神。",
                 "会议要求深入贯彻党的十九大,中央第三次边疆工作座谈会和山区振兴座谈会精神。",
                 "报告对干部深刻领会和全面把握全国两会精神有深刻启发。"):
        assert meetings(run(text)) == {}, text
    # passing on (传达学习), a theme without the adverb, a quoted lecture theme: the meeting is named
    assert {m["name"] for m in meetings(run("会议传达学习了党的二十大精神。")).values()} == {"党的二十大"}
    assert {m["name"] for m in meetings(run("专题研讨班主题是学习贯彻党的二十大精神。")).values()} == {"党的二十大"}
    doc = run("学习会上,代表以“深入学习贯彻十四届全国人大二次会议精神”为主题作解读。")
    assert {m["name"] for m in meetings(doc).values()} == {"十四届全国人大二次会议"}
    # a verb of passing on after the slogan governs the name: 全面落实…,传达了X精神
    doc = run("会议要求全面落实各项任务,传达了全省扶贫工作会议精神。")
    assert {m["name"] for m in meetings(doc).values()} == {"全省扶贫工作会议"}


def test_a_convener_across_its_venue_and_a_party_group_enlarged_meeting():
    doc = run("12月20日上午,市政协在机关三楼会议室召开了七届委员会第九次主席会议。")
    assert names_dates(doc) == {("市政协七届委员会第九次主席会议", "--12-20")}
    doc = run("12月11日,省政协党组召开(扩大)会议,专题研究工作。")
    assert names_rules(doc) == {("省政协党组(扩大)会议", "body_held_meeting")}
    doc = run("中共中央政治局9月21日召开会议,审议文件。", date="2018-09-22")
    assert names_dates(doc) == {("中共中央政治局会议", "2018-09-21")}


def test_meetings_to_come_measures_and_teasers_are_not_reported_meetings():
    assert meetings(run("会议决定12月7日召开县委十届六次全体会议。")) == {}
    assert meetings(run("要通过建立台账、召开推进会、实地督导等方式推进工作。")) == {}
    doc = run("3月25日,县人大常委会召开第36次会议。\n新闻推荐\n8月5日,县政府召开第九次全体会议。")
    assert {m["name"] for m in meetings(doc).values()} == {"县人大常委会第36次会议"}


def test_names_lose_the_verbs_and_words_before_them():
    assert meetings(run("王明出席并主持会议。")) == {}
    assert {m["name"] for m in meetings(run("王明考察并出席座谈会。")).values()} == {"座谈会"}
    assert meetings(run("不得以任何形式与机构合作举办或者委托机构举办评比达标表彰活动。")) == {}
    doc = run("为期15天的第六届江南佛教大会在江城举行。")
    assert {m["name"] for m in meetings(doc).values()} == {"第六届江南佛教大会"}
    doc = run("省政协召开以“治理商业化”为议题的省政协双周座谈会,赵大明主持。")
    assert {m["name"] for m in meetings(doc).values()} == {"省政协双周座谈会"}


def test_agenda_items_document_titles_and_a_doubled_meeting_word():
    assert meetings(run("会议还对公布权力清单、召开高新技术产业投资大会、推进夏季工作作出部署。")) == {}
    assert meetings(run("会上,王明汇报了《张三在县第十六届委员会第三次全体会议上的讲话》有关情况。")) == {}
    doc = run("刘正传达了市文明创建大会会议精神。")
    assert {m["name"] for m in meetings(doc).values()} == {"市文明创建大会"}
    doc = run("12月1日,南街社区居委会召开居民代表大会,主任王明主持。")
    assert {m["name"] for m in meetings(doc).values()} == {"南街社区居委会居民代表大会"}


def test_a_speech_at_a_meeting_without_shang_and_a_list_closed_by_an_activity():
    doc = run("副县长王小明传达了副省长李大明在全省小额信贷工作推进会的讲话精神。")
    assert names_rules(doc) == {("全省小额信贷工作推进会", "speech_at")}
    doc = run("会议传达学习了全省数字化改革大会、市委农村工作会议暨全市小康决胜年活动精神。")
    assert {m["name"] for m in meetings(doc).values()} == {"全省数字化改革大会", "市委农村工作会议暨全市小康决胜年活动"}
    assert meetings(run("实验区两会的党员负责同志参加会议。")) == {}


def test_a_quoted_title_inside_a_name_is_never_cut():
    doc = run("5月24日,省政协召开“湖区生态治理推进落实情况”专题协商会。")
    assert names_dates(doc) == {("省政协“湖区生态治理推进落实情况”专题协商会", "--05-24")}
    doc = run("会议传达学习了“不忘初心”主题教育工作会议精神。")
    assert {m["name"] for m in meetings(doc).values()} == {"“不忘初心”主题教育工作会议"}


def test_reports_of_sessions_with_different_ordinals_are_never_merged():
    from huiyi.graph.merge.resolve import _meeting_ids
    ids = _meeting_ids([("Document:aaaaaaaa11111111", "M1", "市政府第5次常务会议", "2021-03-02", "江南"),
                        ("Document:bbbbbbbb22222222", "M1", "市政府常务会议", "2021-03-02", "江南"),
                        ("Document:cccccccc33333333", "M1", "市政府第6次常务会议", "2021-03-02", "江南")])
    a, b, c = (ids[(d, "M1")] for d in ("Document:aaaaaaaa11111111", "Document:bbbbbbbb22222222",
                                         "Document:cccccccc33333333"))
    assert a != c and b in (a, c)


def test_a_headline_outside_the_text_names_the_meeting_in_its_other_shapes():
    for title, body, name in (
            ("王大明在全省院校长集训开班式上强调", "集训3日在江城开班。省长王大明出席开班式并讲话。", "全省院校长集训开班式"),
            ("赵小刚参加江南代表团审议", "赵小刚在江南代表团参加审议。", "江南代表团审议"),
            ("李明对全省冬春水利建设电视电话会议作出批示", "副省长王强出席会议并讲话。", "全省冬春水利建设电视电话会议")):
        doc = extract(document_from_text("t", body, meta={"title": title}))
        assert names_rules(doc) == {(name, "headline")}, title


def test_a_name_listing_its_participants_is_the_last_resort():
    doc = run("9月16日,管委会组织召开驻寺各单位负责人、全体驻寺干部座谈会,会议由主任尼玛主持。")
    assert names_rules(doc) == {("驻寺各单位负责人、全体驻寺干部座谈会", "convened_listed")}
    assert meetings(run("9月16日,管委会召开干部、群众座谈会。")) == {}  # nobody is placed at it


def test_a_party_congress_counts_when_passed_on_not_when_only_named():
    assert meetings(run("各地要为党的二十大胜利召开营造良好氛围。")) == {}
    doc = run("会议强调,要把学习贯彻党的二十大精神作为首要政治任务。")
    assert names_rules(doc) == {("党的二十大", "party_congress")}


def test_a_type_only_back_reference_is_the_headlines_meeting():
    doc = extract(document_from_text("t", "9月16日,寺管会组织召开座谈会。座谈会上,僧人代表先后发言。主任尼玛出席会议并讲话。",
                                     meta={"title": "某寺管委会召开“爱国守法”教育实践活动座谈会"}))
    assert {m["name"] for m in meetings(doc).values()} == {"某寺管委会“爱国守法”教育实践活动座谈会"}


def test_a_head_inside_quotes_and_a_congress_whose_decisions_are_passed_on():
    doc = run("会议传达学习了市委书记在市“两会”上的讲话精神。")
    assert names_rules(doc) == {("市“两会”", "speech_at")}
    doc = run("要认真学习、准确领会全国“两会”精神。")
    assert names_rules(doc) == {("全国“两会”", "spirit_passed_on")}
    doc = run("中国共产党二十届三中全会对进一步全面深化改革作出系统部署。")
    assert {m["name"] for m in meetings(doc).values()} == {"二十届三中全会"}
    assert meetings(run("党的十八大以来,党中央对边疆工作作出部署。")) == {}


def test_a_convened_name_run_into_the_verb_phrase_that_follows():
    # 召开X会 followed at once, with no comma, by how the clause goes on (全面贯彻, 认真研究…)
    doc = run("2019年5月召开自治区第九次党代会全面部署各项工作,会议由自治区党委书记王明主持。")
    assert "自治区第九次党代会" in {m["name"] for m in meetings(doc).values()}


def test_a_broadcast_day_a_study_class_opening_and_a_collective_study_session():
    names = {m["name"] for m in meetings(run(
        "全市第五次人民代表选举会议第二次全体会议今天(12月15日)在江城举行。"
        "全市领导干部推动乡村振兴专题研讨班16日上午在市委党校开班。"
        "市委常委会3月30日下午就加强生态文明建设进行第十二次集体学习。")).values()}
    assert "全市第五次人民代表选举会议第二次全体会议" in names
    assert any(n.endswith("推动乡村振兴专题研讨班") for n in names)
    assert "市委常委会第十二次集体学习" in names


def test_a_headline_names_the_event_the_text_calls_the_meeting():
    doc = document_from_text("t.txt", "9月5日下午,督查组听取全市脱贫攻坚工作汇报。市委书记王一明出席并讲话。"
                                      "会上,副市长李二华汇报了整改情况。有关部门负责同志参加会议。",
                             meta={"title": "省督查组听取全市脱贫攻坚工作汇报"})
    from huiyi.graph.run.pipeline import extract
    extract(doc)
    names = {m.text: m.props["rule"] for m in doc.mentions if m.label == Label.MEETING}
    assert names == {"省督查组听取全市脱贫攻坚工作汇报": "headline_event"}
    assert {f.source[1] for f in doc.facts if f.type.value == "ATTENDED"} == {"王一明", "李二华"}
    # no event without a headline naming one, or without the text speaking of the meeting
    assert not [m for m in run("今年以来,全市脱贫攻坚工作成效明显。市委书记王一明出席并讲话。").mentions
                if m.label == Label.MEETING]


def test_a_name_holding_a_book_title():
    names = {m["name"] for m in meetings(run("7日下午,在拉萨召开学习宣传新修订《宗教事务条例》视频会议。区党委常委旦一科出席并讲话。")).values()}
    assert names == {"学习宣传新修订《宗教事务条例》视频会议"}
    assert not meetings(run("县政府印发《关于召开全县经济工作会议的通知》。"))


def test_a_name_holding_a_long_quoted_theme_that_names_a_thought():
    doc = run("5月4日晚,市委理论学习中心组召开“学习习近平新时代中国特色社会主义思想·建设美丽新城”专题学习(扩大)会。"
              "市委书记王一明主持学习会并讲话。")
    assert pairs(doc, RelType.CHAIRED) == {("王一明", "市委理论学习中心组“学习习近平新时代中国特色社会主义思想·建设美丽新城”专题学习(扩大)会")}


def test_a_joint_conference_holds_its_numbered_session_in_a_place():
    doc = run("5月3日,全省宗教团体联席会议在省城举行第五次会议。佛教协会会长王一明、道教协会会长李二华等分别在会上发言。")
    assert pairs(doc, RelType.SPOKE_AT) == {("王一明", "全省宗教团体联席会议第五次会议"),
                                            ("李二华", "全省宗教团体联席会议第五次会议")}


def test_our_province_in_a_meeting_s_name_is_the_report_s_province_by_name():
    doc = run("3月10日,湖南省政府常务会议召开。省长陈一川主持会议。会议传达了刘二海总理参加我省代表团审议时的重要讲话精神。")
    assert "湖南代表团审议" in {m["name"] for m in meetings(doc).values()}
    assert ("刘二海", "湖南代表团审议") in pairs(doc, RelType.ATTENDED)


def test_a_caption_run_into_the_text_and_a_name_that_opens_with_a_pairing_word():
    # no stop between the meeting's name and the next speaker: the last resort but one reads it
    doc = run("近日,学校领导赴林芝考察。\n王一声书记一行与市人民医院召开对口支援座谈会李二俊校长指出,要做好帮扶工作。")
    assert {m["name"] for m in meetings(doc).values()} == {"对口支援座谈会"}
    # 对口, 对外, 对台 open real meetings' names; 对 alone opens a phrase about one
    assert {m["name"] for m in meetings(run("3日,全县召开对台工作会议。县长王一明主持。")).values()} == {"全县对台工作会议"}


def test_a_meeting_that_closes_or_a_study_class_that_ends_was_held():
    doc = run("新华社北京3月1日电 全省领导干部专题研讨班1日下午在省委党校结业,省委副书记王一奇出席结业式并作总结讲话。")
    assert pairs(doc, RelType.SPOKE_AT) == {("王一奇", "全省领导干部专题研讨班")}
    doc = run("3月10日,县政协十届三次会议在县城闭幕。县政协主席李二华主持闭幕会。")
    assert pairs(doc, RelType.CHAIRED) == {("李二华", "县政协十届三次会议")}


def test_the_last_resort_reads_a_session_that_lists_its_groups():
    doc = run("中共中央政治局常委王一际7日上午分别参加了十四届全国人大一次会议香港、澳门代表团审议。"
              "在听取代表发言后,王一际表示,要坚持一国两制。")
    assert pairs(doc, RelType.SPOKE_AT) == {("王一际", "十四届全国人大一次会议香港、澳门代表团审议")}
    doc = run("全国政协主席王一际参加了民盟、农工党界委员联组会。")
    assert pairs(doc, RelType.ATTENDED) == {("王一际", "民盟、农工党界委员联组会")}


def test_a_name_with_its_head_inside_quotes_is_held_and_written_without_them():
    doc = run("4月26日,第七届“长三角地区道教论坛——坚持道教中国化方向研讨会”在上海举行。"
              "论坛上,中国道教协会副会长张一林表示,要坚持方向。")
    assert names_rules(doc) == {("第七届长三角地区道教论坛——坚持道教中国化方向研讨会", "held_in_place")}
    doc = run("当地时间10月16日上午,“金砖国家领导人第八次会晤”在印度果阿举行。")
    assert {m["name"] for m in meetings(doc).values()} == {"金砖国家领导人第八次会晤"}
    assert meetings(run("本次会议采取“现场会议+视频会议”的方式举行。")) == {}


def test_a_meeting_held_two_or_more_years_before_the_report_is_recalled():
    doc = run("9月3日,2018年中非合作论坛北京峰会在北京开幕。从2000年“中非合作论坛—北京2000年部长级会议”开幕,"
              "开启了新时代。2015年6月4日,全国政协主席俞一声主持召开双周协商座谈会。", date="2018-09-05")
    reported = {m["name"]: m["reported"] for m in meetings(doc).values()}
    assert reported == {"2018年中非合作论坛北京峰会": True, "2000年中非合作论坛—北京2000年部长级会议": False,
                        "双周协商座谈会": False}


def test_the_session_one_joins_as_a_member_is_named_without_his_membership():
    doc = run("3月5日,穆一虹参加他所在的十四届全国人大三次会议江苏代表团审议。")
    assert {m["name"] for m in meetings(doc).values()} == {"十四届全国人大三次会议江苏代表团审议"}


def test_a_meetings_opening_or_closing_is_that_meeting():
    doc = run("日前,为期两天的第二届全国藏文古籍文献整理与研究高层论坛在辽宁工程技术大学国际会议中心顺利召开。"
              "此次论坛开幕式由市政协副主席陈一宏主持。分组会议结束后,召开了第二届全国藏文古籍文献整理与研究高层论坛闭幕式。"
              "院长张一文作总结讲话。", date="2018-08-22")
    forum = "第二届全国藏文古籍文献整理与研究高层论坛"
    assert {m["name"] for m in meetings(doc).values()} == {forum}
    assert pairs(doc, RelType.ATTENDED) == {("陈一宏", forum), ("张一文", forum)}
    doc = run("20日,首届全国青年藏学研讨会开幕式在北京举行。副部长斯一塔出席研讨会开幕式并致辞。"
              "21日下午,首届全国青年藏学研讨会顺利闭幕。", date="2018-09-22")
    assert {m["name"] for m in meetings(doc).values()} == {"首届全国青年藏学研讨会"}
    assert pairs(doc, RelType.SPOKE_AT) == {("斯一塔", "首届全国青年藏学研讨会")}

    # a meeting named again by a wording that canonicalises differently keeps the date it is given
    doc = run("衢州市委会召开理论学习中心组学习会暨七届八次委员会议\n\n3月1日下午,民进衢州市委会召开理论学习中心组"
              "学习会暨七届八次委员会议。主委金一卫主持会议并讲话。", date="2021-03-02")
    assert [(m["name"], m["date"]) for m in meetings(doc).values()] == [("理论学习中心组学习会暨七届八次委员会议", "2021-03-01")]


def test_needing_matches_as_its_pattern():
    """A pattern behind Needing finds what the pattern finds, and nothing in a text without its words."""
    import re

    from huiyi.graph.extractors.base import Needing
    rx = re.compile(r"(?<=[了和])(?P<name>\w{1,6}?会议)(?=的?精神)")
    wrapped = Needing(rx, ("精神",))
    for text in ["传达学习了省委全会和全市工作会议精神", "召开全市工作会议", ""]:
        assert [m.span() for m in wrapped.finditer(text)] == [m.span() for m in rx.finditer(text)]
        assert bool(wrapped.match(text)) == bool(rx.match(text))


def test_talks_named_by_type_alone_in_a_report_of_a_delegations_visit_are_the_delegations():
    doc = run("近日,湖北省公安县县委书记刘一长率领公安县党政代表团来我县考察了经济社会发展情况。"
              "\n座谈会上,刘一长希望两县加强合作。澧县县委书记邹一龙表示欢迎。", date="2021-05-20")
    assert names_rules(doc) == {("公安县党政代表团考察我县座谈会", "delegation_visit")}
    assert pairs(doc, RelType.SPOKE_AT) == {("刘一长", "公安县党政代表团考察我县座谈会"), ("邹一龙", "公安县党政代表团考察我县座谈会")}


def test_nouns_that_hold_a_verbs_character_stay_in_the_name():
    doc = run("11日,国务院总理李一强在江西主持召开经济形势部分地方政府主要负责人座谈会。")
    assert {m["name"] for m in meetings(doc).values()} == {"经济形势部分地方政府主要负责人座谈会"}
    doc = run("会议要求召开全县安全生产工作会议。双方举行了重要会谈。总统拉一蒙为出席峰会的各国领导人举行宴请。")
    assert {m["name"] for m in meetings(doc).values()} == {"全县安全生产工作会议"}


def test_a_verb_joined_by_bing_before_a_short_meeting_word_names_nothing():
    for text in ("5日,国家主席习一平会见外宾并主持开幕式。", "李一强会见各国领导人并出席开幕式。", "他接见并出席报告会。"):
        assert meetings(run(text)) == {}, text


def test_a_banquet_or_the_meeting_held_next_names_nothing_and_a_relative_clause_leads_no_name():
    doc = run("委员长张一江出席当天开幕的第四次世界议长大会。议联举行的招待会上,他致辞。在随后召开的会议上,他强调要落实。")
    assert {m["name"] for m in meetings(doc).values()} == {"第四次世界议长大会"}


def test_a_sentence_without_a_head_before_a_verb_of_holding_holds_no_held_meeting(seed_paths):
    # the pair HELD_RE and BODY_MEETING_RE are searched for first never drops a match of theirs
    from huiyi.graph.extractors.meeting_text import HEAD_BEFORE_VERB
    from huiyi.graph.text.normalize import normalize, split_sentences

    made = ["全省春耕生产现场推进会今天在石门县隆重召开。", "县委常委会3月2日召开第12次会议。",
            "第三届“山水论坛”在城南举行,", "市政府召开常务会议。", "请按时召开。", "会议期间举行了签约。"]
    sentences = list(made)
    for path in seed_paths:
        text = normalize(path.read_text(encoding="utf-8"))[0].text
        sentences += [text[s:e] for s, e in split_sentences(text)]
    found = 0
    for rx, pair in HEAD_BEFORE_VERB.items():
        for sentence in sentences:
            if rx.search(sentence):
                found += 1
                assert pair.search(sentence), sentence
    assert found >= 4  # three of the sentences made to match (one of them both patterns), and the seeds'
    assert not any(pair.search("请按时召开。") for pair in HEAD_BEFORE_VERB.values())  # a verb, no head before it
