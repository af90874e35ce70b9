"""Who chaired, attended and spoke: the constructions of meeting reports, in sentences of our own."""
from huiyi.graph.models import RelType
from tests.graph.helpers import meetings, pairs, people_with, run

CHAIRED, ATTENDED, SPOKE = RelType.CHAIRED, RelType.ATTENDED, RelType.SPOKE_AT


def test_chair_speaker_and_attendance_list():
    doc = run("3月5日,县委常委会会议召开。县委书记张明主持会议并讲话。县委副书记、县长李华,县委常委王强、"
              "赵刚出席会议,县人大常委会主任孙立,县政协主席周平列席会议。")
    assert people_with(doc, CHAIRED) == {"张明"}
    assert people_with(doc, SPOKE) == {"张明"}
    assert people_with(doc, ATTENDED) == {"张明", "李华", "王强", "赵刚", "孙立", "周平"}


def test_provincial_leaders_list_and_etc():
    doc = run("1月9日,省委书记刘江主持召开专题会议。省领导许明、李文、乌兰出席。钱江、孙海等参加会议。")
    assert people_with(doc, ATTENDED) == {"刘江", "许明", "李文", "乌兰", "钱江", "孙海"}
    assert people_with(doc, SPOKE) == set()


def test_branch_venue_and_video_attendance():
    doc = run("5月6日,市委常委会会议召开。市委书记黄河主持会议。市领导陈风在分会场参加会议,"
              "市政府秘书长林雨以视频方式参加会议。")
    assert {"陈风", "林雨"} <= people_with(doc, ATTENDED)


def test_chair_by_delegation_and_instructions_from_absent_leaders():
    doc = run("6月1日,全市安全生产工作会议召开。受市委书记王山委托,市长刘水主持会议。"
              "省委书记赵云作出批示,要求抓好安全生产。副市长孙林出席会议。")
    assert people_with(doc, CHAIRED) == {"刘水"}
    assert "王山" not in people_with(doc, ATTENDED)
    assert "赵云" not in people_with(doc, ATTENDED)
    assert "孙林" in people_with(doc, ATTENDED)


def test_meeting_chaired_by_in_passive_form():
    doc = run("12月26日,市人大常委会党组会议召开。市人大常委会主任蔡文、副主任陈武出席会议,会议由蔡文主持。")
    assert people_with(doc, CHAIRED) == {"蔡文"}
    assert people_with(doc, ATTENDED) == {"蔡文", "陈武"}


def test_speech_verbs():
    doc = run("4月8日,全县脱贫攻坚推进会召开。县委书记曹山作具体要求。县长郝林就脱贫工作提出指导意见。"
              "副县长宋河对重点任务进行了安排部署。县财政局局长汪洋作说明。乡镇党委书记李田汇报工作进展。"
              "县委常委王海传达了全省会议精神,县委常委马湖通报有关情况。")
    assert people_with(doc, SPOKE) == {"曹山", "郝林", "宋河", "汪洋", "李田", "王海", "马湖"}
    assert people_with(doc, SPOKE) <= people_with(doc, ATTENDED)


def test_agenda_sentences_name_no_speaker():
    doc = run("7月2日,市委常委会会议召开。市委书记金石主持会议。会议指出,要抓好防汛工作。会议强调,要压实责任。")
    assert people_with(doc, SPOKE) == set()


def test_study_session_exchanges_and_lists_of_speakers():
    doc = run("9月3日,市委理论学习中心组学习会召开。市委书记林木主持会议。市领导陈一、王二、张三围绕主题作研讨交流。")
    assert {"陈一", "王二", "张三"} <= people_with(doc, SPOKE)


def test_two_speakers_in_one_list():
    doc = run("省与国务院扶贫办29日在京举行工作座谈会。省委书记胡和平、国务院扶贫办主任刘永福讲话。")
    assert people_with(doc, SPOKE) == {"胡和平", "刘永福"}


def test_referenced_meeting_and_its_speaker():
    doc = run("1月26日下午,区委常委会会议召开。区委书记徐山主持会议并讲话。会议传达学习了习近平总书记在"
              "中央经济工作会议上的重要讲话精神,以及王明同志在全省农村工作会议上的讲话精神和全市宣传部长会议精神。")
    spoke = pairs(doc, SPOKE)
    assert ("习近平", "中央经济工作会议") in spoke
    assert ("王明", "全省农村工作会议") in spoke
    assert ("徐山", "区委常委会会议") in spoke
    names = {m["name"] for m in __import__("tests.graph.helpers", fromlist=["meetings"]).meetings(doc).values()}
    assert {"中央经济工作会议", "全省农村工作会议", "全市宣传部长会议", "区委常委会会议"} <= names


def test_speech_by_the_one_who_passes_it_on():
    doc = run("1月28日,市领导小组会议召开。会上,王良安排部署相关工作,刘志传达省委书记陈海在全省电视电话会议上的"
              "讲话精神,张彬汇报有关事宜。")
    spoke = pairs(doc, SPOKE)
    assert {p for p, _ in spoke} == {"王良", "刘志", "张彬", "陈海"}
    assert ("陈海", "全省电视电话会议") in spoke


def test_video_conferences_watched_at_a_branch_venue():
    doc = run("4月10日,全国安全生产电视电话会议召开。随后,我省召开安全生产电视电话会议。"
              "市长于江,市领导魏山在鸡西分会场参加收听收看。")
    attended = pairs(doc, ATTENDED)
    assert ("于江", "全国安全生产电视电话会议") in attended
    assert ("于江", "省安全生产电视电话会议") in attended


def test_township_and_street_levels():
    doc = run("3月1日,镇党委书记张德明主持召开镇党委会议。镇长李红梅,镇党委副书记王建国出席会议。")
    assert people_with(doc, CHAIRED) == {"张德明"}
    assert people_with(doc, ATTENDED) == {"张德明", "李红梅", "王建国"}
    doc = run("5月8日,街道党工委书记刘海波主持召开街道工作会议并讲话,街道办事处主任陈晓东作工作部署。")
    assert people_with(doc, SPOKE) == {"刘海波", "陈晓东"}


def test_session_opening_speeches():
    doc = run("1月10日上午,政协第十三届县委员会第三次会议在县会议中心开幕。县政协主席黄丽丽致开幕词,"
              "县委书记高峰出席开幕会并讲话。")
    assert people_with(doc, SPOKE) == {"黄丽丽", "高峰"}
    assert people_with(doc, CHAIRED) == set()


def test_and_joins_the_last_names_of_a_list_but_not_inside_names():
    doc = run("9月5日,市人大常委会会议召开。副主任江河、文明和秘书长欧阳丽华出席会议。王冰、李明和张强列席会议。"
              "胡和平、金幼和参加会议。")
    assert people_with(doc, ATTENDED) == {"江河", "文明", "欧阳丽华", "王冰", "李明", "张强", "胡和平", "金幼和"}


def test_two_meetings_with_similar_names_on_different_days_stay_two():
    doc = run("3月2日,全市安全生产工作会议召开。市长王林出席会议。\n3月9日,全市安全生产工作会议召开。副市长李森出席会议。")
    assert len(pairs(doc, ATTENDED)) == 2
    assert {m for _, m in pairs(doc, ATTENDED)} == {"全市安全生产工作会议"}
    from tests.graph.helpers import meetings
    assert sorted(m["date"] for m in meetings(doc).values()) == ["--03-02", "--03-09"]


def test_reports_heard_and_symposium_named_by_type_only():
    doc = run("2024年10月25日\n23日下午,在随后召开的座谈会上,副省长黎雪玲听取了市委书记农海英、市长韦韬关于乡村振兴"
              "工作情况的汇报,并讲话。")
    assert pairs(doc, SPOKE) == {("黎雪玲", "座谈会"), ("农海英", "座谈会"), ("韦韬", "座谈会")}


def test_study_session_with_extension_and_exchanges_in_turn():
    doc = run("11月6日,区委理论学习中心组举行2024年第10次集体学习(扩大)。区委书记卜凡主持并讲话。"
              "区委常委何婉婷、黎永康、骆子豪先后作交流发言。车辚、靳宇轩逐一作个人对照检查发言。")
    assert people_with(doc, CHAIRED) == {"卜凡"}
    assert people_with(doc, SPOKE) == {"卜凡", "何婉婷", "黎永康", "骆子豪", "车辚", "靳宇轩"}


def test_video_attendance_then_a_report_and_a_summing_up():
    doc = run("3月2日,水利部召开防汛工作会议。会议由水利部副部长司马文涛主持,副部长钮海燕、总工程师宫铎出席会议。"
              "省水利厅厅长仝晓蕾以视频方式参加会议,并通报了有关情况。司马文涛在总结讲话时强调,要压实责任。")
    assert people_with(doc, ATTENDED) == {"司马文涛", "钮海燕", "宫铎", "仝晓蕾"}
    assert people_with(doc, SPOKE) == {"仝晓蕾", "司马文涛"}


def test_an_earlier_meeting_in_the_same_sentence_takes_its_own_people():
    doc = run("5月28日,县十七届人大常委会第十九次会议召开。县人大常委会主任訾建平主持会议,副主任郜红艳、闵长春、甘露和委员"
              "等21人出席会议。此前,5月27日下午,县人大常委会召开第四十二次主任会议,訾建平主持,郜红艳、闵长春参加。")
    attended = pairs(doc, ATTENDED)
    assert {("郜红艳", "县十七届人大常委会第十九次会议"), ("甘露", "县十七届人大常委会第十九次会议"),
            ("郜红艳", "县人大常委会第四十二次主任会议"), ("訾建平", "县人大常委会第四十二次主任会议")} <= attended
    assert pairs(doc, CHAIRED) == {("訾建平", "县十七届人大常委会第十九次会议"), ("訾建平", "县人大常委会第四十二次主任会议")}


def test_yesterdays_meeting_and_a_meeting_before_it_the_same_day():
    doc = run("湛江新闻网10月23日讯 昨日,市政协十二届十六次常委会议召开。会议由市政协主席司徒颖主持。"
              "当天上午会前,市政协召开十二届第三十次主席会议。主席会议由司徒颖主持,冼敏仪、麦浩然参加。")
    assert pairs(doc, CHAIRED) == {("司徒颖", "市政协十二届十六次常委会议"), ("司徒颖", "市政协十二届第三十次主席会议")}
    assert ("冼敏仪", "市政协十二届第三十次主席会议") in pairs(doc, ATTENDED)


def test_appointed_people_and_mongolian_chair():
    doc = run("5月28日,县人大常委会会议召开。会议决定任命倪晓东为县财政局局长,免去钱守诚的县财政局局长职务。"
              "新任命的倪晓东向宪法宣誓。会后,额尔敦仓主持召开全县森林防火工作会议并讲话。")
    from tests.graph.helpers import persons
    assert {"倪晓东", "钱守诚", "额尔敦仓"} <= persons(doc)
    assert ("倪晓东", "县人大常委会会议") in pairs(doc, ATTENDED)
    assert ("额尔敦仓", "全县森林防火工作会议") in pairs(doc, CHAIRED)


def test_long_mongolian_name_and_chairing_while_studying():
    doc = run("3月1日,全市火灾防控工作会议召开。市委常委、副市长乌云其其格(女,蒙古族),市政府副秘书长吴海龙参加会议。"
              "乌云其其格主持会议并讲话。\n3月2日,市委理论学习中心组专题学习会召开。市委书记罗振华在主持学习时指出,要学以致用。")
    assert people_with(doc, CHAIRED) == {"乌云其其格", "罗振华"}
    assert ("乌云其其格", "全市火灾防控工作会议") in pairs(doc, SPOKE)


def test_every_role_fact_records_its_rule_and_the_implied_attendance_the_same():
    doc = run("3月5日,县委常委会会议召开。会议由县委书记张明主持。县长李华讲话。")
    rules = {(f.type, f.source[1]): f.props["rule"] for f in doc.facts if f.type in (CHAIRED, ATTENDED, SPOKE)}
    assert rules[(CHAIRED, "张明")] == rules[(ATTENDED, "张明")] == "chaired_by_passive"
    assert rules[(SPOKE, "李华")] == rules[(ATTENDED, "李华")] == "verb_subject"


def test_a_verb_is_not_read_inside_a_name():
    doc = run("5月3日,市里召开防汛工作推进会,市委副书记、市长王作林出席并讲话,各部门负责人参加。")
    assert ("王作林", "防汛工作推进会") in pairs(doc, SPOKE)
    assert "王作林" in people_with(doc, ATTENDED)


def test_a_list_goes_on_across_a_title_the_person_finder_did_not_mark():
    doc = run("3月2日,全市工作会议召开。市委书记张明,市委副书记、市长李华,驻市部队领导周强、吴海涛以及"
              "市直有关部门负责人到会听取发言。")
    assert people_with(doc, ATTENDED) == {"张明", "李华", "周强", "吴海涛"}


def test_groups_closing_a_list_of_attendees():
    doc = run("2月1日,县委常委会会议召开。县委副书记周文等县委常委会组成人员出席会议。")
    assert people_with(doc, ATTENDED) == {"周文"}
    doc = run("2月3日,市委常委会(扩大)会议召开。市委书记张明主持并讲话,市委副书记、市长李华,市政协主席赵平,"
              "市委常委,市人大常委会、市政府、市政协党员领导同志,其他在职市级领导同志参加会议。")
    assert people_with(doc, ATTENDED) == {"张明", "李华", "赵平"}


def test_branch_venue_watched_together():
    doc = run("6月2日,全省防汛调度电视电话会议召开。县委书记方圆,县委常委、常务副县长李国强,副县长郭振东、"
              "郑飞及相关单位负责人在我县分会场一同收听收看。")
    assert people_with(doc, ATTENDED) == {"方圆", "李国强", "郭振东", "郑飞"}


def test_executive_chairs_of_a_session_attend_but_do_not_chair():
    doc = run("4月12日,县第九届人民代表大会第二次会议开幕。会议由大会执行主席石磊主持。"
              "大会执行主席韩冰、冯军、蒋琳在主席台前排就座。")
    assert people_with(doc, CHAIRED) == {"石磊"}
    assert people_with(doc, ATTENDED) == {"石磊", "韩冰", "冯军", "蒋琳"}


def test_place_and_travel_between_subject_and_verb():
    doc = run("9月23日,区域合作行政首长联席会议在成都举行。会议由轮值主席李清主持,其中某省省长王江以视频方式"
              "在省城出席会议。某省省长马川率省政府代表团赴成都出席区域合作行政首长联席会议。")
    assert {"王江", "马川"} <= people_with(doc, ATTENDED)


def test_leading_the_reading_and_an_interpretation_are_speeches():
    doc = run("3月8日,区委理论学习中心组学习会召开。会上,区委副书记许丽,区委常委王华分别领学了《条例》。"
              "区社科院院长方正以“学习全会精神”为主题,从会议概况、重要论述等方面作了深入解读。")
    assert people_with(doc, SPOKE) == {"许丽", "王华", "方正"}


def test_a_speech_given_at_an_earlier_event_is_no_attendance_here():
    # the speaker passed on was at the delegation's session, a meeting referred to: not at this one
    doc = run("3月10日,省政府常务会议召开。省长陈川主持会议。会议传达了刘海总理参加我省代表团审议时的重要讲话精神。")
    assert pairs(doc, ATTENDED) == {("陈川", "省政府常务会议"), ("刘海", "我省代表团审议")}
    assert pairs(doc, SPOKE) == {("刘海", "我省代表团审议")}


def test_a_passed_on_speech_at_a_dated_meeting():
    doc = run("6月1日,区委常委会会议召开。会议传达学习了王明同志在5月27日全省农村工作会议上的重要讲话精神。")
    assert ("王明", "全省农村工作会议") in pairs(doc, SPOKE)
    assert {f.props["rule"] for f in doc.facts if f.source[1] == "王明" and f.type == SPOKE} == {"speech_at_meeting"}


def test_people_introduced_by_a_list_heading_across_commas():
    doc = run("7月1日,市委常委会会议召开。市委书记金石主持会议。参加会议的还有:市领导王冰,市人大常委会副主任李明,"
              "市政协副主席赵刚。")
    assert people_with(doc, ATTENDED) == {"金石", "王冰", "李明", "赵刚"}
    assert {f.props["rule"] for f in doc.facts if f.source[1] == "李明" and f.type == ATTENDED} == {"intro_list"}


def test_a_meeting_opening_the_sentence_is_where_its_speakers_spoke():
    doc = run("3月1日,全市安全生产工作会议召开。市长王林主持会议。会后,在全省防汛工作会议上,副市长李森讲话。")
    assert ("李森", "全省防汛工作会议") in pairs(doc, SPOKE)
    assert ("李森", "全市安全生产工作会议") not in pairs(doc, SPOKE)


def test_attending_an_earlier_event_named_in_a_speech_passed_on():
    doc = run("11月20日,区委常委会会议召开。会议传达学习了王明同志出席全国农业工作会议时的重要讲话精神。")
    assert ("王明", "全国农业工作会议") in pairs(doc, SPOKE)
    assert ("王明", "区委常委会会议") not in pairs(doc, ATTENDED)


def test_a_speech_still_a_draft_or_a_title_is_no_speech_given():
    doc = run("12月5日,省委常委会召开会议,研究讨论王海在省委十届六次全会上的讲话。会上,李平汇报了《王海同志在全省"
              "经济工作会议上的讲话》有关情况。")
    assert "王海" not in people_with(doc, SPOKE)


def test_a_name_the_person_finder_made_out_of_a_body_does_not_hide_the_verb():
    doc = run("3月2日,全国代表大会开幕。全国政协副主席、民盟中央主席苏明代表民盟第十届中央常务委员会作工作报告。")
    assert pairs(doc, SPOKE) == {("苏明", "全国代表大会")}


def test_touring_then_chairing():
    doc = run("21日至22日,国务院总理李强在湖南调研并主持召开先进制造业发展座谈会。")
    assert pairs(doc, CHAIRED) == {("李强", "先进制造业发展座谈会")}


def test_a_speech_as_a_noun_is_no_verb():
    doc = run("3月2日,中非合作论坛部长级会议举行。外长李明表示,王海主席在论坛开幕式主旨讲话中提出新倡议。")
    assert "王海" not in people_with(doc, SPOKE)


def test_the_ones_addressed_and_on_whose_behalf():
    doc = run("3月5日,全国人民代表大会开幕。国务院总理李明代表国务院向大会作政府工作报告。"
              "全国工商联副主席谢文荣在会上向与会人员宣讲政策。")
    assert people_with(doc, SPOKE) == {"李明", "谢文荣"}
    assert people_with(doc, ATTENDED) == {"李明", "谢文荣"}


def test_touring_before_joining_a_meeting():
    doc = run("8月2日,援藏干部座谈会在拉萨召开。校长王建华一行还现场调研了新建的医院,并参加了援藏干部座谈会。")
    assert ("王建华", "援藏干部座谈会") in pairs(doc, ATTENDED)


def test_guidance_separate_speeches_and_a_closing_group_of_leaders():
    doc = run("3月1日,全县脱贫攻坚推进会召开。市人大常委会副主任郝明到会指导。县长李华、副县长张强分别作工作部署和"
              "表态发言。县委常委王一飞等县领导参加会议。")
    assert people_with(doc, SPOKE) == {"李华", "张强"}
    assert people_with(doc, ATTENDED) == {"郝明", "李华", "张强", "王一飞"}


def test_main_and_branch_venues():
    doc = run("3月1日,全省视频会议召开。市委书记黄河在主会场参加会议,市长陈风在市分会场参加。")
    assert people_with(doc, ATTENDED) == {"黄河", "陈风"}


def test_invited_guests_heading_and_a_long_closing_group():
    doc = run("3月5日,全国代表大会开幕。应邀出席的还有全国政协副主席董文华,全国政协原副主席周建国,已退出领导岗位的原主席。"
              "王一鸣、李文强等在京的全国人大常委会领导同志在主席台前排就座。")
    assert people_with(doc, ATTENDED) == {"董文华", "周建国", "王一鸣", "李文强"}
    assert {f.props["rule"] for f in doc.facts if f.source[1] == "周建国" and f.type == ATTENDED} == {"intro_list"}


def test_a_name_read_inside_a_closing_group_does_not_cut_the_list():
    doc = run("3月5日,县人大会议主席团第二次会议召开。县人大常委会主任刘秋云主持会议,县领导杜光明、叶青山"
              "、吴建华及全体主席团成员参加会议。")
    assert {"刘秋云", "杜光明", "叶青山"} <= people_with(doc, ATTENDED)
    assert "团成员" not in people_with(doc, ATTENDED)


def test_reading_out_a_decision_is_attendance_not_a_speech():
    doc = run("3月5日,全市表彰大会召开。市委书记张明主持会议并讲话。副市长李华宣读了《关于表彰先进集体的决定》。")
    assert "李华" in people_with(doc, ATTENDED) and "李华" not in people_with(doc, SPOKE)


def test_executive_chairs_named_after_a_copula():
    doc = run("28日上午,市政协十届三次会议举行第二次全体会议。大会的执行主席是韩冰、冯军、蒋琳。蒋琳主持会议。")
    assert people_with(doc, ATTENDED) == {"韩冰", "冯军", "蒋琳"} and people_with(doc, CHAIRED) == {"蒋琳"}


def test_speakers_heard_before_the_chair_spoke():
    doc = run("5月8日,全市民营企业座谈会召开。市委书记周海听取了区长王一平、副区长李二林的发言,并讲话。")
    assert people_with(doc, SPOKE) == {"王一平", "李二林", "周海"}


def test_the_speaker_of_a_speech_passed_on_named_with_a_post():
    doc = run("5月4日,全县扶贫工作座谈会召开。县委常委周一东传达了李二斌书记在全省扶贫开发工作会议上的讲话精神。"
              "副县长王三卿传达了副省长方四明在全省小额信贷工作推进会的讲话精神。")
    assert ("李二斌", "全省扶贫开发工作会议") in pairs(doc, SPOKE)
    assert ("方四明", "全省小额信贷工作推进会") in pairs(doc, SPOKE)


def test_an_interpretation_and_a_summing_up_are_speeches():
    doc = run("8月23日,全镇换届工作动员会召开。镇党委副书记李一兵就相关政策进行深刻解读;镇长茆二海进行大会总结。"
              "会议进行了认真讨论。")
    assert people_with(doc, SPOKE) == {"李一兵", "茆二海"}


def test_a_list_closed_by_groups_and_each_of_a_group_by_its_post():
    doc = run("17日上午,全镇乡村振兴动员大会召开。镇党委书记曾一治,镇人大主席王二波等镇领导班子成员,"
              "镇“百千万工程”指挥部成员单位主要负责人以及各村(社区)党组织书记参加了会议。")
    assert people_with(doc, ATTENDED) == {"曾一治", "王二波"}


def test_a_speaker_quoting_another_and_also_at_the_meeting():
    doc = run("7月22日,全省教育工作会议在西宁召开。省长王一军说,习二平总书记强调,要把教育摆在优先位置。"
              "副主席王三谦也在会上讲话。")
    assert people_with(doc, SPOKE) == {"王一军", "王三谦"}
    from huiyi.graph.extractors.roles import QUOTED_BY_RE
    assert QUOTED_BY_RE.search("王一军说,") and not QUOTED_BY_RE.search("会议指出,")  # the meeting quotes no one


def test_what_a_speaker_spoke_of_in_a_speech():
    doc = run("7月22日,全州研讨会在同仁召开。副州长王一武在致辞中谈到,要传承爱国精神。省委常委公二扎西在讲话中提到,要缅怀先贤。")
    assert people_with(doc, SPOKE) == {"王一武", "公二扎西"}


def test_a_person_whose_words_are_passed_on_or_referred_to_did_not_speak_here():
    doc = run("6日,县委召开常委会会议。县委书记张明主持。会议传达学习王国华总书记对防汛工作作出的重要指示精神,研究部署全县工作。"
              "会议重温王国华总书记在考察时的讲话,传达了省委会议精神。大家认为,王国华总书记对基层干部提出的三条标准要求十分重要。")
    assert people_with(doc, SPOKE) == set()
    assert people_with(doc, ATTENDED) == {"张明"}


def test_words_said_on_an_earlier_occasion_are_not_spoken_at_this_meeting():
    doc = run("6日,县委召开常委会会议。县委书记张明主持会议。李国华书记在外省调研时指出,要抓好粮食生产。"
              "县长王强在会上指出,要做好春耕。")
    assert people_with(doc, SPOKE) == {"王强"}


def test_a_verb_of_passing_on_inside_a_title_leaves_its_person_a_subject():
    doc = run("6日,县委召开理论学习中心组学习会。县委书记张明主持会议。市委党史学习教育指导组成员李国华、王小强到会指导。")
    assert people_with(doc, ATTENDED) == {"张明", "李国华", "王小强"}


def test_a_list_of_title_chains_each_holding_a_comma_of_its_own():
    doc = run("5日,全市工作会议召开。国资委党委书记郝一鹏,区党委副书记、人大常委会主任王三江,区党委常务副书记、"
              "政协党组书记丁二现出席。")
    assert people_with(doc, ATTENDED) == {"郝一鹏", "王三江", "丁二现"}


def test_the_delegate_comes_and_the_one_who_sent_him_does_not():
    doc = run("5日,开幕仪式举行。仪式由文化局调研员但一疆主持,市委副秘书长罗一雄受市委副书记黎二勇委托出席并致词。")
    assert people_with(doc, ATTENDED) == {"但一疆", "罗一雄"}
    assert people_with(doc, SPOKE) == {"罗一雄"}


def test_a_monk_s_address_and_a_list_closed_by_a_comma_before_its_adverb():
    doc = run("5日,学术研讨会召开。佛教协会副会长宗一法师也出席了研讨会。研究员卢一龙、研究所所长刘二宇,"
              "协会副会长袁三鸿等23名教界和学界代表,先后围绕主题作了发言。")
    assert people_with(doc, ATTENDED) == {"宗一", "卢一龙", "刘二宇", "袁三鸿"}
    assert people_with(doc, SPOKE) == {"卢一龙", "刘二宇", "袁三鸿"}


def test_a_day_alone_or_spoken_with_hao_between_the_chair_and_the_verb():
    doc = run("新华社北京3月14日电 全国人大常委会委员长吴一国14日主持召开第九十三次委员长会议。")
    assert people_with(doc, CHAIRED) == {"吴一国"}
    doc = run("央视网消息:中共中央政治局2月22号召开会议。中共中央总书记王一平主持会议。")
    assert pairs(doc, CHAIRED) == {("王一平", "中共中央政治局会议")}
    doc = run("央视网消息(新闻联播):国务院总理李一强今天主持召开国务院常务会议,部署工作。")
    assert pairs(doc, CHAIRED) == {("李一强", "国务院常务会议")}


def test_a_wish_voiced_at_the_meeting_is_spoken_there():
    doc = run("5日,两县合作交流座谈会召开。座谈会上,刘一长希望两县在旅游产业发展等方面加强合作。")
    assert ("刘一长", "两县合作交流座谈会") in pairs(doc, RelType.SPOKE_AT)


def test_the_words_after_a_meeting_recalled_from_years_before_go_to_the_reports_meeting():
    doc = run("6月13日,2017年全国包虫病防控技术研讨会在四川省召开。2015年6月4日,全国政协主席俞一声主持召开"
              "双周协商座谈会。中国动物疾病预防控制中心副主任时一忠介绍,近年来开展了大量工作。", date="2017-06-15")
    assert ("时一忠", "2017年全国包虫病防控技术研讨会") in pairs(doc, RelType.SPOKE_AT)
    assert not any(m.endswith("双周协商座谈会") for p, m in pairs(doc, RelType.SPOKE_AT) if p == "时一忠")


def test_a_speech_by_video_link_and_a_cppcc_standing_member_speaking_for_a_group():
    doc = run("5日,座谈会召开。江西省委书记易一红、省长叶二春发了言,辽宁省长李三成、浙江省长王四浩视频发言。")
    assert people_with(doc, SPOKE) == {"易一红", "叶二春", "李三成", "王四浩"}
    doc = run("全国政协常委会第八次会议全体会议5日举行。张一勇常委代表农业和农村委员会发言建议,要优先发展农村教育。")
    assert people_with(doc, SPOKE) == {"张一勇"}


def test_the_report_a_person_delivered_to_the_meeting_that_heard_it():
    doc = run("5日,县十八届人大三次会议开幕。会议听取和审议了县长王一明所作的政府工作报告。")
    assert people_with(doc, SPOKE) == {"王一明"}


def test_a_body_holding_its_meeting_lately_is_its_convener():
    doc = run("据网站消息,生态环境部近日召开常务会议,要求巩固成果。部长李一杰7月24日主持召开生态环境部常务会议,审议方案。",
              date="2018-07-26")
    assert {m["name"] for m in meetings(doc).values()} == {"生态环境部常务会议"}
    assert pairs(doc, RelType.CHAIRED) == {("李一杰", "生态环境部常务会议")}


def test_a_keynote_speech_is_words_spoken_there():
    doc = run("8日,中国高峰论坛在拉萨开幕。全国工商联主席徐一江在论坛上作主旨演讲,指出,机遇很多。")
    assert people_with(doc, SPOKE) == {"徐一江"}
    doc = run("亚信第五次外长会议28号在北京开幕。国家主席习一平出席开幕式并发表题为《共创美好未来》的重要讲话。")
    assert people_with(doc, SPOKE) == {"习一平"}
    doc = run("5日,全县表彰大会召开。县委书记王一明观看演讲比赛。")
    assert people_with(doc, SPOKE) == set()


def test_attendance_closing_its_clause_then_words_and_a_document_explained():
    doc = run("5日,全县工作会议召开。县委书记王一明出席会议,对下一步工作提出三点意见。副县长李二华解读了《实施方案》。")
    assert people_with(doc, SPOKE) == {"王一明", "李二华"}
    doc = run("5日,全县工作会议召开。县委书记王一明出席会议,会议要求抓好落实。")
    assert people_with(doc, SPOKE) == set()


def test_a_speech_passed_on_names_a_list_of_meetings():
    doc = run("11月22日,县委常委会召开会议。会议传达学习了王一平总书记在第三次建设座谈会和亚太经合组织第二十八次"
              "领导人非正式会议上的重要讲话精神,以及王一平在全国科技大会、两院院士大会上的重要讲话精神。")
    assert {m for p, m in pairs(doc, RelType.SPOKE_AT) if p == "王一平"} == {
        "第三次建设座谈会", "亚太经合组织第二十八次领导人非正式会议", "全国科技大会", "两院院士大会"}


def test_lists_after_a_colon_or_with_spaces_and_a_suggestion_spoken():
    doc = run("5日,全市工作会议召开。主席台就座的有:韦一霖,覃二栋,市人大常委会主任黄三明,石四宇,廖五辉。")
    assert people_with(doc, ATTENDED) == {"韦一霖", "覃二栋", "黄三明", "石四宇", "廖五辉"}
    doc = run("5日,全区工作会议召开。区领导\u3000范一强\u3000游二梅\u3000罗三军\u3000陈四明\u3000出席会议。")
    assert people_with(doc, ATTENDED) == {"范一强", "游二梅", "罗三军", "陈四明"}
    doc = run("5日,政协专题协商会召开。民建市委会副主委季一红结合前期调研,建议加快制定标准。")
    assert people_with(doc, SPOKE) == {"季一红"}


def test_a_photographers_credit_run_into_the_text_is_no_speaker():
    doc = run("5日,首届青年学术研讨会召开。摄影:李一梅\n图为王一塔同志致辞。\n摄影:李一梅 王一塔同志指出,要加强研究。")
    assert people_with(doc, SPOKE) == {"王一塔"}


def test_the_meeting_just_held_in_the_sentence_before_is_the_one_attended():
    doc = run("8月15日,市委书记马一图主持召开市委常委会(扩大)会议,传达学习全省经济工作调度会精神。"
              "上周五,省委召开全省经济工作调度会,省委书记邵一东出席并讲话。马一图在襄阳分会场参加会议。", date="2022-08-16")
    assert ("马一图", "全省经济工作调度会") in pairs(doc, RelType.ATTENDED)


def test_those_who_accompanied_a_tour_and_joined_the_talks():
    doc = run("5日,副省长冉一刚到许昌调研,并主持召开座谈会。省工业和信息化厅副厅长阎一辉陪同调研并参加座谈。")
    assert pairs(doc, RelType.ATTENDED) == {("冉一刚", "座谈会"), ("阎一辉", "座谈会")}


def test_a_person_the_attendance_describes_and_a_group_counted_after_the_list():
    doc = run("8月17日,市政协专题协商会召开。会后,记者采访了参加协商会的市政协委员沈一怡。")
    assert people_with(doc, ATTENDED) == {"沈一怡"}
    doc = run("11月28日,县人大常委会第十四次会议召开。县人大常委会副主任方一平、方二红,党组成员吴三东及委员共19人出席会议。")
    assert people_with(doc, ATTENDED) == {"方一平", "方二红", "吴三东"}
    doc = run("8月17日,座谈会召开。两小时左右的会结束了,但所有参加会的委员都意犹未尽。")
    assert people_with(doc, ATTENDED) == set()
