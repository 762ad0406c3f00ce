# mypy: disable-error-code="misc"
# (a mixin typed by `self: ImagesTab`: mypy cannot see ImagesTab derives from it)
"""The Images tab's gallery and preview actions: show a stored image, copy, open, send it to
the chat or edit it; search, re-run and delete gallery entries."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication

from playground.api.images import ImageRequest
from playground.storage.gallery import GalleryEntry
from playground.ui.async_slot import async_slot
from playground.ui.tabs.images_files import Shown, decode_image

if TYPE_CHECKING:
    from playground.ui.tabs.images import ImagesTab


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImagesTab", text)  # the tab's catalog context


class ImageGalleryActions:
    """Mixed into ImagesTab (whose preview, gallery panel and job it uses)."""

    _shown: Shown | None
    _source: tuple[bytes, str] | None

    async def refresh_gallery(self: ImagesTab) -> None:
        try:
            gallery = await self._job.gallery()
            entries = await asyncio.to_thread(gallery.entries, self._search)
        except Exception as exc:
            self._show_message((_tr("The gallery could not be opened: %1")
                                .replace("%1", str(exc))),
                               error=True)
            return
        self._gallery_panel.set_entries(entries)

    @async_slot(object)
    async def show_entry(self: ImagesTab, entry: GalleryEntry) -> None:
        """A gallery click: read and decode off the UI thread, then preview."""
        try:
            data = await asyncio.to_thread(entry.path.read_bytes)
            image, _icon = await asyncio.to_thread(decode_image, data)
        except OSError as exc:
            self._show_message((_tr("Could not read %1: %2")
                                .replace("%1", str(entry.path))
                                .replace("%2", str(exc))),
                               error=True)
            return
        self._canvas_tabs.setCurrentIndex(0)
        self._show(Shown(data, entry.mime, image, entry))
        if entry.revised_prompt:
            self._revised.setText(_tr("Revised prompt: %1")
                                   .replace("%1", str(entry.revised_prompt)))
            self._revised.show()
        else:
            self._revised.hide()

    def copy_image(self: ImagesTab) -> None:
        if self._shown is not None:
            QGuiApplication.clipboard().setImage(self._shown.image)
            self._show_message(_tr("Copied to the clipboard."))

    def open_externally(self: ImagesTab) -> None:
        if self._shown is not None and self._shown.entry is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._shown.entry.path)))

    def send_to_chat(self: ImagesTab) -> None:
        if self._shown is not None:
            self.sendImageToChat.emit(self._shown.data, self._shown.mime)
            self._show_message(_tr("Attached to the chat input."))

    def edit_shown(self: ImagesTab) -> None:
        if self._shown is None:
            return
        self._source = (self._shown.data, "image.png")
        self._editor.canvas.set_image(self._shown.image)
        self.set_mode("edit")

    # ------------------------------------------------------------------ gallery actions
    @async_slot(str)
    async def _search_changed(self: ImagesTab, text: str) -> None:
        self._search = text
        await self.refresh_gallery()

    def rerun(self: ImagesTab, entry: GalleryEntry) -> None:
        """Put the stored request back into the controls and run it again."""
        settings = dict(entry.settings)
        mode = str(settings.pop("mode", "generate"))
        if mode != "generate":
            self._show_message(_tr("Re-run repeats generations; for edits and variations "
                                       "open the source image again."), error=True)
            return
        request = ImageRequest.from_settings(settings)
        self.set_mode("generate")
        self._model_picker.setCurrentText(request.model)
        self._prompt.setPlainText(request.prompt)
        self._controls.apply(settings)
        self.run_primary_action()

    @async_slot(list)
    async def delete_entries(self: ImagesTab, entries: list[GalleryEntry]) -> None:
        gallery = await self._job.gallery()
        try:
            await asyncio.to_thread(gallery.delete, [e.id for e in entries])
        except Exception as exc:
            self._show_message(_tr("Could not delete: %1").replace("%1", str(exc)), error=True)
            return
        if self._shown is not None and self._shown.entry in entries:
            self._shown = None
            self._preview.clear()
            self._update_tools()
        await self.refresh_gallery()
