"""Audio devices by name. PortAudio is loaded lazily; its absence is a clear AudioDeviceError."""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import Literal

from playground.audio.errors import AudioDeviceError

Direction = Literal["input", "output"]
DEFAULT = ""  # the system default device


@dataclass(frozen=True)
class Device:
    index: int
    name: str
    default_rate: int


def sounddevice() -> ModuleType:
    try:
        import sounddevice as sd
    except OSError as exc:  # libportaudio missing
        raise AudioDeviceError(
            f"Audio is unavailable: the PortAudio library could not be loaded ({exc})."
        ) from exc
    return sd  # type: ignore[no-any-return]  # sounddevice ships no type information


def list_devices(direction: Direction) -> list[Device]:
    sd = sounddevice()
    key = "max_input_channels" if direction == "input" else "max_output_channels"
    try:
        found = sd.query_devices()
    except sd.PortAudioError as exc:
        raise AudioDeviceError(f"Could not list audio devices: {exc}") from exc
    return [Device(int(d["index"]), str(d["name"]), int(d["default_samplerate"]))
            for d in found if d[key] > 0]


def resolve(direction: Direction, name: str = DEFAULT) -> Device:
    """The device called `name` (or the default); AudioDeviceError says what is wrong."""
    devices = list_devices(direction)
    noun = "microphone or input" if direction == "input" else "speaker or output"
    if not devices:
        raise AudioDeviceError(f"No audio {noun} device was found.")
    if name:
        for device in devices:
            if device.name == name:
                return device
        raise AudioDeviceError(
            f"The {direction} device “{name}” is not connected. Choose another in the list."
        )
    sd = sounddevice()
    try:
        default = sd.query_devices(kind=direction)
    except (sd.PortAudioError, ValueError):
        return devices[0]  # no default set: the first usable device
    for device in devices:
        if device.name == default["name"]:
            return device
    return devices[0]


def open_failure(direction: Direction, device: Device, exc: BaseException) -> AudioDeviceError:
    """A stream that would not open: usually the device is busy or gone."""
    return AudioDeviceError(
        f"Could not open the {direction} device “{device.name}” (it may be busy or "
        f"unplugged): {exc}"
    )
