"""One writer run by a child process beside the build, its result or error sent back over a pipe."""
from __future__ import annotations

import ctypes
import gc
import multiprocessing
import sys
from typing import Any, Callable

from huiyi.graph.models import HuiyiError
from huiyi.graph.run.parallel import child_process_setup


def _run(fn: Callable, args: tuple, what: str, conn) -> None:
    child_process_setup()
    gc.disable()  # a collection would touch, and so copy, every object a forked child shares
    try:
        conn.send(("ok", fn(*args)))
    except HuiyiError as exc:
        conn.send(("error", str(exc)))
    except Exception as exc:  # sent back whole: the build reports it as this writer's error
        conn.send(("error", f"{what} failed: {type(exc).__name__}: {exc}"))
    finally:
        conn.close()


class Child:
    """`fn(*args)` in a child process: forked where there is fork (it starts at once, and shares the
    parent's pages as long as it does not touch them), spawned elsewhere (then `fn` must be a
    module-level function). `wait()` returns what `fn` returned or raises `error` with its message;
    waiting again gives the same answer. `what` names the writer in messages."""

    def __init__(self, fn: Callable, *args: Any, what: str, error: type[HuiyiError] = HuiyiError):
        self.what, self.error = what, error
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        ctx = multiprocessing.get_context(method)
        self._result, child_end = ctx.Pipe(duplex=False)
        self.process = ctx.Process(target=_run, args=(fn, args, what, child_end), daemon=True)
        self.process.start()
        child_end.close()
        self._answer: tuple[str, Any] | None = None

    def wait(self) -> Any:
        if self._answer is None:
            try:
                self._answer = self._result.recv()
            except EOFError:
                self._answer = ("error", f"{self.what} stopped before it finished")
            except BaseException:  # Ctrl-C while waiting: the child's work is not wanted
                self.stop()
                raise
            self.process.join()
        status, value = self._answer
        if status != "ok":
            raise self.error(value)
        return value


    def stop(self) -> None:
        """End the child now, if it still runs; waiting afterwards says it stopped."""
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()
        if self._answer is None:
            self._answer = ("error", f"{self.what} was stopped")


def release_freed_memory() -> None:
    """Hand the heap's free blocks back to the system (glibc and pyarrow keep them for reuse
    otherwise: some 50 MB after the rows of a million edges), so that a writer that is done does
    not hold memory through the store's load; a no-op where the C library has no malloc_trim."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError, TypeError):  # no such C library or function here
        pass
    arrow = sys.modules.get("pyarrow")  # (its pool only matters where it was used: never imported for this)
    if arrow is not None:
        arrow.default_memory_pool().release_unused()

