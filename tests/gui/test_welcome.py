"""First-run setup against real sockets and a real keyring: relay, local server, OpenAI key,
no keyring, keys found in the environment and in .env files."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from playground.settings import CHAT_MODEL, Settings
from playground.storage.profiles import ProfileStore
from playground.storage.secrets import SecretStore
from playground.ui.welcome import LOCAL, OPENAI, RELAY, WelcomeDialog
from playground.ui.welcome_state import needs_welcome
from tests.gui.conftest import run_until
from tests.unit.storage.real_env import require

KEY = "sk-welcome-test-0123456789WXYZ"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def settings(qapp: Any) -> Iterator[Settings]:
    # As in the app: closing the (only) window must not quit, which would stop the loop.
    quits = qapp.quitOnLastWindowClosed()
    qapp.setQuitOnLastWindowClosed(False)
    yield Settings()
    qapp.setQuitOnLastWindowClosed(quits)


def _dialog(qtbot: Any, loop: asyncio.AbstractEventLoop, settings: Settings,
            ports: list[int], secrets: SecretStore | None = None) -> WelcomeDialog:
    dialog = WelcomeDialog(settings, secrets or SecretStore(timeout=5), probe_ports=ports)
    qtbot.addWidget(dialog)
    dialog.open()
    run_until(loop, lambda: dialog.rescan_button.isEnabled() and dialog._scanned)
    return dialog


def _details(dialog: WelcomeDialog, kind: str) -> None:
    dialog.choose(kind)
    dialog.next_button.click()
    assert dialog.pages.currentIndex() == 1


def test_welcome_is_due_until_finished_or_skipped(qtbot: Any, event_loop_qt: Any,
                                                  settings: Settings) -> None:
    assert needs_welcome(settings)
    dialog = _dialog(qtbot, event_loop_qt, settings, [])
    dialog.skip_button.click()
    assert not dialog.isVisible()
    assert not needs_welcome(settings)


def test_a_saved_profile_means_no_welcome(settings: Settings) -> None:
    from playground.model.types import Profile

    ProfileStore(settings.raw()).save(Profile(name="Mine"), is_new=True)
    assert not needs_welcome(settings)


def test_relay_tested_then_saved_as_the_active_profile(
        qtbot: Any, event_loop_qt: Any, settings: Settings, fake_api: Any) -> None:
    dialog = _dialog(qtbot, event_loop_qt, settings, [])
    _details(dialog, RELAY)
    assert dialog.base_url_input.isVisible() and not dialog.server_picker.isVisible()
    dialog.base_url_input.setText(fake_api.url)
    dialog.test_button.click()
    run_until(event_loop_qt, lambda: dialog.status.text().startswith("✓"))
    assert fake_api.requests_to("/models")
    with qtbot.waitSignal(dialog.profileReady) as ready:
        dialog.next_button.click()
        run_until(event_loop_qt, lambda: not dialog.isVisible())
    assert ready.args == ["Relay"]
    store = ProfileStore(settings.raw())
    assert store.names() == ["Relay"]  # the stand-in "OpenAI" profile is not kept
    assert store.active().base_url == fake_api.url
    assert not needs_welcome(settings)


def test_relay_rejecting_the_key_says_so_and_keeps_what_was_typed(
        qtbot: Any, event_loop_qt: Any, settings: Settings, fake_api: Any) -> None:
    fake_api.valid_keys = {"sk-the-right-one"}
    dialog = _dialog(qtbot, event_loop_qt, settings, [])
    _details(dialog, RELAY)
    dialog.base_url_input.setText(fake_api.url)
    dialog.key_input.setText(KEY)
    dialog.test_button.click()
    run_until(event_loop_qt, lambda: dialog.status.text().startswith("✗"))
    assert "The test failed" in dialog.status.text()
    assert dialog.key_input.text() == KEY and dialog.base_url_input.text() == fake_api.url


def test_bad_base_url_is_explained_and_nothing_is_saved(
        qtbot: Any, event_loop_qt: Any, settings: Settings) -> None:
    dialog = _dialog(qtbot, event_loop_qt, settings, [])
    _details(dialog, RELAY)
    dialog.base_url_input.setText("localhost:8080")
    dialog.proxy_input.setText("127.0.0.1:1080")
    dialog.next_button.click()
    run_until(event_loop_qt, dialog.status.text)
    text = dialog.status.text()
    assert "base URL “localhost:8080” must start with http://" in text
    assert "proxy “127.0.0.1:1080”" in text
    assert dialog.isVisible() and needs_welcome(settings)
    assert dialog.base_url_input.text() == "localhost:8080"


def test_local_server_found_by_probe_becomes_the_profile_and_model(
        qtbot: Any, event_loop_qt: Any, settings: Settings, fake_api: Any) -> None:
    fake_api.state["models"] = ["llama3.2:3b", "qwen2.5:7b"]
    port = urlsplit(fake_api.url).port
    assert port is not None
    dialog = _dialog(qtbot, event_loop_qt, settings, [port, _closed_port()])
    assert "Found on this computer" in dialog.found_label.text()
    _details(dialog, LOCAL)
    assert dialog.server_picker.count() == 1
    assert f"port {port} (2 model(s))" in dialog.server_picker.currentText()
    assert not dialog.key_input.isVisible()
    dialog.model_picker.setCurrentText("qwen2.5:7b")
    dialog.next_button.click()
    run_until(event_loop_qt, lambda: not dialog.isVisible())
    profile = ProfileStore(settings.raw()).active()
    assert (profile.name, profile.base_url) == ("Local server", fake_api.url)
    assert settings.value(CHAT_MODEL) == "qwen2.5:7b"


def test_no_local_server_says_what_to_do(qtbot: Any, event_loop_qt: Any,
                                         settings: Settings) -> None:
    dialog = _dialog(qtbot, event_loop_qt, settings, [_closed_port()])
    _details(dialog, LOCAL)
    assert dialog.server_picker.count() == 0
    dialog.next_button.click()
    run_until(event_loop_qt, dialog.status.text)
    assert "No local server is selected" in dialog.status.text()
    assert dialog.isVisible()


def test_openai_needs_a_key(qtbot: Any, event_loop_qt: Any, settings: Settings) -> None:
    dialog = _dialog(qtbot, event_loop_qt, settings, [])
    _details(dialog, OPENAI)
    dialog.next_button.click()
    run_until(event_loop_qt, dialog.status.text)
    assert "Paste your API key first" in dialog.status.text()
    dialog.key_input.setText("sk-abc def")
    dialog.next_button.click()
    run_until(event_loop_qt, dialog.status.text)
    assert "spaces or line breaks" in dialog.status.text()


@pytest.mark.keyring
def test_openai_key_goes_to_the_real_keyring(qtbot: Any, event_loop_qt: Any,
                                             settings: Settings) -> None:
    secrets = SecretStore(timeout=15)
    status = event_loop_qt.run_until_complete(secrets.check())
    require(status.ok and "SecretService" in status.backend,
            f"an unlocked Secret Service keyring ({status.message or status.backend})")
    dialog = _dialog(qtbot, event_loop_qt, settings, [], secrets)
    _details(dialog, OPENAI)
    dialog.key_input.setText(KEY)
    dialog.next_button.click()
    run_until(event_loop_qt, lambda: not dialog.isVisible(), timeout=20)
    assert event_loop_qt.run_until_complete(secrets.get("OpenAI")) == KEY
    assert KEY not in Path(settings.path).read_text()
    event_loop_qt.run_until_complete(secrets.delete("OpenAI"))


def test_without_a_keyring_the_key_can_be_used_for_the_session(
        qtbot: Any, event_loop_qt: Any, settings: Settings) -> None:
    import keyring
    from keyring.backends.fail import Keyring as NoKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    try:
        dialog = _dialog(qtbot, event_loop_qt, settings, [])
        _details(dialog, OPENAI)
        dialog.key_input.setText(KEY)
        dialog.next_button.click()
        run_until(event_loop_qt, lambda: dialog.session_button.isVisible())
        assert "No system keyring is available" in dialog.status.text()
        assert dialog.key_input.text() == KEY and needs_welcome(settings)
        emitted: list[tuple[str, ...]] = []
        dialog.sessionKeyChosen.connect(lambda *args: emitted.append(("session", *args)))
        dialog.profileReady.connect(lambda *args: emitted.append(("ready", *args)))
        dialog.session_button.click()
        assert emitted == [("session", "OpenAI", KEY), ("ready", "OpenAI")]
        assert ProfileStore(settings.raw()).active_name() == "OpenAI"
        assert KEY not in Path(settings.path).read_text()
    finally:
        keyring.set_keyring(previous)


def test_keys_in_environment_and_dotenv_are_offered_masked(
        qtbot: Any, event_loop_qt: Any, settings: Settings, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "user"
    home.mkdir()
    dotenv_key = "sk-from-dotenv-file-5678"
    (home / ".env").write_text(f"# mine\nexport OPENAI_API_KEY=\"{dotenv_key}\"\n")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    dialog = _dialog(qtbot, event_loop_qt, settings, [])
    run_until(event_loop_qt, lambda: "WXYZ" in dialog.found_label.text())
    _details(dialog, OPENAI)
    buttons = dialog.findChildren(type(dialog.next_button), "welcomeImportKeyButton")
    texts = [b.text() for b in buttons]
    assert texts == ["Use the key ending …WXYZ from OPENAI_API_KEY",
                     f"Use the key ending …5678 from {home / '.env'}"]
    assert not any(KEY in t or dotenv_key in t for t in [*texts, dialog.found_label.text()])
    buttons[1].click()
    assert dialog.key_input.text() == dotenv_key


def test_a_typed_profile_name_survives_going_back_and_forth(
        qtbot: Any, event_loop_qt: Any, settings: Settings) -> None:
    dialog = _dialog(qtbot, event_loop_qt, settings, [])
    _details(dialog, RELAY)
    assert dialog.name_input.text() == "Relay"
    dialog.name_input.setText("My relay")
    dialog.back_button.click()
    _details(dialog, OPENAI)
    assert dialog.name_input.text() == "My relay"
