"""A pattern that is an alternation of words searched only where one of its first characters stands.

Python's re cannot tell where an alternation of named groups may start, so it tries every alternative
at every position; here a character class finds the candidate positions and the pattern is matched
there (the same leftmost match as its own search)."""
from __future__ import annotations

import re

_SPECIAL = "()[]\\.^$|?*+{}"


def _group_end(alts: str, i: int) -> int:
    """The index of the bracket closing the group that opens at `i`."""
    depth = 0
    while True:
        ch = alts[i]
        if ch == "\\":
            i += 2
            continue
        depth += (ch == "(") - (ch == ")")
        if depth == 0:
            return i
        i += 1


def _literal(alts: str, i: int) -> str:
    if alts[i] in _SPECIAL:
        raise ValueError(f"an alternative that opens with no literal character: {alts[i:i + 20]!r}")
    return alts[i]


def first_chars(alts: str) -> set[str]:
    """The characters the alternatives of `alts` (a|b|(?:c|d)?e…) open with. Each alternative must
    open with a literal character or a non-capturing group of such alternatives (optional: then the
    character after it counts too); anything else raises ValueError."""
    out: set[str] = set()
    depth, i, opening = 0, 0, True
    while i < len(alts):
        if opening and alts.startswith("(?:", i):
            j = _group_end(alts, i)
            out |= first_chars(alts[i + 3:j])
            if alts[j + 1:j + 2] == "?":
                out.add(_literal(alts, j + 2))
            opening, i = False, j + 1
            continue
        if opening:
            out.add(_literal(alts, i))
            opening = False
        ch = alts[i]
        if ch == "\\":
            i += 2
            continue
        depth += (ch == "(") - (ch == ")")
        opening = ch == "|" and depth == 0
        i += 1
    return out


def opening_class(alts: str) -> str:
    """A character class of the characters the alternatives `alts` open with (see `first_chars`), for
    a lookahead that rules a position out with one test: (?=[主作等])(?=主持|作了?说明|等…)."""
    return "[" + re.escape("".join(sorted(first_chars(alts)))) + "]"


class ByFirstChar:
    """`rx` (built of the alternations `alts`), searched only at the positions of their first characters."""

    def __init__(self, rx: re.Pattern, alts: tuple[str, ...]):
        self.rx = rx
        self.first = re.compile(opening_class("|".join(alts)))

    def search(self, text: str, pos: int, end: int) -> re.Match | None:
        while (c := self.first.search(text, pos, end)):
            if (m := self.rx.match(text, c.start(), end)):
                return m
            pos = c.start() + 1
        return None
