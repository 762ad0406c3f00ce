"""Which vector stores the chat's file search looks in: a checkable list of the user's
stores (status, files, size), with a way into the files manager.

`choose_vector_stores(parent, services, selected)` is awaited by the chat's tools menu
(`fileSearchToggle`): the dialog is window-modal but opened with `open()`, never `exec()`
(a nested event loop breaks qasync), so the function is a coroutine.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from playground.model.files import size_text
from playground.services.file_stores import FileStores, file_stores_for
from playground.ui.async_slot import async_slot
from playground.ui.widgets.file_tables import status_text
from playground.ui.widgets.tab_message import TabMessage

if TYPE_CHECKING:
    from playground.services.container import Services


class VectorStorePicker(QDialog):
    def __init__(self, stores: FileStores, selected: list[str], services: Services | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("vectorStorePicker")
        self.setWindowTitle(self.tr("Search these vector stores"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.stores = stores
        self.services = services
        self._selected = set(selected)
        self.list = QListWidget()
        self.list.setObjectName("vectorStoreList")
        self.list.setAccessibleName(self.tr("Vector stores; checked ones are searched"))
        self.hint = QLabel()
        self.hint.setObjectName("vectorStoreHint")
        self.hint.setWordWrap(True)
        self.manage = QPushButton(self.tr("Manage files…"))
        self.manage.setObjectName("manageFilesButton")
        self.manage.setAccessibleName(self.tr("Open the files and vector stores manager"))
        self.manage.setEnabled(services is not None)
        self.message = TabMessage("vectorStorePickerMessage", self.tr("Vector stores message"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.setObjectName("vectorStorePickerButtons")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.manage)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("File search looks in the checked stores:")))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.manage.clicked.connect(self._manage)
        self.list.itemChanged.connect(self._changed)
        self._unsubscribe = [stores.changed.connect(self._show),
                             stores.message.connect(self.message.show_message)]
        self.finished.connect(lambda _r: [u() for u in self._unsubscribe])
        self.resize(520, 400)
        self._show()
        self.refresh()

    @async_slot()
    async def refresh(self) -> None:
        await self.stores.refresh()

    def _show(self) -> None:
        self._changed()  # keep what the user ticked before the list is rebuilt
        self.list.blockSignals(True)
        self.list.clear()
        for store in self.stores.stores:
            text = (f"{store.name or store.id} — {status_text(store)} · "
                    + self.tr("%n file(s)", "", store.file_counts.total)
                    + f" · {size_text(store.usage_bytes)}")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, store.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if store.id in self._selected
                               else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._show_hint()

    def _changed(self, _item: QListWidgetItem | None = None) -> None:
        shown = {self.list.item(i).data(Qt.ItemDataRole.UserRole): self.list.item(i)
                 for i in range(self.list.count())}
        for store_id, item in shown.items():
            if item.checkState() == Qt.CheckState.Checked:
                self._selected.add(store_id)
            else:
                self._selected.discard(store_id)
        self._show_hint()

    def _show_hint(self) -> None:
        if self.stores.loaded and not self.stores.stores:
            self.hint.setText(self.tr("You have no vector stores yet: create one and add "
                                      "files in Manage files…"))
        elif any(s.processing for s in self.stores.stores if s.id in self._selected):
            self.hint.setText(self.tr("A checked store is still processing its files: file "
                                      "search finds only what is ready."))
        else:
            self.hint.setText("")

    def chosen(self) -> list[str]:
        """The checked stores, in the list's order (stores no longer there are dropped)."""
        known = [s.id for s in self.stores.stores]
        if not self.stores.loaded:  # never read: keep the selection as it was
            return sorted(self._selected)
        return [i for i in known if i in self._selected]

    def _manage(self) -> None:
        if self.services is not None:
            from playground.ui.file_stores_dialog import open_file_stores

            open_file_stores(self.parentWidget() or self, self.services)


async def choose_vector_stores(parent: QWidget | None, services: Services,
                               selected: list[str]) -> list[str] | None:
    """The stores the user checks (None: cancelled)."""
    picker = VectorStorePicker(file_stores_for(services), selected, services, parent)
    picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    done: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def finished(result: int) -> None:
        if not done.done():
            done.set_result(result)

    picker.finished.connect(finished)
    picker.open()
    result = await done
    return picker.chosen() if result == QDialog.DialogCode.Accepted else None
