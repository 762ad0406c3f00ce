"""The retry policy, as a table."""

from __future__ import annotations

import pytest

from playground.api.retry import delays
from playground.model.types import ApiFailure, FailureKind

K = FailureKind


def failure(kind: FailureKind, retry_after: float | None = None) -> ApiFailure:
    return ApiFailure(kind, "x", retry_after=retry_after)


@pytest.mark.parametrize("kind", [K.AUTH, K.QUOTA, K.BAD_REQUEST, K.NOT_FOUND,
                                  K.CONTEXT_LENGTH, K.CONTENT_POLICY, K.INTERRUPTED,
                                  K.PERMISSION, K.TOO_LARGE, K.UNSUPPORTED, K.UNKNOWN])
def test_never_retried(kind: FailureKind) -> None:
    assert delays(failure(kind), 0, 5) is None
    assert delays(failure(kind, retry_after=1), 0, 5) is None


@pytest.mark.parametrize("kind", [K.RATE_LIMIT, K.SERVER, K.TIMEOUT, K.NETWORK, K.PROXY])
def test_retried_with_exponential_backoff(kind: FailureKind) -> None:
    no_jitter = [delays(failure(kind), n, 10, jitter=lambda: 0.0) for n in range(8)]
    assert no_jitter == [0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0]
    full_jitter = [delays(failure(kind), n, 10, jitter=lambda: 1.0) for n in range(3)]
    assert full_jitter == [0.375, 0.75, 1.5]


def test_random_jitter_stays_within_a_quarter() -> None:
    for attempt in range(6):
        base = min(30.0, 0.5 * 2**attempt)
        for _ in range(50):
            delay = delays(failure(K.SERVER), attempt, 10)
            assert delay is not None and 0.75 * base <= delay <= base


def test_gives_up_after_max_retries() -> None:
    assert delays(failure(K.SERVER), 1, 2) is not None
    assert delays(failure(K.SERVER), 2, 2) is None
    assert delays(failure(K.SERVER), 0, 0) is None


def test_retry_after_wins() -> None:
    assert delays(failure(K.RATE_LIMIT, retry_after=2), 0, 2) == 2
    assert delays(failure(K.RATE_LIMIT, retry_after=0), 3, 5) == 0
    assert delays(failure(K.SERVER, retry_after=45), 0, 2) == 45


def test_very_long_retry_after_is_reported_not_waited() -> None:
    assert delays(failure(K.RATE_LIMIT, retry_after=3600), 0, 2) is None
