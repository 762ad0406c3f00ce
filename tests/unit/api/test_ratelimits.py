"""x-ratelimit-* headers -> RateLimits."""

from __future__ import annotations

import pytest

from playground.api.ratelimits import parse_duration, parse_rate_limits
from playground.model.types import RateLimitBucket, RateLimits


@pytest.mark.parametrize(("text", "seconds"), [
    ("6m0s", 360.0), ("1s", 1.0), ("20ms", 0.02), ("1h2m3.5s", 3723.5), ("0s", 0.0),
    ("2.5", 2.5), ("150us", 0.00015), (" 7s ", 7.0),
])
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["", "soon", "5x", "1m-2s", "s", "6m0"])
def test_junk_durations_are_none(text: str) -> None:
    assert parse_duration(text) is None


def test_openai_headers() -> None:
    headers = {
        "X-RateLimit-Limit-Requests": "500", "x-ratelimit-remaining-requests": "499",
        "x-ratelimit-reset-requests": "120ms", "x-ratelimit-limit-tokens": "30000",
        "x-ratelimit-remaining-tokens": "29,000", "x-ratelimit-reset-tokens": "6m0s",
        "content-type": "text/event-stream",
    }
    assert parse_rate_limits(headers) == RateLimits(
        requests=RateLimitBucket(500, 499, 0.12),
        tokens=RateLimitBucket(30000, None, 360.0),  # unreadable number: unknown, not 0
    )


def test_partial_headers_leave_the_rest_unknown() -> None:
    limits = parse_rate_limits({"x-ratelimit-remaining-tokens": "12"})
    assert limits == RateLimits(tokens=RateLimitBucket(remaining=12))


def test_no_headers_is_none() -> None:
    assert parse_rate_limits({"content-type": "application/json"}) is None
