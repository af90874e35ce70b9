"""GraphML export: every graph Huiyi builds can be written and read back as XML."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from huiyi.loaders import graphml_export
from huiyi.loaders.graphml_export import write_graphml

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}


def graph_with_controls() -> nx.MultiDiGraph:
    # A report's text may hold control characters (a PDF's \x0c, an escape \x1b) that XML 1.0 cannot
    # hold at all, not even as &#x1b;: names and evidence taken from it carry them into the graph.
    G = nx.MultiDiGraph()
    G.add_node("Person:甲\x1b", label="Person", name="张\x1b三", titles=["书记\x0c", "主任"])
    G.add_node("Meeting:会", label="Meeting", name="常务会议")
    G.add_edge("Person:甲\x1b", "Meeting:会", key="r1\x01", type="CHAIRED", evidence="张\x1b三主持会议。\t下一句",
               doc="a.txt", doc_id="Document:1", start=0, end=8)
    return G


def test_characters_xml_cannot_hold_are_written_as_replacement_characters(tmp_path):
    path = write_graphml(graph_with_controls(), tmp_path / "g.graphml")
    root = ET.parse(path).getroot()  # (raised before: an empty file and a traceback)
    values = [d.text for d in root.iter(f"{{{NS['g']}}}data")]
    assert "张\ufffd三" in values and "书记\ufffd; 主任" in values and "张\ufffd三主持会议。\t下一句" in values
    edge = root.find(".//g:edge", NS)
    assert (edge.get("source"), edge.get("id")) == ("Person:甲\ufffd", "r1\ufffd")
    assert {n.get("id") for n in root.iter(f"{{{NS['g']}}}node")} == {"Person:甲\ufffd", "Meeting:会"}


def test_an_export_that_fails_leaves_the_earlier_file_whole(tmp_path, monkeypatch):
    path = write_graphml(graph_with_controls(), tmp_path / "g.graphml")
    before = path.read_bytes()

    def fail(*args, **kwargs):
        raise OSError("disk full")
    monkeypatch.setattr(graphml_export.nx, "write_graphml", fail)
    with pytest.raises(OSError):
        write_graphml(graph_with_controls(), path)
    assert path.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["g.graphml"]
