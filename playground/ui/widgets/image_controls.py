# mypy: disable-error-code="method-assign,assignment,list-item,arg-type,attr-defined,union-attr"
# (`size` and `style` controls shadow QWidget methods; renaming them would break saved
# settings keys and tests: the shadowing is deliberate and local to this widget)
"""The request controls of the Images tab: only those the chosen model accepts are shown."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QSpinBox, QWidget

from playground.api.images import ImageModelControls, ImageRequest, controls_for


class ImageControls(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imageControls")
        self._controls = controls_for("dall-e-3")
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self._form = form

        self.size = self._combo("imageSizePicker", self.tr("Image size"))
        self.quality = self._combo("imageQualityPicker", self.tr("Quality"))
        self.style = self._combo("imageStylePicker", self.tr("Style"))
        self.count = self._spin("imageCountSpin", self.tr("Number of images"), 1, 10)
        self.background = self._combo("imageBackgroundPicker", self.tr("Background"))
        self.output_format = self._combo("imageFormatPicker", self.tr("Output format"))
        self.compression = self._spin("imageCompressionSpin",
                                      self.tr("Compression (JPEG and WebP)"), 0, 100)
        self.compression.setValue(100)
        self.compression.setSuffix(" %")
        self.response_format = self._combo("imageResponseFormatPicker",
                                           self.tr("Response format"))
        self.partials = self._spin("imagePartialSpin", self.tr("Partial previews"), 0, 3)
        self.partials.setToolTip(self.tr("Drafts streamed while the image is made (0 = none)"))

        self._rows: list[tuple[str, QWidget]] = [
            (self.tr("Size"), self.size), (self.tr("Quality"), self.quality),
            (self.tr("Style"), self.style), (self.tr("Images"), self.count),
            (self.tr("Background"), self.background), (self.tr("Format"), self.output_format),
            (self.tr("Compression"), self.compression),
            (self.tr("Response"), self.response_format), (self.tr("Previews"), self.partials),
        ]
        for label, widget in self._rows:
            form.addRow(QLabel(label, self), widget)
        self.output_format.currentTextChanged.connect(self._update_compression)
        self.set_model("dall-e-3")

    def _combo(self, name: str, accessible: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        combo.currentIndexChanged.connect(self.changed)
        return combo

    def _spin(self, name: str, accessible: str, low: int, high: int) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setObjectName(name)
        spin.setAccessibleName(accessible)
        spin.setRange(low, high)
        spin.valueChanged.connect(self.changed)
        return spin

    def model_controls(self) -> ImageModelControls:
        return self._controls

    def set_model(self, model: str, mode: str = "generate") -> None:
        """Show the model's controls; keep current choices where the new model has them too."""
        controls = self._controls = controls_for(model)
        _fill(self.size, controls.sizes, "1024x1024")
        _fill(self.quality, controls.qualities, "auto" if "auto" in controls.qualities
              else "standard")
        _fill(self.style, controls.styles, "vivid")
        _fill(self.background, controls.backgrounds, "auto")
        _fill(self.output_format, controls.output_formats, "png")
        _fill(self.response_format, controls.response_formats, "b64_json")
        self.count.setMaximum(controls.max_n)
        streams = controls.streams and mode != "variation"
        shown = {
            self.size: bool(controls.sizes), self.quality: bool(controls.qualities),
            self.style: bool(controls.styles) and mode == "generate",
            self.count: controls.max_n > 1, self.background: bool(controls.backgrounds),
            self.output_format: bool(controls.output_formats),
            self.compression: bool(controls.output_formats),
            self.response_format: bool(controls.response_formats), self.partials: streams,
        }
        for _, widget in self._rows:
            self._form.setRowVisible(widget, shown[widget])
        self._update_compression()
        self.changed.emit()

    def visible_controls(self) -> list[str]:
        """objectNames of the controls shown for the current model (tests and accessibility)."""
        return [w.objectName() for _, w in self._rows if self._form.isRowVisible(w)]

    def _update_compression(self) -> None:
        self.compression.setEnabled(self.output_format.currentText() in ("jpeg", "webp"))

    def request(self, model: str, prompt: str) -> ImageRequest:
        c = self._controls
        fmt = self.output_format.currentText() if c.output_formats else None
        return ImageRequest(
            model=model, prompt=prompt,
            size=self.size.currentText() or None,
            n=self.count.value() if c.max_n > 1 else 1,
            quality=(self.quality.currentText() or None) if c.qualities else None,
            style=(self.style.currentText() or None) if c.styles else None,
            background=(self.background.currentText() or None) if c.backgrounds else None,
            output_format=fmt,
            output_compression=self.compression.value() if fmt in ("jpeg", "webp") else None,
            response_format=(self.response_format.currentText() or None)
            if c.response_formats else None,
            partial_images=self.partials.value() if c.streams else 0,
        )

    def apply(self, settings: dict[str, Any]) -> None:
        """Set every control from a stored request (Re-run from the gallery)."""
        for combo, key in ((self.size, "size"), (self.quality, "quality"),
                           (self.style, "style"), (self.background, "background"),
                           (self.output_format, "output_format"),
                           (self.response_format, "response_format")):
            value = settings.get(key)
            if value is not None and combo.findText(str(value)) >= 0:
                combo.setCurrentText(str(value))
        self.count.setValue(int(settings.get("n", 1)))
        if settings.get("output_compression") is not None:
            self.compression.setValue(int(settings["output_compression"]))
        self.partials.setValue(int(settings.get("partial_images", 0)))


def _fill(combo: QComboBox, values: tuple[str, ...], preferred: str) -> None:
    current = combo.currentText()
    combo.blockSignals(True)
    combo.clear()
    combo.addItems(list(values))
    choice = current if current in values else preferred
    if choice in values:
        combo.setCurrentText(choice)
    combo.blockSignals(False)
