"""A build's progress: what it counts (`BuildProgress`), the bar of a long `huiyi build` (reports,
MB, speed, ETA) and its closing summary."""
from __future__ import annotations

import time
from contextlib import contextmanager
from typing import TYPE_CHECKING, Callable, Iterator

if TYPE_CHECKING:
    from rich.console import Console

REFRESH = 0.25  # seconds between redraws
OnProgress = Callable[[int, int, int], None]  # (reports, done bytes, total bytes)


class BuildProgress:
    """Reports done and input bytes read of `total`, told to `on_progress(reports, done, total)`
    (nothing told without it): at the start, after each input, and at the end."""
    __slots__ = ("total", "done", "reports", "_tell")

    def __init__(self, total: int, on_progress: OnProgress | None = None):
        self.total, self.done, self.reports = total, 0, 0
        self._tell = on_progress
        if on_progress:
            on_progress(0, 0, total)

    def advance(self, nbytes: int, reports: int) -> None:
        """One more input done: `nbytes` of it read, `reports` reports done in all."""
        self.done += nbytes
        self.reports = reports
        if self._tell:
            self._tell(reports, self.done, self.total)

    def finish(self) -> None:
        """All done (JSON Lines records are credited by their text only: the rest now)."""
        if self._tell and self.done != self.total:
            self._tell(self.reports, self.total, self.total)


@contextmanager
def build_progress(console: Console, *, enabled: bool = True) -> Iterator[Callable[[int, int, int], None]]:
    """An `on_progress(reports, done_bytes, total_bytes)` callback drawing a bar on `console`; a no-op
    when disabled or when the console is not a terminal (a log file gets no bar)."""
    if not enabled or not console.is_terminal:
        yield lambda *_: None
        return
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn
    # auto_refresh=False: no drawing thread, so worker processes can be forked safely
    progress = Progress(TextColumn("extracting"), BarColumn(), TextColumn("{task.fields[reports]} reports"),
                        DownloadColumn(), TransferSpeedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                        console=console, auto_refresh=False, transient=True)
    task = progress.add_task("build", total=None, reports=0)
    drawn = [0.0]

    def update(reports: int, done: int, total: int) -> None:
        progress.update(task, completed=done, total=total or None, reports=reports)
        now = time.monotonic()
        if now - drawn[0] >= REFRESH:
            drawn[0] = now
            progress.refresh()
    with progress:
        yield update


def summary_line(reports: int, total_bytes: int, seconds: float, stages: dict[str, float]) -> str:
    """`12,345 reports, 100.0 MB in 95.1 s: 1.05 MB/s, 130 reports/s (extract 88.0 s, merge 4.0 s, ...)`"""
    mb = total_bytes / 2**20
    rate = f"{mb / seconds:.2f} MB/s, {reports / seconds:.0f} reports/s" if seconds > 0 else "-"
    parts = ", ".join(f"{k} {v:.1f} s" for k, v in stages.items())
    return f"{reports:,} reports, {mb:.1f} MB in {seconds:.1f} s: {rate} ({parts})"
