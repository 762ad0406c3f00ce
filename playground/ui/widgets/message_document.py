"""The rich text of one message, grown from streamed markdown in O(total length).

Finished markdown blocks are rendered once and inserted as rich text; the unfinished tail
is shown as plain text appended at the end, and replaced by its rendering when its block
finishes (or at `finish()`). The whole message is never re-rendered while streaming.

A long reply is spread over several documents ("segments") of about SEGMENT_CHARS each:
Qt's text layout slows down with the size of a document (tables most of all), so one
document per 130k-character reply would make every insertion slower than the last.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QTextCursor, QTextDocument

from playground.ui.markdown import BlockSplitter, MarkdownRenderer

SEGMENT_CHARS = 4000  # markdown characters per document before a new one starts


class StreamingDocument:
    """Owns the content of one message; `new_segment` gives it another document to fill."""

    def __init__(
        self, renderer: MarkdownRenderer, new_segment: Callable[[], QTextDocument],
        drop_segments: Callable[[bool], None],
    ) -> None:
        self._renderer = renderer
        self._new_segment = new_segment
        self._drop_segments = drop_segments  # (keep_first) removes segments the view shows
        self._splitter = BlockSplitter()
        self._pieces: list[str] = []
        self._codes: list[str] = []
        self._segments: list[QTextDocument] = []
        self._segment_chars = 0  # markdown characters in the open segment
        self._open_segment()

    @property
    def source(self) -> str:
        """Every character received, exactly."""
        if len(self._pieces) > 1:
            self._pieces = ["".join(self._pieces)]
        return self._pieces[0] if self._pieces else ""

    @property
    def segments(self) -> list[QTextDocument]:
        return list(self._segments)

    def plain_text(self) -> str:
        return "\n".join(document.toPlainText() for document in self._segments)

    def code(self, index: int) -> str | None:
        """The raw text of the index-th fenced code block, as its copy link promises."""
        return self._codes[index] if 0 <= index < len(self._codes) else None

    def append(self, text: str) -> None:
        if not text:
            return
        self._pieces.append(text)
        blocks = self._splitter.feed(text)
        if not blocks:
            self._insert_plain(text)
            return
        self._remove_tail()
        group: list[str] = []
        for block in blocks:
            if self._segment_chars >= SEGMENT_CHARS:
                self._insert_rendered("".join(group))
                group = []
                self._close_segment()
                self._open_segment()
            group.append(block)
            self._segment_chars += len(block)
        self._insert_rendered("".join(group))
        if not self._cursor.document().isEmpty():
            # The tail starts in a fresh block: it inherits no list, code or heading format.
            # Imported here: these Qt types are slow to load and only needed once text flows.
            from PySide6.QtGui import QTextBlockFormat, QTextCharFormat

            self._cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
            self._tail_start = self._cursor.position()
        self._insert_plain(self._splitter.tail)

    def finish(self) -> None:
        """Render what is left of the tail; the message is then complete."""
        self._remove_tail()
        self._insert_rendered(self._splitter.take_tail())
        self._close_segment()

    def set_text(self, text: str) -> None:
        """Show a complete message (history or a re-render): each block rendered once."""
        # The first document is reused: a view per message is the costly part to create.
        self._drop_segments(True)
        first = self._segments[0]
        first.clear()
        self._segments = [first]
        self._cursor = QTextCursor(first)
        self._tail_start = 0
        self._segment_chars = 0
        self._pieces.clear()
        self._codes.clear()
        self._splitter = BlockSplitter()
        self.append(text)
        self.finish()

    def rerender(self) -> None:
        """Render the whole source again, e.g. with the colours of a new palette."""
        self.set_text(self.source)

    # ---- segments ----
    def _open_segment(self) -> None:
        document = self._new_segment()
        document.setUndoRedoEnabled(False)  # read-only text: an undo stack only costs memory
        self._segments.append(document)
        self._cursor = QTextCursor(document)
        self._tail_start = 0  # position where the plain-text tail begins
        self._segment_chars = 0

    def _close_segment(self) -> None:
        """Drop the empty block a fresh tail left at the end."""
        cursor = self._cursor
        cursor.movePosition(QTextCursor.MoveOperation.End)
        if cursor.block().length() == 1 and cursor.block().previous().isValid():
            cursor.deletePreviousChar()
            cursor.movePosition(QTextCursor.MoveOperation.End)
        self._tail_start = cursor.position()

    # ---- editing the current segment ----
    def _insert_plain(self, text: str) -> None:
        self._cursor.movePosition(QTextCursor.MoveOperation.End)
        self._cursor.insertText(text)

    def _remove_tail(self) -> None:
        cursor = self._cursor
        cursor.setPosition(self._tail_start)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()

    def _insert_rendered(self, markdown: str) -> None:
        if not markdown.strip():
            return
        rendered = self._renderer.render(markdown, len(self._codes))
        self._codes.extend(rendered.codes)
        start = self._cursor.position()
        self._cursor.insertHtml(rendered.html.strip())
        # Lists, tables and rules inserted into an empty block leave that block empty
        # before them; a full render has no such block, so merge it into the one before.
        block = self._cursor.document().findBlock(start)
        if start > 0 and block.length() == 1 and block.next().isValid():
            self._cursor.setPosition(start - 1)
            self._cursor.setPosition(start, QTextCursor.MoveMode.KeepAnchor)
            self._cursor.removeSelectedText()
        self._cursor.movePosition(QTextCursor.MoveOperation.End)
        self._tail_start = self._cursor.position()
