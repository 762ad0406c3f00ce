"""Light/dark: follow the system palette unless the user picked one in preferences."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from playground import settings as prefs
from playground.settings import Settings


def apply_theme(app: QApplication, settings: Settings) -> None:
    choice = settings.value(prefs.THEME)
    scheme = {
        "light": Qt.ColorScheme.Light,
        "dark": Qt.ColorScheme.Dark,
    }.get(choice, Qt.ColorScheme.Unknown)  # Unknown = follow the system
    hints = QGuiApplication.styleHints()
    if hasattr(hints, "setColorScheme"):
        hints.setColorScheme(scheme)
    if choice != "system" or app.style().name().lower() != "fusion":
        # Fusion honours the colour scheme on every platform (native styles may not); the
        # proxy keeps check box outlines visible on a dark palette.
        from playground.ui.theme_style import VisibleIndicatorStyle

        if not isinstance(app.style(), VisibleIndicatorStyle):
            app.setStyle(VisibleIndicatorStyle())
    from playground.ui.theme_palette import apply_palette

    apply_palette(app, choice)  # X11/offscreen ignore setColorScheme: set the palette too


def is_dark(app: QApplication | None = None) -> bool:
    app = app or QApplication.instance()  # type: ignore[assignment]
    if app is None:
        return False
    return app.palette().window().color().lightness() < 128
