"""The error box under a reply: phrased by ui.failures, the same live and reopened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QToolButton
from pytestqt.qtbot import QtBot

from playground.model.types import ApiFailure, FailureKind
from playground.storage.history import History
from playground.ui.failures import describe, interrupted_view, stopped_view
from playground.ui.theme_palette import dark_palette, severity_colors
from playground.ui.widgets.message_error import MessageErrorPanel
from playground.ui.widgets.message_view import MessageView
from playground.ui.widgets.message_widget import MessageWidget
from tests.fake_openai import error_bodies

REFUSED = ApiFailure(FailureKind.NETWORK, "Connection error. (All connection attempts failed)",
                     retryable=True)


def make_view(qtbot: QtBot, height: int = 400) -> MessageView:
    view = MessageView()
    qtbot.addWidget(view)
    view.resize(640, height)
    view.show()
    qtbot.waitExposed(view)
    return view


def shown_texts(widget: MessageWidget) -> list[str]:
    panel = widget.error_panel
    assert panel is not None and panel.isVisibleTo(widget)
    return [label.text() for label in panel.findChildren(QLabel) if label.isVisibleTo(widget)]


def stored(failure: ApiFailure, tmp_path: Path) -> ApiFailure:
    """The failure as a reopened conversation gets it back from history."""
    history = History(tmp_path / "history.sqlite3")
    try:
        reply = history.add_message(history.create_conversation().id, "assistant", "")
        history.set_message_error(reply.id, failure)
        message = history.get_message(reply.id)
        assert message is not None and message.error is not None
        return message.error
    finally:
        history.close()


def test_a_successful_retry_leaves_no_box(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    reply = view.add_message("a", "assistant", "", status="streaming")
    reply.show_countdown("Rate limited (429). Retrying in 2 s (attempt 1)…")
    assert reply.error_panel is not None and reply.error_panel.isVisibleTo(reply)
    reply.show_countdown("")  # the retry went through
    assert reply.error_panel is None or not reply.error_panel.isVisibleTo(reply)


def test_failure_after_retries_looks_like_the_reopened_one(qtbot: QtBot,
                                                           tmp_path: Path) -> None:
    view = make_view(qtbot)
    live = view.add_message("live", "assistant", "", status="streaming")
    live.show_countdown(describe(REFUSED).title + " Retrying in 1 s (attempt 2)…")
    live.show_countdown("")
    live.set_status("error")
    live.show_view(describe(REFUSED, partial=False))
    reopened = view.add_message("old", "assistant", "", status="error")
    reopened.show_view(describe(stored(REFUSED, tmp_path)))
    assert shown_texts(live) == shown_texts(reopened)
    assert describe(REFUSED).title in shown_texts(live)  # the explanation, not only the cause
    assert REFUSED.message in shown_texts(live)


def test_raw_server_answer_is_behind_details(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    reply = view.add_message("a", "assistant", "", status="error")
    failure = ApiFailure(FailureKind.BAD_REQUEST,
                         "top_p: Input should be less than or equal to 1", status=500,
                         raw=error_bodies.LLAMA_CPP_PYTHON_VALIDATION_500)
    reply.show_view(describe(failure))
    panel = reply.error_panel
    assert panel is not None
    toggle = panel.findChild(QToolButton, "messageErrorDetailsButton")
    raw = panel.findChild(QPlainTextEdit, "messageErrorRaw")
    assert toggle.isVisibleTo(panel) and not raw.isVisibleTo(panel)  # collapsed by default
    assert "llama_cpp/server/app.py" not in " ".join(shown_texts(reply))
    toggle.click()
    assert raw.isVisibleTo(panel) and raw.isReadOnly()
    assert raw.toPlainText() == error_bodies.LLAMA_CPP_PYTHON_VALIDATION_500
    # No raw body: no toggle.
    reply.show_view(describe(REFUSED))
    assert not toggle.isVisibleTo(panel) and not raw.isVisibleTo(panel)


def test_stop_is_a_neutral_note_and_actions_keep_their_order(qtbot: QtBot) -> None:
    stopped = stopped_view(partial=True)
    assert stopped.severity == "info" and stopped.detail == ""
    assert [a for a, _ in stopped.actions] == ["continue", "retry"]
    assert [a for a, _ in stopped_view(partial=False).actions] == ["retry"]
    assert [a for a, _ in interrupted_view().actions] == ["continue", "retry"]
    cut = ApiFailure(FailureKind.INTERRUPTED, "peer closed connection", retryable=True)
    assert [a for a, _ in describe(cut, partial=True).actions] == ["continue", "retry"]
    assert [a for a, _ in describe(REFUSED, partial=True).actions] == [
        "profile", "continue", "retry"]
    view = make_view(qtbot)
    reply = view.add_message("a", "assistant", "half a reply", status="interrupted")
    reply.show_view(stopped)
    assert reply.error_panel is not None and reply.error_panel.severity == "info"


def test_cut_before_anything_arrived_does_not_claim_text_was_kept() -> None:
    cut = ApiFailure(FailureKind.INTERRUPTED, "The server ended the stream.", retryable=True)
    assert "what arrived is kept" not in describe(cut, partial=False).title
    assert "what arrived is kept" in describe(cut, partial=True).title


def test_context_overflow_shows_the_servers_reason() -> None:
    failure = ApiFailure(FailureKind.CONTEXT_LENGTH,
                         "The request (3151 tokens) exceeds the context window of 2048 tokens.")
    view = describe(failure)
    assert "context window" in view.title
    assert "exceeds the context window of 2048" in view.detail


def test_severity_colours_come_from_the_palette(qtbot: QtBot) -> None:
    light = QPalette()
    light.setColor(QPalette.ColorRole.Base, "#ffffff")
    light.setColor(QPalette.ColorRole.Text, "#000000")
    dark = dark_palette()
    for severity in ("info", "warning", "error"):
        background, accent = severity_colors(dark, severity)
        assert background.lightness() < 80 and accent.lightness() > background.lightness()
        background, accent = severity_colors(light, severity)
        assert background.lightness() > 200 and accent.lightness() < background.lightness()
    assert len({severity_colors(dark, s)[0].name() for s in ("info", "warning", "error")}) == 3
    panel = MessageErrorPanel()
    qtbot.addWidget(panel)
    panel.setPalette(dark)
    panel.show_error("Failed", "", None, [], severity="error")
    window = panel.palette().color(QPalette.ColorRole.Window)
    assert window == severity_colors(dark, "error")[0] and window.lightness() < 80


def test_the_view_scrolls_to_a_retry_countdown(qtbot: QtBot) -> None:
    view = make_view(qtbot, height=250)
    for i in range(12):
        view.add_message(i, "user" if i % 2 == 0 else "assistant", f"Message {i}\n" * 6)
    reply = view.add_message("r", "assistant", "", status="streaming")
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)  # laid out (slower on a loaded machine)
    bar.triggerAction(bar.SliderAction.SliderToMinimum)  # the user reads from the top
    qtbot.waitUntil(lambda: not view.is_stuck_to_bottom())
    reply.show_countdown("Server error. Retrying in 2 s (attempt 1)…")
    panel = reply.error_panel
    assert panel is not None

    def panel_in_sight() -> bool:
        top = panel.mapTo(view.viewport(), panel.rect().topLeft()).y()
        return 0 <= top and top + panel.height() <= view.viewport().height()

    qtbot.waitUntil(panel_in_sight, timeout=1000)


def test_no_hard_coded_error_red_in_the_ui() -> None:
    # Error text takes its colour from the palette (theme_palette.severity_colors).
    root = Path(__file__).resolve().parents[2] / "playground" / "ui"
    offenders = [str(p.relative_to(root)) for p in root.rglob("*.py")
                 if "#c0392b" in p.read_text(encoding="utf-8").lower()]
    assert offenders == []
