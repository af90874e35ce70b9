"""graph/segment.py: the project's own tokenizer, and letting go of its dictionaries."""
from __future__ import annotations

import jieba
import pytest

from huiyi.graph.text import segment


def test_the_tokenizer_is_private_and_keeps_titles_and_places_whole():
    tk = segment.tokenizer()
    assert tk is not jieba.dt
    words = segment.cut("云南省委书记阮成发在西双版纳州主持会议")
    assert "省委书记" in words and "西双版纳州" in words


def test_released_dictionaries_load_again_and_cut_the_same():
    before = segment.cut("省委常委会召开会议")
    tagged = segment.word_tag("会议")
    first = segment.tokenizer()
    segment.release()
    assert segment.tokenizer() is not first  # dropped, then loaded afresh on demand
    assert segment.cut("省委常委会召开会议") == before and segment.word_tag("会议") == tagged != ""


def test_load_reads_both_dictionaries_at_once():
    segment.release()
    assert segment.tokenizer.cache_info().currsize == segment._tagged.cache_info().currsize == 0
    segment.load()
    assert segment.tokenizer.cache_info().currsize == segment._tagged.cache_info().currsize == 1


def test_jiebas_cache_read_whole_gives_the_dictionary_jieba_reads_itself():
    theirs = jieba.Tokenizer()
    theirs.initialize()  # (writes the cache if this machine has none yet)
    ours = jieba.Tokenizer()
    ours.initialize = lambda *a, **kw: pytest.fail("left to jieba although its cache is there")
    segment._initialise(ours)
    assert ours.initialized and ours.FREQ == theirs.FREQ and ours.total == theirs.total


def test_without_a_usable_cache_jieba_loads_its_dictionary_itself(tmp_path, monkeypatch):
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # jieba's cache lives in the temporary folder
    (tmp_path / "jieba.cache").write_bytes(b"not marshal data")
    tk = jieba.Tokenizer()
    segment._initialise(tk)  # an unreadable cache: jieba builds the dictionary and writes a new one
    assert tk.initialized and tk.FREQ.get("会议", 0) > 0
    again = jieba.Tokenizer()
    segment._initialise(again)  # now read whole
    assert again.FREQ == tk.FREQ and again.total == tk.total


def _dictionaries_afresh() -> segment.Dictionaries:
    """The dictionaries as this process would first load them (kept, or made and kept)."""
    segment.release()
    try:
        return segment._dictionaries()
    finally:
        segment.release()  # (the next test loads them from where they are kept normally)


def test_the_dictionaries_are_kept_and_read_back_the_same(tmp_path, monkeypatch):
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    made = _dictionaries_afresh()  # made, and kept in the temporary folder
    kept_file, = tmp_path.glob("huiyi-dictionaries-*.marshal")
    assert made.tagged["会议"][1] == "n" and len(made.tagged) > 300_000
    assert made.freq["常务副书记"] == 2000 and made.added_tags["常务副书记"] == "nnt"  # a title, added
    assert made.added_tags["西双版纳州"] == "ns" and "西双版纳" in made.freq  # a place, and its prefixes
    monkeypatch.setattr(segment, "_make_dictionaries", lambda: pytest.fail("made although they were kept"))
    assert _dictionaries_afresh() == made  # read back whole
    kept_file.write_bytes(b"not marshal data")
    monkeypatch.undo()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert _dictionaries_afresh() == made and kept_file.read_bytes() != b"not marshal data"  # made again, kept anew


def test_kept_dictionaries_give_the_tokenizer_and_words_of_made_ones():
    made = segment._make_dictionaries()
    segment.release()
    tk = segment.tokenizer()  # from the kept file (the earlier tests made it)
    assert (tk.FREQ, tk.total, tk.user_word_tag_tab) == (made.freq, made.total, made.added_tags)
    assert segment._tagged() == made.tagged and tk.initialized


def test_other_data_or_code_are_kept_in_another_file(tmp_path, monkeypatch):
    from huiyi.graph.text import gazetteer
    before = segment._kept_dictionaries_path()
    places = tmp_path / "places.tsv"
    places.write_bytes(gazetteer.PLACES_TSV.read_bytes() + b"\n")
    monkeypatch.setattr(gazetteer, "PLACES_TSV", places)
    changed_places = segment._kept_dictionaries_path()
    monkeypatch.undo()
    (tmp_path / "titles.txt").write_text("省委书记\n", encoding="utf-8")
    monkeypatch.setattr(segment, "DATA", tmp_path)
    changed_titles = segment._kept_dictionaries_path()
    assert len({before, changed_places, changed_titles}) == 3 and before.parent == changed_titles.parent


def test_installs_of_the_same_jieba_share_a_kept_file_and_its_words_name_it(tmp_path, monkeypatch):
    import os
    words = tmp_path / "dict.txt"  # jieba's dictionary as another install has it: the same words, a later time
    words.write_bytes(segment._JIEBA_DICTIONARY.read_bytes())
    os.utime(words, (1, 1))
    before = segment._kept_dictionaries_path()
    monkeypatch.setattr(segment, "_JIEBA_DICTIONARY", words)
    assert segment._kept_dictionaries_path() == before
    words.write_bytes(words.read_bytes().replace("会议 ".encode(), "會議 ".encode(), 1))  # other words
    assert segment._kept_dictionaries_path() != before


def test_keeping_new_dictionaries_removes_those_of_other_versions_left_for_a_week(tmp_path, monkeypatch):
    import os
    import tempfile
    import time
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    week_ago = time.time() - (segment.KEPT_DAYS + 1) * 86400
    old, recent, earlier, other = (tmp_path / name for name in (
        "huiyi-dictionaries-0ld.marshal", "huiyi-dictionaries-recent.marshal", "huiyi-tagged-1-2.marshal", "other.marshal"))
    for path in (old, recent, earlier, other):
        path.write_bytes(b"x")
    for path in (old, earlier, other):
        os.utime(path, (week_ago, week_ago))
    _dictionaries_afresh()  # made and kept: the stale ones go
    assert not old.exists() and not earlier.exists() and recent.exists() and other.exists()
    assert len(list(tmp_path.glob("huiyi-dictionaries-*.marshal"))) == 2  # the new one and the recent one


def test_an_unwritable_temporary_folder_only_costs_the_making(tmp_path, monkeypatch):
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))  # nothing can be written there
    made = _dictionaries_afresh()
    assert made.tagged["会议"][1] == "n" and not (tmp_path / "missing").exists()


def test_jieba_is_imported_without_pkg_resources_and_still_finds_its_data():
    import subprocess
    import sys
    code = ("import sys, huiyi.graph.text.segment as s; assert 'pkg_resources' not in sys.modules; "
            "print(' '.join(s.tokenizer().cut('云南省委书记阮成发在西双版纳州主持会议')))")
    done = subprocess.run([sys.executable, "-W", "error::DeprecationWarning", "-c", code],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "省委书记" in done.stdout.split()  # jieba's own dictionary and HMM tables, read by path


def test_cut_gives_jiebas_words():
    """segment's own dynamic programme cuts as jieba does (HMM off), spaces, ASCII and all."""
    tk = segment.tokenizer()
    for text in ["云南省委书记王宁主持召开省委常委会会议", "在 2024年3月5日 召开GDP-2.0 会议\n\n李强总理讲话",
                 "abc 12 x,y:中华人民共和国国务院", "大同小异的大同市", "", " ", "\r\n市长A1B2C3", "西双版纳州河口公路口岸"]:
        for k in range(len(text)):
            assert segment.cut(text[k:]) == tk.lcut(text[k:], HMM=False)
