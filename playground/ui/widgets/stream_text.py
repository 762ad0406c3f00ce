"""`StreamText`: one streamed reply in a scrolling view, rendered as markdown as it grows.

Deltas are buffered and put on screen at most once per frame (`FramePacer`); the markdown
is grown block by block (`StreamingDocument`), never re-rendered whole. The view follows
the end of the text unless the reader scrolled up. Used by the compare panes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from playground.ui.markdown import MarkdownRenderer, MarkdownTheme
from playground.ui.widgets.message_browser import MessageBrowser
from playground.ui.widgets.message_document import StreamingDocument
from playground.ui.widgets.message_pacer import FramePacer

_STICK_SLACK_PX = 4  # this close to the bottom counts as "at the bottom"


class StreamText(QScrollArea):
    """`pacer`: one shared by several views (the compare panes), whose owner calls `flush`
    on all of them when it is due — one layout and paint for all, and one budget: four
    panes pacing themselves would each take their share of the event loop."""

    def __init__(self, parent: QWidget | None = None, pacer: FramePacer | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        column = QWidget(self)
        column.setObjectName("streamTextColumn")
        self._column = QVBoxLayout(column)
        self._column.setContentsMargins(6, 4, 6, 4)
        self._column.setSpacing(0)
        self._column.addStretch(1)
        self.setWidget(column)
        self._renderer = MarkdownRenderer(MarkdownTheme.from_palette(self.palette()),
                                          self.tr("Copy"))
        self._browsers: list[MessageBrowser] = []
        self._pending: list[str] = []
        self._owns_pacer = pacer is None
        self._pacer = FramePacer(self) if pacer is None else pacer
        if self._owns_pacer:
            self._pacer.due.connect(self.flush)
        self._stick = True
        self._finished = False
        self._document = StreamingDocument(self._renderer, self._add_segment, self._drop)
        bar = self.verticalScrollBar()
        bar.rangeChanged.connect(self._follow)
        bar.actionTriggered.connect(self._user_scrolled)

    # ---- content ----
    @property
    def text(self) -> str:
        """Every character received (pending ones included)."""
        self.flush()
        return self._document.source

    def plain_text(self) -> str:
        self.flush()
        return self._document.plain_text()

    @property
    def has_pending(self) -> bool:
        """Text received but not yet on screen."""
        return bool(self._pending)

    def clear(self) -> None:
        if self._owns_pacer:
            self._pacer.cancel()
        self._pending.clear()
        self._document.set_text("")
        self._stick = True
        self._finished = False

    def append(self, delta: str) -> None:
        """Cheap: buffers; the screen catches up once per frame."""
        if delta:
            self._finished = False
            self._pending.append(delta)
            self._pacer.request()

    def finish(self) -> None:
        """The reply ended: render its unfinished last block — once the text still pending
        is on screen (a shared pacer's owner may be putting it there in portions)."""
        if self._finished:
            return
        self._finished = True
        if not self._pending:
            self._render_tail()
        elif self._owns_pacer:
            self.flush()  # renders the tail once the text is in
        else:
            self._pacer.request()

    def _render_tail(self) -> None:
        self._document.finish()
        for browser in self._browsers[-1:]:
            browser.fit_to_document()

    def flush(self, limit: int | None = None) -> None:
        """Put the pending text on screen; `limit`: at most that many characters now (the
        rest stays pending for the next update), so one update's markdown rendering and
        layout stay short however much text a slow turn let pile up."""
        if self._owns_pacer:  # a shared pacer stays due for the other views' text
            self._pacer.cancel()
        if not self._pending:
            return
        self._pacer.update_started()
        text = "".join(self._pending)
        self._pending.clear()
        if limit is not None and len(text) > limit:
            text, rest = text[:limit], text[limit:]
            self._pending.append(rest)
            self._pacer.request()
        self._document.append(text)
        for browser in self._browsers[-2:]:  # only the last segments change
            browser.fit_to_document()
        if self._finished and not self._pending:
            self._render_tail()

    # ---- segments ----
    def _add_segment(self) -> QTextDocument:
        browser = MessageBrowser(self.widget())
        browser.setObjectName("streamTextSegment")
        browser.setAccessibleName(self.accessibleName() or self.tr("Reply"))
        self._column.insertWidget(self._column.count() - 1, browser)
        self._browsers.append(browser)
        return browser.document()

    def _drop(self, keep_first: bool) -> None:
        kept = self._browsers[:1] if keep_first else []
        for browser in self._browsers[len(kept):]:
            self._column.removeWidget(browser)
            browser.deleteLater()
        self._browsers = kept

    # ---- scrolling ----
    def fraction(self) -> float:
        """How far down the reader is, 0 (top) to 1 (bottom)."""
        bar = self.verticalScrollBar()
        return bar.value() / bar.maximum() if bar.maximum() else 1.0

    def is_following(self) -> bool:
        return self._stick

    def scroll_to(self, fraction: float, follow: bool) -> None:
        """Sync-scrolling: show the same share of the text as another pane does."""
        self._stick = follow
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum() if follow else round(fraction * bar.maximum()))

    def _follow(self, _minimum: int, maximum: int) -> None:
        if self._stick:
            self.verticalScrollBar().setValue(maximum)

    def _user_scrolled(self, _action: int) -> None:
        bar = self.verticalScrollBar()
        self._stick = bar.sliderPosition() >= bar.maximum() - _STICK_SLACK_PX
