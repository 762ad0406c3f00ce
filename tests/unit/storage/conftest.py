"""Keyring fixtures shared by the storage tests."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import keyring
import pytest

from playground.storage.secrets import SecretStore
from tests.unit.storage.blocking_keyring import BlockingKeyring
from tests.unit.storage.real_env import require


@pytest.fixture
def real_keyring() -> SecretStore:
    """A SecretStore on the session's unlocked Secret Service keyring."""
    store = SecretStore(timeout=15)
    status = asyncio.run(store.check())
    require(status.ok and "SecretService" in status.backend,
            f"an unlocked Secret Service keyring ({status.message or status.backend})")
    return store


@pytest.fixture
def blocking_keyring() -> Iterator[BlockingKeyring]:
    """keyring's backend replaced by one whose calls hang until the test ends."""
    previous = keyring.get_keyring()
    blocking = BlockingKeyring()
    keyring.set_keyring(blocking)
    try:
        yield blocking
    finally:
        blocking.release.set()  # let the stuck worker threads finish
        keyring.set_keyring(previous)
