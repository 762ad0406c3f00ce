"""The message box (Ctrl+Enter sends, pasted images become attachments) and its image strip."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPlainTextEdit,
    QToolButton,
    QWidget,
)

THUMB = 56
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp")


class ChatInput(QPlainTextEdit):
    submitted = Signal()
    imagesPasted = Signal(list)  # list[QImage]: image data on the clipboard
    filesPasted = Signal(list)  # list[str]: local files, decoded off the UI thread by the tab

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatInput")
        self.setAccessibleName(self.tr("Message"))
        self.setPlaceholderText(self.tr("Type a message — Ctrl+Enter to send"))
        self.send_on_enter = False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            mods = event.modifiers()
            if mods & Qt.KeyboardModifier.ControlModifier or (
                self.send_on_enter and not mods & Qt.KeyboardModifier.ShiftModifier
            ):
                self.submitted.emit()
                return
        super().keyPressEvent(event)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasImage() or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasImage():
            image = QImage(source.imageData())
            if not image.isNull():
                self.imagesPasted.emit([image])
                return
        if source.hasUrls() and all(u.isLocalFile() for u in source.urls()):
            paths = [u.toLocalFile() for u in source.urls()]
            if any(path.lower().endswith(IMAGE_SUFFIXES) for path in paths):
                self.filesPasted.emit(paths)
                return
        super().insertFromMimeData(source)


class AttachmentStrip(QWidget):
    """Thumbnails of the images attached to the next message, each removable."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentStrip")
        self.setAccessibleName(self.tr("Attached images"))
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addStretch(1)
        self._images: list[QImage] = []
        self.setVisible(False)

    def images(self) -> list[QImage]:
        return list(self._images)

    def add(self, image: QImage) -> None:
        self._images.append(image)
        button = QToolButton()
        button.setObjectName("attachmentThumb")
        button.setAccessibleName(self.tr("Remove attached image %1").replace(
            "%1", str(len(self._images))))
        button.setToolTip(self.tr("%1 × %2 px — click to remove")
                          .replace("%1", str(image.width())).replace("%2", str(image.height())))
        pix = QPixmap.fromImage(image.scaled(
            THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation))
        button.setIcon(QIcon(pix))
        button.setIconSize(QSize(THUMB, THUMB))
        button.clicked.connect(lambda: self._remove(button, image))
        self._layout.insertWidget(self._layout.count() - 1, button)
        self.setVisible(True)
        self.changed.emit()

    def _remove(self, button: QToolButton, image: QImage) -> None:
        self._images = [i for i in self._images if i is not image]
        button.deleteLater()
        self.setVisible(bool(self._images))
        self.changed.emit()

    def clear(self) -> None:
        while self._layout.count() > 1:
            item = self._layout.takeAt(0)
            widget = item.widget() if item else None
            if widget is not None:
                widget.deleteLater()
        self._images.clear()
        self.setVisible(False)
        self.changed.emit()
