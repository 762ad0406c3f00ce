"""Fill a device combo box: the system default, the connected devices, and a remembered
device that is unplugged (kept, marked, so the user's choice is not silently lost)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QComboBox

from playground.audio.devices import DEFAULT, Device, Direction, list_devices
from playground.audio.errors import AudioError


def fill_device_picker(picker: QComboBox, devices: Sequence[Device], wanted: str) -> None:
    picker.clear()
    picker.addItem(QCoreApplication.translate("DevicePicker", "System default"), DEFAULT)
    for device in devices:
        picker.addItem(device.name, device.name)
    if wanted and picker.findData(wanted) < 0:
        picker.addItem((QCoreApplication.translate("DevicePicker", "%1 (not connected)")
                        .replace("%1", str(wanted))), wanted)
    picker.setCurrentIndex(max(0, picker.findData(wanted)))


async def refresh_device_picker(picker: QComboBox, direction: Direction, wanted: str,
                                on_error: Callable[[str], None]) -> None:
    """List the devices off the UI thread (PortAudio can be slow), then fill `picker`; a
    failure is reported through `on_error` and leaves the system default selectable."""
    try:
        devices = await asyncio.to_thread(list_devices, direction)
    except AudioError as exc:
        devices = []
        on_error(str(exc))
    fill_device_picker(picker, devices, wanted)


class DeviceLister(QObject):
    """Lists devices on a worker thread and reports on the UI thread through `listed`
    (input devices, output devices, error text); needs no asyncio loop, so dialogs can use it."""

    listed = Signal(list, list, str)

    def start(self) -> None:
        threading.Thread(target=self._run, name="list-audio-devices", daemon=True).start()

    def _run(self) -> None:
        found: dict[Direction, list[Device]] = {"input": [], "output": []}
        error = ""
        directions: tuple[Direction, ...] = ("input", "output")
        for direction in directions:
            try:
                found[direction] = list_devices(direction)
            except AudioError as exc:
                error = str(exc)
        try:
            self.listed.emit(found["input"], found["output"], error)  # queued to the UI thread
        except RuntimeError:  # the dialog was closed (and this object deleted) meanwhile
            pass
