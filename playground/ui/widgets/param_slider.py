"""A labelled slider with a numeric box and a reset button, for one sampling parameter.

An `optional` slider starts unset: its box reads "server default" and `current()` is None,
so nothing is sent and the server's own default applies (llama.cpp's temperature is 0.8,
OpenAI's 1). Moving the slider or typing a value sets it; reset (or stepping below the
minimum) unsets it again. The unset state is the box's minimum, one step below the range.
"""

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
    """`value()` is a float (or int when decimals == 0), the default while unset; `current()`
    is None while unset. `valueChanged(float)` on any change."""

    valueChanged = Signal(float)

    def __init__(
        self, object_name: str, label: str, minimum: float, maximum: float, default: float,
        *, decimals: int = 2, step: float = 0.01, tooltip: str = "", optional: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setAccessibleName(label)
        self._default = default
        self._scale = 10**decimals
        self._syncing = False
        self._optional = optional
        self._minimum = minimum
        self._set = not optional

        self._label = QLabel(label)
        self._spin = QDoubleSpinBox()
        self._spin.setObjectName(f"{object_name}Value")
        self._spin.setAccessibleName(self.tr("%1 value").replace("%1", label))
        self._spin.setDecimals(decimals)
        self._spin.setSingleStep(step)
        self._spin.setKeyboardTracking(False)
        if optional:
            self._spin.setSpecialValueText(self.tr("server default"))
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
        if optional:
            self.reset()
        else:
            self.setValue(default)
        self._from_spin(self._spin.value())  # sync the handle even if the value did not change

    def setRange(self, minimum: float, maximum: float) -> None:
        self._minimum = minimum
        # An optional box reaches one step lower: its "server default" (unset) state.
        self._spin.setRange(minimum - (1 / self._scale if self._optional else 0), maximum)
        self._slider.setRange(round(minimum * self._scale), round(maximum * self._scale))
        self._slider.setPageStep(max(1, (self._slider.maximum() - self._slider.minimum()) // 20))

    def maximum(self) -> float:
        return self._spin.maximum()

    def value(self) -> float:
        return self._spin.value() if self._set else self._default

    def current(self) -> float | None:
        """The value to send: None while an optional slider is unset."""
        return self._spin.value() if self._set else None

    def setValue(self, value: float) -> None:
        self._spin.setValue(max(self._minimum, value))

    def setDefault(self, value: float) -> None:
        self._default = value
        if not self._set:
            self._sync_handle(value)

    def is_default(self) -> bool:
        if self._optional:
            return not self._set
        return abs(self.value() - self._default) < 1 / self._scale / 2

    def reset(self) -> None:
        if self._optional:
            self._spin.setValue(self._spin.minimum())  # shows "server default"
        else:
            self.setValue(self._default)

    def _from_slider(self, raw: int) -> None:
        if not self._syncing:
            self._spin.setValue(raw / self._scale)
            if not self._set:  # moved onto the value the unset box stood for
                self._from_spin(self._spin.value())

    def _from_spin(self, value: float) -> None:
        self._set = not self._optional or value >= self._minimum - 1 / self._scale / 2
        self._sync_handle(value if self._set else self._default)
        self._reset.setEnabled(not self.is_default())
        self.valueChanged.emit(self.value())

    def _sync_handle(self, value: float) -> None:
        self._syncing = True
        try:
            self._slider.setValue(round(value * self._scale))
        finally:
            self._syncing = False
