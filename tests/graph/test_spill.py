"""graph/spill.py: edge records out of the heap, read back in report order."""
from __future__ import annotations

import multiprocessing
import pickle

import pytest

from huiyi.graph.merge.build import EdgeListGraph, summary
from huiyi.graph.merge.source import EdgeRecord
from huiyi.graph.merge.spill import EdgeSpill
from huiyi.graph.run.pipeline import build_graph


def records(doc: str, n: int, kind: str = "ATTENDED") -> list[EdgeRecord]:
    evidence = f"{doc}的会议。"  # one sentence shared by the report's records
    return [EdgeRecord(f"{kind}:{doc}:{i}", f"Person:{i}", f"Meeting:{doc}", kind, doc, f"Document:{doc}", evidence, i, i + 5,
             {"how": "出席"} if i % 2 else None) for i in range(n)]


def test_chunks_come_back_in_key_order_whatever_order_they_went_in():
    spill = EdgeSpill()
    spill.append(("b.txt", "Document:b", 0), records("b", 3))
    spill.append(("a.txt", "Document:a", 1), records("a", 2, "SPOKE_AT"))
    spill.append(("a.txt", "Document:a", 0), records("a", 2))
    spill.append(("c.txt", "Document:c", 0), [])  # an empty chunk adds nothing
    assert [(r[4], r[3]) for r in spill] == [("a", "ATTENDED")] * 2 + [("a", "SPOKE_AT")] * 2 + [("b", "ATTENDED")] * 3
    assert list(spill) == list(spill)  # read again, the same
    assert len(spill) == 7 and spill.types == {"ATTENDED": 5, "SPOKE_AT": 2}
    # what the store's writer needs first, kept as the records came: no pass over them
    assert spill.pairs == {("ATTENDED", "Person", "Meeting"): 5, ("SPOKE_AT", "Person", "Meeting"): 2}
    assert spill.properties == {"ATTENDED": {("how", str)}, "SPOKE_AT": {("how", str)}}
    first = next(iter(spill.chunks()))
    assert first[0][6] is first[1][6]  # a shared sentence stays one string


def test_a_chunk_added_while_a_reading_is_under_way_is_kept_and_the_reading_goes_on():
    spill = EdgeSpill()
    spill.append(("a",), records("a", 3))
    spill.append(("b",), records("b", 2))
    reading = iter(spill)  # holds a view of the in-memory buffer (no copies)
    first = next(reading)
    spill.append(("c",), records("c", 4))  # the buffer cannot grow under the view: it goes on in a copy
    assert [first, *reading] == records("a", 3) + records("b", 2)  # the reading ends as it began
    assert list(spill) == records("a", 3) + records("b", 2) + records("c", 4)


def test_past_its_memory_limit_it_moves_to_a_file_and_reads_the_same():
    small, big = EdgeSpill(), EdgeSpill(memory_limit=2_000)
    for doc in ("d", "c", "b", "a"):
        small.append((doc,), records(doc, 30))
        big.append((doc,), records(doc, 30))
    assert not small.on_disk and big.on_disk
    assert list(big) == list(small) and [r[4] for r in big][::30] == ["a", "b", "c", "d"]
    assert list(pickle.loads(pickle.dumps(big))) == list(small)  # for a spawned process: the records themselves
    big.close()
    assert len(big) == 0 and list(big) == []


def _read_in_child(spill: EdgeSpill, out) -> None:
    out.send([r[0] for r in spill])
    out.close()


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork on this system")
def test_a_forked_reader_and_this_process_read_the_file_side_by_side():
    spill = EdgeSpill(memory_limit=1_000)
    for doc in "abcdef":
        spill.append((doc,), records(doc, 20))
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_read_in_child, args=(spill, send))
    child.start()
    mine = [r[0] for r in spill]  # positional reads: neither moves the other's place in the file
    assert receive.recv() == mine and len(mine) == 120
    child.join()


def test_a_build_holds_its_edges_in_a_spill(seed_paths, seed_graph):
    G = build_graph(seed_paths, compact=True).graph
    assert isinstance(G, EdgeListGraph) and isinstance(G._edges, EdgeSpill)
    assert G.edge_type_counts() == summary(seed_graph)["edges"] and summary(G) == summary(seed_graph)
