"""The conversation: a scrolling column of messages that streams fast and keeps its place.

The chat tab adds messages by key (any hashable, e.g. the stored message id), streams a reply
with `message(key).append_text(delta)` and `finish()`, and listens to the signals below.
The view sticks to the bottom while text arrives unless the user has scrolled up.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QImage, QShowEvent
from PySide6.QtWidgets import QPushButton, QScrollArea, QVBoxLayout, QWidget

from playground.ui.markdown import COPY_CODE_SCHEME, MarkdownRenderer, MarkdownTheme
from playground.ui.widgets.message_widget import MessageWidget

# (key, role, text, images, status, model): one stored message, as prepend_messages takes it.
MessageRow = tuple[object, str, str, Sequence[bytes | QImage], str, str]

_STICK_SLACK_PX = 4  # this close to the bottom counts as "at the bottom"
_SAFE_LINK_SCHEMES = frozenset({"http", "https", "mailto"})
_BUILD_SLICE_S = 0.008  # idle-time building of off-screen messages, per event-loop turn


class MessageView(QScrollArea):
    editRequested = Signal(object)
    regenerateRequested = Signal(object)
    copyRequested = Signal(object)
    readAloudRequested = Signal(object)
    tokenizeRequested = Signal(object, str)  # key, the message's text ("Open in tokenizer")
    branchRequested = Signal(object, int)  # key, -1 (previous version) or 1 (next)
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
        # While content changes size the view either sticks to the bottom or keeps the
        # message the user is reading where it is: (message, its top in the viewport).
        self._stick_to_bottom = True
        self._anchor: tuple[MessageWidget, int] | None = None
        self._renderer = self._make_renderer()
        self._dormant: set[object] = set()
        self._build_timer = QTimer(self)
        self._build_timer.setSingleShot(True)
        self._build_timer.setInterval(0)
        self._build_timer.timeout.connect(self._build_some)

        column = QWidget(self)
        column.setObjectName("messageColumn")
        self._layout = QVBoxLayout(column)
        self._layout.setContentsMargins(8, 8, 8, 8)
        self._layout.setSpacing(8)
        self._earlier = QPushButton(self.tr("Show earlier messages"), column)
        self._earlier.setObjectName("showEarlierButton")
        self._earlier.setAccessibleName(self.tr("Show earlier messages"))
        self._earlier.setFlat(True)
        # A click must not focus it: hiding a focused button moves focus, and the scroll
        # area then scrolls to the newly focused widget, losing the reader's place.
        self._earlier.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self._earlier.clicked.connect(self.earlierRequested)
        self._earlier.hide()
        self._layout.addWidget(self._earlier, 0, Qt.AlignmentFlag.AlignHCenter)
        self._layout.addStretch(1)  # short conversations sit at the top
        self.setWidget(column)
        column.installEventFilter(self)

        bar = self.verticalScrollBar()
        bar.rangeChanged.connect(self._on_range_changed)
        # Only the user's own scrolling (wheel, keys, dragging) changes what the view
        # follows; value changes from layout (clamping, our own adjustments) do not.
        bar.actionTriggered.connect(self._on_user_scroll)

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
        if not self._stick_to_bottom:
            self._set_anchor(self._reading_position())
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
            self._dormant.discard(dropped)
            self._discard(self._messages.pop(dropped))
        del self._order[index:]

    def clear(self) -> None:
        for key in self._order:
            self._discard(self._messages[key])
        self._messages.clear()
        self._order.clear()
        self._dormant.clear()
        self._earlier.hide()
        self._stick_to_bottom = True
        self._set_anchor(None)

    def scroll_to_bottom(self) -> None:
        self._stick_to_bottom = True
        self._apply_anchor()

    def is_stuck_to_bottom(self) -> bool:
        return self._stick_to_bottom

    # ---- internals ----
    def _create(
        self, key: object, role: str, text: str, images: Sequence[bytes | QImage],
        status: str, model: str,
    ) -> MessageWidget:
        if key in self._messages:
            raise KeyError(f"a message with key {key!r} is already shown")
        # Stored messages start dormant; the build pass renders those on screen first.
        dormant = bool(text) and status != "streaming"
        widget = MessageWidget(key, role, self._renderer, text=text, images=images,
                               status=status, model=model, dormant=dormant,
                               parent=self.widget())
        widget.actionRequested.connect(lambda action, k=key: self._on_message_action(k, action))
        widget.errorActionTriggered.connect(
            lambda action, k=key: self.actionTriggered.emit(k, action))
        widget.linkActivated.connect(lambda url, k=key: self._on_link(k, url))
        widget.countdownShown.connect(lambda k=key: self._reveal_error(k))
        self._messages[key] = widget
        if dormant:
            self._dormant.add(key)
            self._build_timer.start()
        return widget

    # ---- building dormant messages: the visible ones before the first paint ----
    def _build_visible(self) -> None:
        """Build dormant messages from the newest up until the viewport is covered."""
        if not self._dormant:
            return
        budget = max(self.viewport().height(), 400) + 200
        covered = 0
        for key in reversed(self._order):
            widget = self._messages[key]
            if key in self._dormant:
                self._dormant.discard(key)
                widget.build()
            covered += widget.estimated_height()
            if covered > budget:
                break
        if self._dormant:
            self._build_timer.start()

    def _build_some(self) -> None:
        """Idle time: build the rest, newest first, a few milliseconds at a time."""
        self._build_visible()
        deadline = time.perf_counter() + _BUILD_SLICE_S
        for key in reversed(self._order):
            if time.perf_counter() > deadline:
                break
            if key in self._dormant:
                self._dormant.discard(key)
                self._messages[key].build()
        if self._dormant:
            self._build_timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The column lays out before it paints: build what will be seen, then lay out.
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._build_visible()
        # The message being read moved (something above it changed size): follow it.
        elif (self._anchor is not None and watched is self._anchor[0]
              and event.type() == QEvent.Type.Move):
            self._apply_anchor()
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        self._build_visible()
        super().showEvent(event)

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
        elif action == "tokenize":
            widget = self._messages.get(key)
            if widget is not None:
                self.tokenizeRequested.emit(key, widget.text)
        elif action.startswith("branch_"):
            self.branchRequested.emit(key, int(action.removeprefix("branch_")))

    def _on_link(self, key: object, url: QUrl) -> None:
        if url.scheme() == COPY_CODE_SCHEME:
            widget = self._messages.get(key)
            code = widget.code_block(int(url.path() or -1)) if widget is not None else None
            if code is not None:
                QGuiApplication.clipboard().setText(code)
        elif url.scheme().lower() in _SAFE_LINK_SCHEMES:
            QDesktopServices.openUrl(url)

    def _reveal_error(self, key: object) -> None:
        """Bring a message's error panel (a retry countdown) into sight, once laid out."""
        widget = self._messages.get(key)
        if widget is None or widget.error_panel is None or self._stick_to_bottom:
            return  # stuck to the bottom: the panel, at the bottom, is followed anyway
        QTimer.singleShot(0, self, lambda: self._ensure_panel_visible(key))

    def _ensure_panel_visible(self, key: object) -> None:
        widget = self._messages.get(key)
        panel = widget.error_panel if widget is not None else None
        if panel is None or self._stick_to_bottom:
            return
        self.ensureWidgetVisible(panel, 0, 8)
        self._set_anchor(self._reading_position())

    def _on_range_changed(self, _minimum: int, _maximum: int) -> None:
        self._apply_anchor()

    def _apply_anchor(self) -> None:
        bar = self.verticalScrollBar()
        if self._stick_to_bottom:
            target = bar.maximum()
        elif self._anchor is not None and self._is_shown(self._anchor[0]):
            widget, top_in_viewport = self._anchor
            target = widget.y() - top_in_viewport
        else:
            return
        bar.setValue(target)

    def _set_anchor(self, anchor: tuple[MessageWidget, int] | None) -> None:
        if self._anchor is not None and self._is_shown(self._anchor[0]):
            self._anchor[0].removeEventFilter(self)
        self._anchor = anchor
        if anchor is not None:
            anchor[0].installEventFilter(self)

    def _is_shown(self, widget: MessageWidget) -> bool:
        return self._messages.get(widget.key) is widget

    def _reading_position(self) -> tuple[MessageWidget, int] | None:
        """The message at the top of the viewport and where its top is."""
        value = self.verticalScrollBar().value()
        for key in self._order:
            widget = self._messages[key]
            if widget.y() + widget.height() > value:
                return widget, widget.y() - value
        return None

    def _on_user_scroll(self, _action: int) -> None:
        """Stick again only if the user came back to the bottom, else keep their place.

        Emitted before the scrollbar moves, with sliderPosition() already the new value.
        """
        bar = self.verticalScrollBar()
        self._stick_to_bottom = bar.sliderPosition() >= bar.maximum() - _STICK_SLACK_PX
        self._set_anchor(None)
        if not self._stick_to_bottom:
            QTimer.singleShot(0, self, self._remember_reading_position)

    def _remember_reading_position(self) -> None:
        if not self._stick_to_bottom:
            self._set_anchor(self._reading_position())

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
