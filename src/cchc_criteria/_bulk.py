"""Building a large structure without the cyclic garbage collector in the way.

Reading a set of 100,000 criteria or compiling its plan creates millions of objects and none
of them in a cycle; Python's collector, triggered by the allocations, walks every live object
again and again meanwhile (a quarter of the time at 100,000 criteria). `bulk` pauses it
for such a build, and only for a large one: a small build never touches the process's
collector.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["BULK", "bulk"]

BULK = 5000
"""The size (rows, nodes) from which a build pauses the collector."""


@contextlib.contextmanager
def bulk(size: int) -> Iterator[None]:
    """Pause the cyclic garbage collector while a structure of ``size`` items is built, when
    ``size`` is at least `BULK` and the collector is on; reference counting frees
    memory as usual, and the collector is on again afterwards, whatever happens."""
    if size < BULK or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
