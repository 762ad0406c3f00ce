# mypy: disable-error-code="misc"
# (a mixin typed by `self: ImagesTab`: mypy cannot see ImagesTab derives from it)
"""The Images tab's files: save the shown image as PNG, JPEG or WebP; open the image to edit
or vary and its mask. Reading, decoding and converting run in worker threads."""

from __future__ import annotations

import asyncio
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog

from playground.api.image_inputs import ImageInputError, probe
from playground.settings import IMAGE_SAVE_FOLDER
from playground.storage.gallery import GalleryEntry
from playground.ui.async_slot import async_slot
from playground.ui.file_names import suggested_name
from playground.ui.tabs.images_layout import RESULT_ICON

if TYPE_CHECKING:
    from playground.ui.tabs.images import ImagesTab

_OPEN_FILTER = "Images (*.png *.jpg *.jpeg *.webp *.gif *.bmp *.tif *.tiff);;All files (*)"


@dataclass
class Shown:
    """The image in the preview: its bytes (for save/copy/send) and where it is stored."""

    data: bytes
    mime: str
    image: QImage
    entry: GalleryEntry | None = None


def decode_image(data: bytes) -> tuple[QImage, QImage]:
    """Full image and result-strip icon, decoded in a worker thread."""
    image = QImage.fromData(data)
    icon = image.scaled(RESULT_ICON, RESULT_ICON, Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation)
    return image, icon


def encode_png(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub wants bytes; str works
    return bytes(buffer.data().data())


def _save_as(data: bytes, path: Path) -> None:
    """Write `data` in the format the file name asks for (Pillow converts when needed)."""
    from PIL import Image

    fmt = {".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}.get(path.suffix.lower(), "PNG")
    picture: Image.Image = Image.open(io.BytesIO(data))
    if picture.format == fmt:
        path.write_bytes(data)
        return
    if fmt == "JPEG" and picture.mode not in ("RGB", "L"):
        picture = picture.convert("RGB")  # JPEG has no alpha
    picture.save(path, fmt, **({"quality": 92} if fmt != "PNG" else {}))


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImagesTab", text)  # the tab's catalog context


class ImageFiles:
    """Mixed into ImagesTab (whose preview, editor and settings it uses)."""

    _shown: Shown | None
    _source: tuple[bytes, str] | None  # (bytes, file name) to edit or vary

    def _ask_save(self: ImagesTab) -> None:
        if self._shown is None:
            return
        dialog = QFileDialog(self, _tr("Save image"), self._settings.value(IMAGE_SAVE_FOLDER))
        dialog.setObjectName("saveImageDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters([_tr("PNG image (*.png)"), _tr("JPEG image (*.jpg)"),
                               _tr("WebP image (*.webp)")])
        dialog.setDefaultSuffix("png")
        prompt = self._shown.entry.prompt if self._shown.entry else self._prompt.toPlainText()
        dialog.selectFile(suggested_name(prompt, "png", "image"))
        dialog.fileSelected.connect(self.save_to)
        dialog.open()

    @async_slot(str)
    async def save_to(self: ImagesTab, path: str) -> None:
        if self._shown is None or not path:
            return
        target = Path(path)
        try:
            await asyncio.to_thread(_save_as, self._shown.data, target)
        except (OSError, ValueError) as exc:
            self._show_message((_tr("Could not save %1: %2")
                                .replace("%1", str(target))
                                .replace("%2", str(exc))),
                               error=True)
            return
        self._settings.put(IMAGE_SAVE_FOLDER, str(target.parent))
        self._show_message(_tr("Saved %1.").replace("%1", str(target.name)))

    # ------------------------------------------------------------------ source and mask
    def _ask_open(self: ImagesTab) -> None:
        dialog = QFileDialog(self, _tr("Open image"))
        dialog.setObjectName("openImageDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(_tr(_OPEN_FILTER))
        dialog.fileSelected.connect(self.load_source)
        dialog.open()

    def _ask_mask(self: ImagesTab) -> None:
        dialog = QFileDialog(self, _tr("Open mask"))
        dialog.setObjectName("openMaskDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(_tr(_OPEN_FILTER))
        dialog.fileSelected.connect(self.load_mask)
        dialog.open()

    async def _read_image(self: ImagesTab, path: str) -> tuple[bytes, QImage] | None:
        file = Path(path)
        try:
            data = await asyncio.to_thread(file.read_bytes)
            await asyncio.to_thread(probe, data, file.name)
            image, _icon = await asyncio.to_thread(decode_image, data)
        except OSError as exc:
            self._show_message((_tr("Could not read %1: %2")
                                .replace("%1", str(file.name))
                                .replace("%2", str(exc.strerror or exc))),
                               error=True)
            return None
        except ImageInputError as exc:
            self._show_message(str(exc), error=True)
            return None
        if image.isNull():  # Pillow reads it but Qt cannot show it (rare formats)
            self._show_message(_tr("%1 cannot be shown here.").replace("%1", str(file.name)),
                               error=True)
            return None
        return data, image

    @async_slot(str)
    async def load_source(self: ImagesTab, path: str) -> None:
        """Open or drop: the image to edit or vary (the previous one stays on failure)."""
        read = await self._read_image(path)
        if read is None:
            return
        data, image = read
        self._source = (data, Path(path).name)
        self._editor.canvas.set_image(image)
        if self._mode() == "generate":
            self.set_mode("edit")
        self._canvas_tabs.setCurrentIndex(1)
        self._show_message(_tr("%1: %2×%3")
                            .replace("%1", str(Path(path).name))
                            .replace("%2", str(image.width()))
                            .replace("%3", str(image.height())))

    @async_slot(str)
    async def load_mask(self: ImagesTab, path: str) -> None:
        read = await self._read_image(path)
        if read is None:
            return
        _data, mask = read
        source = self._editor.canvas.image()
        if source.isNull():
            self._show_message(_tr("Open the image before its mask."), error=True)
            return
        if mask.size() != source.size():
            self._show_message((_tr("The mask is %1×%2 but the image is %3×%4; they must "
                                        "be the same size.")
                                .replace("%1", str(mask.width()))
                                .replace("%2", str(mask.height()))
                                .replace("%3", str(source.width()))
                                .replace("%4", str(source.height()))),
                error=True)
            return
        self._editor.canvas.set_mask(mask)
