"""The whole main window as the app builds it (bootstrap services, real stores), offscreen."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

from playground.model.types import Profile
from playground.settings import SEND_ON_ENTER, Settings
from playground.storage.profiles import ProfileStore
from playground.ui.bootstrap import run_services
from playground.ui.main_window import MainWindow
from playground.ui.welcome_state import mark_welcome_done
from tests.conftest import LONG_LIVED
from tests.fake_openai.routes_chat import ChatOptions
from tests.gui.conftest import run_until

DESIGN_NAMES = {
    "main window": ["mainTabs", "chatTab", "imagesTab", "speechTab", "transcriptionTab",
                    "usagePanel", "profilePicker"],
    "chat": ["chatInput", "sendButton", "stopButton", "systemPrompt", "modelPicker",
             "temperatureSlider", "topPSlider", "maxTokensSlider", "frequencyPenaltySlider",
             "presencePenaltySlider", "messageView"],
    "usage panel": ["promptTokensLabel", "completionTokensLabel", "requestCostLabel",
                    "sessionCostLabel"],
    "images": ["imagePrompt", "imageModelPicker", "generateButton", "imageGallery"],
    "speech": ["speechInput", "voicePicker", "speakButton", "stopSpeechButton",
               "saveAudioButton"],
    "transcription": ["recordButton", "audioFileButton", "transcribeButton",
                      "transcriptOutput"],
}
INTERACTIVE = (QAbstractButton, QLineEdit, QPlainTextEdit, QTextEdit, QComboBox,
               QAbstractSlider, QAbstractSpinBox)


@pytest.fixture
def window(qtbot: Any, event_loop_qt: asyncio.AbstractEventLoop, fake_api: Any,
           monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-window-test")
    settings = Settings()
    store = ProfileStore(settings.raw())
    store.save(Profile(name="Loopback", base_url=fake_api.url, timeout=5, max_retries=0),
               is_new=True)
    store.save(Profile(name="Down", base_url="http://127.0.0.1:9/v1", timeout=3,
                       max_retries=0), is_new=True)
    store.set_active("Loopback")
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    services = asyncio.ensure_future(run_services(win, settings))
    LONG_LIVED.add(services)
    run_until(event_loop_qt, lambda: win.services is not None)
    run_until(event_loop_qt, lambda: win.chat.params.refresh_models.isEnabled())
    yield win
    win.close()
    run_until(event_loop_qt, services.done)
    LONG_LIVED.discard(services)


def _send(loop: asyncio.AbstractEventLoop, win: MainWindow, text: str) -> None:
    states: list[bool] = []
    win.chat.busyChanged.connect(states.append)
    win.chat.input.setPlainText(text)
    win.chat.send_button.click()
    run_until(loop, lambda: states[-2:] == [True, False])


def test_every_design_object_name_is_present(window: MainWindow) -> None:
    for name in ("images", "speech", "transcription"):
        window.tab(name)
    missing = [f"{area}: {name}" for area, names in DESIGN_NAMES.items() for name in names
               if window.findChild(QWidget, name) is None]
    assert not missing


def _is_internal(widget: QWidget) -> bool:
    """Parts Qt builds inside composite widgets: a combo's line edit, a line edit's clear
    button, a tab bar's arrows, a scroll area's scroll bars."""
    if isinstance(widget, QScrollBar):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QAbstractSpinBox | QTabBar | QLineEdit):
            return True
        parent = parent.parentWidget()
    return widget.objectName().startswith("qt_")


def test_every_control_has_an_object_and_accessible_name(window: MainWindow) -> None:
    for name in ("images", "speech", "transcription", "voice"):
        window.tab(name)
    unnamed = [f"{type(w).__name__} {w.objectName()!r} {getattr(w, 'text', lambda: '')()!r} "
               f"in {type(w.parentWidget()).__name__} {w.parentWidget().objectName()!r}"
               for w in window.findChildren(QWidget)
               if isinstance(w, INTERACTIVE) and not _is_internal(w)
               and (not w.objectName() or not w.accessibleName())]
    assert not unnamed, "\n".join(unnamed)


def test_shortcuts_switch_tabs_and_start_a_new_conversation(
        window: MainWindow, qtbot: Any, event_loop_qt: asyncio.AbstractEventLoop) -> None:
    draft = window.findChild(QWidget, "draftSection")
    for index in (2, 3, 4, 1):
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{index}"),
                       Qt.KeyboardModifier.ControlModifier)
        assert window.tabs.currentIndex() == index - 1
        # The next-request estimate is the chat's; other tabs show their own costs.
        assert draft.isVisibleTo(window) == (index == 1)
    _send(event_loop_qt, window, "remember me")
    assert window.chat.view.keys()
    window.tabs.setCurrentIndex(2)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    event_loop_qt.run_until_complete(asyncio.sleep(0.05))
    assert window.tabs.currentWidget() is window.chat
    assert window.chat.view.keys() == []
    assert window.chat.conversations.list.count() == 1


def test_escape_stops_a_streaming_reply(window: MainWindow, qtbot: Any, fake_api: Any,
                                        event_loop_qt: asyncio.AbstractEventLoop) -> None:
    fake_api.state["chat"] = ChatOptions(reply=" ".join(["slow"] * 300), chunks=300,
                                         delay=0.02, batch=1)
    window.chat.input.setPlainText("go slowly")
    window.chat.send_button.click()
    run_until(event_loop_qt, lambda: window.chat.is_running() and window.chat.view.keys()
              and window.chat.view.message(window.chat.view.keys()[-1]).text)
    qtbot.keyClick(window.chat.input, Qt.Key.Key_Escape)
    run_until(event_loop_qt, lambda: not window.chat.is_running())
    assert window.chat.send_button.isEnabled()


def test_switching_profile_sends_to_the_other_server(
        window: MainWindow, fake_api: Any, event_loop_qt: asyncio.AbstractEventLoop) -> None:
    window.profile_picker.setCurrentText("Down")
    run_until(event_loop_qt, lambda: window.profiles.active_name() == "Down")
    event_loop_qt.run_until_complete(asyncio.sleep(0.1))
    _send(event_loop_qt, window, "is anyone there")
    widget = window.chat.view.message(window.chat.view.keys()[-1])
    assert "Cannot reach the server" in widget.error_panel.accessibleName()
    assert fake_api.requests_to("/chat/completions") == []

    window.profile_picker.setCurrentText("Loopback")
    run_until(event_loop_qt, lambda: window.profiles.active_name() == "Loopback")
    event_loop_qt.run_until_complete(asyncio.sleep(0.1))
    _send(event_loop_qt, window, "and now")
    assert len(fake_api.requests_to("/chat/completions")) == 1


def test_a_reply_updates_the_usage_panel(window: MainWindow,
                                         event_loop_qt: asyncio.AbstractEventLoop) -> None:
    _send(event_loop_qt, window, "count my tokens")
    label = window.findChild(QWidget, "completionTokensLabel")
    run_until(event_loop_qt, lambda: label.text() not in ("", "–", "-"))
    cost = window.findChild(QWidget, "sessionCostLabel")
    assert cost.text().startswith("$")


def test_no_stored_key_opens_the_key_dialog_and_a_session_key_works(
        qtbot: Any, event_loop_qt: asyncio.AbstractEventLoop, fake_api: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """No keyring backend: the key is kept for the session only, never written to a file."""
    import keyring
    from keyring.backends.fail import Keyring as NoKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    try:
        fake_api.valid_keys = {"sk-session-only"}
        monkeypatch.setenv("OPENAI_BASE_URL", fake_api.url)  # the default OpenAI profile
        settings = Settings()
        mark_welcome_done(settings)  # set up before, the key since removed
        win = MainWindow(settings)
        qtbot.addWidget(win)
        win.show()
        services = asyncio.ensure_future(run_services(win, settings))
        LONG_LIVED.add(services)
        run_until(event_loop_qt, lambda: win.findChild(QWidget, "keyDialog") is not None
                  and win.findChild(QWidget, "keyDialog").isVisible())
        dialog = win.findChild(QWidget, "keyDialog")
        dialog.key_input.setText("sk-session-only")
        dialog.save_button.click()
        run_until(event_loop_qt, lambda: dialog.session_button.isVisible())
        assert "keyring" in dialog.status.text().lower()
        dialog.session_button.click()
        run_until(event_loop_qt,
                  lambda: win.services.api.session_keys.get("OpenAI") == "sk-session-only")
        event_loop_qt.run_until_complete(asyncio.sleep(0.1))
        _send(event_loop_qt, win, "hello with a session key")
        assert fake_api.requests_to("/chat/completions")[-1].headers["authorization"] == (
            "Bearer sk-session-only")
        ini = settings.path
        win.close()
        run_until(event_loop_qt, services.done)
        LONG_LIVED.discard(services)
        with open(ini, encoding="utf-8") as handle:
            assert "sk-session-only" not in handle.read()
    finally:
        keyring.set_keyring(previous)


def test_view_code_never_shows_the_key(window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                                       qtbot: Any) -> None:
    window.chat.params.model_picker.setEditText("gpt-4o")
    window.chat.input.setPlainText("Write a haiku")
    window.chat.code_button.click()
    dialog = window.findChild(QWidget, "codeDialog")
    assert dialog is not None and dialog.isVisible()
    python = dialog.findChild(QPlainTextEdit, "pythonCode").toPlainText()
    curl = dialog.findChild(QPlainTextEdit, "curlCode").toPlainText()
    assert "Write a haiku" in python and "gpt-4o" in curl
    assert "sk-window-test" not in python + curl
    assert "OPENAI_API_KEY" in python and "OPENAI_API_KEY" in curl
    compile(python, "<view code>", "exec")
    dialog.close()


def test_unusable_data_folder_and_keyring_are_shown_and_the_app_still_works(
        qtbot: Any, event_loop_qt: asyncio.AbstractEventLoop, fake_api: Any,
        monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    import keyring
    from keyring.backends.fail import Keyring as NoKeyring

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker / "data"))
    monkeypatch.setenv("OPENAI_BASE_URL", fake_api.url)
    previous = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    try:
        settings = Settings()
        mark_welcome_done(settings)
        win = MainWindow(settings)
        qtbot.addWidget(win)
        win.show()
        services = asyncio.ensure_future(run_services(win, settings))
        LONG_LIVED.add(services)
        notice = win.findChild(QWidget, "environmentNotice")
        run_until(event_loop_qt, lambda: "History is not saved" in notice.text()
                  and "Keyring unavailable" in notice.text()
                  and win.findChild(QWidget, "keyDialog") is not None)
        assert notice.isVisibleTo(win)
        dialog = win.findChild(QWidget, "keyDialog")
        dialog.key_input.setText("sk-any")
        dialog._use_for_session()  # no keyring: the session-only path
        _send(event_loop_qt, win, "works without a disk")
        assert win.chat.view.message(win.chat.view.keys()[-1]).text == (
            "Echo: works without a disk")
        win.close()
        run_until(event_loop_qt, services.done)
        LONG_LIVED.discard(services)
    finally:
        keyring.set_keyring(previous)


def test_read_aloud_on_a_reply_asks_the_speech_tab_to_speak_it(
        window: MainWindow, fake_api: Any, event_loop_qt: asyncio.AbstractEventLoop) -> None:
    _send(event_loop_qt, window, "say this")
    key = window.chat.view.keys()[-1]
    window.chat.view.readAloudRequested.emit(key)
    run_until(event_loop_qt, lambda: fake_api.requests_to("/audio/speech"), timeout=15)
    speech = window.tab("speech")
    run_until(event_loop_qt, lambda: speech.running_task() is None
              or speech.running_task().done(), timeout=15)
    body = fake_api.requests_to("/audio/speech")[0].json
    assert body["input"] == "Echo: say this"


def test_a_transcript_sent_to_chat_lands_in_the_input_unsent(
        window: MainWindow, fake_api: Any) -> None:
    window.tabs.setCurrentIndex(3)
    window.tab("transcription").sendTextToChat.emit("transcribed words")
    assert window.tabs.currentWidget() is window.chat
    assert window.chat.input.toPlainText() == "transcribed words"
    assert fake_api.requests_to("/chat/completions") == []


def test_the_very_first_start_opens_the_welcome(qtbot: Any, event_loop_qt: Any) -> None:
    settings = Settings()
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    services = asyncio.ensure_future(run_services(win, settings))
    LONG_LIVED.add(services)
    run_until(event_loop_qt, lambda: win.findChild(QWidget, "welcomeDialog") is not None
              and win.findChild(QWidget, "welcomeDialog").isVisible())
    assert win.findChild(QWidget, "keyDialog") is None  # one dialog at a time
    event_loop_qt.run_until_complete(asyncio.sleep(0.3))
    assert win.chat.params.model_note.isHidden()  # no model list asked of a server unchosen
    win.close()
    run_until(event_loop_qt, services.done)
    LONG_LIVED.discard(services)


def test_preferences_open_from_the_toolbar_and_enter_to_send_applies(
        window: MainWindow, event_loop_qt: Any) -> None:
    window.preferences_action.trigger()
    dialog = window.findChild(QWidget, "preferencesDialog")
    assert dialog is not None and dialog.isVisible()
    window.settings.put(SEND_ON_ENTER, True)
    dialog.settingsChanged.emit(["chat/send_on_enter"])
    assert window.chat.input.send_on_enter
    dialog.close()


@pytest.mark.parametrize("tab", ["chat", "images", "speech", "transcription"])
def test_every_tab_fits_a_1024_by_640_screen(window: MainWindow, qtbot: Any, tab: str) -> None:
    window.tabs.setCurrentIndex(["chat", "images", "speech", "transcription"].index(tab))
    window.resize(1024, 640)
    qtbot.waitUntil(lambda: window.size().width() <= 1024)
    hint = window.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 640, hint
    assert (window.width(), window.height()) == (1024, 640)


def test_the_side_panels_collapse_and_their_sizes_are_remembered(
        window: MainWindow, event_loop_qt: Any) -> None:
    splitter = window.chat.splitter
    sizes = splitter.sizes()
    splitter.setSizes([0, sizes[0] + sizes[1], sizes[2]])  # the conversation list shut
    splitter.splitterMoved.emit(0, 1)  # as a drag of the handle reports it
    assert splitter.sizes()[0] == 0
    window.settings.sync()
    again = MainWindow(window.settings)
    try:
        assert again.chat.splitter.sizes()[0] == 0
    finally:
        again.deleteLater()


def test_an_idle_window_builds_only_the_chat_and_its_vocabulary_waits_for_text(
        window: MainWindow, event_loop_qt: Any) -> None:
    """Memory at rest: no audio tab, image tab or token vocabulary until they are needed."""
    from playground.usage import encodings

    assert set(window.tabs_by_name) == {"chat"}
    window.tabs.setCurrentIndex(2)
    assert set(window.tabs_by_name) == {"chat", "speech"}
    window.tabs.setCurrentIndex(0)
    encodings._cache.clear()
    window.chat.input.setPlainText("h")
    run_until(event_loop_qt, lambda: "o200k_base" in encodings._cache)


def test_budgets_open_with_the_users_pricing_file(window: MainWindow) -> None:
    """mypy found it: the dialog was handed the profile's name where a path belongs."""
    from pathlib import Path

    window.budget_action.trigger()
    dialog = window.findChild(QWidget, "budgetDialog")
    assert dialog is not None
    assert isinstance(dialog._pricing_file, Path) and dialog._pricing_file.name == "pricing.toml"
    dialog.close()
