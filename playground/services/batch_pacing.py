"""How a batch run keeps within the server's rate limits: one gate its workers pass before
each request. A 429 (its retry-after, or the backoff when it gives none) or a response
saying no requests or tokens remain closes the gate for every worker until the server's
reset, so a run never keeps sending into a limit it has already hit."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from playground.model.types import RateLimitBucket, RateLimits

# With no reset time in the headers, wait this long when a limit says nothing remains.
UNKNOWN_RESET = 1.0


class RateGate:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._until = 0.0
        self.holds = 0  # how many times the gate closed (for tests and the summary)

    def hold(self, seconds: float) -> None:
        """No worker starts a request for `seconds` from now (a longer hold wins)."""
        until = self._clock() + max(0.0, seconds)
        if until > self._until:
            self._until = until
            self.holds += 1

    def observe(self, limits: RateLimits | None) -> None:
        """A response's x-ratelimit-* headers: close the gate when a budget is spent."""
        if limits is None:
            return
        for bucket in (limits.requests, limits.tokens):
            if _spent(bucket):
                self.hold(bucket.reset_seconds if bucket.reset_seconds is not None
                          else UNKNOWN_RESET)

    def seconds_left(self) -> float:
        return max(0.0, self._until - self._clock())

    async def wait(self) -> None:
        # Another worker may extend the hold while this one sleeps: look again after.
        while (left := self.seconds_left()) > 0:
            await asyncio.sleep(left)


def _spent(bucket: RateLimitBucket) -> bool:
    return bucket.remaining is not None and bucket.limit != 0 and bucket.remaining <= 0
