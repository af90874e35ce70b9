"""Lists of people (graph/extractors/person_lists.py): every name of a list, and no phrase read as one."""

from tests.graph.helpers import person_rules, run


def test_a_title_in_the_group_tail_keeps_the_last_name():
    doc = run("3月2日,县委常委会召开会议。吴一明、郑二华、冯三平、陈四海等县领导参加会议。")
    assert {"吴一明", "郑二华", "冯三平", "陈四海"} <= set(person_rules(doc))


def test_a_list_closed_by_a_body_and_its_other_members():
    doc = run("5月6日,县人大常委会召开第九次会议。县人大常委会主任周大林,副主任韩小北、蒋中南、沈西东及县人大常委会"
              "其他组成人员出席会议。")
    assert {"周大林", "韩小北", "蒋中南", "沈西东"} <= set(person_rules(doc))


def test_an_unknown_surname_counts_when_most_items_are_names():
    doc = run("4月1日,区政府召开常务会议。出席会议的有褚一平、卫二强、亓三林。")
    got = person_rules(doc)
    assert {"褚一平", "卫二强", "亓三林"} <= set(got)


def test_a_name_only_by_its_shape_is_marked_list_by_majority():
    doc = run("4月1日,区政府召开常务会议。出席会议的有褚一平、卫二强、尔古木呷。")
    got = person_rules(doc)
    assert got.get("褚一平") == "in_list" and got.get("尔古木呷") == "list_by_majority"


def test_members_of_a_presidium_are_no_name():
    doc = run("5月8日,县人代会举行第二次全体会议。县人大常委会副主任孔一来、曹二明、严三华及全体主席团成员参加会议。")
    got = person_rules(doc)
    assert {"孔一来", "曹二明", "严三华"} <= set(got) and "团成员" not in got


def test_a_chair_list_after_a_copula():
    doc = run("1月9日,市政协会议举行全体会议。大会的执行主席是魏一平、蒋二华、沈三明。")
    assert {"魏一平", "蒋二华", "沈三明"} <= set(person_rules(doc))


def test_a_post_and_its_duties_are_no_list():
    doc = run("6月3日,市政府召开常务会议。会议要求,主要领导要亲自抓、负总责,建立工作联动机制。")
    assert not person_rules(doc)


def test_slogans_in_a_list_are_no_names():
    doc = run("7月1日,县委召开常委会议。会议要求,要把学习好、宣传好、贯彻好讲话精神作为首要任务。")
    assert not person_rules(doc)


def test_a_comma_title_chain_yields_every_name():
    doc = run("9月2日,区委召开全会。区委书记孔一明,区长曹二华,区人大常委会主任严三平,区政协主席华四海以及区委、"
              "区政府领导等应邀出席。")
    assert {"孔一明", "曹二华", "严三平", "华四海"} <= set(person_rules(doc))


def test_a_count_and_a_collective_close_a_list_whatever_follows():
    doc = run("3月5日,市政协召开全体会议。冯一明、褚二华、卫三平等16位政协常委、委员作大会发言。")
    assert {"冯一明", "褚二华", "卫三平"} <= set(person_rules(doc))


def test_members_head_a_list():
    doc = run("5月20日,区委召开理论学习中心组会议。市委第三巡回指导组成员蒋一玉、沈二媛到会指导。")
    assert {"蒋一玉", "沈二媛"} <= set(person_rules(doc))


def test_and_joins_another_titled_name_but_opens_a_group_tail():
    doc = run("6月1日,区党委召开常委会议。区政协党组书记孔一现和区党委常委罗二珠、曹三平出席会议。"
              "王一明、李二华、赵三平和大会主席团成员在主席台就座。")
    assert {"孔一现", "罗二珠", "曹三平", "王一明", "李二华", "赵三平"} <= set(person_rules(doc))


def test_places_in_a_list_are_no_names():
    doc = run("7月1日,纪念大会在北京举行。有关部门负责同志,江西、福建、广东省有关负责同志及老同志代表参加。")
    assert not {"江西", "福建"} & set(person_rules(doc))


def test_an_introduced_list_written_with_commas():
    doc = run("3月1日,县委召开会议。参加会议的还有王一明,李二华,仝三平。")
    assert person_rules(doc) == {"王一明": "comma_in_list", "李二华": "comma_in_list", "仝三平": "comma_in_list"}
