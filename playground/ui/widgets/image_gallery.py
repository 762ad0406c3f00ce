"""The gallery: a QListView in icon mode over a model, thumbnails decoded in worker threads.

Only rows the view paints ask for their thumbnail, so 500 images cost what one screenful
costs; each thumbnail file (made by storage.gallery) is decoded and scaled in worker
threads (QImage is safe off the GUI thread), and only the cheap QImage -> QPixmap step runs
here. The view lays items out in batches, so the first screenful paints before the layout
of a large gallery is complete.
"""

from __future__ import annotations

import contextlib
import queue
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QImage, QImageReader, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from playground.model.money import format_cost
from playground.storage.gallery import GalleryEntry

ICON_SIDE = 112
SEARCH_DELAY_MS = 200
DRAIN_MS = 16  # finished thumbnails are shown once per frame
EntryRole = Qt.ItemDataRole.UserRole + 1


def _read_thumbnail(entry: GalleryEntry) -> QImage:
    reader = QImageReader(str(entry.thumbnail_path))
    if not reader.canRead():  # thumbnail lost: fall back to the image itself
        reader = QImageReader(str(entry.path))
    size = reader.size()
    if size.isValid():  # let the decoder scale (JPEG decodes at 1/8 for free)
        reader.setScaledSize(size.scaled(ICON_SIDE, ICON_SIDE, Qt.AspectRatioMode.KeepAspectRatio))
    return reader.read()


class ThumbnailLoader(QObject):
    """Decodes in two worker threads; results come back through a queue the UI thread drains
    once per frame, so a fast scroll costs one repaint per frame, not one per thumbnail."""

    loaded = Signal(list)  # [(entry id, QImage)], null images for unreadable files

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="thumbnails")
        self._done: queue.SimpleQueue[tuple[int, QImage]] = queue.SimpleQueue()
        self._pending = 0
        self._drain_timer = QTimer(self, interval=DRAIN_MS)
        self._drain_timer.timeout.connect(self._drain)

    def request(self, entry: GalleryEntry) -> None:
        self._pending += 1
        self._executor.submit(lambda: self._done.put((entry.id, _read_thumbnail(entry))))
        if not self._drain_timer.isActive():
            self._drain_timer.start()

    def _drain(self) -> None:
        batch: list[tuple[int, QImage]] = []
        with contextlib.suppress(queue.Empty):
            while True:
                batch.append(self._done.get_nowait())
        self._pending -= len(batch)
        if self._pending <= 0:
            self._drain_timer.stop()
        if batch:
            self.loaded.emit(batch)

    def shutdown(self) -> None:
        """Drop queued jobs and wait for running ones (a closing window)."""
        self._drain_timer.stop()
        self._executor.shutdown(wait=True, cancel_futures=True)


class GalleryModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[GalleryEntry] = []
        self._rows: dict[int, int] = {}  # entry id -> row
        self._icons: dict[int, QIcon] = {}
        self._pending: set[int] = set()
        self.loader = ThumbnailLoader(self)
        self.loader.loaded.connect(self._on_loaded)
        self._placeholder = _untinted(_placeholder())

    def set_entries(self, entries: list[GalleryEntry]) -> None:
        self.beginResetModel()
        self._entries = entries
        self._rows = {e.id: i for i, e in enumerate(entries)}
        self.endResetModel()

    def entries(self) -> list[GalleryEntry]:
        return list(self._entries)

    def entry(self, row: int) -> GalleryEntry:
        return self._entries[row]

    def thumbnails_loaded(self) -> int:
        return len(self._icons)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._entries)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DecorationRole:
            icon = self._icons.get(entry.id)
            if icon is None:
                if entry.id not in self._pending:
                    self._pending.add(entry.id)
                    self.loader.request(entry)
                return self._placeholder
            return icon
        if role == Qt.ItemDataRole.DisplayRole:
            prompt = " ".join(entry.prompt.split()) or self.tr("(variation)")
            return prompt if len(prompt) <= 40 else prompt[:39] + "…"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            cost = self.tr("cost unknown") if entry.cost is None else format_cost(entry.cost)
            return (self.tr("%1\n%2 · %3×%4 · %5 · %6")
                    .replace("%1", str(entry.prompt or self.tr("(variation)")))
                    .replace("%2", str(entry.model))
                    .replace("%3", str(entry.width))
                    .replace("%4", str(entry.height))
                    .replace("%5", str(cost))
                    .replace("%6", str(entry.created_at.astimezone().strftime("%Y-%m-%d %H:%M"))))
        if role == EntryRole:
            return entry
        return None

    def _on_loaded(self, batch: list[tuple[int, QImage]]) -> None:
        rows = []
        for entry_id, image in batch:
            self._pending.discard(entry_id)
            self._icons[entry_id] = _untinted(QPixmap.fromImage(image) if not image.isNull()
                                                else _placeholder(broken=True))
            row = self._rows.get(entry_id)
            if row is not None:  # else deleted or filtered out meanwhile
                rows.append(row)
        if rows:
            self.dataChanged.emit(self.index(min(rows)), self.index(max(rows)),
                                  [Qt.ItemDataRole.DecorationRole])


def _untinted(pixmap: QPixmap) -> QIcon:
    """An icon that looks the same selected: the view would blend a selected one with the
    highlight colour (a blue cast on the image); the item's frame shows the selection."""
    icon = QIcon(pixmap)
    icon.addPixmap(pixmap, QIcon.Mode.Selected)
    return icon


def _placeholder(broken: bool = False) -> QPixmap:
    pixmap = QPixmap(ICON_SIDE, ICON_SIDE)
    pixmap.fill(QColor(128, 128, 128, 40))
    if broken:
        painter = QPainter(pixmap)
        painter.setPen(QColor(200, 60, 60))
        painter.drawLine(8, 8, ICON_SIDE - 8, ICON_SIDE - 8)
        painter.drawLine(ICON_SIDE - 8, 8, 8, ICON_SIDE - 8)
        painter.end()
    return pixmap


class GalleryPanel(QWidget):
    searchChanged = Signal(str)
    entrySelected = Signal(object)  # GalleryEntry
    rerunRequested = Signal(object)  # GalleryEntry
    deleteRequested = Signal(list)  # [GalleryEntry]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("galleryPanel")
        self.model = GalleryModel(self)

        self.search = QLineEdit(self)
        self.search.setObjectName("gallerySearch")
        self.search.setAccessibleName(self.tr("Search the gallery by prompt"))
        self.search.setPlaceholderText(self.tr("Search prompts…"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(lambda: self.searchChanged.emit(self.search.text()))
        self.search.textChanged.connect(lambda _: self._search_timer.start())

        self.view = QListView(self)
        self.view.setObjectName("imageGallery")
        self.view.setAccessibleName(self.tr("Image gallery"))
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setUniformItemSizes(True)  # no per-row size queries: 500 rows cost 1
        self.view.setLayoutMode(QListView.LayoutMode.Batched)
        self.view.setBatchSize(32)  # about two screenfuls
        self.view.setIconSize(QSize(ICON_SIDE, ICON_SIDE))
        self.view.setGridSize(QSize(ICON_SIDE + 16, ICON_SIDE + 36))
        self.view.setWordWrap(False)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setModel(self.model)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.view.doubleClicked.connect(lambda i: self.rerunRequested.emit(self.model.entry(
            i.row())))

        self.empty_note = QLabel(self)
        self.empty_note.setObjectName("galleryEmptyNote")
        self.empty_note.setWordWrap(True)
        self.empty_note.hide()
        self.count_label = QLabel(self)
        self.count_label.setObjectName("galleryCount")
        self.rerun_button = QPushButton(self.tr("Re-run"), self)
        self.rerun_button.setObjectName("galleryRerunButton")
        self.rerun_button.setAccessibleName(self.tr("Re-run with the same settings"))
        self.rerun_button.clicked.connect(self._rerun)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.setObjectName("galleryDeleteButton")
        self.delete_button.setAccessibleName(self.tr("Delete the selected images"))
        self.delete_button.clicked.connect(self._delete)

        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.rerun_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Gallery"), self)
        title.setObjectName("galleryTitle")
        layout.addWidget(title)
        layout.addWidget(self.search)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.set_entries([])

    def set_entries(self, entries: list[GalleryEntry]) -> None:
        self.model.set_entries(entries)
        self.count_label.setText(self.tr("%n image(s)", "", len(entries)))
        query = self.search.text().strip()
        self.empty_note.setText(self.tr("No images match “%1”.").replace("%1", query))
        self.empty_note.setVisible(bool(query) and not entries)
        self._update_buttons()

    def selected_entries(self) -> list[GalleryEntry]:
        rows = sorted(i.row() for i in self.view.selectionModel().selectedIndexes())
        return [self.model.entry(r) for r in rows]

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()
        if current.isValid():
            self.entrySelected.emit(self.model.entry(current.row()))

    def _update_buttons(self) -> None:
        has = self.view.selectionModel().hasSelection() or self.view.currentIndex().isValid()
        self.rerun_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def _rerun(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.rerunRequested.emit(self.model.entry(index.row()))

    def _delete(self) -> None:
        entries = self.selected_entries()
        if not entries and self.view.currentIndex().isValid():
            entries = [self.model.entry(self.view.currentIndex().row())]
        if entries:
            self.deleteRequested.emit(entries)
