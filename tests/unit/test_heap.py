"""playground.heap: the app freezes its long-lived heap out of full collections; tests and
tools that do not ask keep every collection."""

from __future__ import annotations

import gc

from playground import heap


def test_freezing_happens_only_once_the_app_enables_it() -> None:
    assert gc.get_freeze_count() == 0
    heap.freeze_long_lived()  # not enabled: tests must keep finding leaked cycles
    assert gc.get_freeze_count() == 0
    try:
        heap.enable()
        frozen = gc.get_freeze_count()
        assert frozen > 10_000  # modules, types: what the app keeps for good
        kept = [[i] for i in range(1_000)]  # a load after start, e.g. the price data
        heap.freeze_long_lived()
        assert gc.get_freeze_count() >= frozen + len(kept)
    finally:
        heap.disable()
    assert gc.get_freeze_count() == 0
