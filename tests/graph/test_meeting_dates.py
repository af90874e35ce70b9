"""Meeting dates: the year from a printed link, a stamp, a dateline or the year the report speaks of;
the day a reported meeting takes when a filing date stands before it."""
from huiyi.graph.extractors.dates import date_in
from tests.graph.helpers import meetings, run


def dates(doc):
    return {m["name"]: m["date"] for m in meetings(doc).values()}


def test_a_filing_date_before_the_meeting_day_does_not_win():
    assert date_in("据南方晚报3月9日消息,3月8日,市长赵一明主持召开", None) == "--03-08"
    doc = run("据南方晚报3月9日消息,3月8日,市长赵一明主持召开市政府第五次常务会议。")
    assert dates(doc) == {"市政府第五次常务会议": "--03-08"}


def test_the_year_from_the_reports_own_printed_link():
    doc = run("3月8日,市长赵一明主持召开市政府第五次常务会议。\n本文链接:http://news.example.cn/2020/03/09/77.html")
    assert dates(doc) == {"市政府第五次常务会议": "2020-03-08"}
    assert doc.meta.date == "2020-03-09"


def test_the_year_from_a_day_month_year_stamp():
    doc = run("市里召开防汛工作会议\n\n09.07.2019  10:20\n\n7月8日,市里召开防汛工作会议,市长赵一明出席。")
    assert dates(doc) == {"防汛工作会议": "2019-07-08"}


def test_a_dateline_takes_the_year_the_report_speaks_of():
    doc = run("东方网3月9日讯 8日,县政府召开第五次常务会议。会议研究了2018年工作总结和2019年工作要点。")
    assert doc.meta.date == "2019-03-09"
    assert dates(doc) == {"县政府第五次常务会议": "2019-03-08"}


def test_the_year_the_report_speaks_of_not_a_target():
    doc = run("2月11日,县政府召开第五次常务会议。会议审议了2015年计划执行情况和2016年计划草案,"
              "提出到2035年基本实现现代化。")
    assert dates(doc) == {"县政府第五次常务会议": "2016-02-11"}


def test_a_december_meeting_planning_the_next_year_keeps_its_own_year():
    doc = run("12月26日,县政府召开第九次常务会议,总结2020年工作,部署2021年工作。")
    assert dates(doc) == {"县政府第九次常务会议": "2020-12-26"}


def test_a_day_alone_between_a_session_and_its_verb():
    assert date_in("10日下午", "2018-03-11") == "2018-03-10"
    doc = run("省政协十三届一次会议10日下午在省人民会堂举行第三次全体会议。", date="2018-03-11")
    assert dates(doc) == {"省政协十三届一次会议第三次全体会议": "2018-03-10"}


def test_a_link_to_another_story_gives_no_year():
    doc = run("3月8日,市长赵一明主持召开市政府第五次常务会议。\n相关链接:http://news.example.cn/2015/03/09/77.html")
    assert dates(doc) == {"市政府第五次常务会议": "--03-08"}


def test_a_day_still_to_come_in_the_publish_month_is_in_the_month_before():
    assert date_in("29日上午", "2018-06-01") == "2018-05-29"
    assert date_in("31日", "2019-01-02") == "2018-12-31"
    assert date_in("10日下午", "2018-03-11") == "2018-03-10"


def test_a_date_told_in_the_prose_is_not_the_publish_date_the_file_gave():
    from huiyi.graph.inputs.documents import document_from_text
    from huiyi.graph.run.pipeline import extract
    text = ("4月2日,援藏指挥部党委召开学习先进事迹座谈会,副市长廖小辉主持。他长期致力于研究。2017年9月25日,"
            "他在出差途中遭遇车祸,不幸逝世。廖小辉指出,要学习他坚定的理想信念和无私奉献的精神,做一名合格的援藏干部。")
    doc = extract(document_from_text("t", text, meta={"date": "2018-04-11"}))
    assert doc.meta.date == "2018-04-11" and dates(doc) == {"援藏指挥部党委学习先进事迹座谈会": "2018-04-02"}


def test_a_weekday_of_last_week_counted_from_the_publish_date():
    from huiyi.graph.extractors.dates import date_in
    assert date_in("上周五,", "2022-08-16") == "2022-08-12"  # a Tuesday: last week's Friday
    assert date_in("本周一,", "2022-08-16") == "2022-08-15"
    assert date_in("上周五,", None) is None
