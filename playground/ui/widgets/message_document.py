"""A QTextDocument that grows with a streamed markdown reply, in O(total length).

Finished markdown blocks are rendered once and inserted as rich text; the unfinished tail
is shown as plain text appended at the end, and replaced by its rendering when its block
finishes (or at `finish()`). The whole message is never re-rendered while streaming.
"""

from __future__ import annotations

from PySide6.QtGui import QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument

from playground.ui.markdown import BlockSplitter, MarkdownRenderer


class StreamingDocument:
    """Owns the content of one message's document."""

    def __init__(self, document: QTextDocument, renderer: MarkdownRenderer) -> None:
        self._doc = document
        self._renderer = renderer
        self._splitter = BlockSplitter()
        self._pieces: list[str] = []
        self._codes: list[str] = []
        self._tail_start = 0  # document position where the plain-text tail begins
        self._cursor = QTextCursor(document)

    @property
    def source(self) -> str:
        """Every character received, exactly."""
        if len(self._pieces) > 1:
            self._pieces = ["".join(self._pieces)]
        return self._pieces[0] if self._pieces else ""

    def code(self, index: int) -> str | None:
        """The raw text of the index-th fenced code block, as the copy link promises."""
        return self._codes[index] if 0 <= index < len(self._codes) else None

    def append(self, text: str) -> None:
        if not text:
            return
        self._pieces.append(text)
        blocks = self._splitter.feed(text)
        if blocks:
            self._replace_tail("".join(blocks), final=False)
            self._insert_plain(self._splitter.tail)
        else:
            self._insert_plain(text)

    def finish(self) -> None:
        """Render what is left of the tail; the document is then complete."""
        self._replace_tail(self._splitter.take_tail(), final=True)

    def set_text(self, text: str) -> None:
        """Show a complete message (history): one render, no streaming state."""
        self._doc.clear()
        self._pieces = [text] if text else []
        self._codes.clear()
        self._splitter = BlockSplitter()
        self._tail_start = 0
        self._replace_tail(text, final=True)

    def rerender(self) -> None:
        """Render the whole source again (after a palette change): finished messages only."""
        self.set_text(self.source)

    def _insert_plain(self, text: str) -> None:
        self._cursor.movePosition(QTextCursor.MoveOperation.End)
        self._cursor.insertText(text)

    def _replace_tail(self, markdown: str, *, final: bool) -> None:
        cursor = self._cursor
        cursor.setPosition(self._tail_start)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        if markdown.strip():
            rendered = self._renderer.render(markdown, len(self._codes))
            self._codes.extend(rendered.codes)
            start = self._tail_start
            cursor.insertHtml(rendered.html.strip())
            self._drop_empty_block_at(start)
        if final:
            self._drop_trailing_empty_block()
        elif markdown.strip():
            # The tail starts in a fresh block, so it inherits no list, code or heading format.
            cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
        self._tail_start = cursor.position()

    def _drop_empty_block_at(self, position: int) -> None:
        """Lists, tables and rules inserted into an empty block leave it empty before them;
        a full render has no such block, so merge it into the block before."""
        block = self._doc.findBlock(position)
        if position > 0 and block.length() == 1 and block.next().isValid():
            self._cursor.setPosition(position - 1)
            self._cursor.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
            self._cursor.removeSelectedText()
        self._cursor.movePosition(QTextCursor.MoveOperation.End)

    def _drop_trailing_empty_block(self) -> None:
        cursor = self._cursor
        cursor.movePosition(QTextCursor.MoveOperation.End)
        if cursor.block().length() == 1 and cursor.block().previous().isValid():
            cursor.deletePreviousChar()
            cursor.movePosition(QTextCursor.MoveOperation.End)
