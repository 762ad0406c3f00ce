"""LevelMeter: the input's peak level in dBFS, as a bar that turns amber then red."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

FLOOR_DB = -60.0


class LevelMeter(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("levelMeter")
        self.setAccessibleName(self.tr("Input level"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(12)
        self._db = FLOOR_DB

    def sizeHint(self) -> QSize:
        return QSize(200, 12)

    @property
    def level_db(self) -> float:
        return self._db

    def set_level(self, dbfs: float) -> None:
        db = max(FLOOR_DB, min(0.0, dbfs))
        if abs(db - self._db) >= 0.5:
            self._db = db
            self.setAccessibleDescription(self.tr("%1 dB").replace("%1", format(db, ".0f")))
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = QRectF(self.rect())
        painter.fillRect(rect, self.palette().color(QPalette.ColorRole.Base))
        fraction = (self._db - FLOOR_DB) / -FLOOR_DB
        color = QColor("#2e9d4f") if self._db < -12 else (
            QColor("#e0a100") if self._db < -3 else QColor("#d0342c"))
        painter.fillRect(QRectF(0, 0, rect.width() * fraction, rect.height()), color)
        painter.setPen(self.palette().color(QPalette.ColorRole.Mid))
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        painter.end()
