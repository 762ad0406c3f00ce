"""The inline panel under a message that says what went wrong and offers what to do next."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from playground.ui.theme_palette import severity_colors

SEVERITIES = ("info", "warning", "error")


def replace_action_buttons(parent: QWidget, row: QHBoxLayout, old: list[QPushButton],
                           actions: Sequence[tuple[str, str]],
                           emit: Callable[[str], object]) -> list[QPushButton]:
    """A failure's actions as buttons before the row's final stretch (the old ones go);
    each click emits its action id. Shared by the chat's panel and the tabs' message line."""
    for button in old:
        row.removeWidget(button)
        button.deleteLater()
    buttons = []
    for action_id, label in actions:
        button = QPushButton(label, parent)
        button.setObjectName(f"{action_id}ActionButton")
        button.setAccessibleName(label)
        button.clicked.connect(lambda _=False, a=action_id: emit(a))
        row.insertWidget(row.count() - 1, button)
        buttons.append(button)
    return buttons


class MessageErrorPanel(QFrame):
    """Title, detail, request id (selectable, for support), the server's raw answer behind
    "Details", a retry countdown and action buttons. Tinted by severity from the palette."""

    actionTriggered = Signal(str)  # action_id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageErrorPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self._severity = "error"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        self._title = QLabel(self)
        self._title.setObjectName("messageErrorTitle")
        font = self._title.font()
        font.setBold(True)
        self._title.setFont(font)
        self._title.setWordWrap(True)
        self._title.hide()
        self._detail = QLabel(self)
        self._detail.setObjectName("messageErrorDetail")
        self._detail.setWordWrap(True)
        self._detail.setTextFormat(Qt.TextFormat.PlainText)
        self._detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._detail.hide()
        self._request_id = QLabel(self)
        self._request_id.setObjectName("messageErrorRequestId")
        self._request_id.setTextFormat(Qt.TextFormat.PlainText)
        self._request_id.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._request_id.hide()
        self._details_button = QToolButton(self)
        self._details_button.setObjectName("messageErrorDetailsButton")
        self._details_button.setText(self.tr("Details"))
        self._details_button.setAccessibleName(self.tr("Show the server's answer"))
        self._details_button.setCheckable(True)
        self._details_button.setAutoRaise(True)
        self._details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._details_button.setArrowType(Qt.ArrowType.RightArrow)
        self._details_button.toggled.connect(self._toggle_raw)
        self._details_button.hide()
        self._raw = QPlainTextEdit(self)
        self._raw.setObjectName("messageErrorRaw")
        self._raw.setAccessibleName(self.tr("The server's answer"))
        self._raw.setReadOnly(True)
        self._raw.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self._raw.setMaximumHeight(160)
        self._raw.hide()
        self._countdown = QLabel(self)
        self._countdown.setObjectName("messageRetryCountdown")
        self._countdown.setAccessibleName(self.tr("Retry countdown"))
        self._countdown.hide()
        self._buttons = QHBoxLayout()
        self._buttons.addStretch(1)
        for widget in (self._title, self._detail, self._request_id, self._details_button,
                       self._raw, self._countdown):
            layout.addWidget(widget)
        layout.addLayout(self._buttons)
        self._action_buttons: list[QPushButton] = []
        self._apply_tint()

    @property
    def has_error(self) -> bool:
        """True once show_error ran: the panel says more than a countdown."""
        return bool(self._title.text())

    @property
    def severity(self) -> str:
        return self._severity

    def show_error(
        self, title: str, detail: str, request_id: str | None,
        actions: Sequence[tuple[str, str]], *, raw: str = "", severity: str = "error",
    ) -> None:
        self._title.setText(title)
        self._title.setVisible(bool(title))
        self._detail.setText(detail)
        self._detail.setVisible(bool(detail))
        self._request_id.setText(self.tr("Request ID: %1").replace("%1", request_id or ""))
        self._request_id.setVisible(bool(request_id))
        raw = raw.strip()
        self._raw.setPlainText(raw)
        self._details_button.setChecked(False)
        self._details_button.setVisible(bool(raw) and raw != detail)
        self._raw.hide()
        self._countdown.hide()
        self.setAccessibleName(title)
        self._set_severity(severity)
        self._action_buttons = replace_action_buttons(
            self, self._buttons, self._action_buttons, actions, self.actionTriggered.emit)
        self.show()

    def show_countdown(self, text: str) -> None:
        """A retry is waiting (text), or is over (""): then a countdown-only panel hides."""
        self._countdown.setText(text)
        self._countdown.setVisible(bool(text))
        if text and not self.has_error:
            self._set_severity("warning")
        self.setVisible(bool(text) or self.has_error)

    def action_buttons(self) -> list[QPushButton]:
        return list(self._action_buttons)

    def _toggle_raw(self, shown: bool) -> None:
        self._raw.setVisible(shown)
        self._details_button.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def _set_severity(self, severity: str) -> None:
        self._severity = severity if severity in SEVERITIES else "error"
        self.setProperty("severity", self._severity)
        self._apply_tint()

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.PaletteChange:
            self._apply_tint()
        super().changeEvent(event)

    def _apply_tint(self) -> None:
        palette = self.palette()
        background, accent = severity_colors(palette, self._severity)
        if (palette.color(QPalette.ColorRole.Window) != background
                or self._title.palette().color(QPalette.ColorRole.WindowText) != accent):
            palette.setColor(QPalette.ColorRole.Window, background)
            self.setPalette(palette)
            title_palette = self._title.palette()
            title_palette.setColor(QPalette.ColorRole.WindowText, accent)
            self._title.setPalette(title_palette)
