"""The app's window and taskbar icon, from the PNGs shipped in playground/data/icons."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from playground import APP_ID
from playground.desktop_entry import ICON_SIZES
from playground.resources import resources_dir


def app_icon() -> QIcon:
    """Every shipped size, so Qt never scales a 512 px image down to 16 px itself.
    PNGs rather than the SVG: no SVG icon engine is needed to show it."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(resources_dir() / "icons" / f"{size}x{size}" / f"{APP_ID}.png"))
    return icon
