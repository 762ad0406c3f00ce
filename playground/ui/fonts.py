"""A fixed-pitch font for code that stays fixed-pitch on every system.

`QFontDatabase.systemFont(FixedFont)` is the family "monospace", an alias that fontconfig
resolves; under a Chinese locale some systems resolve it to a CJK font whose Latin letters
are proportional. Then the first installed fixed-pitch Latin family is put in front.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo

_cached: QFont | None = None


def monospace_font() -> QFont:
    global _cached
    if _cached is None:
        _cached = _resolve()
    return QFont(_cached)


def _resolve() -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.TypeWriter)
    font.setFixedPitch(True)
    if QFontInfo(font).fixedPitch():
        return font
    latin = QFontDatabase.families(QFontDatabase.WritingSystem.Latin)
    fixed = [family for family in latin if QFontDatabase.isFixedPitch(family)
             and not QFontDatabase.isPrivateFamily(family)]
    # Prefer a font made for code over a CJK font's half-width Latin.
    fixed.sort(key=lambda family: "CJK" in family)
    if fixed:
        font.setFamilies([fixed[0], *font.families()])  # CJK text still falls back
    return font
