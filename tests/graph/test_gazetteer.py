"""huiyi.graph.text.gazetteer: place lookups in full and short form, ambiguity, abbreviations, countries."""
import re
import time

import pytest

from huiyi.graph.text import gazetteer


@pytest.mark.parametrize("name, full, kind, province, city", [
    ("云南省", "云南省", "province", "云南", None),
    ("广西", "广西壮族自治区", "province", "广西", None),
    ("北京", "北京市", "province", "北京", None),
    ("昆明市", "昆明市", "city", "云南", None),
    ("昆明", "昆明市", "city", "云南", None),
    ("西双版纳傣族自治州", "西双版纳傣族自治州", "city", "云南", None),
    ("西双版纳州", "西双版纳傣族自治州", "city", "云南", None),
    ("西双版纳", "西双版纳傣族自治州", "city", "云南", None),
    ("红河州", "红河哈尼族彝族自治州", "city", "云南", None),
    ("德宏州", "德宏傣族景颇族自治州", "city", "云南", None),
    ("保山市", "保山市", "city", "云南", None),
    ("临沧市", "临沧市", "city", "云南", None),
    ("鸡西", "鸡西市", "city", "黑龙江", None),
    ("鸡冠区", "鸡冠区", "district", "黑龙江", "鸡西"),
    ("西和县", "西和县", "county", "甘肃", "陇南"),
    ("西和", "西和县", "county", "甘肃", "陇南"),
    ("旬阳市", "旬阳市", "county", "陕西", "安康"),
    ("兰坪县", "兰坪白族普米族自治县", "county", "云南", "怒江"),
    ("朝阳", "朝阳市", "city", "辽宁", None),  # the city outranks 朝阳区 and 朝阳县
    ("吉林", "吉林省", "province", "吉林", None),  # the province outranks 吉林市
])
def test_lookup_full_and_short_forms(name, full, kind, province, city):
    place = gazetteer.lookup(name)
    assert place is not None, name
    assert (place.full, place.kind, place.province, place.city) == (full, kind, province, city)
    assert gazetteer.province_of(name) == province


def test_place_carries_the_short_name_and_code():
    place = gazetteer.lookup("西双版纳傣族自治州")
    assert place.name == "西双版纳"
    assert place.adcode == "532800"
    assert gazetteer.lookup("昆明").adcode == "530100"


def test_old_names_are_kept_and_the_short_form_means_the_current_place():
    old, new = gazetteer.lookup("旬阳县"), gazetteer.lookup("旬阳市")
    assert old.current is False and new.current is True
    assert old.name == new.name == "旬阳"
    assert gazetteer.lookup("旬阳") == new


def test_municipality_districts_have_the_municipality_as_city():
    place = gazetteer.lookup("密云区")
    assert (place.province, place.city) == ("北京", "北京")


def test_a_name_a_province_also_has_is_shown_in_full():
    # 吉林 names the province, so the city is written 吉林市; the Qinghai 海南州 likewise.
    assert gazetteer.lookup("吉林市").name == "吉林市"
    assert gazetteer.lookup("海南州").name == "海南州"
    assert gazetteer.lookup("海南州").province == "青海"
    assert gazetteer.lookup("海南").kind == "province"


def test_ambiguous_names_resolve_to_nothing():
    # Several districts in different provinces share these names.
    for name in ("城关区", "朝阳区", "鼓楼区", "鼓楼", "新华区"):
        assert gazetteer.lookup(name) is None, name
        assert gazetteer.province_of(name) is None, name
    assert len(gazetteer.candidates("鼓楼区")) >= 4
    assert {p.province for p in gazetteer.candidates("朝阳区")} >= {"北京", "吉林"}


def test_common_word_short_forms_are_only_known_in_full():
    for word in ("和平", "安定", "永和", "新城", "东区", "城关", "新区", "合作", "平原"):
        assert gazetteer.lookup(word) is None, word
    assert gazetteer.lookup("安定区").province == "甘肃"
    assert gazetteer.lookup("永和县").province == "山西"


def test_all_names_has_full_and_unambiguous_short_forms_only():
    names = set(gazetteer.all_names())
    assert {"昆明", "昆明市", "西双版纳", "西双版纳州", "西和县", "旬阳县", "旬阳", "鸡西", "和平区",
            "日本"} <= names
    common = {"和平", "安定", "永和", "新城", "东区", "城关", "新区", "开发", "高新", "鼓楼", "城区"}
    assert not names & common
    assert all(len(n) >= 2 for n in names)
    # Longest first, so a regex alternation prefers 西双版纳州 over 西双版纳.
    lengths = [len(n) for n in gazetteer.all_names()]
    assert lengths == sorted(lengths, reverse=True)
    alternation = re.compile("|".join(map(re.escape, gazetteer.all_names())))
    assert alternation.search("在西双版纳州景洪市召开").group() == "西双版纳州"


def test_every_short_name_listed_resolves():
    for name in gazetteer.all_names():
        if name not in gazetteer.countries() and not gazetteer.candidates(name):
            pytest.fail(f"{name} is listed but not known")


@pytest.mark.parametrize("char, province", [
    ("陕", "陕西"), ("滇", "云南"), ("皖", "安徽"), ("京", "北京"), ("沪", "上海"), ("渝", "重庆"),
    ("蒙", "内蒙古"), ("黑", "黑龙江"), ("川", "四川"), ("蜀", "四川"), ("贵", "贵州"), ("黔", "贵州"),
    ("甘", "甘肃"), ("陇", "甘肃"), ("桂", "广西"), ("琼", "海南"), ("港", "香港"), ("台", "台湾"),
])
def test_province_abbreviations(char, province):
    assert gazetteer.province_by_abbreviation(char) == province


def test_abbreviations_name_real_provinces_and_cover_all():
    named = {gazetteer.province_by_abbreviation(c) for c in gazetteer.ABBREVIATIONS}
    provinces = {p.name for n in gazetteer.all_names() if (p := gazetteer.lookup(n)) and p.kind == "province"}
    assert named == provinces
    assert gazetteer.province_by_abbreviation("会") is None


def test_countries():
    countries = gazetteer.countries()
    assert {"老挝", "日本", "韩国", "美国", "缅甸", "越南", "朝鲜", "中国"} <= countries
    assert 190 <= len(countries) <= 260
    assert not countries & {"云南", "台湾", "香港"}
    laos = gazetteer.lookup("老挝")
    assert (laos.kind, laos.province, laos.adcode) == ("country", None, "LA")
    assert gazetteer.province_of("日本") is None


def test_unknown_names():
    for name in ("", "火星", "会议", "阮成发"):
        assert gazetteer.lookup(name) is None
        assert gazetteer.province_of(name) is None


def test_loads_fast_once():
    gazetteer._load.cache_clear()
    start = time.perf_counter()
    gazetteer.lookup("昆明")
    assert time.perf_counter() - start < 1.0  # about 0.03 s here; generous for a busy CI machine
    assert gazetteer._load() is gazetteer._load()


def test_lookups_are_remembered():
    first = gazetteer.lookup("昆明")
    assert gazetteer.lookup("昆明") is first
    assert gazetteer.province_of("昆明") == gazetteer.province_of("昆明") == "云南"
    assert gazetteer.lookup(" 昆明 ") is first  # a padded name is remembered apart, with the same answer


def test_the_answers_remembered_are_bounded(monkeypatch):
    monkeypatch.setattr(gazetteer, "REMEMBERED", 3)
    for name in ("昆明", "大理", "丽江", "玉溪", "曲靖"):
        assert gazetteer.lookup(name) is not None
        assert gazetteer.province_of(name) == "云南"
    g = gazetteer._load()
    assert len(g.looked_up) <= 3 and len(g.provinces_of) <= 3
    assert gazetteer.lookup("昆明").name == "昆明" and gazetteer.province_of("昆明") == "云南"  # asked again: the same answers
