"""The batch results as a table model: the row's variables, then output, tokens, cost, time
and pass/fail — each field once per template, side by side, so two templates compare
column by column (A: output | B: output | A: tokens | B: tokens …).

Results arriving while a run goes are queued and shown by a timer every 100 ms as one
dataChanged over the rows touched: 10,000 rows never mean 10,000 repaints.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QColor

from playground.model.batch import BatchTemplate, RowResult, RowStatus
from playground.model.money import format_cost
from playground.storage.batch_rows import Rows

FLUSH_MS = 100
FIELDS = ("output", "tokens", "cost", "time", "pass")
OUTPUT_ROLE = Qt.ItemDataRole.UserRole  # headerData: True for the columns of outputs
PREVIEW = 300  # characters of an output shown in its cell (the tooltip has all of it)
_FAIL = QColor(190, 40, 40)
_PASS = QColor(30, 140, 60)

Index = QModelIndex | QPersistentModelIndex


class BatchTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows = Rows([], [])
        self._labels: list[str] = []
        self._results: dict[tuple[int, int], RowResult] = {}
        self._queued: set[int] = set()
        self._timer = QTimer(self)
        self._timer.setInterval(FLUSH_MS)
        self._timer.timeout.connect(self.flush)

    # ---- feeding -------------------------------------------------------------------------
    def set_run(self, rows: Rows, templates: list[BatchTemplate],
                results: dict[tuple[int, int], RowResult]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._labels = [t.label for t in templates]
        self._results = dict(results)
        self._queued.clear()
        self.endResetModel()

    def add_result(self, result: RowResult) -> None:
        """Queue a finished request; the timer shows it with the others that arrived."""
        self._results[(result.variant, result.row)] = result
        self._queued.add(result.row)
        if not self._timer.isActive():
            self._timer.start()

    def flush(self) -> None:
        if not self._queued:
            self._timer.stop()
            return
        first, last = min(self._queued), max(self._queued)
        self._queued.clear()
        self.dataChanged.emit(self.index(first, 0),
                              self.index(last, self.columnCount() - 1))

    def result(self, row: int, variant: int) -> RowResult | None:
        return self._results.get((variant, row))

    # ---- the model -----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows.columns) + len(FIELDS) * len(
            self._labels)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == OUTPUT_ROLE and orientation == Qt.Orientation.Horizontal:
            offset = section - len(self._rows.columns)
            return offset >= 0 and FIELDS[offset // max(1, len(self._labels))] == "output"
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        columns = self._rows.columns
        if section < len(columns):
            return columns[section]
        field, variant = divmod(section - len(columns), len(self._labels))
        names = {"output": self.tr("output"), "tokens": self.tr("tokens"),
                 "cost": self.tr("cost"), "time": self.tr("time"), "pass": self.tr("pass")}
        name = names[FIELDS[field]]
        return f"{self._labels[variant]}: {name}" if len(self._labels) > 1 else name

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        columns = self._rows.columns
        if column < len(columns):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return self._rows.values[row].get(columns[column], "")
            return None
        field, variant = divmod(column - len(columns), len(self._labels))
        result = self._results.get((variant, row))
        if result is None:
            return None
        name = FIELDS[field]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(result, name)
        if role == Qt.ItemDataRole.ToolTipRole:
            if name == "output":
                return result.error or result.output
            if name == "pass" and result.problems:
                return "\n".join(result.problems)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if result.status == RowStatus.ERROR and name == "output":
                return _FAIL
            if name == "pass" and result.passed is not None:
                return _PASS if result.passed else _FAIL
        if role == Qt.ItemDataRole.TextAlignmentRole and name in ("tokens", "cost", "time"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, result: RowResult, name: str) -> str:
        if name == "output":
            if result.status == RowStatus.ERROR:
                return self.tr("Failed: %1").replace("%1", result.error)
            text = result.output.replace("\n", " ")
            return text if len(text) <= PREVIEW else text[:PREVIEW] + "…"
        if name == "tokens":
            if result.status == RowStatus.ERROR:
                return ""
            return ("~" if result.estimated else "") + f"{result.tokens:,}"
        if name == "cost":
            return "" if result.cost is None else format_cost(Decimal(result.cost))
        if name == "time":
            return f"{result.seconds:.2f} s"
        if result.passed is None:
            return ""
        return self.tr("pass") if result.passed else self.tr("fail")

