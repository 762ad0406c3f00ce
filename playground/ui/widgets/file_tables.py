"""The files manager's two tables: uploaded files (name, size, purpose, created, expiry) and
vector stores (name, status, files, size, expiry). Read-only rows; the id is kept on each
row's first cell (UserRole) so actions never depend on the visible text."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from playground.model.files import StoredFile, VectorStoreInfo, size_text


def _tr(text: str) -> str:
    return QCoreApplication.translate("FileStores", text)


def when(seconds: int | None) -> str:
    """A Unix time as a local date and minute; "" when there is none."""
    if not seconds:
        return ""
    return datetime.fromtimestamp(seconds).strftime("%Y-%m-%d %H:%M")


class _Table(QTableWidget):
    def __init__(self, name: str, accessible: str, headers: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(0, len(headers), parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self.setHorizontalHeaderLabels(headers)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().setVisible(False)
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(headers)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def _put(self, row: int, cells: list[str], item_id: str, tips: list[str] | None = None,
             right: tuple[int, ...] = ()) -> None:
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column == 0:
                item.setData(Qt.ItemDataRole.UserRole, item_id)
            if tips and tips[column]:
                item.setToolTip(tips[column])
            if column in right:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
            self.setItem(row, column, item)

    def row_id(self, row: int) -> str:
        item = self.item(row, 0)
        return "" if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def selected_ids(self) -> list[str]:
        rows = sorted({index.row() for index in self.selectedIndexes()})
        return [self.row_id(r) for r in rows]

    def select_id(self, item_id: str) -> None:
        for row in range(self.rowCount()):
            if self.row_id(row) == item_id:
                self.selectRow(row)
                return


class FilesTable(_Table):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("filesTable", _tr("Uploaded files"),
                         [_tr("Name"), _tr("Size"), _tr("Purpose"), _tr("Created"),
                          _tr("Expires")], parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)

    def show_files(self, files: list[StoredFile]) -> None:
        chosen = set(self.selected_ids())
        self.setRowCount(len(files))
        for row, file in enumerate(files):
            self._put(row, [file.filename, size_text(file.bytes), file.purpose,
                            when(file.created_at), when(file.expires_at) or _tr("never")],
                      file.id, [file.id, f"{file.bytes:,} B", "", "", ""], right=(1,))
        self.clearSelection()
        for file_id in chosen:
            self.select_id(file_id)


class StoresTable(_Table):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("vectorStoresTable", _tr("Vector stores"),
                         [_tr("Name"), _tr("Status"), _tr("Files"), _tr("Size"),
                          _tr("Expires")], parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

    def show_stores(self, stores: list[VectorStoreInfo]) -> None:
        chosen = self.selected_ids()
        self.setRowCount(len(stores))
        for row, store in enumerate(stores):
            self._put(row, [store.name or store.id, status_text(store),
                            files_text(store), size_text(store.usage_bytes),
                            expiry_text(store)],
                      store.id, [store.id, "", "", f"{store.usage_bytes:,} B",
                                 expiry_rule(store)],
                      right=(2, 3))
        self.clearSelection()
        if chosen:
            self.select_id(chosen[0])


def status_text(store: VectorStoreInfo) -> str:
    if store.status == "expired":
        return _tr("Expired")
    if store.processing:
        return _tr("Processing…")
    return _tr("Ready")


def files_text(store: VectorStoreInfo) -> str:
    counts = store.file_counts
    text = str(counts.total)
    if counts.in_progress:
        text += " " + _tr("(%1 processing)").replace("%1", str(counts.in_progress))
    if counts.failed:
        text += " " + _tr("(%1 failed)").replace("%1", str(counts.failed))
    return text


def expiry_rule(store: VectorStoreInfo) -> str:
    if store.expires_after_days is None:
        return _tr("Never expires")
    return _tr("Expires %1 days after its last use").replace("%1",
                                                            str(store.expires_after_days))


def expiry_text(store: VectorStoreInfo) -> str:
    """The date it expires if unused until then (the rule on hover)."""
    if store.expires_after_days is None:
        return _tr("never")
    return when(store.expires_at) or expiry_rule(store)
