"""`RetirementNotice`: one line above a tab saying which models (or which endpoint) shut down
when, and what to use after; dismissible, and a dismissed announcement stays dismissed (in the
state file) until the catalog announces something else.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt
from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from playground.model.capabilities import Endpoint
from playground.model.retirement import Retirement
from playground.ui.theme_palette import severity_colors

STATE_GROUP = "dismissedNotices"


def _tr(text: str) -> str:
    return QCoreApplication.translate("RetirementNotice", text)


def retirement_text(r: Retirement) -> str:
    """'tts-1, tts-1-hd, gpt-4o-mini-tts shut down on 2027-01-06; after that, use
    gpt-realtime-2 through the Realtime API.' — every name and date from the catalog."""
    names, date = ", ".join(r.models), r.date.isoformat()
    if r.past:
        head = _tr("%1 shut down on %2").replace("%1", names).replace("%2", date)
    else:
        head = _tr("%1 will shut down on %2").replace("%1", names).replace("%2", date)
    if r.successor is None:
        return head + "."
    if Endpoint.REALTIME in r.successor_endpoints and len(r.successor_endpoints) == 1:
        return head + "; " + _tr("after that, use %1 through the Realtime API.").replace(
            "%1", r.successor)
    return head + "; " + _tr("after that, use %1.").replace("%1", r.successor)


def translation_text(r: Retirement) -> str:
    """The /audio/translations endpoint's shutdown: transcribe, then translate in a chat."""
    head = (_tr("Translation to English (/audio/translations) shut down on %1") if r.past
            else _tr("Translation to English (/audio/translations) will shut down on %1")
            ).replace("%1", r.date.isoformat())
    if r.successor is None:
        return head + "."
    return head + "; " + _tr("transcribe with %1 and translate in the chat instead.").replace(
        "%1", r.successor)


class RetirementNotice(QFrame):
    """Hidden while there is nothing to say or the user dismissed what there is."""

    def __init__(self, name: str, state: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name + "Frame")
        self._state = state
        self._key = ""
        self._full = ""
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 2, 2)
        self._label = QLabel(self)
        self._label.setObjectName(name)
        self._label.setAccessibleName(_tr("Retirement notice"))
        self._label.setTextFormat(Qt.TextFormat.PlainText)
        self._label.setMinimumWidth(80)
        row.addWidget(self._label, 1)
        self._close = QToolButton(self)
        self._close.setObjectName(name + "Dismiss")
        self._close.setAccessibleName(_tr("Dismiss the notice"))
        self._close.setToolTip(_tr("Dismiss the notice"))
        self._close.setText("✕")
        self._close.setAutoRaise(True)
        self._close.clicked.connect(self.dismiss)
        row.addWidget(self._close, 0, Qt.AlignmentFlag.AlignTop)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        # One line: never take the height the tab's content should get.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._tint()
        self.hide()

    def text(self) -> str:
        """The whole sentence (the label may be elided to one line)."""
        return self._full

    def show_notice(self, key: str, text: str) -> None:
        """Show `text` unless the announcement `key` was dismissed; an empty text hides."""
        self._key, self._full = re.sub(r"[^A-Za-z0-9_.-]", "_", key), text
        self._label.setToolTip(text)
        self._elide()
        dismissed = bool(key) and self._state.value(f"{STATE_GROUP}/{self._key}", False,
                                                    type=bool)
        self.setVisible(bool(text) and not dismissed)

    def dismiss(self) -> None:
        if self._key:
            self._state.setValue(f"{STATE_GROUP}/{self._key}", True)
        self.hide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(40, self._label.width())
        self._label.setText(self._label.fontMetrics().elidedText(
            self._full, Qt.TextElideMode.ElideRight, width))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._tint()
        super().changeEvent(event)

    def _tint(self) -> None:
        """Tinted like a warning; only roles that differ are set, so no PaletteChange loop."""
        parent = self.parentWidget()
        base = parent.palette() if parent is not None else self.palette()
        background, accent = severity_colors(base, "warning")
        palette = self.palette()
        if (palette.color(QPalette.ColorRole.Window) != background
                or palette.color(QPalette.ColorRole.WindowText) != accent):
            palette.setColor(QPalette.ColorRole.Window, background)
            palette.setColor(QPalette.ColorRole.WindowText, accent)
            self.setPalette(palette)
