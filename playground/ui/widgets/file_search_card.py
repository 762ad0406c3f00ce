"""A file search the model ran, shown in its reply: what it searched for, its status, the
chunks the answer was built from (file name, score, text; cited files marked) and what the
searches cost. Updated in place while the reply streams."""

from __future__ import annotations

import html
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QToolButton, QVBoxLayout, QWidget

from playground.model.money import format_cost

MAX_CHUNK_CHARS = 600  # a chunk's text shown in full up to here, then cut with "…"


class FileSearchCard(QFrame):
    def __init__(self, search: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fileSearchCard")
        self.setAccessibleName(self.tr("File search"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.call_id = str(search.get("id", ""))
        self.title = QLabel(self)
        self.title.setObjectName("fileSearchQuery")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.toggle = QToolButton(self)
        self.toggle.setObjectName("fileSearchChunksToggle")
        self.toggle.setAccessibleName(self.tr("Show or hide the chunks the answer used"))
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.chunks = QLabel(self)
        self.chunks.setObjectName("fileSearchChunks")
        self.chunks.setAccessibleName(self.tr("Chunks the answer used"))
        self.chunks.setWordWrap(True)
        self.chunks.setTextFormat(Qt.TextFormat.RichText)
        self.chunks.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.chunks.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.chunks)
        self.toggle.toggled.connect(self._show_chunks)
        self._cited: set[str] = set()
        self.show_search(search)

    def show_search(self, search: dict[str, Any], cited: set[str] | None = None,
                    cost: str = "") -> None:
        """Redraw from the stored call (status, queries, results) and the reply's citations."""
        self._cited = cited or set()
        status = str(search.get("status", ""))
        statuses = {"in_progress": self.tr("starting…"), "searching": self.tr("searching…"),
                    "completed": "", "incomplete": self.tr("incomplete"),
                    "failed": self.tr("failed")}
        queries = [str(q) for q in search.get("queries") or []]
        what = " · ".join(f"“{html.escape(q)}”" for q in queries)
        text = (self.tr("Searched your files for %1").replace("%1", what) if what
                else self.tr("Searching your files"))
        extra = [s for s in (statuses.get(status, status),) if s]
        if cost:
            extra.append(format_cost(Decimal(cost)))
        if extra:
            text += " — " + html.escape(" · ".join(extra))
        self.title.setText(text)
        results = list(search.get("results") or [])
        self._results = results
        self.toggle.setText(self.tr("Chunks used (%1)").replace("%1", str(len(results))))
        self.toggle.setVisible(bool(results) or status == "completed")
        self.toggle.setEnabled(bool(results))
        if not results and status == "completed":
            self.toggle.setText(self.tr("No matching chunks (a store still processing has "
                                        "nothing to search yet)"))
        self._show_chunks(self.toggle.isChecked())

    def _show_chunks(self, shown: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.chunks.setVisible(shown and bool(self._results))
        if shown:
            self.chunks.setText(self._chunks_html())

    def _chunks_html(self) -> str:
        parts = []
        for result in self._results:
            name = html.escape(str(result.get("filename") or result.get("file_id") or ""))
            score = result.get("score")
            head = f"<b>{name}</b>"
            if isinstance(score, int | float):
                head += " · " + self.tr("score %1").replace("%1", f"{score:.2f}")
            if result.get("file_id") in self._cited:
                head += " · " + self.tr("cited")
            text = str(result.get("text") or "")
            if len(text) > MAX_CHUNK_CHARS:
                text = text[:MAX_CHUNK_CHARS].rstrip() + "…"
            body = html.escape(text).replace("\n", "<br>")
            parts.append(f"<p>{head}<br>{body}</p>")
        return "".join(parts)


def show_file_searches(host: QWidget, layout: Any, details: Any) -> None:
    """Create or update one card per search of a reply (`details`: its ReplyDetails) inside
    `host`, added to `layout` (the message's area above/below the text)."""
    cards = {c.call_id: c for c in host.findChildren(FileSearchCard)}
    cited = {str(c.get("file_id")) for c in details.file_citations}
    last = len(details.file_searches) - 1
    for number, search in enumerate(details.file_searches):
        card = cards.get(str(search.get("id", "")))
        if card is None:
            card = FileSearchCard(search, host)
            layout.addWidget(card)
        # The cost is for all of the reply's searches: shown once, on the last card.
        card.show_search(search, cited, details.file_search_cost if number == last else "")
