"""The inline panel under a message that says what went wrong and offers what to do next."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from playground.ui.markdown import mix_colors

# An error tint: the palette's base pulled a little toward red, readable light or dark.
_ERROR_HUE = QColor(220, 50, 47)


class MessageErrorPanel(QFrame):
    """Title, detail, request id (selectable, for support) and action buttons."""

    actionTriggered = Signal(str)  # action_id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageErrorPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        self._title = QLabel(self)
        self._title.setObjectName("messageErrorTitle")
        font = self._title.font()
        font.setBold(True)
        self._title.setFont(font)
        self._title.setWordWrap(True)
        self._detail = QLabel(self)
        self._detail.setObjectName("messageErrorDetail")
        self._detail.setWordWrap(True)
        self._detail.setTextFormat(Qt.TextFormat.PlainText)
        self._detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._request_id = QLabel(self)
        self._request_id.setObjectName("messageErrorRequestId")
        self._request_id.setTextFormat(Qt.TextFormat.PlainText)
        self._request_id.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._countdown = QLabel(self)
        self._countdown.setObjectName("messageRetryCountdown")
        self._countdown.setAccessibleName(self.tr("Retry countdown"))
        self._buttons = QHBoxLayout()
        self._buttons.addStretch(1)
        for label in (self._title, self._detail, self._request_id, self._countdown):
            layout.addWidget(label)
        layout.addLayout(self._buttons)
        self._action_buttons: list[QPushButton] = []
        self._apply_tint()

    def show_error(
        self, title: str, detail: str, request_id: str | None,
        actions: Sequence[tuple[str, str]],
    ) -> None:
        self._title.setText(title)
        self._detail.setText(detail)
        self._detail.setVisible(bool(detail))
        self._request_id.setText(self.tr("Request ID: %1").replace("%1", request_id or ""))
        self._request_id.setVisible(bool(request_id))
        self._countdown.hide()
        self.setAccessibleName(title)
        for button in self._action_buttons:
            self._buttons.removeWidget(button)
            button.deleteLater()
        self._action_buttons = []
        for action_id, label in actions:
            button = QPushButton(label, self)
            button.setObjectName(f"{action_id}ActionButton")
            button.setAccessibleName(label)
            button.clicked.connect(lambda _=False, a=action_id: self.actionTriggered.emit(a))
            self._buttons.insertWidget(self._buttons.count() - 1, button)
            self._action_buttons.append(button)
        self.show()

    def show_countdown(self, text: str) -> None:
        self._countdown.setText(text)
        self._countdown.setVisible(bool(text))
        if text and not self._title.text():
            self._title.hide()
            self._detail.hide()
            self._request_id.hide()
        self.show()

    def action_buttons(self) -> list[QPushButton]:
        return list(self._action_buttons)

    def changeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.type() == event.Type.PaletteChange:
            self._apply_tint()
        super().changeEvent(event)

    def _apply_tint(self) -> None:
        palette = self.palette()
        tint = mix_colors(palette.color(QPalette.ColorRole.Base), _ERROR_HUE, 0.14)
        if palette.color(QPalette.ColorRole.Window) != tint:
            palette.setColor(QPalette.ColorRole.Window, tint)
            self.setPalette(palette)
