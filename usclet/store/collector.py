"""Reads that build many records at once, spared the cycle collector's walks."""

import contextlib
import gc


@contextlib.contextmanager
def many_records():
    """Pauses the cycle collector while a read builds many records, which hold no cycles.

    Otherwise it walks every object built so far again and again as they pile up: on a
    large store that is a quarter of a listing's time. Freed records are still freed (by
    reference counting); only the collector's walks are spared.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # what was read lives as long as the command: the collector need not walk it again
        if enabled:
            gc.enable()
