"""Scoring a graph against gold annotations (the format of tests/gold/SCHEMA.md).

Users who annotate their own reports run `huiyi eval GOLD_DIR` to see how well Huiyi reads them and,
per document, which names and pairs it missed or made up. The measures follow the project's
referee: micro-averaged precision/recall/F1 of persons, meetings (gold meetings matched to the
graph's by day, else by name likeness), chaired/attended/spoke pairs, recall of directed policies
(lenient on wording), lenient places, and the accuracy of dated meetings' dates.
"""
from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from .models import InputError

PAIRS = {"chaired": "CHAIRED", "attended": "ATTENDED", "spoke": "SPOKE_AT"}
PLACE_LABELS = {"Place", "Province", "City", "County", "District", "Country", "Port", "Location"}
PLACE_SUFFIX_RE = re.compile(r"(省|市|自治区|自治州|州|县|区|地区|壮族|回族|维吾尔)+$")
POLICY_NOISE_RE = re.compile(r"[“”\"、，,\s]")


def _bigrams(s: str) -> set[str]:
    s = re.sub(r"\s", "", s or "")
    return {s[i:i + 2] for i in range(len(s) - 1)} or {s}


def dice(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def _month_day(d) -> tuple[int, int] | None:
    m = re.search(r"(\d{1,2})-(\d{1,2})$", str(d or ""))
    return (int(m.group(1)), int(m.group(2))) if m else None


def _place_key(name: str) -> str:
    return PLACE_SUFFIX_RE.sub("", name or "") or name


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set, found: set) -> None:
        self.tp += len(gold & found)
        self.fp += len(found - gold)
        self.fn += len(gold - found)

    def prf(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


@dataclass
class DocErrors:
    doc: str
    missed: dict[str, list] = field(default_factory=dict)
    spurious: dict[str, list] = field(default_factory=dict)


def read_gold(gold_dir: str | Path) -> list[dict]:
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise InputError(f"{gold_dir}: no such folder of gold annotations (one <doc>.json per report)")
    out = []
    for f in sorted(gold_dir.glob("*.json")):
        try:
            out.append(json.loads(f.read_text(encoding="utf-8")))
        except json.JSONDecodeError as exc:
            raise InputError(f"{f}: not valid JSON ({exc.msg} at line {exc.lineno})") from exc
    if not out:
        raise InputError(f"{gold_dir}: holds no gold .json files")
    return out


def _match_meetings(G: nx.MultiDiGraph, sys_meetings: list[str], gold_meetings: list[dict]) -> dict[str, str]:
    match, used = {}, set()
    for g in gold_meetings:
        best, best_score = None, 0.0
        for s in sys_meetings:
            if s in used:
                continue
            score = dice(G.nodes[s].get("name", ""), g.get("name", ""))
            sd, gd = _month_day(G.nodes[s].get("date")), _month_day(g.get("date"))
            if sd and gd:
                score = 1.0 + score if sd == gd else -1.0
            if score > best_score and score >= 0.34:
                best, best_score = s, score
        if best:
            match[best] = g["key"]
            used.add(best)
    return match


def _shown(pairs, key_name: dict, G) -> list[str]:
    """`person @ meeting name` for (person, gold key or sys:node id) pairs, sorted."""
    return sorted(f"{p} @ {key_name.get(m, G.nodes.get(m[4:], {}).get('name', m))}" for p, m in pairs)


def evaluate(G: nx.MultiDiGraph, gold_docs: list[dict]) -> tuple[dict, list[DocErrors]]:
    """Scores of graph G against gold documents, and each document's errors."""
    doc_name = {n: os.path.basename(str(d.get("name"))) for n, d in G.nodes(data=True) if d.get("label") == "Document"}
    mentioned, typed = defaultdict(set), defaultdict(list)
    for u, v, d in G.edges(data=True):
        if d.get("type") == "MENTIONED_IN" and v in doc_name:
            mentioned[doc_name[v]].add(u)
        elif d.get("type") in (*PAIRS.values(), "DIRECTED"):
            typed[(os.path.basename(str(d.get("doc"))), d["type"])].append((u, v))
    tallies: dict[str, Tally] = defaultdict(Tally)
    dated = right = 0
    errors = []
    for gold in gold_docs:
        doc = os.path.basename(gold["doc"])
        ids = set(mentioned.get(doc, set()))
        for t in PAIRS.values():
            for u, v in typed.get((doc, t), []):
                ids.update((u, v))
        ids &= set(G.nodes)
        label = {i: G.nodes[i].get("label") for i in ids}
        name = {i: G.nodes[i].get("name", "") for i in ids}
        err = DocErrors(doc)
        found_people = {name[i] for i in ids if label[i] == "Person"}
        gold_people = {p["name"] for p in gold["persons"]}
        officials = {p["name"] for p in gold["persons"] if p.get("role", "official") == "official"}
        tallies["persons"].add(gold_people, found_people)
        tallies["officials (recall only)"].add(officials, found_people & officials)
        err.missed["persons"], err.spurious["persons"] = sorted(gold_people - found_people), sorted(found_people - gold_people)

        sys_meetings = sorted(i for i in ids if label[i] == "Meeting")
        match = _match_meetings(G, sys_meetings, gold["meetings"])
        for s, key in match.items():
            g = next(m for m in gold["meetings"] if m["key"] == key)
            if g.get("date") and re.match(r"\d{4}-", g["date"]):
                dated += 1
                right += str(G.nodes[s].get("date")) == g["date"]
        found_meetings = {match.get(s, "sys:" + s) for s in sys_meetings}
        gold_keys = {m["key"] for m in gold["meetings"]}
        tallies["meetings"].add(gold_keys, found_meetings)
        err.missed["meetings"] = sorted(m["name"] for m in gold["meetings"] if m["key"] not in found_meetings)
        err.spurious["meetings"] = sorted(name[s] for s in sys_meetings if s not in match)

        key_name = {m["key"]: m["name"] for m in gold["meetings"]}
        for gk, t in PAIRS.items():
            want = {(p, m) for p, m in gold.get(gk, [])}
            got = {(name[u], match.get(v, "sys:" + v)) for u, v in typed.get((doc, t), [])
                   if label.get(u) == "Person" and label.get(v) == "Meeting"}
            tallies[gk].add(want, got)
            err.missed[gk], err.spurious[gk] = _shown(want - got, key_name, G), _shown(got - want, key_name, G)

        if "directed" in gold:
            want = [(p, POLICY_NOISE_RE.sub("", pol)) for p, pol in gold["directed"]]
            got = [(G.nodes[u].get("name"), POLICY_NOISE_RE.sub("", G.nodes[v].get("name", "")))
                   for u, v in typed.get((doc, "DIRECTED"), [])]
            hits = [any(p == sp and sn and (pol in sn or sn in pol or dice(pol, sn) >= 0.6) for sp, sn in got)
                    for p, pol in want]
            tallies["directed (recall only)"].tp += sum(hits)
            tallies["directed (recall only)"].fn += len(want) - sum(hits)
            err.missed["directed"] = [f"{p} -> {pol}" for (p, pol), h in zip(want, hits, strict=True) if not h]

        gold_places = {_place_key(p) for p in gold.get("places", [])}
        found_places = {_place_key(name[i]) for i in ids if label[i] in PLACE_LABELS or G.nodes[i].get("kind") in
                        {"province", "city", "county", "district", "country", "port"} and label[i] == "Place"}
        hit = {g for g in gold_places if any(g in s or s in g for s in found_places)}
        t = tallies["places (lenient)"]
        t.tp += len(hit)
        t.fn += len(gold_places - hit)
        t.fp += len({s for s in found_places if not any(g in s or s in g for g in gold_places)})
        err.missed["places"] = sorted(gold_places - hit)
        errors.append(err)
    scores = {k: v.prf() for k, v in tallies.items()}
    scores["meeting_date_accuracy"] = right / dated if dated else None
    scores["docs"] = len(gold_docs)
    return scores, errors
