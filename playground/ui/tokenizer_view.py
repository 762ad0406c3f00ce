"""The Tokenizer window, like the platform's tokenizer page: paste text and see it split into
coloured tokens with counts of tokens and characters, or paste token ids and see their text.

Everything slow runs off the UI thread: the vocabulary loads once per encoding (about half a
second) and each tokenization runs on a worker thread after a short debounce; only the first
RENDER_LIMIT tokens are drawn (the counts are always of the whole text). One run at a time:
edits made meanwhile start one more run when it ends, and a stale result is never shown.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from playground.ui.async_slot import async_slot
from playground.ui.widgets.message_error import MessageErrorPanel
from playground.ui.widgets.token_view import TokenView
from playground.usage.token_split import (
    RENDER_LIMIT,
    TokenIdError,
    TokenSplit,
    parse_ids,
    split_ids,
    split_text,
)

if TYPE_CHECKING:  # tiktoken loads with the first vocabulary, not with the app
    import tiktoken

# The shipped vocabularies, newest first (usage.encodings.SHIPPED_ENCODINGS, without
# importing tiktoken before the window is used; a test checks they stay the same).
ENCODINGS = ("o200k_base", "cl100k_base")

DEBOUNCE_MS = 150
MODES = ("text", "ids")


def _split_typed_ids(encoding: tiktoken.Encoding, typed: str, limit: int) -> TokenSplit:
    return split_ids(encoding, parse_ids(typed), limit)


class TokenizerView(QWidget):
    """A top-level window (objectName `tokenizerView`); open it with `open_tokenizer()`."""

    splitShown = Signal()  # a result is on screen, counts and tokens (tests, the benchmark)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("tokenizerView")
        self.setAccessibleName(self.tr("Tokenizer"))
        self.setWindowTitle(self.tr("Tokenizer"))
        self.render_limit = RENDER_LIMIT
        self._encodings: dict[str, tiktoken.Encoding] = {}
        self._typed = dict.fromkeys(MODES, "")  # each mode keeps its own input
        self._mode = "text"
        self._queued = False  # a run is asked for but its task has not started yet
        self._running = False
        self._again = False  # something changed while a run was under way
        self.last_split: TokenSplit | None = None
        self._build()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._request)
        self.input.textChanged.connect(self._debounce.start)
        self.encoding_picker.currentIndexChanged.connect(self.refresh)
        self.mode_picker.currentIndexChanged.connect(self._switch_mode)
        self.show_ids.toggled.connect(self._rerender)
        self.resize(1024, 640)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        controls = QHBoxLayout()
        encoding_label = QLabel(self.tr("Encoding"), self)
        self.encoding_picker = QComboBox(self)
        self.encoding_picker.setObjectName("tokenizerEncoding")
        self.encoding_picker.setAccessibleName(self.tr("Encoding"))
        described = {"o200k_base": self.tr("o200k_base (GPT-4o and newer)"),
                     "cl100k_base": self.tr("cl100k_base (GPT-4, GPT-3.5)")}
        for name in ENCODINGS:
            self.encoding_picker.addItem(described.get(name, name), name)
        encoding_label.setBuddy(self.encoding_picker)
        self.mode_picker = QComboBox(self)
        self.mode_picker.setObjectName("tokenizerMode")
        self.mode_picker.setAccessibleName(self.tr("What the input holds"))
        self.mode_picker.addItem(self.tr("Text → tokens"), "text")
        self.mode_picker.addItem(self.tr("Token ids → text"), "ids")
        self.show_ids = QCheckBox(self.tr("Show token ids"), self)
        self.show_ids.setObjectName("tokenizerShowIds")
        self.show_ids.setAccessibleName(self.tr("Show token ids instead of text"))
        for widget in (encoding_label, self.encoding_picker, self.mode_picker, self.show_ids):
            controls.addWidget(widget)
        controls.addStretch(1)
        layout.addLayout(controls)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.input = QPlainTextEdit(splitter)
        self.input.setObjectName("tokenizerInput")
        self.input.setAccessibleName(self.tr("Text to tokenize"))
        self.input.setPlaceholderText(self.tr("Paste or type text to see its tokens"))
        lower = QWidget(splitter)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        self.count = QLabel(lower)
        self.count.setObjectName("tokenizerCount")
        self.count.setAccessibleName(self.tr("Token and character counts"))
        self.count.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.count.font()
        font.setBold(True)
        self.count.setFont(font)
        self.error = MessageErrorPanel(lower)
        self.error.setObjectName("tokenizerError")
        self.error.hide()
        self.tokens = TokenView(lower)
        self.note = QLabel(lower)
        self.note.setObjectName("tokenizerNote")
        self.note.hide()
        for part in (self.count, self.error, self.tokens, self.note):
            lower_layout.addWidget(part)
        lower_layout.setStretchFactor(self.tokens, 1)
        splitter.addWidget(self.input)
        splitter.addWidget(lower)
        splitter.setSizes([200, 400])
        layout.addWidget(splitter, 1)
        self._show_counts(None)

    # ---- public ----
    @property
    def encoding_name(self) -> str:
        return str(self.encoding_picker.currentData())

    def set_encoding(self, name: str) -> None:
        index = self.encoding_picker.findData(name)
        if index < 0:
            raise ValueError(f"no shipped vocabulary for encoding {name!r}; "
                             f"choose one of {', '.join(ENCODINGS)}")
        self.encoding_picker.setCurrentIndex(index)

    @property
    def mode(self) -> str:
        return self._mode

    def set_mode(self, mode: str) -> None:
        self.mode_picker.setCurrentIndex(MODES.index(mode))

    def set_text(self, text: str) -> None:
        """Fill the input (in the current mode) and tokenize it without the debounce."""
        self.input.setPlainText(text)
        self.refresh()

    @property
    def busy(self) -> bool:
        return self._queued or self._running or self._debounce.isActive()

    # ---- runs ----
    def _switch_mode(self, index: int) -> None:
        self._typed[self._mode] = self.input.toPlainText()
        self._mode = MODES[index]
        self.input.setPlaceholderText(
            self.tr("Paste or type text to see its tokens") if self._mode == "text"
            else self.tr("Paste token ids, e.g. [13225, 2375] or 13225 2375"))
        self.input.setPlainText(self._typed[self._mode])
        self.refresh()

    def refresh(self) -> None:
        """Tokenize the input now (no debounce)."""
        self._debounce.stop()
        self._request()

    def _request(self) -> None:
        self._queued = True
        if self.encoding_name not in self._encodings:
            self._show_loading()  # at once: the load takes a moment
        self._update()

    def _show_loading(self) -> None:
        self.count.setText(self.tr("Loading %1…").replace("%1", self.encoding_name))

    @async_slot()
    async def _update(self) -> None:
        self._queued = False
        if self._running:
            self._again = True
            return
        self._running = True
        try:
            self._again = True
            while self._again:
                self._again = False
                await self._run_once()
        finally:
            self._running = False

    async def _run_once(self) -> None:
        name, mode, typed = self.encoding_name, self._mode, self.input.toPlainText()
        encoding = self._encodings.get(name)
        if encoding is None:
            self._show_loading()
            from playground.usage.encodings import VocabularyError, get_encoding

            try:
                encoding = await asyncio.to_thread(get_encoding, name)
            except VocabularyError as exc:
                self._show_problem(self.tr("The %1 vocabulary could not be loaded.")
                                   .replace("%1", name), str(exc))
                return
            self._encodings[name] = encoding
        work = split_text if mode == "text" else _split_typed_ids
        try:
            split = await asyncio.to_thread(work, encoding, typed, self.render_limit)
        except TokenIdError as exc:
            if not self._again:
                self._show_problem(self._id_problem(exc), "")
            return
        if self._again or not shiboken6.isValid(self):
            return  # the input changed meanwhile: the next run shows it
        self.last_split = split
        self.error.hide()
        self._show_counts(split)
        if await self.tokens.show_split(split, self.show_ids.isChecked()):
            self.splitShown.emit()

    def _id_problem(self, exc: TokenIdError) -> str:
        if exc.kind == "not_a_number":
            return (self.tr("“%1” is not a token id: ids are whole numbers, such as 9906.")
                    .replace("%1", exc.item[:40]))
        return (self.tr("%1 is not a token id in %2: its ids run from 0 to %3.")
                .replace("%1", exc.item).replace("%2", self.encoding_name)
                .replace("%3", str(exc.max_id)))

    def _show_problem(self, title: str, detail: str) -> None:
        self.last_split = None
        self._show_counts(None)
        self.error.show_error(title, detail, None, ())
        self.tokens.clear_split()
        self.splitShown.emit()

    @async_slot()
    async def _rerender(self) -> None:
        if self.last_split is not None:
            await self.tokens.show_split(self.last_split, self.show_ids.isChecked())

    def _show_counts(self, split: TokenSplit | None) -> None:
        tokens = "–" if split is None else f"{split.token_count:,}"
        chars = "–" if split is None else f"{split.char_count:,}"
        self.count.setText(self.tr("Tokens: %1    Characters: %2")
                           .replace("%1", tokens).replace("%2", chars))
        truncated = split is not None and split.truncated
        if truncated:
            assert split is not None
            self.note.setText(self.tr("Showing the first %1 of %2 tokens.")
                              .replace("%1", f"{split.shown_tokens:,}")
                              .replace("%2", f"{split.token_count:,}"))
        self.note.setVisible(truncated)


_window: TokenizerView | None = None  # the one window when opened without a parent


def open_tokenizer(parent: QWidget | None, text: str = "",
                   encoding: str | None = None) -> TokenizerView:
    """Show (or raise) the tokenizer window of `parent`'s top-level window (one each; one
    in all for None); `text`, if any, replaces its input in the text mode; `encoding` (a
    shipped one: "o200k_base", "cl100k_base") is selected if given, else ValueError.
    Closing the window hides it: opened again, it shows what it showed."""
    global _window
    anchor = parent.window() if parent is not None else None
    if anchor is not None:
        window = anchor.findChild(TokenizerView, "tokenizerView")
    else:
        window = _window if _window is not None and shiboken6.isValid(_window) else None
    if window is None:
        window = TokenizerView(anchor)
        if anchor is None:
            _window = window
    if encoding:
        window.set_encoding(encoding)
    if text:
        window.set_mode("text")
        window.set_text(text)
    elif window.last_split is None and not window.busy:
        window.refresh()  # the empty input: counts of zero, and the vocabulary loads
    window.show()
    window.raise_()
    window.activateWindow()
    return window
