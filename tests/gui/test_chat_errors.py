"""Chat failures end to end: what the user reads is the server's reason, said once."""

from __future__ import annotations

import socket
import time
from typing import Any

from PySide6.QtWidgets import QLabel, QPlainTextEdit

from playground.model.types import Profile
from playground.ui.failures import describe
from playground.ui.tabs.chat import ChatTab
from tests.fake_openai import Fault
from tests.fake_openai import error_bodies as bodies
from tests.fake_openai.routes_chat import ChatOptions
from tests.gui.conftest import run_until
from tests.gui.test_chat_tab import last_widget, send

PATH = "/chat/completions"


def panel_texts(tab: ChatTab) -> list[str]:
    widget = last_widget(tab)
    panel = widget.error_panel
    assert panel is not None and panel.isVisibleTo(widget)
    return [label.text() for label in panel.findChildren(QLabel) if label.isVisibleTo(widget)]


def test_validation_500_is_said_once_in_words(chat: ChatTab, fake_api: Any,
                                              event_loop_qt: Any) -> None:
    fake_api.inject(Fault(PATH, status=500, body=bodies.LLAMA_CPP_PYTHON_VALIDATION_500,
                          times=3))
    send(event_loop_qt, chat, "hello")
    assert len(fake_api.requests_to(PATH)) == 1  # not retried
    texts = panel_texts(chat)
    assert "top_p: Input should be less than or equal to 1" in texts
    assert not any("llama_cpp" in t or "{'type'" in t for t in texts)


def test_prompt_over_the_context_says_so(chat: ChatTab, fake_api: Any,
                                         event_loop_qt: Any) -> None:
    fake_api.state["chat"] = ChatOptions(error_after=0, error_event=bodies.LLAMA_CPP_CONTEXT_EVENT)
    send(event_loop_qt, chat, "a long prompt")
    assert len(fake_api.requests_to(PATH)) == 1
    texts = " ".join(panel_texts(chat))
    assert "exceeds the context window of 2048 tokens" in texts
    assert "what arrived is kept" not in texts


def test_retried_success_leaves_no_error_box(chat: ChatTab, fake_api: Any,
                                             event_loop_qt: Any) -> None:
    fake_api.inject(Fault(PATH, status=500, message="busy", headers={"retry-after": "0.2"}))
    send(event_loop_qt, chat, "again")
    assert len(fake_api.requests_to(PATH)) == 2
    widget = last_widget(chat)
    assert widget.text == "Echo: again"
    assert widget.error_panel is None or not widget.error_panel.isVisibleTo(widget)


def test_nothing_listening_explains_after_the_retries(chat: ChatTab,
                                                      event_loop_qt: Any) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    chat.services.api._profile = lambda: Profile(  # type: ignore[method-assign]
        name="Test", base_url=f"http://127.0.0.1:{port}/v1", timeout=5, max_retries=1)
    event_loop_qt.run_until_complete(chat.services.api.invalidate())
    started = time.monotonic()
    send(event_loop_qt, chat, "anyone?")
    assert time.monotonic() - started >= 0.3  # one retry waited for
    texts = panel_texts(chat)
    failure = chat.session.turns[-1].error
    assert failure is not None
    assert describe(failure).title in texts  # the explanation, as when reopened


def test_stop_is_a_neutral_note_with_continue_then_retry(chat: ChatTab,
                                                         fake_api: Any,
                                                         event_loop_qt: Any) -> None:
    fake_api.state["chat"] = ChatOptions(reply=" ".join(["word"] * 200), chunks=200,
                                         delay=0.02, batch=1)
    chat.input.setPlainText("long please")
    chat.send_button.click()
    run_until(event_loop_qt, lambda: chat.view.keys() and len(last_widget(chat).text) > 20)
    chat.stop_action()
    run_until(event_loop_qt, lambda: not chat.is_running())
    panel = last_widget(chat).error_panel
    assert panel is not None and panel.severity == "info"
    assert "Stopped by you." in panel_texts(chat)
    assert [b.objectName() for b in panel.action_buttons()] == [
        "continueActionButton", "retryActionButton"]


def test_raw_answer_is_behind_details_live(chat: ChatTab, fake_api: Any,
                                           event_loop_qt: Any) -> None:
    fake_api.inject(Fault(PATH, status=500, body=bodies.LLAMA_CPP_PYTHON_VALIDATION_500))
    send(event_loop_qt, chat, "hello")
    panel = last_widget(chat).error_panel
    raw = panel.findChild(QPlainTextEdit, "messageErrorRaw")
    assert raw is not None and "llama_cpp/server/app.py" in raw.toPlainText()
    assert not raw.isVisibleTo(panel)
