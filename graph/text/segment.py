"""Segmentation: the project's own `jieba.Tokenizer` with its dictionaries (never jieba's global one),
and the lexicon the extractors consult to tell names from ordinary words.
"""
from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import re
import sys
import tempfile
import time
import zlib
from functools import lru_cache
from importlib import resources
from math import log
from pathlib import Path
from typing import NamedTuple

from ..run.parallel import collector_paused


def _import_jieba():
    """jieba, imported without pkg_resources: jieba's `_compat` imports it only to open jieba's own
    data files (which it otherwise opens by path, as it does where setuptools is absent), and the
    import costs ~60 ms of every process's start and a deprecation warning on recent setuptools."""
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba
        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # `import pkg_resources` -> ImportError
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
    return jieba


jieba = _import_jieba()

DATA = resources.files("huiyi.graph") / "data"


def data_lines(name: str) -> list[str]:
    """Non-comment lines of a data file shipped in graph/data."""
    text = (DATA / name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def data_words(name: str) -> list[str]:
    return [w for ln in data_lines(name) for w in ln.split()]


def _marshalled(path: Path):
    """What a marshal file holds, or None when it is missing or cannot be read. Read with the cyclic
    collector paused: the 350,000 tuples of the tagged dictionary would set it off hundreds of
    times, each walking them again (~0.05 s of every process's start)."""
    try:
        with collector_paused():
            return marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None


def _initialise(tk: jieba.Tokenizer) -> None:
    """`tk.initialize()`, reading jieba's cache of its default dictionary (which it writes into the
    temporary folder the first time) whole: jieba's own read, `marshal.load` on the open file, makes
    a call per word and takes some 0.35 s of every process's start, against 0.1 s at once. Anything
    unexpected (no cache yet, another dictionary, an unreadable file) is left to jieba."""
    cache = Path(tempfile.gettempdir()) / "jieba.cache"
    if tk.dictionary is None and tk.cache_file is None and tk.tmp_dir is None and cache.is_file():
        kept = _marshalled(cache)
        freq, total = kept if isinstance(kept, tuple) and len(kept) == 2 else (None, None)
        if isinstance(freq, dict) and freq and isinstance(total, int):
            tk.FREQ, tk.total, tk.initialized = freq, total, True
            return
    tk.initialize()


_JIEBA_DICTIONARY = Path(jieba.__file__).parent / "dict.txt"


class Dictionaries(NamedTuple):
    """The segmenter's dictionaries as made: the tokenizer's word frequencies (jieba's, with the
    project's titles and place names added) and their total, the tags of the added words, and
    jieba's dictionary with its part-of-speech tags (word -> (frequency, tag))."""
    freq: dict[str, int]
    total: int
    added_tags: dict[str, str]
    tagged: dict[str, tuple[int, str]]


def _make_dictionaries() -> Dictionaries:
    """The dictionaries from jieba's and the project's data (~0.7 s)."""
    jieba.setLogLevel(60)
    from . import gazetteer

    tk = jieba.Tokenizer()
    _initialise(tk)
    for word in data_words("titles.txt"):  # titles stay whole: 省委书记
        tk.add_word(word, freq=2000, tag="nnt")
    for name in gazetteer.all_names():  # place names stay whole: 西双版纳州, 河口公路口岸
        tk.add_word(name, freq=max(tk.FREQ.get(name, 0), 1500), tag="ns")
    same = {w: w for w in tk.FREQ}  # the tagged words as the very strings of the tokenizer's: kept once
    tagged = {same.get(w, w): entry for w, entry in _read_tagged(_JIEBA_DICTIONARY).items()}
    return Dictionaries(tk.FREQ, tk.total, tk.user_word_tag_tab, tagged)


def _kept_dictionaries_path() -> Path:
    """Where the dictionaries are kept: the temporary folder (as jieba keeps its own), in a file
    named by everything they are made from (jieba's dictionary by version and content, not by its
    file's time, which every new install changes; the project's data files and the code that adds
    them; marshal's format), so that a file of other dictionaries is never read, and installs of
    the same code share one."""
    from . import gazetteer

    made_of = hashlib.blake2b(digest_size=12)
    jieba_words = zlib.crc32(_JIEBA_DICTIONARY.read_bytes())  # (5 MB, read and summed in ~8 ms)
    made_of.update(f"{jieba.__version__} {jieba_words} {marshal.version} {sys.version_info[:2]}".encode())
    for source in (DATA / "titles.txt", gazetteer.PLACES_TSV, Path(__file__), Path(gazetteer.__file__)):
        made_of.update(source.read_bytes())
    return Path(tempfile.gettempdir()) / f"{KEPT_PREFIX}{made_of.hexdigest()}.marshal"


KEPT_PREFIX = "huiyi-dictionaries-"
# Kept files of other code or data (an older version, another checkout) that no one has written
# for this long are removed when a new one is kept: each is 15 MB, and the temporary folder would
# gather one per version. One still in use is only made again (~0.7 s), once.
KEPT_DAYS = 7
_EARLIER_KEPT = "huiyi-tagged-*.marshal"  # the tagged dictionary alone, as earlier versions kept it


def _remove_stale_kept(folder: Path, keep: Path, *, now: float) -> None:
    """Remove the kept dictionaries of other code or data (and half-written ones) older than KEPT_DAYS."""
    for old in [*folder.glob(f"{KEPT_PREFIX}*.marshal*"), *folder.glob(_EARLIER_KEPT)]:
        with contextlib.suppress(OSError):  # (another process may be removing it too)
            if old != keep and now - old.stat().st_mtime > KEPT_DAYS * 86400:
                old.unlink()


@lru_cache(maxsize=1)
def _dictionaries() -> Dictionaries:
    """The dictionaries, read whole from where they are kept (~0.4 s, the strings the two share
    read once) or made and kept there; a file that cannot be read or written costs only the making."""
    path = _kept_dictionaries_path()
    kept = _marshalled(path)
    if isinstance(kept, tuple) and len(kept) == len(Dictionaries._fields) \
            and [type(part) for part in kept] == [dict, int, dict, dict] and kept[0] and kept[3]:
        return Dictionaries(*kept)
    made = _make_dictionaries()
    partial = path.with_name(f"{path.name}.{os.getpid()}")  # renamed when whole: no reader sees half a file
    try:
        partial.write_bytes(marshal.dumps(tuple(made)))
        os.replace(partial, path)
        _remove_stale_kept(path.parent, path, now=time.time())
    except OSError:  # a read-only temporary folder: made again next time
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
    return made


@lru_cache(maxsize=1)
def tokenizer() -> jieba.Tokenizer:
    """A private tokenizer: jieba's dictionary plus the project's titles, so `省委书记` stays whole."""
    made = _dictionaries()
    tk = jieba.Tokenizer()
    tk.FREQ, tk.total, tk.user_word_tag_tab, tk.initialized = made.freq, made.total, made.added_tags, True
    return tk


# Texts up to this long are cut once and remembered: the rules cut small windows around a candidate
# (a place name and four characters either side, a title before a name), and the same windows come
# back within a report and across reports (云南省委书记, 副省长), each costing a jieba DAG otherwise.
SHORT_CUT = 32


@lru_cache(maxsize=1 << 13)  # bounded: a few MB per worker
def _cut_short(text: str) -> tuple[str, ...]:
    return tuple(_lcut(text))


def cut(text: str) -> list[str]:
    """jieba's words of a text (no HMM: unknown words fall apart into characters)."""
    if len(text) <= SHORT_CUT:
        return list(_cut_short(text))
    return _lcut(text)


# jieba's own patterns (jieba/__init__.py): the runs it segments, the spaces it keeps as words, and
# the ASCII letters and digits it joins back into one word
_JIEBA_BLOCK_RE = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
_JIEBA_SKIP_RE = re.compile("(\r\n|\\s)")
_JIEBA_ENG = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def _lcut(text: str) -> list[str]:
    """`tokenizer().lcut(text, HMM=False)`, the same words by the same arithmetic, without jieba's
    generators and dictionaries of lists (the rules cut thousands of short windows a report: this
    takes half the time)."""
    tk = tokenizer()
    words: list[str] = []
    for blk in _JIEBA_BLOCK_RE.split(text):
        if not blk:
            continue
        if _JIEBA_BLOCK_RE.match(blk):
            _cut_block(tk, blk, words)
            continue
        for x in _JIEBA_SKIP_RE.split(blk):
            if _JIEBA_SKIP_RE.match(x):
                words.append(x)
            else:
                words.extend(x)
    return words


# log(frequency) - log(total) of each dictionary entry met so far (False: a prefix that is no word),
# for the tokenizer() in use: the DAG's inner loop looks one up instead of taking a logarithm
_log_probability: dict[str, float] = {}


def _word_log_probability(tk: jieba.Tokenizer, frag: str) -> float | None:
    """log(freq) - log(total) of a dictionary word, False for a prefix of words, None for neither."""
    p = _log_probability.get(frag)
    if p is None and frag in tk.FREQ:
        f = tk.FREQ[frag]
        p = _log_probability[frag] = log(f) - log(tk.total) if f else False
    return p


def _cut_block(tk: jieba.Tokenizer, blk: str, words: list[str]) -> None:
    """jieba's `__cut_DAG_NO_HMM` of one run: the most probable path through the dictionary's words
    (its `get_DAG` and `calc`: the same sums in the same order, ties to the longer word), then
    single ASCII letters and digits joined."""
    freq, logtotal, known = tk.FREQ, log(tk.total), _log_probability
    n = len(blk)
    best = [0.0] * (n + 1)  # jieba's route[i][0]; route[n] is (0, 0)
    nxt = [0] * (n + 1)  # jieba's route[i][1]: where the word starting at i ends (inclusive)
    best[n] = 0
    for k in range(n - 1, -1, -1):
        top, end = None, k
        i, frag = k, blk[k]
        while i < n:
            p = known.get(frag)
            if p is None and (p := _word_log_probability(tk, frag)) is None:
                break  # no dictionary word starts with frag
            if p is not False:
                v = p + best[i + 1]
                if top is None or v >= top:
                    top, end = v, i
            i += 1
            frag = blk[k:i + 1]
        if top is None:  # no word starts here: the character alone
            top = log(freq.get(blk[k]) or 1) - logtotal + best[k + 1]
        best[k], nxt[k] = top, end
    x, buf = 0, ""
    while x < n:
        y = nxt[x] + 1
        word = blk[x:y]
        if y - x == 1 and word in _JIEBA_ENG:
            buf += word
        else:
            if buf:
                words.append(buf)
                buf = ""
            words.append(word)
        x = y
    if buf:
        words.append(buf)


def _read_tagged(path: Path) -> dict[str, tuple[int, str]]:
    out: dict[str, tuple[int, str]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 3:
                out[parts[0]] = (int(parts[1]), parts[2])
    return out


@lru_cache(maxsize=1)
def _tagged() -> dict[str, tuple[int, str]]:
    """jieba's dictionary with POS tags: word -> (frequency, tag) (see `Dictionaries`)."""
    return _dictionaries().tagged


def is_common_word(word: str, *, min_freq: int = 30) -> bool:
    """An ordinary word (not a person name) frequent enough to distrust as a name."""
    entry = _tagged().get(word)
    return bool(entry) and not entry[1].startswith("nr") and entry[0] >= min_freq


def word_tag(word: str) -> str:
    """jieba's part-of-speech tag for a dictionary word, '' for a word it does not know."""
    entry = _tagged().get(word)
    return entry[1] if entry else ""


def word_freq(word: str) -> int:
    entry = _tagged().get(word)
    return entry[0] if entry else 0


@lru_cache(maxsize=1)
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """(one-character surnames, compound surnames)."""
    words = data_words("surnames.txt")
    return frozenset(w for w in words if len(w) == 1), frozenset(w for w in words if len(w) > 1)


@lru_cache(maxsize=1)
def titles() -> list[str]:
    return sorted(set(data_words("titles.txt")), key=len, reverse=True)


@lru_cache(maxsize=1)
def policy_patterns() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in data_lines("policies.txt")))


def load() -> None:
    """Load both dictionaries now (about half a second), and the gazetteer the place rules read, not
    at their first use: workers forked after it share them with this process instead of each
    reading its own."""
    from . import gazetteer

    tokenizer()
    _tagged()
    gazetteer.all_names()


def release() -> None:
    """Drop the dictionaries (the tokenizer's and the tagged one, some 130 MB) once a process has
    extracted its last report; they are loaded again if needed."""
    tokenizer.cache_clear()
    _tagged.cache_clear()
    _dictionaries.cache_clear()
    _log_probability.clear()
