"""PyInstaller runtime hook: let sounddevice load the PortAudio shipped inside the bundle.

sounddevice looks PortAudio up with ctypes.util.find_library("portaudio"), which on Linux
asks ldconfig and so never sees the bundle. The bundled copy is preferred so that the app
runs the same PortAudio on every machine; without it the system's lookup is used.
"""

import ctypes.util
import sys
from pathlib import Path

_system_find_library = ctypes.util.find_library


def _find_library(name: str) -> str | None:
    if name == "portaudio":
        bundled = sorted(Path(getattr(sys, "_MEIPASS", "")).glob("libportaudio.so*"))
        if bundled:
            return str(bundled[0])
    return _system_find_library(name)


ctypes.util.find_library = _find_library
