"""x-ratelimit-* response headers -> RateLimits. Pure: no SDK import."""

from __future__ import annotations

import re
from collections.abc import Mapping

from playground.model.types import RateLimitBucket, RateLimits

# Go-style durations as OpenAI sends them: "6m0s", "1s", "20ms", "1h2m3.5s".
_DURATION = re.compile(r"(?:\d+(?:\.\d+)?(?:ms|us|µs|ns|h|m|s))+")
_PART = re.compile(r"(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)")
_SECONDS = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 1e-3, "us": 1e-6, "µs": 1e-6, "ns": 1e-9}


def parse_duration(text: str) -> float | None:
    """Seconds in a duration such as "1h2m3.5s"; a bare number is seconds; junk is None."""
    text = text.strip()
    if not text:
        return None
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    if not _DURATION.fullmatch(text):
        return None
    return sum(float(amount) * _SECONDS[unit] for amount, unit in _PART.findall(text))


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(float(value.strip()))
    except ValueError:
        return None


def _bucket(headers: Mapping[str, str], what: str) -> RateLimitBucket:
    reset = headers.get(f"x-ratelimit-reset-{what}")
    return RateLimitBucket(
        limit=_int(headers.get(f"x-ratelimit-limit-{what}")),
        remaining=_int(headers.get(f"x-ratelimit-remaining-{what}")),
        reset_seconds=parse_duration(reset) if reset is not None else None,
    )


def parse_rate_limits(headers: Mapping[str, str]) -> RateLimits | None:
    """The limits in a response's headers; None when the server sends none (local servers)."""
    lowered = {k.lower(): v for k, v in headers.items()}
    if not any(k.startswith("x-ratelimit-") for k in lowered):
        return None
    return RateLimits(requests=_bucket(lowered, "requests"), tokens=_bucket(lowered, "tokens"))
