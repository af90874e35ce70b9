"""Every occurrence of a fixed set of words in a text, in one pass: an Aho-Corasick automaton.

pyahocorasick keeps a node's children in a list it searches one by one, so an automaton over
Chinese words, whose root has a child for every first character (some 1,500 for the gazetteer),
spent most of its time at the root: 0.5 us a character. Built over the words' UTF-8 bytes (written
as Latin-1 characters, one per byte) no node has more than a few dozen children, and the same
text is scanned some eight times faster. UTF-8 is self-synchronising, so a word's bytes are found
only where the word itself stands; byte offsets are turned back into character offsets here.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

import ahocorasick


def _bytes_as_str(s: str) -> str:
    return s.encode("utf-8", "surrogatepass").decode("latin-1")


class WordScanner:
    def __init__(self, words: Iterable[str]):
        self._automaton = ahocorasick.Automaton()
        for word in words:
            self._automaton.add_word(_bytes_as_str(word), word)
        self._automaton.make_automaton()

    def hits(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, word) of every occurrence of every word, overlapping ones included, in the
        order the automaton finds them (by end)."""
        data = _bytes_as_str(text)
        if len(data) == len(text):  # no character past ASCII: bytes are characters
            return [(end + 1 - len(word), end + 1, word) for end, word in self._automaton.iter(data)]
        found = [(end + 1, word) for end, word in self._automaton.iter(data)]
        if not found:
            return []
        # byte offset -> character offset, walking the text once (counting the bytes that start a character)
        cuts = sorted({b for end, word in found for b in (end - len(word.encode("utf-8", "surrogatepass")), end)})
        chars, pos, at = {}, 0, 0
        for b in cuts:
            at += len(data[pos:b].encode("latin-1").decode("utf-8", "surrogatepass"))
            chars[b], pos = at, b
        return [(chars[end - len(word.encode("utf-8", "surrogatepass"))], chars[end], word) for end, word in found]


class Needing:
    """A compiled pattern, tried only on texts that hold one of `words`, the words every match of it
    holds (its literal ending, a word its lookahead requires): most sentences hold none, and the
    pattern, which cannot tell that from its first character, would be tried at every position.
    The same matches as the pattern; only the methods the rules use."""

    def __init__(self, rx: re.Pattern, words: tuple[str, ...]):
        self.rx, self.words = rx, words

    def _may_match(self, text: str) -> bool:
        return any(w in text for w in self.words)

    def finditer(self, text: str) -> Iterator[re.Match]:
        return self.rx.finditer(text) if self._may_match(text) else iter(())

    def match(self, text: str) -> re.Match | None:
        return self.rx.match(text) if self._may_match(text) else None

    def search(self, text: str) -> re.Match | None:
        return self.rx.search(text) if self._may_match(text) else None
