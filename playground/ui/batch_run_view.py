"""Batch runs: one prompt (or two, compared) over the rows of a CSV or JSONL file.

A thin view over `services/batch_run.BatchRun`: pick the rows, edit the template(s), choose
checks and concurrency, Run/Stop; results fill a table as they arrive (batched by the
model's timer), a summary counts done, pass rate and cost; stored runs reopen and resume.
The lead opens it with `open_batch_runs(parent, services)` from `batchRunAction`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from playground.model.batch import BatchTemplate
from playground.model.money import format_cost
from playground.services.batch_run import (
    DEFAULT_CONCURRENCY,
    MAX_CONCURRENCY,
    BatchProblem,
    BatchRun,
    Progress,
    RunEnd,
)
from playground.services.messages import UserMessage
from playground.storage.batch_rows import Rows, RowsError, read_rows
from playground.ui.async_slot import async_slot
from playground.ui.batch_checks_panel import ChecksPanel, ask_path
from playground.ui.batch_table_model import OUTPUT_ROLE, BatchTableModel
from playground.ui.batch_template_editor import TemplateEditor
from playground.ui.failures import describe
from playground.ui.widgets.message_error import MessageErrorPanel

if TYPE_CHECKING:
    from playground.model.batch import RowResult
    from playground.services.container import Services
    from playground.storage.batch_store import AsyncBatchStore


class BatchRunView(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("batchRunView")
        self.setAccessibleName(self.tr("Batch runs"))
        self.setWindowTitle(self.tr("Batch runs"))
        self.services = services
        self.rows: Rows | None = None
        self.source = ""
        self.run: BatchRun | None = None
        self._store: AsyncBatchStore | None = None
        self._opening: asyncio.Future[AsyncBatchStore] | None = None
        self._build()

    # ---- layout --------------------------------------------------------------------------
    def _button(self, text: str, name: str, accessible: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        return button

    def _build(self) -> None:
        top = QHBoxLayout()
        self.file_button = self._button(self.tr("Choose rows…"), "batchFileButton",
                                        self.tr("Choose a CSV or JSONL file of rows"))
        self.file_button.clicked.connect(self._ask_file)
        self.file_label = QLabel(self.tr("No rows yet: choose a CSV (header row = variable "
                                         "names) or JSONL file."))
        self.file_label.setObjectName("batchFileLabel")
        self.file_label.setWordWrap(True)
        self.concurrency = QSpinBox()
        self.concurrency.setObjectName("batchConcurrency")
        self.concurrency.setAccessibleName(self.tr("Requests at once"))
        self.concurrency.setRange(1, MAX_CONCURRENCY)
        self.concurrency.setValue(DEFAULT_CONCURRENCY)
        self.compare = QCheckBox(self.tr("Compare with a second prompt"))
        self.compare.setObjectName("batchCompareToggle")
        self.compare.setAccessibleName(self.tr("Compare with a second prompt"))
        self.runs_picker = QComboBox()
        self.runs_picker.setObjectName("batchRunsPicker")
        self.runs_picker.setAccessibleName(self.tr("Earlier runs"))
        self.runs_picker.setMinimumContentsLength(12)
        self.open_button = self._button(self.tr("Open"), "batchOpenButton",
                                        self.tr("Open the chosen earlier run"))
        self.open_button.clicked.connect(self._open_chosen)
        top.addWidget(self.file_button)
        top.addWidget(self.file_label, 1)
        top.addWidget(QLabel(self.tr("At once")))
        top.addWidget(self.concurrency)
        top.addWidget(self.compare)
        top.addWidget(self.runs_picker)
        top.addWidget(self.open_button)

        self.editor_a = TemplateEditor("batchTemplateA", "A")
        self.editor_b = TemplateEditor("batchTemplateB", "B")
        self.editor_b.hide()
        self.compare.toggled.connect(self.editor_b.setVisible)
        self.checks = ChecksPanel()
        settings = QHBoxLayout()
        for title, widget in ((self.tr("Prompt"), self.editor_a),
                              (self.tr("Second prompt"), self.editor_b),
                              (self.tr("Checks"), self.checks)):
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(widget)
            box.setVisible(widget is not self.editor_b)
            if widget is self.editor_b:
                self.compare.toggled.connect(box.setVisible)
            settings.addWidget(box, 1)

        actions = QHBoxLayout()
        self.run_button = self._button(self.tr("Run"), "batchRunButton", self.tr("Run the batch"))
        self.run_button.clicked.connect(self.start)
        self.stop_button = self._button(self.tr("Stop"), "batchStopButton",
                                        self.tr("Stop the batch (finished rows are kept)"))
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.setEnabled(False)
        self.resume_button = self._button(self.tr("Resume"), "batchResumeButton",
                                          self.tr("Run the rows still missing"))
        self.resume_button.clicked.connect(self.resume)
        self.resume_button.setEnabled(False)
        self.export_button = self._button(self.tr("Export CSV…"), "batchExportButton",
                                          self.tr("Export the results to CSV"))
        self.export_button.clicked.connect(self._ask_export)
        self.export_button.setEnabled(False)
        self.summary = QLabel()
        self.summary.setObjectName("batchSummary")
        self.summary.setAccessibleName(self.tr("Batch summary"))
        for button in (self.run_button, self.stop_button, self.resume_button,
                       self.export_button):
            actions.addWidget(button)
        actions.addWidget(self.summary, 1)

        self.errors = MessageErrorPanel()
        self.errors.hide()
        self.model = BatchTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("batchResults")
        self.table.setAccessibleName(self.tr("Batch results"))
        self.table.setModel(self.model)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setDefaultSectionSize(110)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.model.modelReset.connect(self._size_columns)

        upper = QWidget()
        column = QVBoxLayout(upper)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addLayout(settings)
        column.addLayout(actions)
        column.addWidget(self.errors)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(1, 1)
        QVBoxLayout(self).addWidget(splitter)

    # ---- rows ----------------------------------------------------------------------------
    def _ask_file(self) -> None:
        ask_path(self, self.tr("Choose rows"), "batchFileDialog", self.load_rows,
                 [self.tr("Rows (*.csv *.jsonl *.ndjson)"), self.tr("All files (*)")])

    @async_slot(str)
    async def load_rows(self, path: str) -> bool:
        try:
            rows = await asyncio.to_thread(read_rows, path)
        except RowsError as exc:
            self.show_message(UserMessage.error(str(exc)))
            return False
        self.rows, self.source = rows, path
        self.file_label.setText(self.tr("%1: %2 rows, columns %3").replace(
            "%1", Path(path).name).replace("%2", f"{len(rows):,}")
            .replace("%3", ", ".join(rows.columns)))
        self.checks.set_columns(rows.columns)
        self.model.set_run(rows, self.templates(), {})
        self.errors.hide()
        return True

    def _size_columns(self) -> None:
        """Outputs get room to be read; the rest fits its figures."""
        for column in range(self.model.columnCount()):
            if self.model.headerData(column, Qt.Orientation.Horizontal, OUTPUT_ROLE):
                self.table.setColumnWidth(column, 280)

    def templates(self) -> list[BatchTemplate]:
        editors = [self.editor_a, self.editor_b] if self.compare.isChecked() else [self.editor_a]
        return [e.template() for e in editors]

    # ---- running -------------------------------------------------------------------------
    async def store(self) -> AsyncBatchStore:
        if self._store is None:
            from playground.storage.batch_store import AsyncBatchStore

            if self._opening is None:  # two callers at once share one opening
                # The app's one database, beside the history (in memory when that is).
                self._opening = asyncio.ensure_future(
                    AsyncBatchStore.open(self.services.history.history.path))
            store = await self._opening
            self._opening = None
            self._store = store
        return self._store

    def _new_run(self, store: AsyncBatchStore) -> BatchRun:
        run = BatchRun(self.services, store)
        run.row_done.connect(self._row_done)
        run.progress.connect(self._show_progress)
        run.message.connect(self.show_message)
        run.waiting.connect(self._waiting)
        return run

    @async_slot()
    async def start(self) -> RunEnd | None:
        if self.rows is None:
            self.show_message(UserMessage.error(self.tr("Choose a file of rows first.")))
            return None
        if self.run is not None and self.run.is_running():
            return None
        self.errors.hide()
        run = self.run = self._new_run(await self.store())
        templates = self.templates()
        self.model.set_run(self.rows, templates, {})
        try:
            return await self._running(run.start(
                self.rows, templates, self.checks.checks(), concurrency=self.concurrency.value(),
                source=self.source))
        except BatchProblem as exc:
            self.show_message(UserMessage.error(str(exc)))
            return None

    @async_slot()
    async def resume(self) -> RunEnd | None:
        if self.run is None or self.run.run_id is None or self.run.is_running():
            return None
        self.errors.hide()
        run_id = self.run.run_id
        self.run = self._new_run(await self.store())
        try:
            return await self._running(self.run.resume(run_id, self.concurrency.value()))
        except BatchProblem as exc:
            self.show_message(UserMessage.error(str(exc)))
            return None

    async def _running(self, work: Awaitable[RunEnd]) -> RunEnd:
        self._set_busy(True)
        self._show_progress(Progress(0, 0, 0, 0, "0"))
        try:
            end = await work
        finally:
            self._set_busy(False)
            self.model.flush()
        await self.refresh_runs()
        return end

    def stop(self) -> None:
        if self.run is not None:
            self.run.stop()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.run_button, self.file_button, self.open_button, self.compare,
                       self.concurrency):
            widget.setEnabled(not busy)
        self.stop_button.setEnabled(busy)
        self.export_button.setEnabled(not busy and self.run is not None)
        self.resume_button.setEnabled(not busy and self.run is not None
                                      and bool(self.run.pending()))

    def _row_done(self, result: RowResult) -> None:
        self.model.add_result(result)
        if self.run is not None and len(self.run.results) % 25 == 0:
            self._show_progress(self.run.summary())

    def _show_progress(self, progress: Progress) -> None:
        if self.run is not None:
            progress = self.run.summary()  # counts rows finished before a resume too
        from decimal import Decimal

        text = self.tr("%1 / %2 done").replace("%1", f"{progress.done:,}")\
            .replace("%2", f"{progress.total:,}")
        if progress.checked:
            rate = 100 * progress.passed / progress.checked
            text += " · " + self.tr("pass rate %1% (%2 of %3)").replace("%1", f"{rate:.0f}")\
                .replace("%2", f"{progress.passed:,}").replace("%3", f"{progress.checked:,}")
        text += " · " + self.tr("cost %1").replace("%1", format_cost(Decimal(progress.cost)))
        self.summary.setText(text)

    def _waiting(self, seconds: float) -> None:
        self.errors.show_countdown(self.tr("Rate limited: every request waits %1 s.")
                                   .replace("%1", f"{seconds:.1f}"))

    def show_message(self, message: UserMessage) -> None:
        if message.failure is not None:
            view = describe(message.failure)
            self.errors.show_error(view.title, view.detail, view.request_id, [],
                                   raw=view.raw, severity=view.severity)
            return
        self.errors.show_error(message.text, "", None, [], raw=message.detail)

    # ---- stored runs ---------------------------------------------------------------------
    @async_slot()
    async def list_runs(self) -> None:
        await self.refresh_runs()

    async def refresh_runs(self) -> None:
        store = await self.store()
        runs = await store.runs()
        self.runs_picker.clear()
        for summary in runs:
            self.runs_picker.addItem(self.tr("#%1 %2 (%3/%4)").replace("%1", str(summary.id))
                                     .replace("%2", summary.title)
                                     .replace("%3", str(summary.finished))
                                     .replace("%4", str(summary.total)), summary.id)

    def _open_chosen(self) -> None:
        if self.runs_picker.currentData() is not None:
            self.open_run(int(self.runs_picker.currentData()))

    @async_slot(int)
    async def open_run(self, run_id: int) -> bool:
        """Show a stored run's rows, templates, checks and results; Resume continues it."""
        if self.run is not None and self.run.is_running():
            return False
        run = self._new_run(await self.store())
        if not await run.load(run_id):
            self.show_message(UserMessage.error(self.tr("That run no longer exists.")))
            return False
        self.run, self.rows, self.source = run, run.rows, ""
        self.editor_a.set_template(run.templates[0])
        self.compare.setChecked(len(run.templates) > 1)
        if len(run.templates) > 1:
            self.editor_b.set_template(run.templates[1])
        self.checks.set_columns(run.rows.columns)
        self.checks.set_checks(run.checks)
        self.file_label.setText(self.tr("Run #%1: %2 rows").replace("%1", str(run_id))
                                .replace("%2", f"{len(run.rows):,}"))
        self.model.set_run(run.rows, run.templates, run.results)
        self._show_progress(run.summary())
        self._set_busy(False)
        return True

    # ---- export --------------------------------------------------------------------------
    def _ask_export(self) -> None:
        ask_path(self, self.tr("Export results"), "batchExportDialog", self.export_to,
                 [self.tr("CSV (*.csv)")], save_as="batch-results.csv")

    @async_slot(str)
    async def export_to(self, path: str) -> None:
        if self.run is None:
            return
        from playground.storage.batch_export import export_results

        run = self.run
        try:
            count = await asyncio.to_thread(export_results, path, run.rows, run.templates,
                                            dict(run.results))
        except OSError as exc:
            self.show_message(UserMessage.error(
                self.tr("Could not write %1: %2").replace("%1", path)
                .replace("%2", exc.strerror or str(exc)), str(exc)))
            return
        self.summary.setText(self.tr("Exported %1 rows to %2").replace("%1", f"{count:,}")
                             .replace("%2", path))

    async def aclose(self) -> None:
        """Stop a run and close the store (the app's shutdown, tests)."""
        self.stop()
        if self._store is not None:
            store, self._store = self._store, None
            await store.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop()  # finished rows are in the database already; Resume continues later
        super().closeEvent(event)


def open_batch_runs(parent: QWidget | None, services: Services) -> QWidget:
    """The batch runs window (for `batchRunAction`): shown, raised, its earlier runs listed."""
    view = BatchRunView(services, parent)
    view.setWindowFlag(Qt.WindowType.Window, True)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    view.resize(1024, 640)
    view.show()
    view.raise_()
    QTimer.singleShot(0, view.list_runs)  # once the loop runs: the window shows first
    return view
