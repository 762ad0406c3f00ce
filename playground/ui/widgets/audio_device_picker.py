"""Fill a device combo box: the system default, the connected devices, and a remembered
device that is unplugged (kept, marked, so the user's choice is not silently lost)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox

from playground.audio.devices import DEFAULT, Device


def fill_device_picker(picker: QComboBox, devices: Sequence[Device], wanted: str) -> None:
    picker.clear()
    picker.addItem(QCoreApplication.translate("DevicePicker", "System default"), DEFAULT)
    for device in devices:
        picker.addItem(device.name, device.name)
    if wanted and picker.findData(wanted) < 0:
        picker.addItem(QCoreApplication.translate("DevicePicker", "{0} (not connected)")
                       .format(wanted), wanted)
    picker.setCurrentIndex(max(0, picker.findData(wanted)))
