"""Images in the chat: QImages to data URLs for the API, and stored data URLs back to bytes."""

from __future__ import annotations

import base64
import contextlib

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage

from playground.model.types import ImageInput

MAX_IMAGE_SIDE = 2048  # the API scales larger images down anyway: send less


def encode_images(images: list[QImage]) -> list[ImageInput]:
    """QImages -> data URLs (PNG, or JPEG for photos), scaled to fit the API's 2048 px.
    Slow for large photos: call it off the UI thread."""
    encoded = []
    for image in images:
        if max(image.width(), image.height()) > MAX_IMAGE_SIDE:
            image = image.scaled(MAX_IMAGE_SIDE, MAX_IMAGE_SIDE,
                                 Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        fmt, mime = ("PNG", "image/png") if image.hasAlphaChannel() else ("JPEG", "image/jpeg")
        image.save(buffer, fmt, 90 if fmt == "JPEG" else -1)  # type: ignore[call-overload]
        buffer.close()
        b64 = base64.b64encode(bytes(data.data())).decode("ascii")
        encoded.append(ImageInput(f"data:{mime};base64,{b64}", "auto",
                                  image.width(), image.height()))
    return encoded


def image_bytes(image: ImageInput) -> bytes:
    if image.url.startswith("data:") and "," in image.url:
        with contextlib.suppress(ValueError):
            return base64.b64decode(image.url.split(",", 1)[1])
    return b""


def sized_placeholders(images: list[QImage]) -> list[ImageInput]:
    """Size-only stand-ins: enough for token counting and View code, no encoding work."""
    return [ImageInput("", "auto", i.width(), i.height()) for i in images]
