"""A progress bar on stderr for long work: only when stderr is a terminal, never when it
is piped or redirected, and never with --quiet. Small work (under `THRESHOLD` records)
draws nothing: a bar that flashes for a tenth of a second only hides the prompt.

The core takes a plain callback, `advance(n)`; rich is imported only when a bar is drawn.
"""

import contextlib
import sys

THRESHOLD = 1000


def wanted(quiet, total, stream=None):
    stream = stream or sys.stderr
    return not quiet and total >= THRESHOLD and hasattr(stream, "isatty") and stream.isatty()


@contextlib.contextmanager
def bar(description, total, quiet=False, stream=None):
    """Yields `advance(n)`: a rich bar on stderr when `wanted`, else a callback that does nothing."""
    stream = stream or sys.stderr
    if not wanted(quiet, total, stream):
        yield lambda n=1: None
        return
    import os

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(file=stream, stderr=True, no_color=bool(os.environ.get("NO_COLOR")))
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(description, total=total)
        yield lambda n=1: progress.advance(task, n)
