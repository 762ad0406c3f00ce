"""Fusion with check box and radio button outlines that show on a dark palette.

Fusion draws those outlines in the window colour darkened by 40 %: on a dark window that is
1.2:1, so an unticked box all but disappears. This proxy redraws the outline in a colour
between text and window (3:1 or more, WCAG's bar for controls) when the palette is dark.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QWidget

_OUTLINED = (QStyle.PrimitiveElement.PE_IndicatorCheckBox,
             QStyle.PrimitiveElement.PE_IndicatorRadioButton)


def outline_color(palette: QPalette) -> QColor:
    """Text mixed half into the window: about 4:1 on the dark palette's window."""
    text = palette.color(QPalette.ColorRole.WindowText)
    window = palette.color(QPalette.ColorRole.Window)
    return QColor.fromRgbF((text.redF() + window.redF()) / 2,
                           (text.greenF() + window.greenF()) / 2,
                           (text.blueF() + window.blueF()) / 2)


class VisibleIndicatorStyle(QProxyStyle):
    def __init__(self) -> None:
        super().__init__("Fusion")

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption,
                      painter: QPainter, widget: QWidget | None = None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        palette = option.palette
        if element not in _OUTLINED or palette.color(QPalette.ColorRole.Window).lightness() >= 128:
            return
        rect = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(outline_color(palette), 1))
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        else:
            painter.drawRect(rect)
        painter.restore()
