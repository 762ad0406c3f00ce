"""Cards for the hosted tool calls of a reply (Responses): web search (query and sources),
code interpreter (the code, its output, images it made), image generation (previews, then the
image), remote MCP (tools listed, a call with arguments and output, an approval to give).

A card keeps its call's record and redraws at most every `REFRESH_MS` while the call streams,
so 2,000 lines of code arriving delta by delta cost a few redraws, not thousands.
"""

from __future__ import annotations

import base64
import html
import json
from collections.abc import Callable

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from playground.services.chat_turns import APPROVAL, HostedCallRecord
from playground.ui.async_slot import async_slot
from playground.ui.fonts import monospace_font
from playground.ui.theme_palette import error_text_color

REFRESH_MS = 50
PREVIEW_SIZE = 256  # pixels: images in a card are shown at most this large
SOURCES_SHOWN = 5  # sources listed at once in a web search card; the rest on request
FILL_LINES = 250  # lines of a long output put in per event-loop turn


def _pixmap(b64: str) -> QPixmap:
    pixmap = QPixmap()
    pixmap.loadFromData(QByteArray(base64.b64decode(b64)))
    return pixmap


def _data_url_b64(url: str) -> str:
    """The base64 part of a data: URL ("" for any other URL)."""
    head, _sep, data = url.partition(",")
    return data if head.startswith("data:image/") and head.endswith(";base64") else ""


class TextBox(QPlainTextEdit):
    """Read-only monospace text as tall as its lines, up to `max_height` (then it scrolls)."""

    def __init__(self, name: str, accessible: str, max_height: int) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self.setReadOnly(True)
        self.setFont(monospace_font())
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self._max_height = max_height
        self.blockCountChanged.connect(self._fit)
        self._fit()

    def _fit(self, *_args: object) -> None:
        lines = max(1, self.blockCount())
        frame = 2 * self.frameWidth() + int(2 * self.document().documentMargin())
        # + a horizontal scrollbar's height: long lines do not wrap
        height = lines * self.fontMetrics().lineSpacing() + frame + 14
        self.setFixedHeight(min(self._max_height, height))


def _text_box(name: str, accessible: str, max_height: int) -> TextBox:
    return TextBox(name, accessible, max_height)


class HostedCard(QFrame):
    """What every card shares: a title line, a status, a throttled redraw."""

    def __init__(self, record: HostedCallRecord, name: str, accessible: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record = record
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(self)
        self.title.setObjectName("hostedCardTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(6, 4, 6, 4)
        self.column.setSpacing(3)
        self.column.addWidget(self.title)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)

    def changed(self, record: HostedCallRecord) -> None:
        """The record moved on: redraw now when it ended, else soon (coalesced)."""
        self.record = record
        if record.status in ("completed", "failed", "approved", "denied"):
            self._timer.stop()
            self.refresh()
        elif not self._timer.isActive():
            self._timer.start()

    def refresh(self) -> None:
        raise NotImplementedError

    def status_text(self) -> str:
        return {"in_progress": self.tr("starting…"), "searching": self.tr("searching…"),
                "interpreting": self.tr("running…"), "generating": self.tr("generating…"),
                "calling": self.tr("calling…"), "completed": "", "failed": self.tr("failed"),
                "incomplete": self.tr("incomplete"), "pending": self.tr("waiting for you"),
                "approved": self.tr("approved"), "denied": self.tr("denied")
                }.get(self.record.status, self.record.status)

    def error_label(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName("hostedCardError")
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setStyleSheet(f"color: {error_text_color(self.palette()).name()}")
        return label

    def titled(self, text: str) -> None:
        status = self.status_text()
        self.title.setText(f"{text} — {status}" if status else text)


def link_lines(urls: list[str]) -> str:
    return "<br>".join(f'<a href="{html.escape(u, quote=True)}">{html.escape(u)}</a>'
                       for u in urls)


class WebSearchCard(HostedCard):
    """The query and the sources found: the first few, the rest one click away (a long list
    as rich text costs tens of milliseconds to lay out, so it is built only when asked)."""

    def __init__(self, record: HostedCallRecord, parent: QWidget | None = None) -> None:
        super().__init__(record, "webSearchCard", self.tr("Web search"), parent)
        self.sources = QLabel(self)
        self.sources.setObjectName("webSearchSources")
        self.sources.setAccessibleName(self.tr("Sources the search found"))
        self.sources.setTextFormat(Qt.TextFormat.RichText)
        self.sources.setOpenExternalLinks(True)
        self.more = QToolButton(self)
        self.more.setObjectName("webSearchAllSources")
        self.more.setAccessibleName(self.tr("Show every source"))
        self.more.setAutoRaise(True)
        self.more.clicked.connect(self._show_all)
        self._all: QTextBrowser | None = None
        self.column.addWidget(self.sources)
        self.column.addWidget(self.more, 0, Qt.AlignmentFlag.AlignLeft)
        self.refresh()

    def urls(self) -> list[str]:
        return [str(u) for u in self.record.detail.get("sources", [])]

    def refresh(self) -> None:
        detail = self.record.detail
        query = str(detail.get("query") or detail.get("url") or "")
        self.titled(self.tr("Searched the web: %1").replace("%1", query) if query
                    else self.tr("Searching the web"))
        urls = self.urls()
        self.sources.setText(link_lines(urls[:SOURCES_SHOWN]))
        self.sources.setVisible(bool(urls) and self._all is None)
        self.more.setText(self.tr("All %1 sources…").replace("%1", str(len(urls))))
        self.more.setVisible(len(urls) > SOURCES_SHOWN and self._all is None)

    def _show_all(self) -> None:
        self._all = QTextBrowser(self)
        self._all.setObjectName("webSearchSourceList")
        self._all.setAccessibleName(self.tr("Every source the search found"))
        self._all.setOpenExternalLinks(True)
        self._all.setMaximumHeight(160)
        self._all.setHtml(link_lines(self.urls()))
        self.column.addWidget(self._all)
        self.refresh()


class CodeCard(HostedCard):
    def __init__(self, record: HostedCallRecord, parent: QWidget | None = None) -> None:
        super().__init__(record, "codeInterpreterCard", self.tr("Code interpreter"), parent)
        self.code = _text_box("codeInterpreterCode", self.tr("Code the model ran"), 220)
        self.output = _text_box("codeInterpreterOutput", self.tr("Output of the code"), 220)
        self.images = QHBoxLayout()
        self.column.addWidget(self.code)
        self.column.addWidget(self.output)
        self.column.addLayout(self.images)
        self._shown_code = ""
        self._logs = ""
        self._images_shown = 0
        self.refresh()

    def _fill(self, lines: list[str]) -> None:
        """A long output goes in FILL_LINES at a time, one batch per event-loop turn, so
        2,000 lines never hold the screen still."""
        batch, rest = lines[:FILL_LINES], lines[FILL_LINES:]
        cursor = self.output.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        cursor.insertText("".join(batch))
        if rest:
            QTimer.singleShot(0, self, lambda: self._fill(rest) if self._logs else None)
        else:
            self.output.moveCursor(self.output.textCursor().MoveOperation.Start)

    def refresh(self) -> None:
        detail = self.record.detail
        self.titled(self.tr("Ran code"))
        code = str(detail.get("code", ""))
        if code != self._shown_code:
            if code.startswith(self._shown_code):  # streamed: add only what is new
                cursor = self.code.textCursor()
                cursor.movePosition(cursor.MoveOperation.End)
                cursor.insertText(code[len(self._shown_code):])
            else:
                self.code.setPlainText(code)
            self._shown_code = code
        outputs = [o for o in detail.get("outputs", []) if isinstance(o, dict)]
        logs = "".join(str(o.get("logs", "")) for o in outputs if o.get("type") == "logs")
        if logs != self._logs:
            self._logs = logs
            self.output.clear()
            self._fill(logs.splitlines(keepends=True))
        self.output.setVisible(bool(logs))
        images = [str(o.get("url", "")) for o in outputs if o.get("type") == "image"]
        for number, url in enumerate(images[self._images_shown:], self._images_shown + 1):
            self.images.addWidget(ImageTile(_data_url_b64(url), url,
                                            f"code-output-{number}.png", self))
        self._images_shown = len(images)


class ImageTile(QWidget):
    """An image (or a link to one that is not inline) with a Save… button."""

    def __init__(self, b64: str, url: str, file_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.b64 = b64
        self.file_name = file_name
        self.picture = QLabel(self)
        self.picture.setObjectName("hostedImage")
        self.picture.setAccessibleName(self.tr("Image"))
        self.save = QPushButton(self.tr("Save…"), self)
        self.save.setObjectName("saveHostedImageButton")
        self.save.setAccessibleName(self.tr("Save the image"))
        self.save.clicked.connect(self._choose_file)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.picture)
        column.addWidget(self.save, 0, Qt.AlignmentFlag.AlignLeft)
        self.show_image(b64, url)

    def show_image(self, b64: str, url: str = "") -> None:
        self.b64 = b64
        if b64:
            pixmap = _pixmap(b64)
            if max(pixmap.width(), pixmap.height()) > PREVIEW_SIZE:  # shrink, never enlarge
                pixmap = pixmap.scaled(PREVIEW_SIZE, PREVIEW_SIZE,
                                       Qt.AspectRatioMode.KeepAspectRatio,
                                       Qt.TransformationMode.SmoothTransformation)
            self.picture.setPixmap(pixmap)
        else:  # a file the code made that is not inline: its address, to open
            self.picture.setTextFormat(Qt.TextFormat.PlainText)
            self.picture.setText(url)
        self.save.setVisible(bool(b64))

    def _choose_file(self) -> None:
        dialog = QFileDialog(self, self.tr("Save image"), self.file_name,
                             self.tr("PNG image (*.png)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.save_to)
        dialog.open()

    @async_slot(str)
    async def save_to(self, path: str) -> None:
        import asyncio
        from pathlib import Path

        data = base64.b64decode(self.b64)
        try:
            await asyncio.to_thread(Path(path).write_bytes, data)
        except OSError as exc:
            self.save.setToolTip(self.tr("Could not save %1: %2").replace("%1", path)
                                 .replace("%2", exc.strerror or str(exc)))
            self.save.setText(self.tr("Save failed — retry…"))


class ImageCard(HostedCard):
    def __init__(self, record: HostedCallRecord, parent: QWidget | None = None) -> None:
        super().__init__(record, "imageGenerationCard", self.tr("Image generation"), parent)
        self.tile = ImageTile("", "", "generated-image.png", self)
        self.error = self.error_label("")
        self.column.addWidget(self.tile)
        self.column.addWidget(self.error)
        self.refresh()

    def refresh(self) -> None:
        detail = self.record.detail
        final = str(detail.get("image_b64", ""))
        if final:
            self.titled(self.tr("Generated an image"))
            self.tile.show_image(final)
            self.tile.setToolTip(str(detail.get("revised_prompt", "")))
        elif self.record.partial_b64:
            self.titled(self.tr("Generating an image (preview %1)")
                        .replace("%1", str(detail.get("partials", 1))))
            self.tile.show_image(self.record.partial_b64)
            self.tile.save.setVisible(False)  # only the final image is worth keeping
        else:
            self.titled(self.tr("Generating an image"))
        self.tile.setVisible(bool(final or self.record.partial_b64))
        self.error.setText(str(detail.get("error", "")))
        self.error.setVisible(bool(detail.get("error")))


class McpCard(HostedCard):
    """A listing of a server's tools, or a call of one of them."""

    def __init__(self, record: HostedCallRecord, parent: QWidget | None = None) -> None:
        super().__init__(record, "mcpCallCard", self.tr("MCP call"), parent)
        self.arguments = _text_box("mcpCallArguments", self.tr("Arguments of the call"), 120)
        self.output = _text_box("mcpCallOutput", self.tr("Output of the call"), 160)
        self.error = self.error_label("")
        for widget in (self.arguments, self.output, self.error):
            self.column.addWidget(widget)
        self.refresh()

    def refresh(self) -> None:
        detail = self.record.detail
        server = str(detail.get("server", ""))
        if self.record.kind == "mcp_list_tools":
            tools = [str(t) for t in detail.get("tools", [])]
            self.titled(self.tr("%1: %2 tools (%3)").replace("%1", server)
                        .replace("%2", str(len(tools))).replace("%3", ", ".join(tools))
                        if tools else self.tr("%1: listing tools").replace("%1", server))
        else:
            self.titled(self.tr("%1 ▸ %2").replace("%1", server)
                        .replace("%2", str(detail.get("tool", ""))))
        arguments = _pretty(str(detail.get("arguments", "")))
        self.arguments.setPlainText(arguments)
        self.arguments.setVisible(bool(arguments))
        output = str(detail.get("output", ""))
        self.output.setPlainText(output)
        self.output.setVisible(bool(output))
        self.error.setText(str(detail.get("error", "")))
        self.error.setVisible(bool(detail.get("error")))


class McpApprovalCard(HostedCard):
    """The model asks to call a tool of a remote MCP server: Approve or Deny."""

    answered = Signal(str, bool)  # approval request id, approve

    def __init__(self, record: HostedCallRecord, parent: QWidget | None = None) -> None:
        super().__init__(record, "mcpApprovalCard", self.tr("MCP approval"), parent)
        self.arguments = _text_box("mcpApprovalArguments", self.tr("Arguments of the call"),
                                   120)
        self.approve = QPushButton(self.tr("Approve"), self)
        self.approve.setObjectName("approveMcpButton")
        self.approve.setAccessibleName(self.tr("Approve the call"))
        self.deny = QPushButton(self.tr("Deny"), self)
        self.deny.setObjectName("denyMcpButton")
        self.deny.setAccessibleName(self.tr("Deny the call"))
        self.approve.clicked.connect(lambda: self._answer(True))
        self.deny.clicked.connect(lambda: self._answer(False))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.deny)
        row.addWidget(self.approve)
        self.column.addWidget(self.arguments)
        self.column.addLayout(row)
        self.refresh()

    def _answer(self, approve: bool) -> None:
        self.approve.setEnabled(False)
        self.deny.setEnabled(False)
        self.answered.emit(self.record.id, approve)

    def set_answerable(self, answerable: bool) -> None:
        pending = self.record.status == "pending"
        self.approve.setVisible(pending)
        self.deny.setVisible(pending)
        self.approve.setEnabled(answerable)
        self.deny.setEnabled(answerable)

    def refresh(self) -> None:
        detail = self.record.detail
        self.titled(self.tr("Call “%1” on the MCP server “%2”?")
                    .replace("%1", str(detail.get("tool", "")))
                    .replace("%2", str(detail.get("server", ""))))
        self.arguments.setPlainText(_pretty(str(detail.get("arguments", ""))))
        self.set_answerable(self.approve.isEnabled())


def _pretty(arguments: str) -> str:
    try:
        return json.dumps(json.loads(arguments), indent=2, ensure_ascii=False)
    except ValueError:
        return arguments


def card_for(record: HostedCallRecord, parent: QWidget | None = None) -> HostedCard:
    kinds: dict[str, Callable[[HostedCallRecord, QWidget | None], HostedCard]] = {
        "web_search": WebSearchCard, "code_interpreter": CodeCard,
        "image_generation": ImageCard, "mcp_call": McpCard, "mcp_list_tools": McpCard,
        APPROVAL: McpApprovalCard}
    return kinds.get(record.kind, McpCard)(record, parent)
