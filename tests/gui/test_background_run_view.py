"""Background runs in the chat tab: the Reply page's option, the status line under the reply
("Queued… / Running 2:13…") with its Cancel button, and the reply filling in."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from playground.api import responses_background
from playground.model.types import MessageStatus
from playground.services.reply_options import API_CHAT, API_RESPONSES, ReplyOptions
from playground.ui.tabs.chat_background import BackgroundLine, elapsed_text
from playground.ui.tabs.chat_options import RequestOptions
from tests.fake_openai.routes_responses import ResponsesOptions
from tests.gui.conftest import run_until
from tests.gui.test_chat_tab import history, last_widget, send


@pytest.fixture(autouse=True)
def quick_polls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(responses_background, "FIRST_POLL", 0.02)
    monkeypatch.setattr(responses_background, "MAX_POLL", 0.05)


def test_the_option_is_offered_on_responses_only_and_saved(qtbot: Any) -> None:
    options = RequestOptions()
    qtbot.addWidget(options)
    box = options.background
    assert box.objectName() == "backgroundRunCheck" and box.accessibleName()
    assert box.isEnabled() and not box.isChecked()  # Automatic may use Responses
    box.setChecked(True)
    assert options.options().background is True
    options.api_picker.setCurrentIndex(options.api_picker.findData(API_CHAT))
    assert not box.isEnabled()
    assert "only on the Responses API" in box.toolTip()
    options.api_picker.setCurrentIndex(options.api_picker.findData(API_RESPONSES))
    assert box.isEnabled() and "cancels the run on the server" in box.toolTip()
    state = options.options().state()
    assert state["background"] is True
    fresh = RequestOptions()
    qtbot.addWidget(fresh)
    fresh.restore(ReplyOptions.from_state(state))
    assert fresh.background.isChecked()


def test_elapsed_time_reads_like_a_clock() -> None:
    assert [elapsed_text(s) for s in (5, 133, 3725)] == ["0:05", "2:13", "1:02:05"]


def test_the_status_line_shows_the_run_and_cancel_stops_it(chat: Any, fake_api: Any,
                                                           event_loop_qt: Any) -> None:
    fake_api.state["responses"] = ResponsesOptions(background_polls=10_000)
    chat.params.model_picker.setEditText("gpt-5.5-pro")
    chat.options.api_picker.setCurrentIndex(chat.options.api_picker.findData(API_RESPONSES))
    chat.options.background.setChecked(True)
    chat.input.setPlainText("think for a long time")
    chat.send_button.click()

    def line() -> BackgroundLine | None:
        return last_widget(chat).findChild(BackgroundLine) if chat.view.keys() else None

    run_until(event_loop_qt, lambda: line() is not None
              and line().label.text().startswith("Running"))  # type: ignore[union-attr]
    shown = line()
    assert shown is not None and shown.cancel.isVisibleTo(last_widget(chat))
    shown.cancel.click()
    run_until(event_loop_qt, lambda: not chat.is_running() and line() is None)
    run_until(event_loop_qt, lambda: any(r.path.endswith("/cancel") for r in fake_api.requests))
    run_until(event_loop_qt, lambda: chat.session.turns[-1].details.background.get(
        "status") == "cancelled")
    stored = history(event_loop_qt, chat)[-1]
    assert stored.status == MessageStatus.INTERRUPTED
    assert stored.meta["background"]["status"] == "cancelled"
    note = last_widget(chat).findChild(QLabel, "messageErrorDetail")
    assert note is not None and "asked to cancel" in note.text()


def test_a_background_reply_fills_in_when_the_run_completes(chat: Any, fake_api: Any,
                                                            event_loop_qt: Any) -> None:
    fake_api.state["responses"] = ResponsesOptions(reply="The long answer.",
                                                   background_polls=3)
    chat.params.model_picker.setEditText("gpt-5.5-pro")
    chat.options.api_picker.setCurrentIndex(chat.options.api_picker.findData(API_RESPONSES))
    chat.options.background.setChecked(True)
    send(event_loop_qt, chat, "think")
    widget = last_widget(chat)
    assert widget.text == "The long answer."
    assert widget.findChild(BackgroundLine) is None  # gone once the run ended
    assert fake_api.requests_to("/responses")[-1].json["background"] is True


def test_closing_the_app_leaves_the_run_to_be_resumed(chat: Any, fake_api: Any,
                                                      event_loop_qt: Any) -> None:
    fake_api.state["responses"] = ResponsesOptions(reply="Done at last.",
                                                   background_polls=10_000)
    chat.params.model_picker.setEditText("gpt-5.5-pro")
    chat.options.api_picker.setCurrentIndex(chat.options.api_picker.findData(API_RESPONSES))
    chat.options.background.setChecked(True)
    chat.input.setPlainText("think")
    chat.send_button.click()
    run_until(event_loop_qt, lambda: any(r.method == "GET" and r.path.startswith("/responses/")
                                         for r in fake_api.requests))
    chat.shutdown()  # what the window does when it closes
    run_until(event_loop_qt, lambda: not chat.is_running())
    assert not any(r.path.endswith("/cancel") for r in fake_api.requests)
    conversation = chat.session.conversation_id
    rid = chat.session.turns[-1].details.metrics.response_id
    fake_api.state["background_runs"][rid].polls = 0  # it finished meanwhile
    event_loop_qt.run_until_complete(chat.new_conversation())
    event_loop_qt.run_until_complete(chat.load_conversation(conversation))
    run_until(event_loop_qt, lambda: chat.view.keys() and last_widget(chat).text
              == "Done at last." and not chat.is_running())
    assert history(event_loop_qt, chat)[-1].status == MessageStatus.COMPLETE
