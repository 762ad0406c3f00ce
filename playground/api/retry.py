"""When to retry a failed request, and after how long. Pure policy; the caller waits.

The app retries itself (the SDK's retries are off) so the UI can show the countdown.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from playground.model.types import ApiFailure, FailureKind

BASE_DELAY = 0.5
MAX_DELAY = 30.0
# A server asking for a longer wait than this is better reported than silently waited for.
MAX_RETRY_AFTER = 60.0

# Transient by nature. Everything else needs the user (a key, credit, a parameter, a model);
# INTERRUPTED streams are offered to the user as Retry/Continue instead.
RETRIED_KINDS = frozenset({
    FailureKind.RATE_LIMIT, FailureKind.SERVER, FailureKind.TIMEOUT, FailureKind.NETWORK,
    FailureKind.PROXY,
})


def delays(
    failure: ApiFailure, attempt: int, max_retries: int,
    *, jitter: Callable[[], float] = random.random,
) -> float | None:
    """Seconds to wait before retry number `attempt + 1`, or None to give up.

    `attempt` counts the retries already made (0 before the first retry). The server's
    retry-after wins; otherwise 0.5, 1, 2, 4 ... s capped at 30 s, each shortened by up to
    25 % at random so that many clients do not retry in lockstep.
    """
    if failure.kind not in RETRIED_KINDS or attempt >= max_retries:
        return None
    if failure.retry_after is not None:
        return failure.retry_after if failure.retry_after <= MAX_RETRY_AFTER else None
    base = min(MAX_DELAY, BASE_DELAY * 2.0 ** attempt)
    return base * (1.0 - 0.25 * jitter())
