"""The Profiles dialog: validation shown per problem, create, rename (the key moves), delete."""

from __future__ import annotations

import os
from typing import Any

import pytest

from playground.model.types import Profile
from playground.settings import Settings
from playground.storage.profiles import ProfileStore
from playground.storage.secrets import SecretStore
from playground.ui.profile_dialog import ProfileDialog


@pytest.fixture
def store() -> ProfileStore:
    store = ProfileStore(Settings().raw())
    store.save(Profile(name="OpenAI"))  # persist the stand-in default
    return store


def test_bad_values_are_explained_and_nothing_is_saved(qtbot: Any, store: ProfileStore,
                                                        event_loop_qt: Any) -> None:
    dialog = ProfileDialog(store, SecretStore(timeout=2))
    qtbot.addWidget(dialog)
    dialog.new_button.click()
    dialog.name.setText("Relay")
    dialog.base_url.setText("api.example.com/v1")
    dialog.proxy.setText("ftp://proxy:21")
    event_loop_qt.run_until_complete(dialog.save())
    text = dialog.problems.text()
    assert "must start with http:// or https://" in text and "socks5://" in text
    assert store.names() == ["OpenAI"]


def test_a_new_profile_is_saved_and_becomes_active(qtbot: Any, store: ProfileStore,
                                                    event_loop_qt: Any) -> None:
    changed: list[bool] = []
    dialog = ProfileDialog(store, SecretStore(timeout=2))
    dialog.profilesChanged.connect(lambda: changed.append(True))
    qtbot.addWidget(dialog)
    dialog.new_button.click()
    dialog.preset.setCurrentIndex(2)  # Ollama
    dialog.preset.activated.emit(2)
    assert dialog.base_url.text() == "http://localhost:11434/v1"
    assert dialog.name.text() == "Ollama"
    dialog.proxy.setText("socks5h://127.0.0.1:1080")
    event_loop_qt.run_until_complete(dialog.save())
    assert store.get("Ollama") == Profile(name="Ollama", base_url="http://localhost:11434/v1",
                                          proxy="socks5h://127.0.0.1:1080")
    assert store.active_name() == "Ollama" and changed
    assert store.names() == ["OpenAI", "Ollama"]
    assert dialog.delete_button.isEnabled()  # deleting is possible while another remains


@pytest.mark.keyring
def test_renaming_moves_the_key_in_the_real_keyring(qtbot: Any, store: ProfileStore,
                                                     event_loop_qt: Any) -> None:
    secrets = SecretStore(timeout=5)
    try:
        event_loop_qt.run_until_complete(secrets.set("OpenAI", "sk-move-me"))
    except Exception as exc:  # no Secret Service here
        if os.environ.get("PLAYGROUND_REAL_ENV") == "1":
            pytest.fail(f"PLAYGROUND_REAL_ENV=1 but the keyring failed: {exc}")
        pytest.skip("needs a real Secret Service keyring (run under scripts/test.sh)")
    dialog = ProfileDialog(store, secrets)
    qtbot.addWidget(dialog)
    dialog.name.setText("Work")
    event_loop_qt.run_until_complete(dialog.save())
    assert store.names() == ["Work"]
    assert event_loop_qt.run_until_complete(secrets.get("Work")) == "sk-move-me"
    assert event_loop_qt.run_until_complete(secrets.get("OpenAI")) is None
    assert dialog.problems.text() == "Saved."
