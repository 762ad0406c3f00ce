"""Keep Python's full garbage collections short: the long-lived heap is frozen out of them.

A full (generation 2) collection walks every container object alive. After the SDK import
and the price data load the app holds a few hundred thousand of them, and one full
collection took 60-110 ms — holding the GIL, so the window froze for as long, whichever
thread set it off (bench/compare.py, bench/pricing.py). `gc.freeze()` moves the objects alive
now into a permanent generation that collections skip; it is a list splice, cheap enough to
call after each big load. Frozen objects are still freed by reference counting; only a cycle
among them outlives its use, and what is alive at these points (modules, the SDK's types,
the price data, the main window) lives as long as the app.

Only the app turns this on (`enable()` in run_gui, as the benchmarks do): tests need every
collection, to find the resources they leak.
"""

from __future__ import annotations

import gc

_enabled = False


def enable() -> None:
    global _enabled
    _enabled = True
    freeze_long_lived()


def disable() -> None:
    """Back to plain collections, the frozen objects included (tests of this module)."""
    global _enabled
    _enabled = False
    gc.unfreeze()


def freeze_long_lived() -> None:
    """After a load that added many objects for good (any thread): freeze them."""
    if _enabled:
        gc.freeze()
