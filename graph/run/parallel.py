"""Ordered maps over a pool of worker processes, with a bounded number of tasks in flight.

Extraction is a pure function of one report, so `huiyi build --jobs N` maps it over N processes:
the build's own, which also takes the results in, and N-1 workers.
Results come back in input order (outcomes and warnings keep the order of the inputs), and only
`window` batches are ever queued, so a corpus of any size streams through in constant memory
(`multiprocessing.Pool.imap` would read every input ahead of the workers).
"""
from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from functools import partial
from itertools import islice
from typing import Callable, Iterable, Iterator, TypeVar

from ..models import ConfigError, HuiyiError

T = TypeVar("T")
R = TypeVar("R")
# A mapper takes a function returning a list per item and yields the lists' items in input order.
Mapper = Callable[[Callable[[T], list[R]], Iterable[T]], Iterator[R]]


class WorkerDied(HuiyiError):
    """A worker process was killed (by the out-of-memory killer, or a signal)."""


def check_jobs(jobs: int) -> int:
    """`jobs` as a worker count: 0 means one per core; negative is a ConfigError."""
    if jobs < 0:
        raise ConfigError(f"--jobs {jobs}: give a number of worker processes, 1 or more (0: one per core, "
                          f"{os.cpu_count()} here)")
    return jobs or os.cpu_count() or 1


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def run_batch(fn: Callable[[T], list[R]], batch: list[T]) -> list[R]:
    return [r for item in batch for r in fn(item)]


def windowed(submit: Callable[[list[T]], Future], items: Iterable[T], *, batch: int, window: int,
             cancel: Callable[[], None] = lambda: None) -> Iterator[R]:
    """Submit batches of `items`, at most `window` at a time, and yield their results in order."""
    pending: deque[Future] = deque()
    try:
        for chunk in batches(items, batch):
            pending.append(submit(chunk))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        for f in pending:
            f.cancel()
        cancel()


PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies


def die_with_parent() -> None:
    """In a child process: end when the parent ends, however it ends (even by SIGKILL, which gives
    it no chance to stop its children); a no-op where prctl does not exist (not Linux)."""
    parent = os.getppid()
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError, TypeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def child_process_setup() -> None:
    """What every worker and writer process does first: Ctrl-C is the parent's to handle (it stops
    the children itself), and the child dies with its parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """End a pool's workers now (an interrupt, or the build gave up): their tasks are not wanted."""
    for process in list(getattr(pool, "_processes", {}).values()):  # (no public way to reach them)
        process.terminate()


YOUNG_COLLECTION = 10_000  # allocations between collections of the young generation (Python's default: 700)


def settle_collector() -> None:
    """Set the cyclic garbage collector for extraction, once what lives as long as the process
    (modules, the segmenter's dictionaries) is loaded: that is frozen out of the collector's walks,
    and the young generation is collected every YOUNG_COLLECTION allocations. A report makes
    hundreds of thousands of short-lived objects, which reference counting frees; collecting every
    700 allocations walked them again and again, and each full collection walked the dictionaries
    (the collector took ~0.5 s of a worker's 17 s on 2,700 real reports, ~0.02 s so)."""
    gc.freeze()
    gc.set_threshold(YOUNG_COLLECTION, *gc.get_threshold()[1:])


@contextmanager
def settled_collector() -> Iterator[None]:
    """`settle_collector` in this process for a while, then the collector's settings as they were;
    what it froze is unfrozen unless something was frozen before (Python unfreezes all or nothing:
    the caller's freeze is kept)."""
    threshold, frozen = gc.get_threshold(), gc.get_freeze_count()
    settle_collector()
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        if not frozen:
            gc.unfreeze()


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside (as it was again after): a writer makes a million small
    containers, rows or edge dicts, and almost no cycles, and each collection would walk what it
    holds again (a tenth of the JSON's and the page's time on the real corpus); so would reading
    the segmenter's kept dictionaries (350,000 tuples)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _warm_up(initializer: Callable[[], object] | None) -> None:
    child_process_setup()
    if initializer is not None:
        initializer()
    settle_collector()  # a worker lives for one build: nothing to restore


def sharing_window(submit: Callable[[list[T]], Future], run_here: Callable[[list[T]], list[R]],
                   items: Iterable[T], *, batch: int, window: int) -> Iterator[R]:
    """`windowed`, with this process working too: whenever the oldest batch sent is not done yet,
    it runs the next batch itself (`run_here`) instead of waiting, so it never idles while there is
    work, and what it makes crosses no process boundary. Results still come in input order; at
    most `window` batches are sent off, and at most `window` more wait here, done."""
    chunks = batches(items, batch)
    pending: deque[Future | list[R]] = deque()  # a Future sent off, or the results of a batch run here
    in_flight = 0
    try:
        while True:
            while in_flight < window and (chunk := next(chunks, None)) is not None:
                pending.append(submit(chunk))
                in_flight += 1
            if not pending:
                return
            head = pending[0]
            if isinstance(head, Future) and not head.done() and len(pending) < 2 * window \
                    and (chunk := next(chunks, None)) is not None:
                pending.append(run_here(chunk))  # (its place is after every batch already sent)
                continue
            pending.popleft()
            if isinstance(head, Future):
                in_flight -= 1
                head = head.result()
            yield from head
    finally:
        for f in pending:
            if isinstance(f, Future):
                f.cancel()


def process_map(jobs: int, *, initializer: Callable[[], object] | None = None, batch: int = 4,
                window: int | None = None) -> Mapper:
    """A mapper over `jobs` processes: this one and `jobs - 1` workers (`sharing_window`: this
    process takes the results in and works while it waits), `initializer` run once in this process
    first (e.g. loading the segmenter's dictionaries, ~0.5 s), so that forked workers start with it
    done (elsewhere each runs it before its first task), the collector settled in every process
    (`settle_collector`). jobs=1 maps in this process only, and runs no initializer: with no
    worker to share it with, what the work needs is loaded at its first use, if ever (a build
    whose reports are all in its cache never loads the segmenter)."""
    def mapper(fn: Callable[[T], list[R]], items: Iterable[T]) -> Iterator[R]:
        if jobs <= 1:  # nothing to share: what the work needs is loaded when it is first needed
            with settled_collector():
                for item in items:
                    yield from fn(item)
            return
        # fork shares the imported code with the workers; elsewhere they import it again
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        if initializer is not None:  # before the fork: forked workers find it done
            initializer()
        pool = ProcessPoolExecutor(jobs - 1, mp_context=multiprocessing.get_context(method),
                                   initializer=_warm_up, initargs=(initializer,))
        try:
            with settled_collector():
                yield from sharing_window(lambda chunk: pool.submit(run_batch, fn, chunk), partial(run_batch, fn),
                                          items, batch=batch, window=window or 4 * jobs)
        except BrokenProcessPool as exc:
            raise WorkerDied(f"a worker process died ({exc}); out of memory? run again with fewer --jobs") from exc
        except BaseException:  # Ctrl-C, or the consumer stopped: the queued work is not wanted
            stop_workers(pool)
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    return mapper
