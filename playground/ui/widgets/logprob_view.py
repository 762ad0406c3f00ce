"""A reply's tokens with their probabilities: hover a token for its probability and the top
alternatives; optionally coloured as a heat map (unlikely tokens stand out).

Laid out a slice of tokens per event-loop turn; hovering finds the token by bisecting token
start offsets, so no single event costs more with a longer reply.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QColor, QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QToolTip, QWidget

from playground.ui.theme_palette import is_dark

TokenRow = Sequence[Any]  # [token, logprob, [[alternative, logprob], …]]
RENDER_SLICE = 200  # tokens laid out per event-loop turn (a few ms each)


def probability(logprob: float) -> float:
    return math.exp(logprob) if logprob > -700 else 0.0


def heat(p: float, dark: bool) -> QColor:
    """Sure tokens stay plain; the less likely a token, the warmer its background."""
    strength = min(1.0, max(0.0, 1.0 - p))
    alpha = int(30 + 150 * strength) if strength > 0.05 else 0
    base = QColor(255, 120, 60) if not dark else QColor(255, 140, 90)
    base.setAlpha(alpha)
    return base


class LogprobView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logprobView")
        self.setAccessibleName(self.tr("Tokens with their probabilities"))
        self.setOpenLinks(False)
        self.setMouseTracking(True)
        self.viewport().installEventFilter(self)
        self._rows: list[TokenRow] = []
        self._starts: list[int] = []
        self._heat = True
        self._next = 0  # the first token not laid out yet

    def set_tokens(self, rows: Sequence[TokenRow], *, heat_map: bool = True) -> None:
        """Show the tokens; long replies are laid out a slice per event-loop turn, so the
        window never stalls for a frame (tooltips work for what is already shown)."""
        self._rows = list(rows)
        self._heat = heat_map
        self._starts = []
        offset = 0
        for row in self._rows:
            self._starts.append(offset)
            offset += len(str(row[0]))
        self.clear()
        self._next = 0
        self._render_some()

    def _render_some(self) -> None:
        dark = is_dark(self.palette())
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        plain = QTextCharFormat()
        end = min(len(self._rows), self._next + RENDER_SLICE)
        cursor.beginEditBlock()
        for row in self._rows[self._next:end]:
            if self._heat:
                colour = heat(probability(float(row[1])), dark)
                styled = QTextCharFormat()
                if colour.alpha():
                    styled.setBackground(colour)
                cursor.insertText(str(row[0]), styled)
            else:
                cursor.insertText(str(row[0]), plain)
        cursor.endEditBlock()
        self._next = end
        if end < len(self._rows):
            QTimer.singleShot(0, self._render_some)

    @property
    def complete(self) -> bool:
        return self._next >= len(self._rows)

    def token_at(self, position: int) -> int | None:
        """Index of the token covering character `position` of the plain text."""
        if not self._rows or position < 0:
            return None
        index = bisect.bisect_right(self._starts, position) - 1
        return index if 0 <= index < len(self._rows) else None

    def describe(self, index: int) -> str:
        token, logprob, *rest = self._rows[index]
        lines = [self.tr("%1: %2 %").replace("%1", repr(str(token)))
                 .replace("%2", f"{probability(float(logprob)) * 100:.1f}")]
        for alternative, alt_logprob in (rest[0] if rest else [])[:10]:
            lines.append(f"  {str(alternative)!r}: {probability(float(alt_logprob)) * 100:.1f} %")
        return "\n".join(lines)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.viewport() and event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            cursor = self.cursorForPosition(event.pos())
            index = self.token_at(cursor.position())
            if index is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.describe(index), self.viewport())
            return True
        return super().eventFilter(watched, event)

    def sizeHint(self) -> Any:
        hint = super().sizeHint()
        hint.setHeight(min(240, int(self.document().size().height()) + 8))
        return hint
