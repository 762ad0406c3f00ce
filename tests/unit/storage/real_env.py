"""Tests that need a real facility fail under PLAYGROUND_REAL_ENV=1 without it, else skip."""

from __future__ import annotations

import os

import pytest

REAL_ENV = os.environ.get("PLAYGROUND_REAL_ENV") == "1"


def require(ok: bool, what: str) -> None:
    if ok:
        return
    if REAL_ENV:
        pytest.fail(f"PLAYGROUND_REAL_ENV=1 but {what}")
    pytest.skip(f"needs {what} (run under scripts/test.sh)")
