"""The compare view: one prompt, 2–4 panes side by side, each on its own profile, model and
settings; a summary of the fastest and the cheapest. A thin view over `CompareRun`.

`open_compare(parent, services, on_continue)` opens it as a window of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from playground.model.types import ChatRequest
from playground.services.compare_run import (
    MAX_PANES,
    MIN_PANES,
    CompareRun,
    CompareSummary,
    PaneResult,
)
from playground.services.messages import UserMessage
from playground.ui.async_slot import async_slot
from playground.ui.compare_pane import ComparePane
from playground.ui.widgets.message_pacer import FramePacer
from playground.ui.widgets.tab_message import TabMessage

if TYPE_CHECKING:
    from playground.services.container import Services

ContinueCallback = Callable[[str, ChatRequest, str], object]
# Characters one pane puts on screen per update: rendering and laying out a few thousand
# characters of markdown at once (a pane's share piles up while the others take their turn)
# took up to 45 ms; what is left waits for the pane's next turn.
FLUSH_CHARS = 2_400


class CompareView(QWidget):
    def __init__(self, services: Services, on_continue: ContinueCallback | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareView")
        self.setAccessibleName(self.tr("Compare models"))
        self.setWindowTitle(self.tr("Compare models"))
        self.services = services
        self.run = CompareRun(services, on_continue=on_continue)
        self.panes: list[ComparePane] = []
        self._syncing = False
        # One pacer for every pane: their text reaches the screen in one update per frame.
        self._pacer = FramePacer(self)
        self._next_flush = 0  # the pane whose text goes on screen next
        self._pacer.due.connect(self._flush_panes)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.system = QLineEdit(self)
        self.system.setObjectName("compareSystem")
        self.system.setAccessibleName(self.tr("System message"))
        self.system.setPlaceholderText(self.tr("System message (optional)"))
        layout.addWidget(self.system)
        row = QHBoxLayout()
        self.input = QPlainTextEdit(self)
        self.input.setObjectName("compareInput")
        self.input.setAccessibleName(self.tr("Prompt to compare"))
        self.input.setPlaceholderText(self.tr("One prompt, sent to every pane at once "
                                              "(Ctrl+Enter)"))
        self.input.setMaximumHeight(90)
        row.addWidget(self.input, 1)
        buttons = QVBoxLayout()
        self.send_button = self._button("compareSendButton", self.tr("Send to all"),
                                        self.tr("Send the prompt to every pane"))
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self.send)
        self.stop_button = self._button("compareStopButton", self.tr("Stop"),
                                        self.tr("Stop every pane"))
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.run.stop)
        for button in (self.send_button, self.stop_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        row.addLayout(buttons)
        layout.addLayout(row)

        tools = QHBoxLayout()
        self.add_button = self._button("compareAddPaneButton", self.tr("Add pane"),
                                       self.tr("Add a pane (at most four)"))
        self.add_button.clicked.connect(self._add_pane)
        tools.addWidget(self.add_button)
        self.sync_scroll = QCheckBox(self.tr("Scroll together"), self)
        self.sync_scroll.setObjectName("compareSyncScroll")
        self.sync_scroll.setAccessibleName(self.tr("Scroll every pane together"))
        tools.addWidget(self.sync_scroll)
        tools.addStretch(1)
        self.summary = QLabel(self)
        self.summary.setObjectName("compareSummary")
        self.summary.setAccessibleName(self.tr("Summary"))
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        tools.addWidget(self.summary)
        layout.addLayout(tools)
        self.message = TabMessage("compareMessage", self.tr("Compare message"), self)
        layout.addWidget(self.message)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("comparePanes")
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter, 1)

        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self, self.send)
        QShortcut(QKeySequence("Esc"), self, self.run.stop)

        self.run.pane_text.connect(self._on_text)
        self.run.pane_changed.connect(self._on_pane)
        self.run.summary_changed.connect(self._on_summary)
        self.run.busy_changed.connect(self._on_busy)
        self.run.message.connect(self.message.show_message)
        self.run.panes_changed.connect(self._rebuild)
        self._rebuild()

    def _button(self, name: str, text: str, accessible: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        button.setToolTip(accessible)
        return button

    # ---- panes ----
    def _rebuild(self) -> None:
        """One pane widget per pane of the run, in order (after an add or a remove)."""
        while len(self.panes) > len(self.run.results):
            pane = self.panes.pop()
            pane.hide()
            pane.deleteLater()
        while len(self.panes) < len(self.run.results):
            self.panes.append(self._new_pane())
        names = self.services.profiles.names()
        active = self.services.api.profile().name
        if active not in names:
            names.insert(0, active)
        for index, (pane, result) in enumerate(zip(self.panes, self.run.results, strict=True)):
            pane.set_index(index)
            pane.set_profiles(names, result.setup.profile)
            pane.set_models(self._cached_models(result.setup.profile), result.setup.request.model)
            pane.load(result.setup)
            pane.set_removable(len(self.panes) > MIN_PANES)
        self.add_button.setEnabled(len(self.panes) < MAX_PANES)
        self.splitter.setSizes([1000] * len(self.panes))

    def _new_pane(self) -> ComparePane:
        pane = ComparePane(self._pacer, self.splitter)
        self.splitter.addWidget(pane)
        pane.removeRequested.connect(lambda p=pane: self._remove_pane(p))
        pane.continueRequested.connect(lambda p=pane: self.run.continue_with(self.panes.index(p)))
        pane.profileChanged.connect(lambda name, p=pane: p.set_models(self._cached_models(name)))
        bar = pane.text.verticalScrollBar()
        bar.valueChanged.connect(lambda _v, p=pane: self._sync_from(p))
        return pane

    def _store_setups(self) -> None:
        for index, pane in enumerate(self.panes[:len(self.run.results)]):
            self.run.set_pane(index, pane.setup())

    def _add_pane(self) -> None:
        self._store_setups()
        self.run.add_pane()

    def _remove_pane(self, pane: ComparePane) -> None:
        if self.run.is_running() or len(self.panes) <= MIN_PANES:
            return
        self._store_setups()
        # This pane's widget goes; the others keep their text and move up a place.
        index = self.panes.index(pane)
        self.panes.pop(index)
        pane.hide()
        pane.deleteLater()
        self.run.remove_pane(index)

    def _cached_models(self, profile: str) -> list[str] | None:
        """The profile's models as the chat last listed them (None: the catalog's own)."""
        value = self.services.settings.state().value(f"models_cache/{profile or 'default'}", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value] if isinstance(value, list | tuple) and value else None

    def _sync_from(self, source: ComparePane) -> None:
        if not self.sync_scroll.isChecked() or self._syncing:
            return
        self._syncing = True
        try:
            fraction, follow = source.text.fraction(), source.text.is_following()
            for pane in self.panes:
                if pane is not source:
                    pane.text.scroll_to(fraction, follow)
        finally:
            self._syncing = False

    # ---- running ----
    @async_slot()
    async def send(self) -> None:
        if self.run.is_running():
            return
        self._store_setups()
        self.message.clear()
        for pane in self.panes:
            pane.begin()
        await self.run.run(self.input.toPlainText(), self.system.text())

    def _flush_panes(self) -> None:
        """One pane per update, in turn: four panes laid out and painted in one update took
        up to 35 ms (software rendering), a stall; one at a time, the pacer shortens its
        interval to their smaller cost and each pane still updates several times a second."""
        waiting = [pane for pane in self.panes if pane.text.has_pending]
        if not waiting:
            return
        count = len(self.panes)
        start = (self._next_flush % count) if count else 0
        pane = min(waiting, key=lambda p: (self.panes.index(p) - start) % count)
        self._next_flush = self.panes.index(pane) + 1
        pane.text.flush(FLUSH_CHARS)
        if len(waiting) > 1:
            self._pacer.request()

    def _on_text(self, index: int, delta: str) -> None:
        self.panes[index].text.append(delta)

    def _on_pane(self, index: int, result: PaneResult) -> None:
        self.panes[index].show_result(result)

    def _on_busy(self, busy: bool) -> None:
        self.send_button.setEnabled(not busy)
        self.stop_button.setEnabled(busy)
        self.add_button.setEnabled(not busy and len(self.panes) < MAX_PANES)
        for pane in self.panes:
            pane.set_running(busy)
            pane.set_removable(not busy and len(self.panes) > MIN_PANES)
        if not busy:
            for pane, result in zip(self.panes, self.run.results, strict=True):
                pane.show_result(result)

    def _on_summary(self, summary: CompareSummary) -> None:
        from playground.model.money import format_cost

        def name(index: int | None, value: Callable[[PaneResult], str]) -> str:
            if index is None:
                return "—"
            result = self.run.results[index]
            model = (result.request or result.setup.request).model
            return self.tr("%1 (pane %2, %3)").replace("%1", model).replace(
                "%2", str(index + 1)).replace("%3", value(result))

        def seconds(value: float | None) -> str:
            return self.tr("%1 s").replace("%1", f"{value or 0:.2f}")

        if summary == CompareSummary():
            self.summary.clear()
            return
        self.summary.setText(" · ".join((
            self.tr("Fastest: %1").replace("%1", name(
                summary.fastest, lambda r: seconds(r.metrics.total_s))),
            self.tr("First token: %1").replace("%1", name(
                summary.first_token, lambda r: seconds(r.metrics.first_token_s))),
            self.tr("Cheapest: %1").replace("%1", name(
                summary.cheapest, lambda r: self.tr("free") if r.free and not r.cost
                else format_cost(r.cost or Decimal(0)))))))

    def show_message(self, message: UserMessage) -> None:
        self.message.show_message(message)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.run.stop()  # a closed window streams no more
        super().closeEvent(event)


def open_compare(parent: QWidget | None, services: Services,
                 on_continue: ContinueCallback | None = None) -> QWidget:
    """The compare view in a window of its own (closing it deletes it; a run stops)."""
    view = CompareView(services, on_continue, parent)
    view.setWindowFlag(Qt.WindowType.Window, True)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    view.resize(1400, 860)
    view.show()
    return view
