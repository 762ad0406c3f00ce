"""The API-key dialog: focus in the key field, a sign of a stored key, and Save tests the
key before it goes to the keyring (with "Save anyway" for a server that cannot be reached)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

from playground.model.types import Profile
from playground.storage.secrets import SERVICE, SecretStore
from playground.ui.key_dialog import KeyDialog
from tests.gui.conftest import run_until
from tests.memory_keyring import MemoryKeyring


@pytest.fixture(autouse=True)
def keep_running(qapp: Any) -> Iterator[None]:
    """As in the app (application.py): closing the only window must not stop the loop."""
    previous = qapp.quitOnLastWindowClosed()
    qapp.setQuitOnLastWindowClosed(False)
    yield
    qapp.setQuitOnLastWindowClosed(previous)


def _dialog(qtbot: Any, url: str) -> KeyDialog:
    dialog = KeyDialog(Profile(name="Test", base_url=url, timeout=5, max_retries=0),
                       SecretStore(timeout=5))
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def test_focus_starts_in_the_key_field(qtbot: Any, event_loop_qt: Any, memory: Any,
                                       fake_api: Any) -> None:
    dialog = _dialog(qtbot, fake_api.url)
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.key_input


def test_says_whether_a_key_is_stored(qtbot: Any, event_loop_qt: asyncio.AbstractEventLoop,
                                      memory: MemoryKeyring, fake_api: Any) -> None:
    dialog = _dialog(qtbot, fake_api.url)
    run_until(event_loop_qt, lambda: "No key is stored" in dialog.stored_note.text())
    memory.keys[(SERVICE, "Test")] = "sk-old"
    again = _dialog(qtbot, fake_api.url)
    run_until(event_loop_qt, lambda: "already stored" in again.stored_note.text())
    assert "sk-old" not in again.stored_note.text()


def test_a_rejected_key_is_not_saved(qtbot: Any, event_loop_qt: asyncio.AbstractEventLoop,
                                     memory: MemoryKeyring, fake_api: Any) -> None:
    fake_api.valid_keys = {"sk-right-one"}
    dialog = _dialog(qtbot, fake_api.url)
    dialog.key_input.setText("sk-wrong-one")
    dialog.save_button.click()
    run_until(event_loop_qt, lambda: "rejected" in dialog.status.text())
    assert "not saved" in dialog.status.text()
    assert memory.keys == {} and dialog.isVisible()
    assert fake_api.requests_to("/models")
    assert dialog.save_anyway_button.isVisible()
    saved: list[tuple[str, str]] = []
    dialog.keySaved.connect(lambda *args: saved.append(args))
    dialog.save_anyway_button.click()
    run_until(event_loop_qt, lambda: not dialog.isVisible())
    assert saved == [("Test", "sk-wrong-one")]
    assert memory.keys == {(SERVICE, "Test"): "sk-wrong-one"}


def test_a_working_key_is_tested_then_saved(qtbot: Any, event_loop_qt: Any,
                                            memory: MemoryKeyring, fake_api: Any) -> None:
    fake_api.valid_keys = {"sk-right-one"}
    dialog = _dialog(qtbot, fake_api.url)
    dialog.key_input.setText("sk-right-one")
    saved: list[tuple[str, str]] = []
    dialog.keySaved.connect(lambda *args: saved.append(args))
    dialog.save_button.click()
    run_until(event_loop_qt, lambda: not dialog.isVisible())
    assert saved == [("Test", "sk-right-one")]
    assert fake_api.requests_to("/models")
    assert memory.keys == {(SERVICE, "Test"): "sk-right-one"}


def test_an_unreachable_server_offers_save_anyway(qtbot: Any, event_loop_qt: Any,
                                                  memory: MemoryKeyring) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    dialog = _dialog(qtbot, f"http://127.0.0.1:{port}/v1")
    dialog.key_input.setText("sk-offline-0123")
    dialog.save_button.click()
    run_until(event_loop_qt, lambda: dialog.save_anyway_button.isVisible())
    assert "Could not check" in dialog.status.text() and memory.keys == {}
    dialog.save_anyway_button.click()
    run_until(event_loop_qt, lambda: not dialog.isVisible())
    assert memory.keys == {(SERVICE, "Test"): "sk-offline-0123"}
