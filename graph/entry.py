"""The `huiyi` command's entry point: Ctrl-C handled from the first moment, before the command's
modules are even imported, so it stops quietly (one line, exit code 130, no traceback) whenever it
comes; the command itself is graph/cli.py."""
from __future__ import annotations

import os
import signal
import sys
import threading

STOP_LINE = "interrupted: stopped; the outputs in the --out folder are those of the last finished build"
STOP_WITHIN = 10.0  # seconds the orderly stop may take before the process ends regardless
_STOPPING = threading.Lock()


class Interrupted(BaseException):
    """Ctrl-C, raised in place of KeyboardInterrupt so that it reaches `run` (the command-line
    library would turn KeyboardInterrupt into its own message and exit code 1)."""


def _stop_now() -> None:
    """Say the one line (once, whoever comes first: the orderly stop or its timer) and end."""
    if _STOPPING.acquire(blocking=False):
        print(STOP_LINE, file=sys.stderr, flush=True)
    os._exit(130)  # (children die with this process: see graph.run.parallel.die_with_parent)


def _interrupt(signum, frame) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C while stopping changes nothing
    timer = threading.Timer(STOP_WITHIN, _stop_now)  # cleanup stuck in a library's lock: end anyway
    timer.daemon = True
    timer.start()
    raise Interrupted()


def run() -> None:
    """`huiyi`: the command line of graph/cli.py, with Ctrl-C stopping it quietly (workers and
    writers are stopped, and each dies with this process anyway)."""
    signal.signal(signal.SIGINT, _interrupt)
    try:
        from .cli import app
        app()
    except Interrupted:
        _stop_now()
    finally:
        # the command is done (its outputs and exit code are decided): a Ctrl-C while the interpreter
        # shuts down changes nothing. Left to Python, whose shutdown puts back the default handler,
        # it would end the process by the signal, after a finished build had said it was done.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
