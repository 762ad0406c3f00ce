"""A message's right-click menu: the text view's own entries (Copy, Select All) and the
message's actions that fit there ("Open in tokenizer")."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtWidgets import QMenu, QTextEdit


def _tr(text: str) -> str:
    return QCoreApplication.translate("MessageWidget", text)


def message_menu(text_view: QTextEdit, pos: QPoint, request: Callable[[str], None]) -> QMenu:
    """The menu for a right-click at `pos` (viewport coordinates); its extra entries call
    `request` with the action string MessageWidget.actionRequested carries."""
    # Document coordinates (a message's text view never scrolls, so the viewport's).
    menu = text_view.createStandardContextMenu(pos)
    menu.setObjectName("messageMenu")
    menu.addSeparator()
    tokenize = menu.addAction(_tr("Open in tokenizer"))
    tokenize.setObjectName("tokenizeMessageAction")
    tokenize.setToolTip(_tr("See this message's tokens and their ids"))
    tokenize.triggered.connect(lambda: request("tokenize"))
    return menu


def install_message_menu(text_view: QTextEdit, request: Callable[[str], None]) -> None:
    text_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show(pos: QPoint) -> None:
        menu = message_menu(text_view, pos, request)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(text_view.viewport().mapToGlobal(pos))

    text_view.customContextMenuRequested.connect(show)
