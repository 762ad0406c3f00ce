"""Side panels that fit small screens: scrolling content and splitters that remember sizes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QWidget

if TYPE_CHECKING:
    from playground.settings import Settings


def scrolling(panel: QWidget) -> QScrollArea:
    """`panel` in a vertical scroll area: it keeps its width, and a short window scrolls it
    instead of growing past the screen."""
    area = QScrollArea()
    area.setObjectName(f"{panel.objectName() or 'panel'}Scroll")
    area.setWidget(panel)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setMinimumWidth(panel.minimumSizeHint().width()
                         + area.verticalScrollBar().sizeHint().width())
    return area


def remembered_splitter(settings: Settings, name: str, parts: list[tuple[QWidget, int]],
                        *, stretch: int) -> QSplitter:
    """A horizontal splitter of `parts` (widget, default width); every part but the one at
    index `stretch` can be collapsed, and the layout the user makes is restored next start."""
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.setObjectName(name)
    for index, (widget, _width) in enumerate(parts):
        splitter.addWidget(widget)
        splitter.setStretchFactor(index, 1 if index == stretch else 0)
        splitter.setCollapsible(index, index != stretch)
    splitter.setSizes([width for _widget, width in parts])
    state = settings.state()
    saved = state.value(f"splitters/{name}")
    if isinstance(saved, QByteArray) and not saved.isEmpty():
        splitter.restoreState(saved)
    splitter.splitterMoved.connect(
        lambda *_: state.setValue(f"splitters/{name}", splitter.saveState()))
    return splitter
