"""Policies a person (or the convening body) directs."""
from huiyi.graph.models import Label, RelType
from tests.graph.helpers import run


def directed(doc):
    return {(f.source[1], f.target[1]) for f in doc.facts if f.type == RelType.DIRECTED}


def test_quoted_slogans_and_named_measures_of_the_speaker():
    doc = run("2月20日,全省疫情防控工作会议在昆明召开。省委书记陈明强调,要严格落实分区分级精准防控要求,做好“六稳”工作,"
              "推动复工复产。\n他指出,要抓紧谋划一季度“开门红”。\n省长司马骏要求,深入开展安全生产治本攻坚三年行动,"
              "把优化营商环境作为“一把手”工程。")
    got = directed(doc)
    assert {("陈明", "分区分级精准防控"), ("陈明", "六稳"), ("陈明", "复工复产"), ("陈明", "开门红"),
            ("司马骏", "安全生产治本攻坚三年行动"), ("司马骏", "一把手工程")} <= got


def test_speaker_in_a_speech_and_after_a_clause():
    doc = run("12月18日,省委书记钟立新主持召开省委常委会会议。副省长邹立平出席。\n钟立新在讲话中要求,要以“三抓三促”"
              "行动为抓手。\n邹立平就营商环境工作提出要求,强调要深化“一件事一次办”改革。")
    assert {("钟立新", "三抓三促行动"), ("邹立平", "一件事一次办改革")} <= directed(doc)


def test_agenda_sentences_are_the_convening_bodys_when_no_chair_spoke():
    doc = run("2月4日,旬阳县政协召开九届二次主席会议。会议强调,要做好“六稳”工作。")
    assert ("旬阳县政协", "六稳") in directed(doc)
    source = next(f.source for f in doc.facts if f.type == RelType.DIRECTED)
    assert source[0] == Label.BODY
