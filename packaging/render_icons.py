"""Render playground/data/icons/openai-playground.svg to the PNG sizes desktops and Qt ask for.

    python packaging/render_icons.py

Writes playground/data/icons/<size>x<size>/openai-playground.png (16…512); the PNGs are committed,
so a build needs no SVG renderer. Re-run after editing the SVG.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "playground" / "data" / "icons"
SVG = ICONS / "openai-playground.svg"
SIZES = (16, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication([*sys.argv[:1], "-platform", "offscreen"])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"render_icons: {SVG} is not a valid SVG", file=sys.stderr)
        return 1
    for size in SIZES:
        out = ICONS / f"{size}x{size}" / "openai-playground.png"
        out.parent.mkdir(exist_ok=True)
        if not render(renderer, size).save(str(out), "PNG"):
            print(f"render_icons: could not write {out}", file=sys.stderr)
            return 1
        print(out.relative_to(ICONS.parent.parent))
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
