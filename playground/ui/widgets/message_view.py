"""The conversation: a scrolling column of messages that streams fast and keeps its place.

The chat tab adds messages by key (any hashable, e.g. the stored message id), streams a reply
with `message(key).append_text(delta)` and `finish()`, and listens to the signals below.
The view sticks to the bottom while text arrives unless the user has scrolled up.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QImage
from PySide6.QtWidgets import QPushButton, QScrollArea, QVBoxLayout, QWidget

from playground.ui.markdown import COPY_CODE_SCHEME, MarkdownRenderer, MarkdownTheme
from playground.ui.widgets.message_widget import MessageWidget

# (key, role, text, images, status, model): one stored message, as prepend_messages takes it.
MessageRow = tuple[object, str, str, Sequence[bytes | QImage], str, str]

_STICK_SLACK_PX = 4  # this close to the bottom counts as "at the bottom"
_SAFE_LINK_SCHEMES = frozenset({"http", "https", "mailto"})


class MessageView(QScrollArea):
    editRequested = Signal(object)
    regenerateRequested = Signal(object)
    copyRequested = Signal(object)
    readAloudRequested = Signal(object)
    actionTriggered = Signal(object, str)  # key, action_id of an error panel button
    earlierRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageView")
        self.setAccessibleName(self.tr("Conversation"))
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._messages: dict[object, MessageWidget] = {}
        self._order: list[object] = []
        # Distance from the bottom to keep while content changes size: 0 sticks to the
        # bottom, None means the user scrolled freely (then nothing moves under them).
        self._bottom_anchor: int | None = 0
        self._adjusting = False
        self._renderer = self._make_renderer()

        column = QWidget(self)
        column.setObjectName("messageColumn")
        self._layout = QVBoxLayout(column)
        self._layout.setContentsMargins(8, 8, 8, 8)
        self._layout.setSpacing(8)
        self._earlier = QPushButton(self.tr("Show earlier messages"), column)
        self._earlier.setObjectName("showEarlierButton")
        self._earlier.setAccessibleName(self.tr("Show earlier messages"))
        self._earlier.setFlat(True)
        self._earlier.clicked.connect(self.earlierRequested)
        self._earlier.hide()
        self._layout.addWidget(self._earlier, 0, Qt.AlignmentFlag.AlignHCenter)
        self._layout.addStretch(1)  # short conversations sit at the top
        self.setWidget(column)

        bar = self.verticalScrollBar()
        bar.rangeChanged.connect(self._on_range_changed)
        bar.valueChanged.connect(self._on_scrolled)

    # ---- building the conversation ----
    def add_message(
        self, key: object, role: str, text: str, *, images: Sequence[bytes | QImage] = (),
        status: str = "complete", model: str = "",
    ) -> MessageWidget:
        """Append a message at the bottom (a complete one, or an empty one to stream into)."""
        widget = self._create(key, role, text, images, status, model)
        self._layout.insertWidget(self._layout.count() - 1, widget)
        self._order.append(key)
        return widget

    def prepend_messages(self, rows: Iterable[MessageRow]) -> None:
        """Insert earlier messages above the first one, keeping what the user is reading."""
        rows = list(rows)
        if not rows:
            return
        bar = self.verticalScrollBar()
        self._bottom_anchor = bar.maximum() - bar.value()
        first_index = 1  # after the "Show earlier" button
        for offset, (key, role, text, images, status, model) in enumerate(rows):
            widget = self._create(key, role, text, images, status, model)
            self._layout.insertWidget(first_index + offset, widget)
        self._order[0:0] = [row[0] for row in rows]

    def set_has_earlier(self, has_earlier: bool) -> None:
        self._earlier.setVisible(has_earlier)

    def message(self, key: object) -> MessageWidget | None:
        return self._messages.get(key)

    def keys(self) -> list[object]:
        return list(self._order)

    def remove_from(self, key: object) -> None:
        """Drop this message and every one after it (edit and regenerate start from there)."""
        if key not in self._messages:
            return
        index = self._order.index(key)
        for dropped in self._order[index:]:
            self._discard(self._messages.pop(dropped))
        del self._order[index:]

    def clear(self) -> None:
        for key in self._order:
            self._discard(self._messages[key])
        self._messages.clear()
        self._order.clear()
        self._earlier.hide()
        self._bottom_anchor = 0

    def scroll_to_bottom(self) -> None:
        self._bottom_anchor = 0
        self._apply_anchor()

    def is_stuck_to_bottom(self) -> bool:
        return self._bottom_anchor == 0

    # ---- internals ----
    def _create(
        self, key: object, role: str, text: str, images: Sequence[bytes | QImage],
        status: str, model: str,
    ) -> MessageWidget:
        if key in self._messages:
            raise KeyError(f"a message with key {key!r} is already shown")
        widget = MessageWidget(key, role, self._renderer, model=model, parent=self.widget())
        if text:
            widget.set_text(text)
        if images:
            widget.set_images(images)
        widget.set_status(status)
        widget.actionRequested.connect(lambda action, k=key: self._on_message_action(k, action))
        widget.errorActionTriggered.connect(
            lambda action, k=key: self.actionTriggered.emit(k, action))
        widget.linkActivated.connect(lambda url, k=key: self._on_link(k, url))
        self._messages[key] = widget
        return widget

    def _discard(self, widget: MessageWidget) -> None:
        self._layout.removeWidget(widget)
        widget.hide()
        widget.deleteLater()

    def _on_message_action(self, key: object, action: str) -> None:
        if action == "copy":
            widget = self._messages.get(key)
            if widget is not None:
                QGuiApplication.clipboard().setText(widget.text)
            self.copyRequested.emit(key)
        elif action == "edit":
            self.editRequested.emit(key)
        elif action == "regenerate":
            self.regenerateRequested.emit(key)
        elif action == "read_aloud":
            self.readAloudRequested.emit(key)

    def _on_link(self, key: object, url: QUrl) -> None:
        if url.scheme() == COPY_CODE_SCHEME:
            widget = self._messages.get(key)
            code = widget.code_block(int(url.path() or -1)) if widget is not None else None
            if code is not None:
                QGuiApplication.clipboard().setText(code)
        elif url.scheme().lower() in _SAFE_LINK_SCHEMES:
            QDesktopServices.openUrl(url)

    def _on_range_changed(self, _minimum: int, _maximum: int) -> None:
        self._apply_anchor()

    def _apply_anchor(self) -> None:
        if self._bottom_anchor is None:
            return
        bar = self.verticalScrollBar()
        self._adjusting = True
        try:
            bar.setValue(bar.maximum() - self._bottom_anchor)
        finally:
            self._adjusting = False

    def _on_scrolled(self, value: int) -> None:
        if self._adjusting:
            return
        # The user moved: stick again only if they came back to the bottom.
        at_bottom = value >= self.verticalScrollBar().maximum() - _STICK_SLACK_PX
        self._bottom_anchor = 0 if at_bottom else None

    def _make_renderer(self) -> MarkdownRenderer:
        return MarkdownRenderer(MarkdownTheme.from_palette(self.palette()), self.tr("Copy"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            theme = MarkdownTheme.from_palette(self.palette())
            if theme != self._renderer.theme:
                self._renderer.theme = theme
                for widget in self._messages.values():
                    widget.rerender()
        super().changeEvent(event)
