"""One message of the conversation: header with actions, markdown body, images, errors."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QImage, QImageReader, QPalette, QPixmap, QTextDocument
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from playground.ui.markdown import MarkdownRenderer, mix_colors
from playground.ui.widgets.message_browser import MessageBrowser
from playground.ui.widgets.message_document import StreamingDocument
from playground.ui.widgets.message_error import MessageErrorPanel
from playground.ui.widgets.message_menu import install_message_menu
from playground.ui.widgets.message_pacer import FramePacer

if TYPE_CHECKING:
    from playground.ui.failures import FailureView

THUMBNAIL_SIZE = 96
STATUSES = ("complete", "streaming", "interrupted", "error")


class MessageWidget(QFrame):
    """Created by MessageView; the chat tab streams into it with append_text()/finish().

    A message added off-screen starts dormant: an empty frame of about its final height,
    built (widgets, markdown) when the view needs it on screen or has idle time. Every
    method builds it first, so callers never see the difference.
    """

    # copy | edit | regenerate | read_aloud | tokenize | branch_-1 | branch_1
    actionRequested = Signal(str)
    errorActionTriggered = Signal(str)  # the action_id of an error panel button
    countdownShown = Signal()  # a retry countdown is shown: the view brings it into sight
    linkActivated = Signal(QUrl)

    def __init__(
        self, key: object, role: str, renderer: MarkdownRenderer, *, text: str = "",
        images: Sequence[bytes | QImage] = (), status: str = "complete", model: str = "",
        dormant: bool = False, parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.key = key
        self.role = role
        self.setObjectName(f"{role}Message")
        self.setAutoFillBackground(True)
        self._renderer = renderer
        self._model = model
        self._initial = (text, list(images))
        self._pending: list[str] = []
        self._browsers: list[MessageBrowser] = []
        self._error: MessageErrorPanel | None = None
        self._document: StreamingDocument | None = None
        self._status = "complete"
        self._alternatives: tuple[int, int] | None = None  # (shown, of how many)
        self._set_status_value(status)
        self._apply_tint()
        if dormant:
            # Roughly the height it will have, so the scrollbar is about right meanwhile.
            self.setMinimumHeight(self.estimated_height())
        else:
            self.build()

    def estimated_height(self) -> int:
        """A cheap guess at the built height (lines of about 90 characters, plus header)."""
        text = self.text
        lines = text.count("\n") + len(text) // 90 + 3
        return min(4000, lines * self.fontMetrics().lineSpacing())

    @property
    def is_built(self) -> bool:
        return self._document is not None

    def build(self) -> None:
        """Create the widgets and render the text (once; later calls do nothing)."""
        if self._document is not None:
            return
        self.setMinimumHeight(0)
        self._pacer = FramePacer(self)
        self._pacer.due.connect(self._flush)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        layout.addLayout(self._build_header(self._model))
        self.above_text = QVBoxLayout()  # e.g. the reasoning summary ("Thinking")
        layout.addLayout(self.above_text)
        self._text_column = QVBoxLayout()
        self._text_column.setSpacing(0)
        layout.addLayout(self._text_column)
        self._images = QHBoxLayout()
        self._images.setSpacing(6)
        layout.addLayout(self._images)
        self.below_text = QVBoxLayout()  # e.g. function-call cards, the reply's metrics
        layout.addLayout(self.below_text)
        self._document = StreamingDocument(self._renderer, self._add_segment,
                                           self._drop_segments)
        self._set_status_value(self._status)
        self._show_alternatives()
        text, images = self._initial
        self._initial = ("", [])
        if text:
            self._document.set_text(text)
        if images:
            self._add_images(images)

    def _built(self) -> StreamingDocument:
        self.build()
        assert self._document is not None
        return self._document

    # ---- content ----
    @property
    def text(self) -> str:
        """The message's markdown source, exactly as received (pending deltas included)."""
        if self._document is None:
            return self._initial[0]
        self._flush()
        return self._document.source

    def set_text(self, text: str) -> None:
        document = self._built()
        self._pending.clear()
        document.set_text(text)

    def append_text(self, delta: str) -> None:
        """Cheap: buffers the delta; the screen is updated at most once per frame (16 ms),
        less often if updates turn out expensive (see FramePacer)."""
        if delta:
            self._built()
            self._pending.append(delta)
            self._pacer.request()

    def finish(self) -> None:
        """The reply is complete: render the unfinished tail once."""
        self._flush()
        self._built().finish()

    def plain_text(self) -> str:
        """What the screen shows, as plain text (after pending deltas are flushed)."""
        self._flush()
        return self._built().plain_text()

    def browsers(self) -> list[MessageBrowser]:
        """The text views, top to bottom: a long reply is split over several."""
        self.build()
        return list(self._browsers)

    def _add_segment(self) -> QTextDocument:
        browser = MessageBrowser(self)
        browser.setObjectName("messageText")
        browser.setAccessibleName(self._role_title())
        browser.anchorClicked.connect(self.linkActivated)
        install_message_menu(browser, self.actionRequested.emit)
        self._text_column.addWidget(browser)
        self._browsers.append(browser)
        return browser.document()

    def _drop_segments(self, keep_first: bool) -> None:
        kept = self._browsers[:1] if keep_first else []
        for browser in self._browsers[len(kept):]:
            self._text_column.removeWidget(browser)
            browser.deleteLater()
        self._browsers = kept

    def code_block(self, index: int) -> str | None:
        return self._built().code(index)

    def rerender(self) -> None:
        if self._document is not None and self._status != "streaming":
            self._document.rerender()

    def _flush(self) -> None:
        if self._document is None:
            return
        self._pacer.cancel()
        if self._pending:
            self._pacer.update_started()
            text = "".join(self._pending)
            self._pending.clear()
            self._document.append(text)
            for browser in self._browsers[-2:]:  # only the last segments change
                browser.fit_to_document()

    def set_images(self, images: Sequence[bytes | QImage]) -> None:
        self.build()
        self._add_images(images)

    def _add_images(self, images: Sequence[bytes | QImage]) -> None:
        for image in images:
            label = QLabel(self)
            label.setObjectName("messageImage")
            label.setAccessibleName(self.tr("Attached image"))
            pixmap = _thumbnail(image)
            if pixmap.isNull():
                label.setText(self.tr("(image could not be shown)"))
            else:
                label.setPixmap(pixmap)
            label.setFrameShape(QFrame.Shape.StyledPanel)
            self._images.addWidget(label)
        if images:
            self._images.addStretch(1)

    # ---- versions ----
    def set_alternatives(self, alternatives: tuple[int, int] | None) -> None:
        """(shown version, of how many) from this message on; None hides ‹ ›."""
        self._alternatives = alternatives
        if self._document is not None:
            self._show_alternatives()

    def _show_alternatives(self) -> None:
        shown = self._alternatives
        self._branch_label.setText(f"{shown[0]}/{shown[1]}" if shown else "")
        self._branch_label.setToolTip(self.tr("Version %1 of %2 from this message on")
                                      .replace("%1", str(shown[0])).replace("%2", str(shown[1]))
                                      if shown else "")
        for widget in (*self._branch_buttons, self._branch_label):
            widget.setVisible(shown is not None)
        if shown:
            self._branch_buttons[0].setEnabled(shown[0] > 1)
            self._branch_buttons[1].setEnabled(shown[0] < shown[1])

    # ---- status and errors ----
    @property
    def status(self) -> str:
        return self._status

    def set_status(self, status: str) -> None:
        self.build()
        self._set_status_value(status)

    def _set_status_value(self, status: str) -> None:
        if status not in STATUSES:
            raise ValueError(f"unknown message status {status!r}")
        self._status = status
        if self._document is None:
            return
        texts = {
            "complete": "",
            "streaming": self.tr("Writing…"),
            "interrupted": self.tr("Interrupted"),
            "error": self.tr("Failed"),
        }
        self._status_label.setText(texts[status])
        self._status_label.setVisible(bool(texts[status]))

    def show_error(
        self, title: str, detail: str, request_id: str | None,
        actions: Sequence[tuple[str, str]] = (), *, raw: str = "", severity: str = "error",
    ) -> None:
        self.build()
        self._error_panel().show_error(title, detail, request_id, actions, raw=raw,
                                       severity=severity)

    def show_view(self, view: FailureView, request_id: str | None = None) -> None:
        """A failure as ui.failures phrased it (title, detail, actions, severity, Details)."""
        self.show_error(view.title, view.detail, view.request_id or request_id, view.actions,
                        raw=view.raw, severity=view.severity)

    def show_countdown(self, text: str) -> None:
        """A retry is waiting; "" when it is over (a panel that only counted down goes)."""
        self.build()
        if not text and (self._error is None or not self._error.has_error):
            self.clear_error()
            return
        self._error_panel().show_countdown(text)
        if text:
            self.countdownShown.emit()

    def clear_error(self) -> None:
        if self._error is not None:
            self._error.hide()
            self._error.deleteLater()
            self._error = None

    @property
    def error_panel(self) -> MessageErrorPanel | None:
        return self._error

    def _error_panel(self) -> MessageErrorPanel:
        if self._error is None:
            self._error = MessageErrorPanel(self)
            self._error.actionTriggered.connect(self.errorActionTriggered)
            layout = self.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.addWidget(self._error)
        return self._error

    # ---- header ----
    def _build_header(self, model: str) -> QHBoxLayout:
        header = QHBoxLayout()
        header.setSpacing(4)
        role = QLabel(self._role_title(), self)
        role.setObjectName("messageRole")
        font = role.font()
        font.setBold(True)
        role.setFont(font)
        header.addWidget(role)
        if model:
            model_label = QLabel(model, self)
            model_label.setObjectName("messageModel")
            model_label.setEnabled(False)  # the palette's disabled text: a quieter grey
            header.addWidget(model_label)
        self._status_label = QLabel(self)
        self._status_label.setObjectName("messageStatus")
        self._status_label.hide()
        header.addWidget(self._status_label)
        header.addStretch(1)
        # ‹ 2/3 ›: earlier versions of the conversation from this message on.
        self._branch_buttons: list[QToolButton] = []
        for step, text, accessible in ((-1, "‹", self.tr("Previous version")),
                                       (1, "›", self.tr("Next version"))):
            button = QToolButton(self)
            button.setObjectName("previousBranchButton" if step < 0 else "nextBranchButton")
            button.setText(text)
            button.setAccessibleName(accessible)
            button.setToolTip(accessible)
            button.setAutoRaise(True)
            button.clicked.connect(lambda _=False, s=step: self.actionRequested.emit(f"branch_{s}"))
            self._branch_buttons.append(button)
        self._branch_label = QLabel(self)
        self._branch_label.setObjectName("branchLabel")
        header.addWidget(self._branch_buttons[0])
        header.addWidget(self._branch_label)
        header.addWidget(self._branch_buttons[1])
        buttons = [("copy", self.tr("Copy"), self.tr("Copy message"))]
        if self.role == "user":
            buttons.append(("edit", self.tr("Edit"), self.tr("Edit message")))
        if self.role == "assistant":
            buttons.append(("regenerate", self.tr("Regenerate"), self.tr("Regenerate reply")))
            buttons.append(("read_aloud", self.tr("Read aloud"), self.tr("Read reply aloud")))
        object_names = {
            "copy": "copyMessageButton", "edit": "editMessageButton",
            "regenerate": "regenerateMessageButton", "read_aloud": "readAloudMessageButton",
        }
        for action, text, accessible in buttons:
            button = QToolButton(self)
            button.setText(text)
            button.setObjectName(object_names[action])
            button.setAccessibleName(accessible)
            button.setToolTip(accessible)
            button.setAutoRaise(True)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(lambda _=False, a=action: self.actionRequested.emit(a))
            header.addWidget(button)
        return header

    def _role_title(self) -> str:
        titles = {"user": self.tr("You"), "assistant": self.tr("Assistant"),
                  "tool": self.tr("Function result"),
                  "system": self.tr("System"), "developer": self.tr("Developer")}
        return titles.get(self.role, self.role)

    # ---- palette ----
    def changeEvent(self, event) -> None:
        if event.type() == event.Type.PaletteChange:
            self._apply_tint()
        super().changeEvent(event)

    def _apply_tint(self) -> None:
        """A subtle per-role background derived from the palette, so light and dark work."""
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        toward: QColor = {
            "user": palette.color(QPalette.ColorRole.Highlight),
            "system": palette.color(QPalette.ColorRole.Text),
            "developer": palette.color(QPalette.ColorRole.Text),
        }.get(self.role, base)
        tint = mix_colors(base, toward, 0.10 if self.role == "user" else 0.05)
        if palette.color(QPalette.ColorRole.Window) != tint:
            palette.setColor(QPalette.ColorRole.Window, tint)
            self.setPalette(palette)


def _thumbnail(image: bytes | QImage) -> QPixmap:
    """Decodes straight to thumbnail size (cheap for large photos)."""
    size = QSize(THUMBNAIL_SIZE, THUMBNAIL_SIZE)
    if isinstance(image, QImage):
        scaled = image.scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                              Qt.TransformationMode.SmoothTransformation)
        return QPixmap.fromImage(scaled)
    buffer = QBuffer()
    buffer.setData(QByteArray(image))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    original = reader.size()
    if original.isValid():
        reader.setScaledSize(original.scaled(size, Qt.AspectRatioMode.KeepAspectRatio))
    return QPixmap.fromImage(reader.read())

