"""Paint the area to change over the source image: brush, size, erase, clear; drop an image.

The painted strokes live in an image of the source's own size (full-opacity paint, shown
half-transparent), so the exported mask is exactly as large as the image, with alpha 0 where
the user painted: what the edits endpoint calls "the area to edit".
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QSlider,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

PAINT_COLOR = QColor(255, 40, 90)


class MaskCanvas(QWidget):
    """The image, scaled to fit, with the painted area over it."""

    imageDropped = Signal(str)  # a local file path dropped on the canvas
    maskChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("maskCanvas")
        self.setAccessibleName(self.tr("Mask painting area"))
        self.setAcceptDrops(True)
        self.setMinimumSize(240, 200)
        self.setMouseTracking(True)
        self._image = QImage()
        self._strokes = QImage()
        self.brush_radius = 40  # image pixels
        self.erasing = False
        self.painting_enabled = True
        self._last: QPointF | None = None
        self._hover: QPointF | None = None

    # ---- state ----
    def image(self) -> QImage:
        return self._image

    def set_image(self, image: QImage) -> None:
        self._image = image
        self._strokes = QImage(image.size(), QImage.Format.Format_ARGB32_Premultiplied)
        self._strokes.fill(Qt.GlobalColor.transparent)
        self.update()
        self.maskChanged.emit()

    def clear_mask(self) -> None:
        if not self._strokes.isNull():
            self._strokes.fill(Qt.GlobalColor.transparent)
            self.update()
            self.maskChanged.emit()

    def set_mask(self, mask: QImage) -> None:
        """Load a mask made elsewhere (alpha 0 = edit); the caller checked the size."""
        strokes = QImage(mask.size(), QImage.Format.Format_ARGB32_Premultiplied)
        strokes.fill(PAINT_COLOR)
        painter = QPainter(strokes)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationOut)
        painter.drawImage(0, 0, mask.convertToFormat(QImage.Format.Format_ARGB32))
        painter.end()
        self._strokes = strokes
        self.update()
        self.maskChanged.emit()

    def has_mask(self) -> bool:
        if self._strokes.isNull():
            return False
        # Cheap check on a small copy: any painted pixel survives a smooth downscale.
        small = self._strokes.scaled(64, 64, Qt.AspectRatioMode.IgnoreAspectRatio,
                                     Qt.TransformationMode.SmoothTransformation)
        return any(small.pixelColor(x, y).alpha() for y in range(64) for x in range(64))

    def mask_image(self) -> QImage:
        """Opaque black with alpha 0 where painted; the same size as the image."""
        mask = QImage(self._image.size(), QImage.Format.Format_ARGB32)
        mask.fill(QColor(0, 0, 0, 255))
        painter = QPainter(mask)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationOut)
        painter.drawImage(0, 0, self._strokes)
        painter.end()
        return mask

    # ---- geometry ----
    def _target(self) -> QRectF:
        if self._image.isNull():
            return QRectF()
        size = QSize(self._image.size()).scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x = (self.width() - size.width()) / 2
        y = (self.height() - size.height()) / 2
        return QRectF(x, y, size.width(), size.height())

    def _to_image(self, pos: QPointF) -> QPointF:
        target = self._target()
        scale = self._image.width() / target.width()
        return QPointF((pos.x() - target.x()) * scale, (pos.y() - target.y()) * scale)

    # ---- painting ----
    def stroke(self, start: QPointF, end: QPointF) -> None:
        """Paint (or erase) a round-capped line in image coordinates."""
        if self._strokes.isNull():
            return
        painter = QPainter(self._strokes)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.erasing:
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
        pen = QPen(PAINT_COLOR, self.brush_radius * 2, Qt.PenStyle.SolidLine,
                   Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        if start == end:  # a click without a drag: a dot (a zero-length line draws nothing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(PAINT_COLOR)
            painter.drawEllipse(start, self.brush_radius, self.brush_radius)
        else:
            painter.drawLine(start, end)
        painter.end()
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.painting_enabled \
                and not self._image.isNull():
            self._last = self._to_image(event.position())
            self.stroke(self._last, self._last)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._hover = event.position()
        if self._last is not None:
            point = self._to_image(event.position())
            self.stroke(self._last, point)
            self._last = point
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._last is not None:
            self._last = None
            self.maskChanged.emit()

    def leaveEvent(self, event) -> None:
        self._hover = None
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        if self._image.isNull():
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             self.tr("Open or drop an image here"))
            return
        target = self._target()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(target, self._image)
        painter.setOpacity(0.5)
        painter.drawImage(target, self._strokes)
        painter.setOpacity(1.0)
        if self._hover is not None and self.painting_enabled:
            radius = self.brush_radius * target.width() / self._image.width()
            painter.setPen(QPen(QColor(255, 255, 255), 1.5, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(self._hover, radius, radius)

    # ---- drop ----
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.imageDropped.emit(url.toLocalFile())
                event.acceptProposedAction()
                return


class MaskEditor(QWidget):
    """The canvas with its tools: open, brush size, erase, clear."""

    openRequested = Signal()
    loadMaskRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("maskEditor")
        self.canvas = MaskCanvas(self)

        self.open_button = QPushButton(self.tr("Open image…"), self)
        self.open_button.setObjectName("openImageButton")
        self.open_button.setAccessibleName(self.tr("Open source image"))
        self.open_button.clicked.connect(self.openRequested)

        self.load_mask_button = QPushButton(self.tr("Load mask…"), self)
        self.load_mask_button.setObjectName("loadMaskButton")
        self.load_mask_button.setAccessibleName(self.tr("Load a mask image from a file"))
        self.load_mask_button.clicked.connect(self.loadMaskRequested)

        self.size_label = QLabel(self)
        self.brush_size = QSlider(Qt.Orientation.Horizontal, self)
        self.brush_size.setObjectName("maskBrushSize")
        self.brush_size.setAccessibleName(self.tr("Brush size"))
        self.brush_size.setRange(4, 300)
        self.brush_size.setValue(self.canvas.brush_radius)
        self.brush_size.setFixedWidth(140)
        self.brush_size.valueChanged.connect(self._set_radius)
        self._set_radius(self.brush_size.value())

        self.erase_button = QToolButton(self)
        self.erase_button.setObjectName("maskEraseButton")
        self.erase_button.setText(self.tr("Erase"))
        self.erase_button.setAccessibleName(self.tr("Erase painted areas"))
        self.erase_button.setCheckable(True)
        self.erase_button.toggled.connect(self._set_erasing)

        self.clear_button = QToolButton(self)
        self.clear_button.setObjectName("maskClearButton")
        self.clear_button.setText(self.tr("Clear mask"))
        self.clear_button.setAccessibleName(self.tr("Clear the painted mask"))
        self.clear_button.clicked.connect(self.canvas.clear_mask)

        self.hint = QLabel(self.tr("Paint over the areas the model should change."), self)
        self.hint.setObjectName("maskHint")
        self.hint.setWordWrap(True)

        # A toolbar: what does not fit goes to its overflow menu on a narrow window.
        tools = QToolBar(self)
        tools.setObjectName("maskTools")
        for first in (self.open_button, self.load_mask_button):
            tools.addWidget(first)
        tools.addSeparator()
        for second in (self.size_label, self.brush_size, self.erase_button, self.clear_button):
            tools.addWidget(second)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(tools)
        layout.addWidget(self.hint)
        layout.addWidget(self.canvas, 1)

    def set_painting_enabled(self, enabled: bool) -> None:
        """Variations take no mask: the same panel then only shows the source image."""
        self.canvas.painting_enabled = enabled
        for widget in (self.brush_size, self.erase_button, self.clear_button, self.size_label,
                       self.load_mask_button):
            widget.setVisible(enabled)
        self.hint.setText(self.tr("Paint over the areas the model should change.") if enabled
                          else self.tr("Variations are made from the whole image."))

    def _set_radius(self, value: int) -> None:
        self.canvas.brush_radius = value
        self.size_label.setText(self.tr("Brush: %n px", "", value))

    def _set_erasing(self, on: bool) -> None:
        self.canvas.erasing = on
