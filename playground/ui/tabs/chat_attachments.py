# mypy: disable-error-code="misc"
# (a mixin typed by `self: ChatTab`: mypy cannot see ChatTab derives from it)
"""The chat tab's attachments: choose, drop or paste images (checked and encoded off the UI
thread) into the strip above the input."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage

from playground.ui.async_slot import async_slot

if TYPE_CHECKING:
    from playground.ui.tabs.chat import ChatTab


def _tr(text: str) -> str:
    return QCoreApplication.translate("ChatTab", text)  # the tab's catalog context


class ChatAttachments:
    """Mixed into ChatTab (whose input, attachment strip and model it uses)."""

    def _choose_images(self: ChatTab) -> None:
        from PySide6.QtWidgets import QFileDialog

        dialog = QFileDialog(self, _tr("Attach images"))
        dialog.setObjectName("attachImageDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilter(_tr("Images (*.png *.jpg *.jpeg *.webp *.gif)"))
        dialog.filesSelected.connect(self._attach_files)
        dialog.open()

    @async_slot(list)
    async def _attach_files(self: ChatTab, paths: list[str]) -> None:
        import asyncio

        # Reading and decoding a large photo takes long enough to stall typing: off-thread.
        loaded = await asyncio.to_thread(lambda: [(path, QImage(path)) for path in paths])
        unreadable = [path for path, image in loaded if image.isNull()]
        if unreadable:
            self._show_hint(_tr("%1 is not an image this app can read.")
                            .replace("%1", ", ".join(unreadable)))
        self._attach_images([image for _path, image in loaded if not image.isNull()])

    def _attach_images(self: ChatTab, images: list[QImage]) -> None:
        from playground.model.capabilities import model_info

        for image in images:
            self.attachments.add(image)
        if images and not model_info(self.params.model()).vision:
            self._show_hint(_tr("Note: %1 may not accept images.")
                            .replace("%1", self.params.model()))

    def dragEnterEvent(self: ChatTab, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasImage() or (mime.hasUrls() and any(u.isLocalFile() for u in mime.urls())):
            event.acceptProposedAction()

    def dropEvent(self: ChatTab, event: QDropEvent) -> None:
        mime = event.mimeData()
        if mime.hasImage():
            self._attach_images([QImage(mime.imageData())])
        else:
            self._attach_files([u.toLocalFile() for u in mime.urls() if u.isLocalFile()])
        event.acceptProposedAction()
