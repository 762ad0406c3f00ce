"""The dark theme: controls stay visible, not only text."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
)

from playground import settings as prefs
from playground.settings import Settings


def _contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio (importing test_preferences would declare its settings twice)."""
    def luminance(colour: QColor) -> float:
        def channel(c: float) -> float:
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
                + 0.0722 * channel(colour.blueF()))
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture
def dark(qapp: Any) -> Iterator[None]:
    from playground.ui.theme import apply_theme

    settings = Settings()
    settings.put(prefs.THEME, "dark")
    apply_theme(qapp, settings)
    yield
    settings.put(prefs.THEME, "system")
    apply_theme(qapp, settings)


def _indicator_contrast(button: QAbstractButton, element: QStyle.SubElement) -> float:
    """The strongest contrast between the unchecked indicator's pixels and the window."""
    button.resize(button.sizeHint())
    image = button.grab().toImage()
    option = QStyleOptionButton()
    option.initFrom(button)
    rect = button.style().subElementRect(element, option, button)
    window = button.palette().window().color()
    return max(_contrast(QColor(image.pixel(x, y)), window)
               for y in range(rect.top(), rect.bottom() + 1)
               for x in range(rect.left(), rect.right() + 1))


@pytest.mark.usefixtures("dark")
def test_unchecked_boxes_are_visible_in_the_dark_theme(qtbot: Any) -> None:
    box = QCheckBox("Segment timestamps")
    radio = QRadioButton("Transcribe")
    for widget in (box, radio):
        qtbot.addWidget(widget)
    assert box.palette().window().color().lightness() < 128
    # WCAG 2.1 non-text contrast: a control's outline at 3:1 or more against its background.
    assert _indicator_contrast(box, QStyle.SubElement.SE_CheckBoxIndicator) >= 3
    assert _indicator_contrast(radio, QStyle.SubElement.SE_RadioButtonIndicator) >= 3
