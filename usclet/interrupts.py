"""Ctrl-C, at any moment: one line on stderr, exit status 130, the store as it was.

`install()` (done first thing by the `usclet` program, before its imports) replaces
Python's KeyboardInterrupt, which can surface as a traceback from anywhere, with an
immediate exit. Exiting at once is safe for the store because no write is ever half
done on disk (a JSON write is a renamed temporary file, a SQLite write a transaction).
The one moment an interrupt must not cut is the commit itself: inside `committing()`
the write is finished and the command ends as if the interrupt had come too late.
"""

import contextlib
import os
import signal
import sys
import threading

INTERRUPTED = 130  # what shells report for a program ended by SIGINT (128 + 2)
MESSAGE = b"usclet: interrupted; nothing was written\n"
AFTER_WRITE = b"usclet: interrupted; the write had already been made (`usclet undo` takes it back)\n"

_state = {"committing": 0, "committed": False}


def _on_interrupt(signum, frame):
    if _state["committing"]:
        return  # the write is landing whole: too late to stop it, the command finishes
    try:
        os.write(2, AFTER_WRITE if _state["committed"] else MESSAGE)
    finally:
        os._exit(INTERRUPTED)


def install():
    """Makes Ctrl-C end the process at once, quietly. Only for the program, never for a
    library user's process, and only from the main thread (where signals are handled)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, _on_interrupt)


def run_as_program():
    """Whether this process is the `usclet` program (its console script, or `python -m
    usclet`), rather than a program importing usclet."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    if spec is not None:
        return spec.name == "usclet.__main__"
    return os.path.basename(getattr(main, "__file__", None) or "") == "usclet"


@contextlib.contextmanager
def committing():
    """A write's commit: an interrupt during it does not stop it."""
    _state["committing"] += 1
    try:
        yield
        _state["committed"] = True
    finally:
        _state["committing"] -= 1
