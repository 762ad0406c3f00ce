# mypy: disable-error-code="misc"
# (a mixin typed by `self: ImagesTab`: mypy cannot see ImagesTab derives from it)
"""The Images tab's result strip: a placeholder per image at once, then each draft and
finished image as it arrives (decoded off the UI thread), or why it failed."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import QListWidgetItem

from playground.storage.gallery import GalleryEntry
from playground.ui.tabs.images_files import Shown, decode_image
from playground.ui.tabs.images_layout import RESULT_ICON

if TYPE_CHECKING:
    from playground.ui.tabs.images import ImagesTab


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImagesTab", text)  # the tab's catalog context


class ImageResults:
    """Mixed into ImagesTab."""

    _showing: list[asyncio.Future[None]]

    def _on_note(self: ImagesTab, note: str) -> None:
        self._show_message(_tr("Note: %1").replace("%1", str(note)))

    def _on_draft(self: ImagesTab, index: int, data: bytes, mime: str) -> None:
        self._showing.append(asyncio.ensure_future(self._show_draft(index, data, mime)))

    def _on_delivered(self: ImagesTab, index: int, entry: GalleryEntry, data: bytes,
                      mime: str) -> None:
        self._showing.append(asyncio.ensure_future(
            self._show_delivered(index, entry, data, mime)))

    async def _show_draft(self: ImagesTab, index: int, data: bytes, mime: str) -> None:
        image, icon = await asyncio.to_thread(decode_image, data)
        self._set_result(index, icon, _tr("Image %1: draft").replace("%1", str(index + 1)))
        if self._results.currentRow() in (-1, index):
            self._show(Shown(data, mime, image), keep_zoom=True)

    async def _show_delivered(self: ImagesTab, index: int, entry: GalleryEntry, data: bytes,
                              mime: str) -> None:
        image, icon = await asyncio.to_thread(decode_image, data)
        shown = Shown(data, mime, image, entry)
        item = self._set_result(index, icon, _tr("Image %1").replace("%1", str(index + 1)))
        item.setData(Qt.ItemDataRole.UserRole, shown)
        if self._results.currentRow() in (-1, index):
            self._results.setCurrentRow(index)
            self._show(shown, keep_zoom=True)
        if entry.revised_prompt:
            self._revised.setText(_tr("Revised prompt: %1")
                                   .replace("%1", str(entry.revised_prompt)))
            self._revised.show()

    def _on_failed(self: ImagesTab, index: int, message: str) -> None:
        self._set_result(index, self._placeholder_icon(broken=True),
                         _tr("Image %1: failed").replace("%1", str(index + 1)))
        self._show_message(message, error=True)

    def _set_result(self: ImagesTab, index: int, icon: QImage | QIcon,
                    text: str) -> QListWidgetItem:
        item = self._results.item(index)
        if item is None:  # a server that sent more images than asked for
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, None)
            self._results.addItem(item)
        item.setIcon(icon if isinstance(icon, QIcon) else QIcon(QPixmap.fromImage(icon)))
        item.setText(text)
        return item

    def _placeholder_icon(self: ImagesTab, broken: bool = False) -> QIcon:
        pixmap = QPixmap(RESULT_ICON, RESULT_ICON)
        pixmap.fill(Qt.GlobalColor.lightGray if not broken else Qt.GlobalColor.darkRed)
        return QIcon(pixmap)
