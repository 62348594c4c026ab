"""Python's cyclic garbage collector, paused while a build holds its data."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for a while: a build makes and keeps
    hundreds of thousands of small objects (sources, mentions, pages) and next
    to no cycles, and collections that walk them all took ~10 % of a re-run at
    1,000 sources. What little is left is collected afterwards."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
