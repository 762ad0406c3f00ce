"""The compare view with real widgets against the loopback server: three panes on two
profiles, one refused; Stop; add and remove panes; "Continue with this one"."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QPushButton, QToolButton, QWidget

from playground.model.types import ChatRequest, Profile
from playground.ui.compare_view import CompareView, open_compare
from playground.ui.widgets.stream_text import StreamText
from tests.fake_openai.routes_chat import ChatOptions
from tests.gui.conftest import TEST_KEY, run_until


@pytest.fixture
def view(qtbot: Any, make_services: Any, fake_api: Any) -> Any:
    services = make_services()
    other_url = fake_api.url.replace("127.0.0.1", "127.1")
    services.profiles.save(Profile(name="Other", base_url=other_url, timeout=5,
                                   max_retries=0))
    services.profiles.save(Profile(name="Stranger", base_url=fake_api.url, timeout=5,
                                   max_retries=0))
    services.api.session_keys.update({"Other": "sk-other", "Stranger": "sk-wrong"})
    handed: list[tuple[str, ChatRequest, str]] = []
    view = CompareView(services, lambda *args: handed.append(args))
    view.handed = handed
    qtbot.addWidget(view)
    view.resize(1400, 800)
    view.show()
    return view


def find(view: QWidget, kind: type, name: str) -> Any:
    found = view.findChild(kind, name)
    assert found is not None, name
    return found


def choose(view: QWidget, index: int, profile: str, model: str) -> None:
    find(view, QComboBox, f"compareProfile{index}").setCurrentText(profile)
    find(view, QComboBox, f"comparePaneModel{index}").setEditText(model)


def test_three_panes_two_profiles_one_refused(view: Any, qtbot: Any, fake_api: Any,
                                              event_loop_qt: asyncio.AbstractEventLoop,
                                              ) -> None:
    fake_api.valid_keys = {TEST_KEY, "sk-other"}
    qtbot.mouseClick(find(view, QPushButton, "compareAddPaneButton"), Qt.MouseButton.LeftButton)
    assert view.findChild(QWidget, "comparePane2") is not None
    choose(view, 0, "Test", "model-a")
    choose(view, 1, "Other", "model-b")
    choose(view, 2, "Stranger", "model-a")
    find(view, QWidget, "compareInput").setPlainText("compare me")
    qtbot.mouseClick(find(view, QPushButton, "compareSendButton"), Qt.MouseButton.LeftButton)
    run_until(event_loop_qt, lambda: find(view, QPushButton, "compareSendButton").isEnabled())

    for index in (0, 1):
        assert find(view, StreamText, f"comparePaneText{index}").text == "Echo: compare me"
        metrics = find(view, QLabel, f"comparePaneMetrics{index}").text()
        assert "first token" in metrics and "tokens in" in metrics and "free" in metrics
    assert find(view, StreamText, "comparePaneText2").text == ""
    error = find(view, QWidget, "comparePaneError2")
    assert error.isVisible() and "key" in error.accessibleName().lower()
    assert not find(view, QWidget, "comparePaneError0").isVisible()
    summary = find(view, QLabel, "compareSummary").text()
    assert "Fastest:" in summary and "Cheapest:" in summary and "pane 3" not in summary

    # Continue with pane 2 (index 1): its profile, settings and reply go to the callback.
    assert not find(view, QPushButton, "compareContinue2").isEnabled()
    qtbot.mouseClick(find(view, QPushButton, "compareContinue1"), Qt.MouseButton.LeftButton)
    profile, request, reply = view.handed[0]
    assert (profile, request.model, reply) == ("Other", "model-b", "Echo: compare me")
    assert [m.content for m in request.messages] == ["compare me"]


def test_stop_stops_every_pane(view: Any, qtbot: Any, fake_api: Any,
                               event_loop_qt: asyncio.AbstractEventLoop) -> None:
    fake_api.state["chat"] = ChatOptions(reply="word " * 300, chunks=300, delay=0.02)
    choose(view, 0, "Test", "model-a")
    choose(view, 1, "Other", "model-b")
    find(view, QWidget, "compareInput").setPlainText("long")
    qtbot.mouseClick(find(view, QPushButton, "compareSendButton"), Qt.MouseButton.LeftButton)
    run_until(event_loop_qt, lambda: all(r.parts for r in view.run.results))
    stop = find(view, QPushButton, "compareStopButton")
    assert stop.isEnabled()
    qtbot.mouseClick(stop, Qt.MouseButton.LeftButton)
    run_until(event_loop_qt, lambda: not stop.isEnabled())
    for index in (0, 1):
        assert "Stopped" in find(view, QLabel, f"comparePaneMetrics{index}").text()
        assert 0 < len(find(view, StreamText, f"comparePaneText{index}").text) < 1500


def test_panes_two_to_four_and_settings(view: Any, qtbot: Any, fake_api: Any,
                                        event_loop_qt: asyncio.AbstractEventLoop) -> None:
    add = find(view, QPushButton, "compareAddPaneButton")
    assert not find(view, QToolButton, "compareRemovePane0").isVisible()  # two: the minimum
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    assert not add.isEnabled() and view.findChild(QWidget, "comparePane3") is not None
    choose(view, 1, "Other", "model-b")
    choose(view, 3, "Test", "model-d")
    # Remove pane 2 (index 1): the later panes move up and keep their choices.
    qtbot.mouseClick(find(view, QToolButton, "compareRemovePane1"), Qt.MouseButton.LeftButton)
    assert view.findChild(QWidget, "comparePane3") is None and add.isEnabled()
    assert find(view, QComboBox, "comparePaneModel2").currentText() == "model-d"
    # Settings behind ⚙ reach the request.
    find(view, QWidget, "compareTemperature0").setValue(0.4)
    find(view, QWidget, "compareMaxTokens0").setValue(64)
    choose(view, 0, "Test", "model-a")
    find(view, QWidget, "compareInput").setPlainText("hi")
    find(view, QCheckBox, "compareSyncScroll").setChecked(True)
    qtbot.mouseClick(find(view, QPushButton, "compareSendButton"), Qt.MouseButton.LeftButton)
    run_until(event_loop_qt, lambda: find(view, QPushButton, "compareSendButton").isEnabled())
    body = next(r.json for r in fake_api.requests_to("/chat/completions")
                if r.json["model"] == "model-a")
    assert body["temperature"] == 0.4 and body["max_tokens"] == 64
    assert len(fake_api.requests_to("/chat/completions")) == 3


def test_an_empty_prompt_says_so(view: Any, qtbot: Any, fake_api: Any,
                                 event_loop_qt: asyncio.AbstractEventLoop) -> None:
    qtbot.mouseClick(find(view, QPushButton, "compareSendButton"), Qt.MouseButton.LeftButton)
    run_until(event_loop_qt, lambda: find(view, QLabel, "compareMessage").text() != "")
    assert find(view, QLabel, "compareMessage").text() == "Type a prompt to compare."
    assert not fake_api.requests_to("/chat/completions")


def test_open_compare_is_a_window(qtbot: Any, make_services: Any) -> None:
    window = open_compare(None, make_services())
    qtbot.addWidget(window)
    assert window.isWindow() and window.objectName() == "compareView"
    assert window.findChild(QWidget, "comparePane1") is not None


def test_panes_take_turns_to_put_their_text_on_screen(view: Any, qtbot: Any) -> None:
    """Four panes laid out and painted in one update stalled the window for up to 35 ms
    (bench/compare.py): each update shows one pane's new text, in turn, none left behind."""
    add = find(view, QPushButton, "compareAddPaneButton")
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    texts = [pane.text for pane in view.panes]
    for index, text in enumerate(texts):
        text.append(f"pane {index} says hello")
    shown: list[list[bool]] = []
    for _ in range(4):
        view._flush_panes()
        shown.append([not text.has_pending for text in texts])
    assert shown == [[True, False, False, False], [True, True, False, False],
                     [True, True, True, False], [True, True, True, True]]
    texts[1].append(" again")
    texts[3].append(" again")
    view._flush_panes()  # the turn goes on from where it was: pane 1 waited longest
    assert [t.has_pending for t in texts] == [False, False, False, True]
    assert "pane 3 says hello again" in texts[3].text  # .text flushes


def test_a_backlog_goes_on_screen_in_portions_and_the_end_is_rendered(view: Any) -> None:
    """A pane's share of text piles up while the others take their turn; rendering it all
    at once stalled the window: it goes on screen a portion per turn, then the last block
    is rendered as markdown."""
    from playground.ui.compare_view import FLUSH_CHARS

    text = view.panes[0].text
    backlog = "word " * 1_000 + "\n\n**the end**"
    text.append(backlog)
    text.finish()  # the reply ended with most of it still pending
    view._flush_panes()
    assert text.has_pending
    assert len(text._document.source) == FLUSH_CHARS
    while text.has_pending:
        view._flush_panes()
    assert text._document.source == backlog
    assert "**" not in text.plain_text()  # the last block was rendered, not left as typed
