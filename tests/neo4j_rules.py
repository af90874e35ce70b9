"""What a Neo4j 5 server accepts, written from its documentation, for tests that have no server.

Property values (Cypher manual, "Values and types": property types): a string, an integer (64-bit
signed), a float, a boolean, a temporal value, or a homogeneous list of one of those; a map, a
nested or mixed list, or a null inside a list cannot be stored, and a transaction that tries fails
whole. Strings go over Bolt as UTF-8, so a lone surrogate cannot be sent at all.
"""
from __future__ import annotations

import re
from datetime import date

_INT64 = (-2**63, 2**63 - 1)
_SCALARS = (str, bool, int, float)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def scalar_problem(value) -> str | None:
    if not isinstance(value, _SCALARS):
        return f"a {type(value).__name__} is not a property type"
    if isinstance(value, int) and not isinstance(value, bool) and not _INT64[0] <= value <= _INT64[1]:
        return f"{value} does not fit a 64-bit integer"
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return f"{value[:20]!r}… cannot be sent as UTF-8"
    return None


def property_problem(value) -> str | None:
    """Why Neo4j would refuse `value` as a property value, or None when it stores it."""
    if isinstance(value, (list, tuple)):
        if any(item is None for item in value):
            return "a list holding null"
        if any(isinstance(item, (list, tuple, dict)) for item in value):
            return "a nested list or a list of maps"
        if len({type(item) for item in value}) > 1:
            return "a list of mixed types: " + ", ".join(sorted({type(i).__name__ for i in value}))
        return next(filter(None, map(scalar_problem, value)), None)
    if isinstance(value, dict):
        return "a map"
    return scalar_problem(value)


def date_problem(value) -> str | None:
    """Why Cypher's date() would refuse `value` as a full date 'YYYY-MM-DD' (None: null, no date)."""
    if value is None:
        return None
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        return f"{value!r} is not a date written YYYY-MM-DD"
    try:
        date.fromisoformat(value)
    except ValueError:
        return f"{value!r} is not a day of the calendar"
    return None
