"""`TabMessage`: where a tab says what just happened — one line, tinted by severity.

Every tab shows its `UserMessage`s here the same way: the human sentence on a line tinted from
the palette (readable light and dark), the server's raw answer or the exception behind
"Details", and the failure's actions (enter the key, edit the profile, retry) as buttons.
API failures are phrased by `ui/failures.describe`, exactly as the chat phrases them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
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

from playground.services.messages import Severity, UserMessage
from playground.ui.failures import describe
from playground.ui.theme_palette import severity_colors
from playground.ui.widgets.message_error import replace_action_buttons

_TINTS = {Severity.INFO: "", Severity.WARNING: "warning", Severity.ERROR: "error",
          Severity.LASTING: "warning"}


class TabMessage(QFrame):
    """The label keeps the objectName a tab always had ("imageMessage", …), so what tests and
    screen readers find did not move; an empty message hides the whole frame."""

    actionTriggered = Signal(str)  # "key" | "profile" | "billing" | "retry"

    def __init__(self, name: str, accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name + "Frame")
        self._severity = Severity.INFO
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        row = QHBoxLayout()
        self._label = QLabel(self)
        self._label.setObjectName(name)
        self._label.setAccessibleName(accessible)
        self._label.setWordWrap(True)
        self._label.setTextFormat(Qt.TextFormat.PlainText)
        self._label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self._label, 1)
        self._details = QToolButton(self)
        self._details.setObjectName(name + "DetailsButton")
        self._details.setText(self.tr("Details"))
        self._details.setAccessibleName(self.tr("Show the full error"))
        self._details.setCheckable(True)
        self._details.setAutoRaise(True)
        self._details.toggled.connect(self._toggle_raw)
        row.addWidget(self._details, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)
        self._raw = QPlainTextEdit(self)
        self._raw.setObjectName(name + "Raw")
        self._raw.setAccessibleName(self.tr("The full error"))
        self._raw.setReadOnly(True)
        self._raw.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self._raw.setMaximumHeight(120)
        layout.addWidget(self._raw)
        self._buttons = QHBoxLayout()
        self._buttons.addStretch(1)
        layout.addLayout(self._buttons)
        self._action_buttons: list[QPushButton] = []
        self.show_message(UserMessage.info(""))

    # ------------------------------------------------------------------ public
    def text(self) -> str:
        return self._label.text()

    def severity(self) -> Severity:
        return self._severity

    def clear(self) -> None:
        self.show_message(UserMessage.info(""))

    def show_message(self, message: UserMessage, *, retry: bool = False) -> None:
        """retry: offer Retry for an API failure (the tab can run the same request again)."""
        text, raw, actions = message.text, message.detail, []
        if message.failure is not None:
            view = describe(message.failure)
            text = f"{view.title} {view.detail}".strip()
            if view.request_id:
                text += " " + self.tr("(request %1)").replace("%1", view.request_id)
            raw = view.raw or view.detail
            actions = [(a, label) for a, label in view.actions if retry or a != "retry"]
            if message.frame:
                text = message.frame.replace("%1", text)
        self._severity = message.severity
        self._label.setText(text)
        self._raw.setPlainText(raw.strip())
        self._details.setChecked(False)
        self._details.setVisible(bool(raw.strip()) and raw.strip() not in text)
        self._raw.hide()
        self._set_actions(actions)
        self._apply_tint()
        self.setVisible(bool(text))

    # ------------------------------------------------------------------ inside
    def _set_actions(self, actions: list[tuple[str, str]]) -> None:
        self._action_buttons = replace_action_buttons(
            self, self._buttons, self._action_buttons, actions, self.actionTriggered.emit)

    def _toggle_raw(self, shown: bool) -> None:
        self._raw.setVisible(shown)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == event.Type.PaletteChange:
            self._apply_tint()
        super().changeEvent(event)

    def _apply_tint(self) -> None:
        """Info is plain text; a warning or error gets a tinted box with an accent line.
        Only roles that differ are set, so a palette change re-tints without looping."""
        tint = _TINTS[self._severity]
        self.setFrameShape(QFrame.Shape.StyledPanel if tint else QFrame.Shape.NoFrame)
        self.setAutoFillBackground(bool(tint))
        parent = self.parentWidget()
        base = parent.palette() if parent is not None else self.palette()
        accent = base.color(QPalette.ColorRole.WindowText)
        if tint:
            background, accent = severity_colors(base, tint)
            palette = self.palette()
            if palette.color(QPalette.ColorRole.Window) != background:
                palette.setColor(QPalette.ColorRole.Window, background)
                self.setPalette(palette)
        label_palette = self._label.palette()
        if label_palette.color(QPalette.ColorRole.WindowText) != accent:
            label_palette.setColor(QPalette.ColorRole.WindowText, accent)
            self._label.setPalette(label_palette)
