"""The tokenizer window: counts, ids -> text, bad ids, large input off the UI thread."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, QTimer
from PySide6.QtGui import QColor, QHelpEvent, QPalette, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QPlainTextEdit,
    QToolTip,
    QWidget,
)

from playground.ui import tokenizer_view
from playground.ui.theme_palette import dark_palette
from playground.ui.tokenizer_view import TokenizerView, open_tokenizer
from playground.ui.widgets.token_view import TokenView, describe_piece, token_colors
from playground.usage.encodings import SHIPPED_ENCODINGS, get_encoding
from tests.gui.conftest import run_until as _run_until

ENGLISH = "The quick brown fox jumps over the lazy dog, doesn't it? 3.14159\n\tIndented."
CHINESE = "它每一步都把搜索范围减半，所以时间复杂度是 O(log n)。😀👍🏽"


def run_until(loop: asyncio.AbstractEventLoop, condition: Callable[[], Any],
              timeout: float = 15.0) -> None:
    _run_until(loop, condition, timeout)  # the vocabulary loads first: a longer wait


@pytest.fixture
def view(qtbot: Any, event_loop_qt: asyncio.AbstractEventLoop) -> Iterator[TokenizerView]:
    tokenizer_view._window = None  # a fresh window per test
    window = open_tokenizer(None)
    qtbot.addWidget(window)
    run_until(event_loop_qt, lambda: window.last_split is not None and not window.busy)
    yield window


def settle(loop: asyncio.AbstractEventLoop, window: TokenizerView) -> None:
    """Wait until the debounce and the run are over and the tokens are drawn."""
    run_until(loop, lambda: not window.busy and window.last_split is not None
              and window.tokens.rendered == len(window.last_split.pieces))


def counts_text(tokens: int, chars: int) -> str:
    return f"Tokens: {tokens:,}    Characters: {chars:,}"


def test_the_picker_offers_every_shipped_vocabulary() -> None:
    assert sorted(tokenizer_view.ENCODINGS) == sorted(SHIPPED_ENCODINGS)


def test_public_names(view: TokenizerView) -> None:
    assert view.objectName() == "tokenizerView"
    for cls, name in ((QPlainTextEdit, "tokenizerInput"), (QLabel, "tokenizerCount"),
                      (QComboBox, "tokenizerEncoding"), (QComboBox, "tokenizerMode"),
                      (QCheckBox, "tokenizerShowIds"), (TokenView, "tokenizerTokens")):
        widget = view.findChild(cls, name)
        assert widget is not None and widget.accessibleName(), name
    assert view.count.text() == counts_text(0, 0)


@pytest.mark.parametrize("text", [ENGLISH, CHINESE])
@pytest.mark.parametrize("name", ["o200k_base", "cl100k_base"])
def test_counts_match_tiktoken(view: TokenizerView, qtbot: Any, event_loop_qt: Any,
                               text: str, name: str) -> None:
    view.set_encoding(name)
    qtbot.keyClicks(view.input, "draft")  # typed, then replaced by a paste: debounced
    view.input.selectAll()
    view.input.insertPlainText(text)
    settle(event_loop_qt, view)
    expected = len(get_encoding(name).encode_ordinary(text))
    assert view.count.text() == counts_text(expected, len(text))
    shown = view.tokens.toPlainText()
    assert shown == text.replace("\n", "↵\n").replace("\t", "⇥\t")


def test_switching_encoding_changes_the_count(view: TokenizerView, event_loop_qt: Any) -> None:
    view.set_text(CHINESE)
    settle(event_loop_qt, view)
    o200k = view.last_split
    view.set_encoding("cl100k_base")
    run_until(event_loop_qt, lambda: view.last_split is not None
              and view.last_split.encoding == "cl100k_base" and not view.busy)
    cl100k = len(get_encoding("cl100k_base").encode_ordinary(CHINESE))
    assert o200k is not None and o200k.token_count != cl100k
    assert view.count.text() == counts_text(cl100k, len(CHINESE))


def test_ids_to_text_round_trip(view: TokenizerView, event_loop_qt: Any) -> None:
    encoding = get_encoding("o200k_base")
    ids = encoding.encode_ordinary(CHINESE)
    view.set_mode("ids")
    view.set_text(str(ids))
    settle(event_loop_qt, view)
    assert view.last_split is not None and view.last_split.text == CHINESE
    assert view.tokens.toPlainText() == CHINESE
    assert view.count.text() == counts_text(len(ids), len(CHINESE))
    # "Show token ids" shows the ids again, one coloured run per piece.
    view.show_ids.setChecked(True)
    run_until(event_loop_qt, lambda: view.tokens.toPlainText().startswith(str(ids[0])))
    assert [int(n) for n in view.tokens.toPlainText().split(", ")] == ids
    # The text mode kept its own input.
    view.set_mode("text")
    assert view.input.toPlainText() == ""


@pytest.mark.parametrize(("typed", "message"), [
    ("9906 hello 1917", "“hello” is not a token id: ids are whole numbers, such as 9906."),
    ("[9906, 999999]",
     "999999 is not a token id in o200k_base: its ids run from 0 to 200018."),
    ("[9906, -3]", "“-3” is not a token id: ids are whole numbers, such as 9906."),
])
def test_bad_ids_say_which(view: TokenizerView, event_loop_qt: Any, typed: str,
                           message: str) -> None:
    view.set_mode("ids")
    view.set_text("13225")
    settle(event_loop_qt, view)
    view.set_text(typed)
    run_until(event_loop_qt, lambda: view.last_split is None and not view.busy)
    title = view.error.findChild(QLabel, "messageErrorTitle")
    assert view.error.isVisible() and title is not None and title.text() == message
    assert view.count.text() == counts_text(0, 0).replace("0", "–")
    run_until(event_loop_qt, lambda: view.tokens.toPlainText() == "")
    view.set_text("13225 2375")  # fixed: the message goes
    settle(event_loop_qt, view)
    assert not view.error.isVisible() and view.tokens.toPlainText() == "Hello world"


def test_large_input_keeps_the_ui_thread_free(view: TokenizerView, event_loop_qt: Any) -> None:
    text = (ENGLISH + CHINESE + " ") * (200_000 // len(ENGLISH + CHINESE + " ") + 1)
    text = text[:200_000]
    expected = len(get_encoding("o200k_base").encode_ordinary(text))
    view.input.setPlainText(text)  # the paste itself is the editor's, not the tokenizer's
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    beat = QTimer()
    beat.setInterval(10)
    beat.timeout.connect(tick)
    last[0] = time.perf_counter()
    beat.start()
    settle(event_loop_qt, view)
    beat.stop()
    assert view.count.text() == counts_text(expected, 200_000)
    assert view.tokens.rendered == len(view.last_split.pieces)  # type: ignore[union-attr]
    assert view.note.isVisible()
    assert view.note.text() == (f"Showing the first {view.last_split.shown_tokens:,} "  # type: ignore[union-attr]
                                f"of {expected:,} tokens.")
    assert view.last_split.shown_tokens == 5_000  # type: ignore[union-attr]
    assert len(gaps) > 5 and max(gaps) - 0.010 < 0.050, f"longest stall {max(gaps):.3f} s"


def test_hover_names_the_token_under_the_mouse(view: TokenizerView, event_loop_qt: Any) -> None:
    view.set_text("Hello world")
    settle(event_loop_qt, view)
    rect = view.tokens.cursorRect(QTextCursor(view.tokens.document()))  # at the start
    piece = view.tokens.piece_at(QPoint(rect.x() + 2, rect.center().y()))
    assert piece is not None and piece.ids == (13225,)
    assert describe_piece(piece) == "Token id 13225\nBytes 0–5: 48 65 6c 6c 6f"
    assert view.tokens.piece_at(QPoint(rect.x() + 2, rect.y() + 400)) is None


def test_open_tokenizer_reuses_one_window(view: TokenizerView, event_loop_qt: Any) -> None:
    again = open_tokenizer(None, "Hello world", "cl100k_base")
    assert again is view and view.isVisible()
    settle(event_loop_qt, view)
    assert view.encoding_name == "cl100k_base" and view.input.toPlainText() == "Hello world"
    assert view.last_split is not None and view.last_split.token_count == 2
    with pytest.raises(ValueError, match="p50k_base"):
        open_tokenizer(None, encoding="p50k_base")


def test_a_missing_vocabulary_is_explained(qtbot: Any, event_loop_qt: Any, tmp_path: Any,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from playground.usage import encodings

    monkeypatch.setattr(encodings, "_cache", {})
    monkeypatch.setattr(encodings, "tiktoken_dir", lambda: tmp_path)
    window = TokenizerView()
    qtbot.addWidget(window)
    window.show()
    window.set_text("Hello")
    assert window.count.text() == "Loading o200k_base…"
    run_until(event_loop_qt, lambda: not window.busy)
    title = window.error.findChild(QLabel, "messageErrorTitle")
    detail = window.error.findChild(QLabel, "messageErrorDetail")
    assert title is not None and title.text() == "The o200k_base vocabulary could not be loaded."
    assert detail is not None and "cannot read the token vocabulary" in detail.text()
    assert window.last_split is None and window.tokens.toPlainText() == ""


def test_one_window_per_main_window(qtbot: Any, event_loop_qt: Any) -> None:
    main = QWidget()
    qtbot.addWidget(main)
    chat, side = QWidget(main), QWidget(main)
    first = open_tokenizer(chat, "Hello")
    second = open_tokenizer(side, "Hello world")
    assert first is second and first.parent() is main and first.isWindow()
    settle(event_loop_qt, first)
    assert first.input.toPlainText() == "Hello world"
    assert first.count.text() == counts_text(2, 11)


def _luminance(color: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF())
            + 0.0722 * channel(color.blueF()))


@pytest.mark.parametrize("dark", [False, True])
def test_token_colours_keep_text_readable(qapp: Any, dark: bool) -> None:
    palette = dark_palette() if dark else qapp.style().standardPalette()
    text = palette.color(QPalette.ColorRole.Text)
    colours = token_colors(palette)
    assert len({c.name() for c in colours}) == len(colours)  # neighbours always differ
    for colour in colours:
        light, deep = sorted((_luminance(colour), _luminance(text)), reverse=True)
        assert (light + 0.05) / (deep + 0.05) >= 4.5, colour.name()


def test_a_theme_switch_recolours_the_tokens(view: TokenizerView, event_loop_qt: Any) -> None:
    view.set_text("Hello world")
    settle(event_loop_qt, view)

    def first_background() -> str:
        cursor = QTextCursor(view.tokens.document())
        cursor.setPosition(1)
        return cursor.charFormat().background().color().name()

    light = first_background()
    view.setPalette(dark_palette())
    run_until(event_loop_qt, lambda: view.tokens.rendered and first_background() != light)
    assert first_background() == token_colors(dark_palette())[0].name()


def test_the_tooltip_names_the_hovered_token(view: TokenizerView, event_loop_qt: Any) -> None:
    view.set_text("Hello world")
    settle(event_loop_qt, view)
    rect = view.tokens.cursorRect(QTextCursor(view.tokens.document()))
    point = QPoint(rect.x() + 2, rect.center().y())
    viewport = view.tokens.viewport()
    event = QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point))
    QApplication.sendEvent(viewport, event)
    assert QToolTip.isVisible() and QToolTip.text().startswith("Token id 13225\n")
    QToolTip.hideText()
