"""A read-only, selectable rich-text view as tall as its document: no scrollbars of its own."""

from __future__ import annotations

from PySide6.QtCore import QSize, QSizeF, Qt
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextBrowser, QWidget


class MessageBrowser(QTextBrowser):
    """The outer MessageView scrolls; each message only grows to fit its text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setOpenLinks(False)  # MessageView decides: copy-code anchors or the browser
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.viewport().setAutoFillBackground(False)
        self.document().setDocumentMargin(2)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self._fit_height(self.document().size())

    def fit_to_document(self) -> None:
        """Lay the document out now (it is lazy) and take its height, so the new height
        reaches the view's layout before the next paint: one paint per update, not two."""
        self._fit_height(self.document().size())

    def _fit_height(self, size: QSizeF) -> None:
        height = int(size.height() + 0.999) + self.frameWidth() * 2
        if height != self.height():
            self.setFixedHeight(height)

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.height())

    def wheelEvent(self, event) -> None:
        # Never scroll inside a message: let the conversation scroll.
        event.ignore()
