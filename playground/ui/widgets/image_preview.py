"""A picture you can zoom (Ctrl+wheel, buttons), fit to the view, show at 1:1 and pan (drag)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap, QWheelEvent
from PySide6.QtWidgets import QGraphicsPixmapItem, QGraphicsScene, QGraphicsView, QWidget

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.05, 16.0


class ImagePreview(QGraphicsView):
    zoomChanged = Signal(float)  # 1.0 = one image pixel per screen pixel

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imagePreview")
        self.setAccessibleName(self.tr("Image preview"))
        self._scene = QGraphicsScene(self)
        self._item = QGraphicsPixmapItem()
        self._item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self._scene.addItem(self._item)
        self.setScene(self._scene)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(200, 160)
        self._fitting = True  # keep fitting on resize until the user zooms
        self._image = QImage()

    def image(self) -> QImage:
        return self._image

    def set_image(self, image: QImage, *, keep_zoom: bool = False) -> None:
        """Show `image`; a partial preview replaced by the final one keeps the user's zoom."""
        self._image = image
        self._item.setPixmap(QPixmap.fromImage(image))
        self._scene.setSceneRect(QRectF(self._item.boundingRect()))
        if self._fitting or not keep_zoom:
            self.fit()

    def clear(self) -> None:
        self._image = QImage()
        self._item.setPixmap(QPixmap())
        self._scene.setSceneRect(QRectF())

    def zoom(self) -> float:
        return self.transform().m11()

    def fit(self) -> None:
        self._fitting = True
        if not self._image.isNull():
            self.fitInView(self._item, Qt.AspectRatioMode.KeepAspectRatio)
            if self.zoom() > 1.0:  # never blow a small image up past 1:1 when fitting
                self.resetTransform()
        self.zoomChanged.emit(self.zoom())

    def actual_size(self) -> None:
        self._fitting = False
        self.resetTransform()
        self.zoomChanged.emit(self.zoom())

    def zoom_in(self) -> None:
        self._zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom_by(1 / ZOOM_STEP)

    def _zoom_by(self, factor: float) -> None:
        self._fitting = False
        target = min(MAX_ZOOM, max(MIN_ZOOM, self.zoom() * factor))
        self.scale(target / self.zoom(), target / self.zoom())
        self.zoomChanged.emit(self.zoom())

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self._zoom_by(ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP)
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._fitting:
            self.fit()
