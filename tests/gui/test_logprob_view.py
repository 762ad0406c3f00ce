"""Hovering a token shows its probability and alternatives; the heat map marks unlikely ones."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from playground.ui.widgets.logprob_view import LogprobView, heat

ROWS = [["Hello", math.log(0.9), [["Hi", math.log(0.05)]]],
        [",", math.log(0.99), []],
        [" world", math.log(0.2), [[" there", math.log(0.7)], [" friend", math.log(0.05)]]]]


def test_token_positions_map_back_to_tokens(qtbot: Any) -> None:
    view = LogprobView()
    qtbot.addWidget(view)
    view.set_tokens(ROWS)
    assert view.toPlainText() == "Hello, world"
    assert [view.token_at(i) for i in (0, 4, 5, 6, 11)] == [0, 0, 1, 2, 2]
    assert "' world': 20.0 %" in view.describe(2) and "' there': 70.0 %" in view.describe(2)


def test_hovering_shows_the_tooltip(qtbot: Any) -> None:
    view = LogprobView()
    qtbot.addWidget(view)
    view.resize(400, 100)
    view.show()
    view.set_tokens(ROWS)
    cursor = view.textCursor()
    cursor.setPosition(8)
    point = view.cursorRect(cursor).center()
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    assert "world" in QToolTip.text() and "20.0 %" in QToolTip.text()
    QToolTip.hideText()


def test_unlikely_tokens_are_warmer() -> None:
    assert heat(0.99, dark=False).alpha() == 0
    assert heat(0.2, dark=False).alpha() > heat(0.6, dark=False).alpha()
