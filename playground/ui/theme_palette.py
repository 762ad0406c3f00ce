"""Explicit light and dark palettes for the manual theme override.

`QStyleHints.setColorScheme` is only a request: platforms without a colour-scheme-aware
theme (plain X11, Wayland without the portal, offscreen) ignore it and stay light. So a
chosen light or dark theme also sets the palette itself; "system" gives the platform's back.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

_Role = QPalette.ColorRole
_Group = QPalette.ColorGroup

# Fusion-style dark colours; text stays above 4.5:1 contrast on window and base.
_DARK = {
    _Role.Window: "#2b2b2b", _Role.WindowText: "#e8e8e8", _Role.Base: "#1f1f1f",
    _Role.AlternateBase: "#2b2b2b", _Role.ToolTipBase: "#3a3a3a", _Role.ToolTipText: "#e8e8e8",
    _Role.PlaceholderText: "#8f8f8f", _Role.Text: "#e8e8e8", _Role.Button: "#363636",
    _Role.ButtonText: "#e8e8e8", _Role.BrightText: "#ff6b6b", _Role.Light: "#4a4a4a",
    _Role.Midlight: "#3e3e3e", _Role.Mid: "#2f2f2f", _Role.Dark: "#1a1a1a",
    _Role.Shadow: "#0d0d0d", _Role.Highlight: "#2f74c8", _Role.HighlightedText: "#ffffff",
    _Role.Link: "#6cb0ff", _Role.LinkVisited: "#b99cff", _Role.Accent: "#2f74c8",
}
_DARK_DISABLED = {
    _Role.WindowText: "#7a7a7a", _Role.Text: "#7a7a7a", _Role.ButtonText: "#7a7a7a",
    _Role.Highlight: "#4a4a4a", _Role.HighlightedText: "#b0b0b0",
}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    for role, colour in _DARK_DISABLED.items():
        palette.setColor(_Group.Disabled, role, QColor(colour))
    return palette


def apply_palette(app: QApplication, choice: str) -> None:
    """choice: "light", "dark" or "system" (the `general/theme` setting)."""
    if choice == "dark":
        app.setPalette(dark_palette())
    elif choice == "light":
        app.setPalette(app.style().standardPalette())  # Fusion's light palette
    else:
        app.setPalette(QPalette())  # an empty palette: the platform's own again


def is_dark(palette: QPalette) -> bool:
    return palette.color(_Role.Window).lightness() < 128


def error_text_color(palette: QPalette) -> QColor:
    """Red text that reads at 4.5:1 or better on the palette's window colour."""
    return QColor("#ff8a80" if is_dark(palette) else "#b3261e")


# Severity hues; the palette decides how strongly they show (see severity_colors).
_SEVERITY_HUES = {"info": None, "warning": "#d9a400", "error": "#dc322f"}


def severity_colors(palette: QPalette, severity: str) -> tuple[QColor, QColor]:
    """(background, accent text) for an info/warning/error box, readable light or dark.

    Info takes the palette's own highlight. The background is the base colour pulled a little
    toward the hue; the accent is the hue moved toward the text colour until it stands out.
    """
    hue_name = _SEVERITY_HUES.get(severity, _SEVERITY_HUES["error"])
    hue = QColor(hue_name) if hue_name else palette.color(_Role.Highlight)
    base = palette.color(_Role.Base)
    text = palette.color(_Role.Text)
    background = _mix(base, hue, 0.14)
    accent = error_text_color(palette) if severity == "error" else _mix(hue, text, 0.35)
    return background, accent


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    return QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * amount,
                           a.greenF() + (b.greenF() - a.greenF()) * amount,
                           a.blueF() + (b.blueF() - a.blueF()) * amount)


def error_text_style(palette: QPalette) -> str:
    """A style sheet colour for a short error line (over-limit counters, failed requests)."""
    return f"color: {error_text_color(palette).name()};"
