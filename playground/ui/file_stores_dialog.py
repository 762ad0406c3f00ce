"""Files and vector stores, without the web dashboard: upload (button or drag and drop, with
progress and cancel), delete, create stores, add files to a store, see what each store costs
to keep.

A view over `services.file_stores.FileStores`; everything slow runs in async slots. Entry
points: `open_file_stores(parent, services)`, and the chat's store picker in
`ui/vector_store_picker.py`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from playground.model.files import FILE_SEARCH_PURPOSE, PURPOSES, size_text
from playground.model.money import format_cost
from playground.services.file_stores import FileStores, file_stores_for
from playground.services.messages import UserMessage
from playground.ui.async_slot import async_slot
from playground.ui.confirm import confirm
from playground.ui.widgets.file_tables import FilesTable, StoresTable
from playground.ui.widgets.tab_message import TabMessage
from playground.ui.widgets.upload_list import UploadList

if TYPE_CHECKING:
    from playground.services.container import Services


class FileStoresDialog(QDialog):
    def __init__(self, stores: FileStores, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fileStoresDialog")
        self.setWindowTitle(self.tr("Files and vector stores"))
        self.setAcceptDrops(True)
        self.stores = stores

        self.files_table = FilesTable()
        self.upload_button = self._button("uploadFilesButton", self.tr("Upload…"),
                                          self.tr("Upload files"))
        self.purpose = QComboBox()
        self.purpose.setObjectName("uploadPurposePicker")
        self.purpose.setAccessibleName(self.tr("Purpose of uploaded files"))
        for purpose in PURPOSES:
            self.purpose.addItem(purpose, purpose)
        self.target = QComboBox()
        self.target.setObjectName("uploadTargetStore")
        self.target.setAccessibleName(self.tr("Vector store the uploaded files join"))
        self.delete_files_button = self._button("deleteFilesButton", self.tr("Delete"),
                                                self.tr("Delete the selected files"))
        self.add_to_store_button = self._button("addToStoreButton", self.tr("Add to store"),
                                                self.tr("Add the selected files to the "
                                                        "selected vector store"))
        self.remove_from_store_button = self._button(
            "removeFromStoreButton", self.tr("Remove from store"),
            self.tr("Take the selected files out of the selected vector store"))
        self.refresh_button = self._button("refreshFilesButton", self.tr("Refresh"),
                                           self.tr("Read the files and stores again"))
        self.uploads = UploadList(self.stores.cancel)
        files_box = QGroupBox(self.tr("Files (drop files here to upload)"))
        files_layout = QVBoxLayout(files_box)
        upload_row = QHBoxLayout()
        upload_row.addWidget(self.upload_button)
        upload_row.addWidget(QLabel(self.tr("as")))
        upload_row.addWidget(self.purpose)
        upload_row.addWidget(QLabel(self.tr("into")))
        upload_row.addWidget(self.target, 1)
        files_layout.addLayout(upload_row)
        files_layout.addWidget(self.files_table, 1)
        files_layout.addWidget(self.uploads)
        file_actions = QHBoxLayout()
        file_actions.addWidget(self.add_to_store_button)
        file_actions.addWidget(self.remove_from_store_button)
        file_actions.addStretch(1)
        file_actions.addWidget(self.delete_files_button)
        files_layout.addLayout(file_actions)

        self.stores_table = StoresTable()
        self.store_name = QLineEdit()
        self.store_name.setObjectName("newStoreName")
        self.store_name.setAccessibleName(self.tr("Name of the new vector store"))
        self.store_name.setPlaceholderText(self.tr("New store name"))
        self.store_expiry = QSpinBox()
        self.store_expiry.setObjectName("newStoreExpiryDays")
        self.store_expiry.setAccessibleName(self.tr("Days after last use the store expires; "
                                                    "0 never"))
        self.store_expiry.setRange(0, 365)
        self.store_expiry.setSpecialValueText(self.tr("never expires"))
        self.store_expiry.setSuffix(self.tr(" days unused"))
        self.create_store_button = self._button("createStoreButton", self.tr("Create"),
                                                self.tr("Create the vector store"))
        self.delete_store_button = self._button("deleteStoreButton", self.tr("Delete store"),
                                                self.tr("Delete the selected vector store"))
        stores_box = QGroupBox(self.tr("Vector stores (file search)"))
        stores_layout = QVBoxLayout(stores_box)
        create_row = QHBoxLayout()
        create_row.addWidget(self.store_name, 1)
        create_row.addWidget(self.store_expiry)
        create_row.addWidget(self.create_store_button)
        stores_layout.addLayout(create_row)
        stores_layout.addWidget(self.stores_table, 1)
        store_actions = QHBoxLayout()
        store_actions.addStretch(1)
        store_actions.addWidget(self.delete_store_button)
        stores_layout.addLayout(store_actions)

        splitter = QSplitter()
        splitter.addWidget(files_box)
        splitter.addWidget(stores_box)
        splitter.setSizes([540, 460])
        self.storage = QLabel()
        self.storage.setObjectName("storageCostLabel")
        self.storage.setAccessibleName(self.tr("Vector storage and its daily cost"))
        self.message = TabMessage("fileStoresMessage", self.tr("Files message"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.setObjectName("fileStoresClose")
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.refresh_button)
        bottom.addWidget(self.storage, 1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addLayout(bottom)

        self.upload_button.clicked.connect(self._choose_files)
        self.refresh_button.clicked.connect(self.refresh)
        self.delete_files_button.clicked.connect(self._ask_delete_files)
        self.add_to_store_button.clicked.connect(self.add_to_store)
        self.remove_from_store_button.clicked.connect(self.remove_from_store)
        self.create_store_button.clicked.connect(self.create_store)
        self.store_name.returnPressed.connect(self.create_store)
        self.delete_store_button.clicked.connect(self._ask_delete_store)
        self.files_table.itemSelectionChanged.connect(self._enable)
        self.stores_table.itemSelectionChanged.connect(self._enable)
        self.purpose.currentIndexChanged.connect(self._enable)
        self._unsubscribe = [stores.changed.connect(self._show),
                             stores.progress.connect(self.uploads.show_job),
                             stores.message.connect(self.message.show_message)]
        self.finished.connect(self._unsubscribe_all)
        self.resize(1024, 640)
        self._show()
        for job in stores.uploads:  # uploads still running from an earlier opening
            if job.active:
                self.uploads.show_job(job)
        self.refresh()

    def _unsubscribe_all(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []

    def _button(self, name: str, text: str, accessible: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        return button

    # ---- showing -----------------------------------------------------------------------

    @async_slot()
    async def refresh(self) -> None:
        self.refresh_button.setEnabled(False)
        try:
            if await self.stores.refresh():
                self.message.clear()
        finally:
            self.refresh_button.setEnabled(True)

    def _show(self) -> None:
        self.files_table.show_files(self.stores.files)
        self.stores_table.show_stores(self.stores.stores)
        chosen = self.target.currentData()
        self.target.blockSignals(True)
        self.target.clear()
        self.target.addItem(self.tr("no store"), None)
        for store in self.stores.stores:
            self.target.addItem(store.name or store.id, store.id)
        index = self.target.findData(chosen)
        self.target.setCurrentIndex(max(0, index))
        self.target.blockSignals(False)
        self._show_storage()
        self._enable()

    def _show_storage(self) -> None:
        used = self.stores.storage_bytes
        text = self.tr("Vector storage: %1 in %n store(s)", "", len(self.stores.stores)) \
            .replace("%1", size_text(used))
        try:
            cost = self.stores.daily_storage_cost()
        except Exception:  # the ledger's prices are not ready: show the size alone
            cost = None
        if cost is not None:
            text += " · " + self.tr("≈ %1 a day (the first GB is free)").replace(
                "%1", format_cost(cost))
        self.storage.setText(text)

    def _enable(self) -> None:
        files = bool(self.files_table.selected_ids())
        store = bool(self.stores_table.selected_ids())
        self.delete_files_button.setEnabled(files)
        self.add_to_store_button.setEnabled(files and store)
        self.remove_from_store_button.setEnabled(files and store)
        self.delete_store_button.setEnabled(store)
        # Files for file search go up as "assistants"; other purposes cannot join a store.
        self.target.setEnabled(self.purpose.currentData() in (FILE_SEARCH_PURPOSE,
                                                              "user_data"))

    # ---- uploads -----------------------------------------------------------------------

    def _choose_files(self) -> None:
        dialog = QFileDialog(self, self.tr("Upload files"), str(Path.home()))
        dialog.setObjectName("uploadFileDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.filesSelected.connect(lambda paths: self.upload([Path(p) for p in paths]))
        dialog.open()

    def upload(self, paths: list[Path]) -> None:
        """Upload `paths` with the chosen purpose (and into the chosen store)."""
        self.message.clear()
        store_id = self.target.currentData() if self.target.isEnabled() else None
        self.stores.upload(paths, self.purpose.currentData(), store_id)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.upload(paths)

    # ---- changes -----------------------------------------------------------------------

    def _ask_delete_files(self) -> None:
        ids = self.files_table.selected_ids()
        if not ids:
            return
        names = [f.filename for i in ids if (f := self.stores.file(i)) is not None]
        text = (self.tr("Delete “%1” from the platform? It also leaves every vector store.")
                .replace("%1", names[0]) if len(names) == 1 else
                self.tr("Delete %1 files from the platform? They also leave every vector "
                        "store.").replace("%1", str(len(ids))))
        confirm(self, self.tr("Delete files"), text, self.tr("Delete"),
                lambda: self.delete_files(ids))

    @async_slot(list)
    async def delete_files(self, ids: list[str]) -> None:
        if await self.stores.delete_files(ids):
            self.message.show_message(UserMessage.info(
                self.tr("Deleted %n file(s).", "", len(ids))))

    @async_slot()
    async def add_to_store(self) -> None:
        ids = self.files_table.selected_ids()
        store_ids = self.stores_table.selected_ids()
        if not ids or not store_ids:
            return
        store = self.stores.store(store_ids[0])
        if await self.stores.add_to_store(store_ids[0], ids):
            self.message.show_message(UserMessage.info(
                self.tr("Added %n file(s) to “%1”; it is processing them.", "", len(ids))
                .replace("%1", store.name if store else "")))

    @async_slot()
    async def remove_from_store(self) -> None:
        """The selected files leave the selected store (they stay uploaded)."""
        ids = self.files_table.selected_ids()
        store_ids = self.stores_table.selected_ids()
        if not ids or not store_ids:
            return
        removed = [i for i in ids if await self.stores.remove_from_store(store_ids[0], i)]
        if removed:
            self.message.show_message(UserMessage.info(
                self.tr("Took %n file(s) out of the store.", "", len(removed))))

    @async_slot()
    async def create_store(self) -> None:
        days = self.store_expiry.value() or None
        made = await self.stores.create_store(self.store_name.text(), days,
                                              self.files_table.selected_ids() or None)
        if made is not None:
            self.store_name.clear()
            self.stores_table.select_id(made.id)
            self.message.show_message(UserMessage.info(
                self.tr("Created the vector store “%1”.").replace("%1", made.name)))

    def _ask_delete_store(self) -> None:
        ids = self.stores_table.selected_ids()
        store = self.stores.store(ids[0]) if ids else None
        if store is None:
            return
        confirm(self, self.tr("Delete vector store"),
                self.tr("Delete the vector store “%1”? Its files stay uploaded; chats that "
                        "search it will find nothing.").replace("%1", store.name or store.id),
                self.tr("Delete"), lambda: self.delete_store(store.id))

    @async_slot(str)
    async def delete_store(self, store_id: str) -> None:
        if await self.stores.delete_store(store_id):
            self.message.show_message(UserMessage.info(self.tr("Deleted the vector store.")))


def open_file_stores(parent: QWidget | None, services: Services) -> QWidget:
    """Show the files manager (one per parent window); uploads go on when it closes."""
    if parent is not None:
        existing = parent.findChild(FileStoresDialog)
        if existing is not None and existing.isVisible():
            existing.raise_()
            existing.activateWindow()
            return existing
    dialog = FileStoresDialog(file_stores_for(services), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
