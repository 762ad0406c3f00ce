"""A labelled slider with a numeric box and a reset button, for one sampling parameter."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)


class ParamSlider(QWidget):
    """`value()` is a float (or int when decimals == 0); `valueChanged(float)` on any change."""

    valueChanged = Signal(float)

    def __init__(
        self, object_name: str, label: str, minimum: float, maximum: float, default: float,
        *, decimals: int = 2, step: float = 0.01, tooltip: str = "", parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setAccessibleName(label)
        self._default = default
        self._scale = 10**decimals
        self._syncing = False

        self._label = QLabel(label)
        self._spin = QDoubleSpinBox()
        self._spin.setObjectName(f"{object_name}Value")
        self._spin.setAccessibleName(self.tr("%1 value").replace("%1", label))
        self._spin.setDecimals(decimals)
        self._spin.setSingleStep(step)
        self._spin.setKeyboardTracking(False)
        self._slider = QSlider(Qt.Orientation.Horizontal)
        self._slider.setObjectName(f"{object_name}Handle")
        self._slider.setAccessibleName(label)
        self._reset = QToolButton()
        self._reset.setObjectName(f"{object_name}Reset")
        self._reset.setText("↺")
        self._reset.setToolTip(self.tr("Reset to default"))
        self._reset.setAccessibleName(self.tr("Reset %1").replace("%1", label))
        self._reset.setAutoRaise(True)
        if tooltip:
            for w in (self._label, self._slider, self._spin):
                w.setToolTip(tooltip)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self._label, 1)
        top.addWidget(self._spin)
        top.addWidget(self._reset)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 2, 0, 2)
        column.setSpacing(0)
        column.addLayout(top)
        column.addWidget(self._slider)

        self._slider.valueChanged.connect(self._from_slider)
        self._spin.valueChanged.connect(self._from_spin)
        self._reset.clicked.connect(self.reset)
        self.setRange(minimum, maximum)
        self.setValue(default)
        self._from_spin(self._spin.value())  # sync the handle even if the value did not change

    def setRange(self, minimum: float, maximum: float) -> None:
        self._spin.setRange(minimum, maximum)
        self._slider.setRange(round(minimum * self._scale), round(maximum * self._scale))
        self._slider.setPageStep(max(1, (self._slider.maximum() - self._slider.minimum()) // 20))

    def maximum(self) -> float:
        return self._spin.maximum()

    def value(self) -> float:
        return self._spin.value()

    def setValue(self, value: float) -> None:
        self._spin.setValue(value)

    def setDefault(self, value: float) -> None:
        self._default = value

    def is_default(self) -> bool:
        return abs(self.value() - self._default) < 1 / self._scale / 2

    def reset(self) -> None:
        self.setValue(self._default)

    def _from_slider(self, raw: int) -> None:
        if not self._syncing:
            self._spin.setValue(raw / self._scale)

    def _from_spin(self, value: float) -> None:
        self._syncing = True
        try:
            self._slider.setValue(round(value * self._scale))
        finally:
            self._syncing = False
        self._reset.setEnabled(not self.is_default())
        self.valueChanged.emit(value)
