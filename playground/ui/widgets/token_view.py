"""The tokenizer's coloured view: each token (or group of tokens making one character) on its
own pastel background, newlines and tabs shown, its ids and bytes on hover.

Rendering is sliced (SLICE pieces per event-loop turn), so a few thousand tokens never hold
the UI thread for long; a newer render abandons an older one.
"""

from __future__ import annotations

import asyncio
import bisect
import time

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QTimer
from PySide6.QtGui import QColor, QHelpEvent, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit, QToolTip, QWidget

from playground.ui.async_slot import async_slot
from playground.ui.markdown import mix_colors
from playground.usage.token_split import TokenPiece, TokenSplit

SLICE = 100  # pieces inserted at a time
TURN_BUDGET = 0.006  # seconds of inserting before the event loop gets a turn (slow machines too)
# The platform tokenizer's hues; blended into the palette's base so text stays readable
# on light and dark backgrounds alike.
HUES = ("#6b40d8", "#68de7a", "#f4ac36", "#ef4146", "#27b5ea")
_MARKS = {"\n": "↵\n", "\t": "⇥\t", "\r": "␍"}  # whitespace that would otherwise not show


def token_colors(palette: QPalette) -> list[QColor]:
    base = palette.color(QPalette.ColorRole.Base)
    amount = 0.38 if base.lightness() < 128 else 0.30
    return [mix_colors(base, QColor(hue), amount) for hue in HUES]


def _tr(text: str) -> str:
    return QCoreApplication.translate("TokenView", text)


def describe_piece(piece: TokenPiece) -> str:
    """The hover text: ids and bytes (plain text, for a tooltip)."""
    ids = ", ".join(str(token) for token in piece.ids)
    raw = " ".join(f"{byte:02x}" for byte in piece.raw)
    lines = [(_tr("Token id %1") if len(piece.ids) == 1 else _tr("Token ids %1"))
             .replace("%1", ids),
             _tr("Bytes %1–%2: %3").replace("%1", str(piece.byte_start))
             .replace("%2", str(piece.byte_end)).replace("%3", raw)]
    if piece.is_group:
        lines.append(_tr("These tokens split one character, so they are shown together."))
    return "\n".join(lines)


class TokenView(QTextEdit):
    """Read-only; `show_split()` renders, `piece_at()` finds the piece under a point."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setObjectName("tokenizerTokens")
        self.setAccessibleName(self.tr("Tokens"))
        self._split: TokenSplit | None = None
        self._show_ids = False
        self._starts: list[int] = []  # document position where each shown piece starts
        self._generation = 0
        self.rendered = 0  # pieces on screen (tests and the benchmark wait for it)
        self._colors = token_colors(self.palette())
        self._recolour = QTimer(self)
        self._recolour.setSingleShot(True)
        self._recolour.setInterval(0)
        self._recolour.timeout.connect(self._rerender)

    @property
    def split(self) -> TokenSplit | None:
        return self._split

    async def show_split(self, split: TokenSplit | None, show_ids: bool) -> bool:
        """Render `split` (None: clear); False if a newer render took over meanwhile."""
        self.clear_split()
        generation = self._generation
        self._split, self._show_ids = split, show_ids
        if split is None:
            return True
        pieces = split.pieces
        started = time.perf_counter()
        for first in range(0, len(pieces), SLICE):
            if first and time.perf_counter() - started > TURN_BUDGET:
                await asyncio.sleep(0)  # let the UI breathe: paint, input, timers
                if generation != self._generation:
                    return False
                started = time.perf_counter()
            self._insert(pieces[first:first + SLICE], first)
        return True

    def clear_split(self) -> None:
        """Empty the view now; a render under way stops."""
        self._generation += 1
        self._split = None
        self._starts = []
        self.rendered = 0
        self.clear()

    def rerender(self) -> None:
        """Colours follow the palette: re-render what is shown (a theme switch), from the
        event loop (a palette may change where no loop runs, e.g. at start-up)."""
        self._colors = token_colors(self.palette())
        if getattr(self, "_split", None) is not None:  # (not while __init__ runs)
            self._recolour.start()

    @async_slot()
    async def _rerender(self) -> None:
        if self._split is not None:
            await self.show_split(self._split, self._show_ids)

    def _insert(self, pieces: tuple[TokenPiece, ...], first: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.beginEditBlock()
        colors = self._colors
        mark_color = self.palette().color(QPalette.ColorRole.PlaceholderText)
        plain = QTextCharFormat()
        for index, piece in enumerate(pieces, start=first):
            fmt = QTextCharFormat()
            fmt.setBackground(colors[index % len(colors)])
            if self._show_ids and index:
                cursor.insertText(", ", plain)
            self._starts.append(cursor.position())
            if self._show_ids:
                cursor.insertText(", ".join(str(token) for token in piece.ids), fmt)
            else:
                self._insert_text(cursor, piece.text, fmt, mark_color)
        cursor.endEditBlock()
        self.rendered = first + len(pieces)

    @staticmethod
    def _insert_text(cursor: QTextCursor, text: str, fmt: QTextCharFormat,
                     mark_color: QColor) -> None:
        if not any(mark in text for mark in _MARKS):
            cursor.insertText(text, fmt)
            return
        mark_fmt = QTextCharFormat(fmt)
        mark_fmt.setForeground(mark_color)
        run = []
        for char in text:
            shown = _MARKS.get(char)
            if shown is None:
                run.append(char)
                continue
            if run:
                cursor.insertText("".join(run), fmt)
                run = []
            cursor.insertText(shown, mark_fmt)
        if run:
            cursor.insertText("".join(run), fmt)

    def piece_at(self, point: QPoint) -> TokenPiece | None:
        """The piece under a viewport point, or None (empty view, past the end)."""
        if self._split is None or not self._starts:
            return None
        cursor = self.cursorForPosition(point)
        rect = self.cursorRect(cursor)
        if abs(rect.center().y() - point.y()) > rect.height():
            return None  # below the last line
        position = cursor.position()
        # cursorForPosition rounds to the nearest gap: the right half of a character gives
        # the position after it, so step back unless the point is left of that gap.
        if point.x() < rect.x() and position > 0:
            position -= 1
        index = bisect.bisect_right(self._starts, position) - 1
        if index < 0 or index >= self.rendered:
            return None
        return self._split.pieces[index]

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            piece = self.piece_at(event.pos())
            if piece is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), describe_piece(piece), self.viewport())
            return True
        return super().viewportEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.rerender()
        super().changeEvent(event)
