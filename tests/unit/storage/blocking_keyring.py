"""A keyring backend whose calls block until released: a keyring that never answers
(like set_password when HOME does not exist, or an unlock prompt nobody sees)."""

from __future__ import annotations

import threading

from keyring.backend import KeyringBackend


class BlockingKeyring(KeyringBackend):
    priority = 0  # type: ignore[assignment]  # never chosen by detection, only set explicitly

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
