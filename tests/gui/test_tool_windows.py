"""The Tools menu opens compare, the prompt library and local MCP servers; what they hand to
the chat (a prompt to use, a compared reply to continue) lands there as a new conversation."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from PySide6.QtWidgets import QWidget

from playground.model.prompts import PromptContent, PromptMessage, PromptVersion
from playground.model.types import ChatMessage, ChatRequest
from playground.ui.main_window import MainWindow
from playground.ui.tabs.chat_handoff import continue_compared, conversation_as_prompt, use_prompt
from tests.gui.conftest import run_until
from tests.gui.test_main_window import _send, window  # noqa: F401  (the fixture)


def action(win: MainWindow, name: str) -> Any:
    found = win.findChild(QWidget, "toolsMenu").findChild(object, name)  # type: ignore[union-attr]
    assert found is not None, name
    return found


def test_the_tools_menu_opens_each_tool_window_once(window: MainWindow,  # noqa: F811
                                                    event_loop_qt: asyncio.AbstractEventLoop
                                                    ) -> None:
    for name, shown in (("compareAction", "compareView"),
                        ("promptLibraryAction", "promptLibrary"),
                        ("batchRunAction", "batchRunView"),
                        ("tokenizerAction", "tokenizerView"),
                        ("fileStoresAction", "fileStoresDialog"),
                        ("mcpServersAction", "mcpServersDialog")):
        action(window, name).trigger()
        action(window, name).trigger()  # a second click raises the open one
        run_until(event_loop_qt, lambda s=shown: window.findChild(QWidget, s) is not None)
        assert len(window.findChildren(QWidget, shown)) == 1, shown
        window.findChild(QWidget, shown).close()


def test_a_prompt_used_in_chat_fills_the_settings_the_examples_and_the_input(
        window: MainWindow, event_loop_qt: asyncio.AbstractEventLoop) -> None:  # noqa: F811
    content = PromptContent(
        instructions="Answer in one line about {{topic}}.",
        messages=(PromptMessage("user", "What is a {{topic}}?"),
                  PromptMessage("assistant", "A small animal."),
                  PromptMessage("user", "Tell me more about {{topic}}s.")),
        model="gpt-4o-mini", settings={"temperature": 0.3, "verbosity": "low"},
        tools=({"name": "lookup", "description": "Look it up",
                "parameters": {"type": "object", "properties": {}}},))
    version = PromptVersion(prompt_id=1, number=2, note="", created=time.time(),
                            content=content)
    chat = window.chat
    event_loop_qt.run_until_complete(use_prompt(chat, version, {"topic": "cat"}))
    assert chat.params.system_prompt.toPlainText() == "Answer in one line about cat."
    assert chat.params.model() == "gpt-4o-mini"
    assert chat.params.temperature.current() == 0.3
    options = chat.options.options()
    assert options.verbosity == "low" and options.functions[0]["name"] == "lookup"
    assert [(t.role, t.content) for t in chat.session.turns] == [
        ("user", "What is a cat?"), ("assistant", "A small animal.")]
    assert chat.input.toPlainText() == "Tell me more about cats."
    # …and back: the conversation saved as a prompt carries the same things
    messages, settings = conversation_as_prompt(chat)
    assert messages[0] == ChatMessage("system", "Answer in one line about cat.")
    assert settings["model"] == "gpt-4o-mini" and settings["functions"][0]["name"] == "lookup"


def test_a_compared_reply_continues_as_a_conversation(
        window: MainWindow, event_loop_qt: asyncio.AbstractEventLoop) -> None:  # noqa: F811
    request = ChatRequest(model="gpt-4o-mini", temperature=0.9, messages=[
        ChatMessage("system", "Be terse."), ChatMessage("user", "Name a colour.")])
    chat = window.chat
    event_loop_qt.run_until_complete(
        continue_compared(chat, "Loopback", request, "Teal."))
    assert [(t.role, t.content) for t in chat.session.turns] == [
        ("user", "Name a colour."), ("assistant", "Teal.")]
    assert chat.params.system_prompt.toPlainText() == "Be terse."
    assert chat.params.temperature.current() == 0.9
    _send(event_loop_qt, window, "Another?")
    assert chat.session.turns[-1].role == "assistant" and len(chat.session.turns) == 4


def test_the_server_counts_the_draft_exactly_where_it_can(
        window: MainWindow, fake_api: Any,  # noqa: F811
        event_loop_qt: asyncio.AbstractEventLoop) -> None:
    """Responses: a moment after typing stops, the server's count replaces the estimate; a
    server without the count endpoint is asked once, and the estimate stays."""
    from PySide6.QtWidgets import QLabel

    chat, panel = window.chat, window.usage_panel
    chat.options.api_picker.setCurrentIndex(chat.options.api_picker.findData("responses"))
    fake_api.state["input_tokens_count"] = 4321
    label = window.findChild(QLabel, "draftTokensLabel")
    chat.input.setPlainText("How many tokens is this, exactly?")
    run_until(event_loop_qt, lambda: label.text() == "4,321")
    assert "server" in label.toolTip()
    assert panel.last_estimate is not None and panel.last_estimate.count.tokens == 4321
    sent = fake_api.requests_to("/responses/input_tokens")[-1].json
    assert sent["input"][-1]["content"] == "How many tokens is this, exactly?"

    fake_api.disabled_paths.add("/responses/input_tokens")
    window.profile_picker.setCurrentText("Down")
    window.profile_picker.setCurrentText("Loopback")  # a fresh client: asked again
    asked = len(fake_api.requests)
    for text in ("first draft", "second draft"):
        shown = panel.counts_shown
        chat.input.setPlainText(text)
        run_until(event_loop_qt, lambda s=shown: panel.counts_shown > s)
        event_loop_qt.run_until_complete(asyncio.sleep(0.9))  # past the count's pause
    counts = [r for r in fake_api.requests[asked:] if r.path.endswith("/input_tokens")]
    assert len(counts) == 1 and label.text() != "4,321"


def test_a_tab_keeps_its_own_profile_when_the_window_switches(
        window: MainWindow, fake_api: Any, tmp_path: Any,  # noqa: F811
        event_loop_qt: asyncio.AbstractEventLoop) -> None:
    """Transcription on the loopback server while the window (and chat) use another one."""
    from PySide6.QtWidgets import QComboBox

    from playground.settings import TRANSCRIPTION_PROFILE
    from tests.unit.audio.helpers import write_tone

    tab = window.tab("transcription")
    picker = tab.findChild(QComboBox, "transcriptionProfilePicker")
    assert picker.itemText(0) == "Window's profile (Loopback)"
    picker.setCurrentIndex(picker.findData("Loopback"))
    assert window.settings.value(TRANSCRIPTION_PROFILE) == "Loopback"
    window.profile_picker.setCurrentText("Down")
    run_until(event_loop_qt, lambda: picker.itemText(0) == "Window's profile (Down)")
    assert picker.currentData() == "Loopback"
    event_loop_qt.run_until_complete(tab.open_file(str(write_tone(tmp_path / "a.wav", 1.0))))
    before = len(fake_api.requests_to("/audio/transcriptions"))
    tab.run_primary_action()
    run_until(event_loop_qt, lambda: tab.result is not None)
    assert len(fake_api.requests_to("/audio/transcriptions")) == before + 1
    picker.setCurrentIndex(0)  # back to following the window
    assert window.settings.value(TRANSCRIPTION_PROFILE) == ""

