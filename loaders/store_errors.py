"""The embedded store's engine errors as one line a user can act on: what is wrong and, where it
can be told, the line and column of the query."""
from __future__ import annotations

import re
from pathlib import Path

from huiyi.graph.models import StoreError

_POSITION = re.compile(r"\s*\(line: (\d+), offset: (\d+)\)")
_NAMED = re.compile(r"(?:Table|Variable|function|Function|property|Property) `?([\w]+)`?", re.UNICODE)


def _where(cypher: str, index: int) -> str:
    line = cypher.count("\n", 0, index) + 1
    column = index - (cypher.rfind("\n", 0, index) + 1) + 1
    return f" at line {line}, column {column}"


def cypher_error(exc: Exception, cypher: str, path: Path) -> StoreError:
    """One line for an engine error: what is wrong and, where it can be told, where."""
    text = str(exc).strip() or type(exc).__name__
    if "read-only" in text:
        return StoreError(f"{path}: this query writes, and the store is open read-only; "
                          "allow writes with write=True (`huiyi query --write`)")
    where = ""
    pos = _POSITION.search(text)
    if pos:  # the parser says where; the rest of its message repeats the query
        where = f" at line {pos.group(1)}, column {int(pos.group(2)) + 1}"
        message = text[:pos.start()] + text[pos.end():].split("\n", 1)[0]
    else:
        message = text.splitlines()[0]
        named = _NAMED.search(message)
        found = named and re.search(rf"(?<!\w){re.escape(named.group(1))}(?!\w)", cypher, re.IGNORECASE)
        if found:
            where = _where(cypher, found.start())
    message = " ".join(re.sub(r"^\w+ exception: ", "", message.strip()).split())
    return StoreError(f"Cypher error{where}: {message}")
