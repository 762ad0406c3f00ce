"""WaveformView: the shape of a clip or a live recording, with a playhead.

Holds peaks per 10 ms, not samples, so an hour of audio costs 360k floats and a repaint
reduces them to one bar per pixel column.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

PEAK_SECONDS = 0.01


def peaks_of(samples: np.ndarray, rate: int) -> np.ndarray:
    """Absolute peak per 10 ms of mono samples."""
    bin_size = max(1, int(rate * PEAK_SECONDS))
    whole = len(samples) // bin_size * bin_size
    peaks = np.abs(samples[:whole]).reshape(-1, bin_size).max(axis=1) if whole else np.zeros(0)
    if whole < len(samples):
        peaks = np.append(peaks, np.abs(samples[whole:]).max())
    return peaks.astype(np.float32)


class WaveformView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("waveform")
        self.setAccessibleName(self.tr("Waveform"))
        self.setMinimumHeight(64)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._peaks = np.zeros(0, dtype=np.float32)
        self._chunks: list[np.ndarray] = []  # appended live, joined lazily at paint time
        self._pending = np.zeros(0, dtype=np.float32)  # streamed samples short of a whole bin
        self._playhead: float | None = None  # seconds

    def sizeHint(self) -> QSize:
        return QSize(480, 96)

    # ---- data ----
    def clear(self) -> None:
        self._peaks = np.zeros(0, dtype=np.float32)
        self._chunks.clear()
        self._pending = np.zeros(0, dtype=np.float32)
        self._playhead = None
        self.update()

    def set_samples(self, samples: np.ndarray, rate: int) -> None:
        self.clear()
        self._peaks = peaks_of(samples, rate)
        self.update()

    def append_samples(self, samples: np.ndarray, rate: int) -> None:
        """Streamed audio: a chunk's partial bin waits for the next chunk, else every chunk
        would add a whole 10 ms and the drawing would outgrow the audio."""
        bin_size = max(1, int(rate * PEAK_SECONDS))
        joined = np.concatenate([self._pending, np.asarray(samples, dtype=np.float32)])
        whole = len(joined) // bin_size * bin_size
        self._pending = joined[whole:]
        if whole:
            self.append_peaks(peaks_of(joined[:whole], rate))
        elif len(self._pending):
            self.update()

    def append_peaks(self, peaks: np.ndarray) -> None:
        if len(peaks):
            self._chunks.append(peaks.astype(np.float32, copy=False))
            self.update()

    def set_playhead(self, seconds: float | None) -> None:
        self._playhead = seconds
        self.update()

    @property
    def seconds(self) -> float:
        return len(self._all_peaks()) * PEAK_SECONDS

    def _all_peaks(self) -> np.ndarray:
        if self._chunks:
            self._peaks = np.concatenate([self._peaks, *self._chunks])
            self._chunks.clear()
        if len(self._pending):  # the last, partial bin of a stream
            return np.append(self._peaks, np.abs(self._pending).max())
        return self._peaks

    def played_columns(self, width: int) -> int:
        """How many of `width` pixel columns lie before the playhead."""
        if self._playhead is None:
            return width
        total = max(PEAK_SECONDS, len(self._all_peaks()) * PEAK_SECONDS)
        return round(width * min(1.0, self._playhead / total))

    # ---- painting ----
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        rect = QRectF(self.rect())
        painter.fillRect(rect, palette.color(QPalette.ColorRole.Base))
        peaks = self._all_peaks()
        width = max(1, int(rect.width()))
        mid = rect.height() / 2
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(QPointF(0, mid), QPointF(rect.width(), mid))
        if len(peaks):
            columns = _columns(peaks, width)
            played = self.played_columns(width)
            accent = palette.color(QPalette.ColorRole.Highlight)
            dim = QColor(accent)
            dim.setAlpha(110)
            heights = np.maximum(1.0, columns * (mid - 2))
            # One drawLines per colour: few calls into Qt per paint, not two per column.
            bars = [QLineF(x + 0.5, mid - h, x + 0.5, mid + h)
                    for x, h in enumerate(heights.tolist())]
            painter.setPen(accent)
            painter.drawLines(bars[:played])
            painter.setPen(dim)
            painter.drawLines(bars[played:])
            if self._playhead is not None:
                painter.setPen(QColor("#d0342c"))
                painter.drawLine(QPointF(played + 0.5, 0), QPointF(played + 0.5, rect.height()))
        painter.end()


def _columns(peaks: np.ndarray, width: int) -> np.ndarray:
    """One peak per pixel column (max over the bins it covers); short audio is stretched."""
    if len(peaks) <= width:
        index = (np.arange(width) * len(peaks) / width).astype(int)
        return np.asarray(peaks[index])
    edges = (np.arange(width + 1) * len(peaks) / width).astype(int)
    return np.maximum.reduceat(peaks, edges[:-1])
