"""What happened to each input of a build: the lines of `out/report.json`, and the exit code.

Exit codes of `huiyi build` (README, "Inputs"):
  0  every input was read (or its extraction reused from the cache)
  1  the graph was built, but some inputs were skipped (each named with its reason)
  2  usage error: an input does not exist, a glob matches nothing, a bad option
  3  nothing could be read: no report in the inputs, no graph written
  4  --strict: stopped at the first problem, no graph written
"""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

from ..inputs.documents import shown
from ..models import Document, InputError

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE, EXIT_NOTHING_READ, EXIT_STRICT = 0, 1, 2, 3, 4
OUTCOMES = ("read", "cached", "skipped", "duplicate", "ignored")


@dataclass
class Outcome:
    """One input (a file, or `file#id` / `file:line` inside a JSON Lines file) and what became of it."""
    input: str
    outcome: str  # one of OUTCOMES ("pending" while its extraction is queued)
    reason: str = ""
    document: str = ""  # Document id, when read or cached
    of: str = ""  # for a duplicate: the input read instead

    def line(self) -> str:
        """The one line a user sees for a problem: the file and the reason."""
        return f"{self.input}: {self.reason}"


class NothingRead(InputError):
    """No input could be read: there is no graph (exit code 3)."""


class StoppedAtProblem(InputError):
    """--strict: the build stopped at its first problem; `outcomes` is what happened until then."""

    def __init__(self, outcome: Outcome, outcomes: list[Outcome]):
        super().__init__(f"{outcome.line()} (--strict: stopped at the first problem)")
        self.outcomes = outcomes


class InputLog:
    """Outcomes in input order; with `strict`, the first problem raises StoppedAtProblem."""

    def __init__(self, *, strict: bool = False, on_problem: Callable[[Outcome], None] | None = None):
        self.strict = strict
        self.on_problem = on_problem
        self.outcomes: list[Outcome] = []

    def add(self, input: str | Path, outcome: str, **kw) -> Outcome:
        entry = Outcome(shown(input), outcome, **kw)
        self.outcomes.append(entry)
        if outcome in ("skipped", "duplicate"):
            self.problem(entry)
        return entry

    def problem(self, entry: Outcome) -> None:
        if self.on_problem:
            self.on_problem(entry)
        if self.strict:
            raise StoppedAtProblem(entry, self.outcomes)

    def skip(self, entry: Outcome, reason: str) -> None:
        """An input accepted earlier turned out not to be usable (e.g. no meeting in it)."""
        entry.outcome, entry.reason, entry.document = "skipped", reason, ""
        self.problem(entry)


def summary(outcomes: list[Outcome]) -> dict[str, int]:
    counts = Counter(o.outcome for o in outcomes)
    return {"inputs": len(outcomes), **{k: counts.get(k, 0) for k in OUTCOMES}}


def exit_code(outcomes: list[Outcome], documents: list[Document]) -> int:
    if not documents:
        return EXIT_NOTHING_READ
    return EXIT_SKIPPED if any(o.outcome in ("skipped", "duplicate") for o in outcomes) else EXIT_OK


def report(outcomes: list[Outcome], *, exit_code: int, graph_written: bool) -> dict:
    """The content of `out/report.json`: summary counts and every input with its outcome."""
    rows = [{k: v for k, v in asdict(o).items() if v} for o in outcomes]
    return {"summary": {**summary(outcomes), "exit_code": exit_code, "graph_written": graph_written},
            "inputs": rows}
