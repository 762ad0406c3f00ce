"""Small pieces of the prompt library window: named buttons, the export menu, dates."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtWidgets import QMenu, QPushButton, QWidget


def button(parent: QWidget, name: str, text: str, accessible: str) -> QPushButton:
    widget = QPushButton(text, parent)
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    widget.setToolTip(accessible)
    return widget


def export_menu(parent: QWidget, ask_export: Callable[[bool], object]) -> QMenu:
    """"This prompt…" or "All prompts…"; `ask_export(everything)` runs on a choice."""
    menu = QMenu(parent)
    menu.setObjectName("exportPromptsMenu")
    one = menu.addAction(parent.tr("This prompt…"))
    one.setObjectName("exportSelectedAction")
    one.triggered.connect(lambda: ask_export(False))
    every = menu.addAction(parent.tr("All prompts…"))
    every.setObjectName("exportAllAction")
    every.triggered.connect(lambda: ask_export(True))
    return menu


def stamp(when: float) -> str:
    """A version's date as the list shows it: local time, to the minute."""
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(when))
