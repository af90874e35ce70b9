"""Places from the gazetteer (and not out of people's names) and bodies made absolute."""
from huiyi.graph.models import Label, RelType
from tests.graph.helpers import run


def labelled(doc, label):
    return {m.text: m.props for m in doc.mentions if m.label == label}


def test_places_ports_and_hierarchy():
    doc = run("4月2日,会议在昆明召开。阮成发调度保山市猴桥口岸、西双版纳州磨憨口岸,并与中国驻老挝大使视频交流。")
    places = labelled(doc, Label.PLACE)
    assert {"昆明", "保山", "西双版纳", "猴桥口岸", "磨憨口岸", "老挝"} <= set(places)
    assert places["猴桥口岸"]["kind"] == "port" and places["老挝"]["kind"] == "country"
    located = {(f.source[1], f.target[1]) for f in doc.facts if f.type == RelType.LOCATED_IN}
    assert ("昆明", "云南") in located


def test_people_are_not_places():
    doc = run("杨正晓、李建阳、陆卫东、钱秀英等参加会议。")
    assert not ({"建阳", "卫东", "秀英"} & set(labelled(doc, Label.PLACE)))


def test_conjunction_is_not_a_county():
    doc = run("要继续做好重点地区进入我省的国省和县乡村道路管控。")
    assert "和县" not in labelled(doc, Label.PLACE)


def test_jurisdiction_from_a_county_and_unknown_when_unsaid():
    assert run("5月27日,西和县召开全县脱贫攻坚推进会。").meta.jurisdiction == "甘肃"
    assert run("2月19日下午,省委书记李山主持召开指挥长会议。").meta.jurisdiction is None
    assert run("陕政通报第3期\n对来自武汉的来陕车辆和人员提前研判。").meta.jurisdiction == "陕西"


def test_bodies_are_made_absolute_and_conveners_linked():
    doc = run("2月20日,全省会议在昆明召开。要按照省委、省政府工作安排,落实党中央、国务院决策部署。")
    assert {"云南省委", "云南省政府", "党中央", "国务院"} <= set(labelled(doc, Label.BODY))
    doc = run("2月4日,旬阳县政协召开九届二次主席会议。")
    assert any(f.type == RelType.CONVENED and f.source[1] == "旬阳县政协" for f in doc.facts)


def test_towns_and_villages_but_not_words_ending_like_them():
    doc = run("5月6日,六安市苏埠镇召开防汛工作会议。县委书记在班彦村、西柏坡镇调研。要加快推进乡村振兴,"
              "包保市区各街道的领导参加会议,州委农村工作领导小组召开会议。")
    towns = {m.text for m in doc.mentions if m.label == Label.PLACE and m.props.get("kind") in ("township", "village")}
    assert towns == {"苏埠镇", "班彦村", "西柏坡镇"}
