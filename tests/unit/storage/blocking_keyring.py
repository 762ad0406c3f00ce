"""A keyring backend whose calls block until released: a keyring that never answers
(like set_password when HOME does not exist, or an unlock prompt nobody sees)."""

from __future__ import annotations

import threading

from keyring.backend import KeyringBackend
from keyring.compat import properties


class BlockingKeyring(KeyringBackend):
    @properties.classproperty
    def priority(cls) -> float:
        # Every imported backend class takes part in keyring's detection; raising makes
        # this one non-viable there, so only an explicit keyring.set_keyring() uses it.
        raise RuntimeError("a test backend: only used through keyring.set_keyring()")

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()
        self.calls = 0

    def _block(self) -> None:
        self.calls += 1
        self.release.wait()

    def get_password(self, service: str, username: str) -> str | None:
        self._block()
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        self._block()

    def delete_password(self, service: str, username: str) -> None:
        self._block()
