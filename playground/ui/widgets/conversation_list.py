"""The side list of conversations: search, new, rename, delete, export. Shows; owns no data."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

ID_ROLE = Qt.ItemDataRole.UserRole


class ConversationList(QWidget):
    selected = Signal(int)
    newRequested = Signal()
    renameRequested = Signal(int, str)
    deleteRequested = Signal(int)
    exportRequested = Signal(int, str)  # conversation id, "markdown" | "json"
    searchChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationList")
        self.search = QLineEdit()
        self.search.setObjectName("conversationSearch")
        self.search.setAccessibleName(self.tr("Search conversations"))
        self.search.setPlaceholderText(self.tr("Search all conversations…"))
        self.search.setClearButtonEnabled(True)
        self.new_button = QToolButton()
        self.new_button.setObjectName("newConversationButton")
        self.new_button.setText(self.tr("New"))
        self.new_button.setToolTip(self.tr("New conversation (Ctrl+N)"))
        self.new_button.setAccessibleName(self.tr("New conversation"))
        self.list = QListWidget()
        self.list.setObjectName("conversationItems")
        self.list.setAccessibleName(self.tr("Conversations"))
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.setEditTriggers(QListWidget.EditTrigger.EditKeyPressed
                                  | QListWidget.EditTrigger.DoubleClicked)
        self.list.setWordWrap(True)

        self.empty_note = QLabel()
        self.empty_note.setObjectName("conversationEmptyNote")
        self.empty_note.setWordWrap(True)
        self.empty_note.hide()

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        column.addLayout(top)
        column.addWidget(self.empty_note)
        column.addWidget(self.list, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(lambda: self.searchChanged.emit(self.search.text()))
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.new_button.clicked.connect(self.newRequested)
        self.list.currentItemChanged.connect(self._on_current)
        self.list.itemChanged.connect(self._on_item_edited)
        self.list.customContextMenuRequested.connect(self._menu)
        self._filling = False

    def set_items(self, items: list[tuple[int, str, str]], current: int | None) -> None:
        """items: (conversation id, title, tooltip/snippet)."""
        self._filling = True
        try:
            self.list.clear()
            for conv_id, title, tip in items:
                item = QListWidgetItem(title or self.tr("Untitled"))
                item.setData(ID_ROLE, conv_id)
                item.setToolTip(tip)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                self.list.addItem(item)
                if conv_id == current:
                    self.list.setCurrentItem(item)
        finally:
            self._filling = False
        query = self.search.text().strip()
        self.empty_note.setText(self.tr("No conversations match “%1”.").replace("%1", query))
        self.empty_note.setVisible(bool(query) and not items)

    def select(self, conv_id: int | None) -> None:
        self._filling = True
        try:
            for row in range(self.list.count()):
                item = self.list.item(row)
                if item.data(ID_ROLE) == conv_id:
                    self.list.setCurrentItem(item)
                    return
            self.list.clearSelection()
        finally:
            self._filling = False

    def _on_current(self, item: QListWidgetItem | None, _prev: object) -> None:
        if item is not None and not self._filling:
            self.selected.emit(int(item.data(ID_ROLE)))

    def _on_item_edited(self, item: QListWidgetItem) -> None:
        if not self._filling:
            self.renameRequested.emit(int(item.data(ID_ROLE)), item.text().strip())

    def confirm_delete(self, conv_id: int, title: str) -> None:
        from playground.ui.confirm import confirm

        confirm(self, self.tr("Delete conversation"),
                self.tr("Delete “%1” and all its messages? This cannot be undone.")
                .replace("%1", title), self.tr("Delete"),
                lambda: self.deleteRequested.emit(conv_id))

    def _menu(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos)
        if item is None:
            return
        conv_id = int(item.data(ID_ROLE))
        menu = QMenu(self)
        menu.addAction(self.tr("Rename"), lambda: self.list.editItem(item))
        menu.addAction(self.tr("Export as Markdown…"),
                       lambda: self.exportRequested.emit(conv_id, "markdown"))
        menu.addAction(self.tr("Export as JSON…"),
                       lambda: self.exportRequested.emit(conv_id, "json"))
        menu.addSeparator()
        menu.addAction(self.tr("Delete…"), lambda: self.confirm_delete(conv_id, item.text()))
        menu.popup(self.list.viewport().mapToGlobal(pos))
