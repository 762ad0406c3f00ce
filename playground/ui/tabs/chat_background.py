"""The status line under a reply that runs in the background (Responses background mode):
"Queued on the server…" or "Running 2:13…", ticking each second, with a Cancel button that
stops the run on the server. It goes when the reply ends."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from playground.model.types import BACKGROUND_ACTIVE
from playground.services.chat_turns import ReplyOutcome, Turn

if TYPE_CHECKING:
    from playground.services.chat_session import ChatSession
    from playground.ui.widgets.message_view import MessageView


def elapsed_text(seconds: float) -> str:
    """2:13, or 1:02:05 past an hour."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class BackgroundLine(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backgroundStatusLine")
        self.status = ""
        self.created_at: float | None = None  # the server's Unix time the run was created
        self._shown_at = time.time()
        self.label = QLabel()
        self.label.setObjectName("backgroundStatusLabel")
        self.label.setAccessibleName(self.tr("Background run status"))
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.setObjectName("backgroundCancelButton")
        self.cancel.setAccessibleName(self.tr("Cancel the background run"))
        self.cancel.setToolTip(self.tr("Stop waiting and ask the server to cancel the run"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.cancel)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._refresh)

    def show_status(self, status: str, created_at: float | None) -> None:
        self.status = status
        self.created_at = created_at
        self._refresh()
        if status in BACKGROUND_ACTIVE:
            self._timer.start()
        else:
            self._timer.stop()

    def _refresh(self) -> None:
        since = self.created_at if self.created_at else self._shown_at
        clock = elapsed_text(time.time() - since)
        if self.status == "queued":
            text = self.tr("Queued on the server… %1").replace("%1", clock)
        elif self.status == "in_progress":
            text = self.tr("Running %1…").replace("%1", clock)
        else:
            text = self.tr("Background run: %1").replace("%1", self.status)
        self.label.setText(text)


class BackgroundView:
    """Puts a BackgroundLine under each reply whose background run moves on."""

    def __init__(self, view: MessageView, session: ChatSession) -> None:
        self.view = view
        self.session = session
        session.reply.background.connect(self._moved)
        session.reply.ended.connect(self._ended)

    def line(self, turn: Turn) -> BackgroundLine | None:
        widget = self.view.message(turn.id)
        return None if widget is None else widget.findChild(BackgroundLine)

    def _moved(self, turn: Turn) -> None:
        widget = self.view.message(turn.id)
        if widget is None:
            return
        line = widget.findChild(BackgroundLine)
        if line is None:
            widget.build()
            line = BackgroundLine(widget)
            line.cancel.clicked.connect(self._cancel)
            widget.below_text.insertWidget(0, line)
        line.show_status(str(turn.details.background.get("status", "")),
                         turn.details.background.get("created_at"))

    def _cancel(self) -> None:
        self.session.stop()  # cancels the run on the server too, and says so

    def _ended(self, outcome: ReplyOutcome) -> None:
        line = self.line(outcome.turn)
        if line is not None:
            line.setParent(None)
            line.deleteLater()
