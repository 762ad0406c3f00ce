"""Give the event loop a turn while a stream's backlog is parsed.

The SDK parses chunks already buffered without returning to the event loop, so a long reply
arriving faster than it is shown would freeze the window while the backlog is parsed.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterable, AsyncIterator
from typing import TypeVar

T = TypeVar("T")

LOOP_TURN_INTERVAL = 0.004  # seconds of parsing between two turns of the loop


async def with_loop_turns(source: AsyncIterable[T]) -> AsyncIterator[T]:
    """`source`'s items, yielding to the event loop at least every LOOP_TURN_INTERVAL."""
    last_turn = time.perf_counter()
    async for item in source:
        if time.perf_counter() - last_turn > LOOP_TURN_INTERVAL:
            await asyncio.sleep(0)
            last_turn = time.perf_counter()
        yield item
