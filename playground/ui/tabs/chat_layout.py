"""The chat tab's widgets and their layout: conversation list | messages and input | the
side panel (Model and Reply pages). Built once; the tab wires and drives them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from playground.settings import CHAT_MODEL
from playground.ui.widgets.chat_input import AttachmentStrip, ChatInput
from playground.ui.widgets.message_view import MessageView
from playground.ui.widgets.panels import remembered_splitter, scrolling

if TYPE_CHECKING:
    from playground.ui.tabs.chat import ChatTab
    from playground.ui.tabs.chat_options import RequestOptions
    from playground.ui.tabs.chat_params import ChatParams
    from playground.ui.widgets.conversation_list import ConversationList


def _tr(text: str) -> str:
    return QCoreApplication.translate("ChatTab", text)


def build_chat_layout(tab: ChatTab) -> None:
    """Create the tab's widgets (as attributes of `tab`) and lay them out."""
    # The conversation list and the side panel are filled right after the first paint
    # (build_side_panels): the window shows sooner, and nothing there is clickable before.
    tab.conversations_box = QWidget()
    tab.conversations_box.setObjectName("conversationsBox")
    QVBoxLayout(tab.conversations_box).setContentsMargins(0, 0, 0, 0)
    tab.view = MessageView()
    tab.input = ChatInput()
    tab.input.setMinimumHeight(60)
    tab.input.setMaximumHeight(160)
    tab.attachments = AttachmentStrip()

    tab.hint = QLabel()
    tab.hint.setObjectName("chatHint")
    tab.hint.setAccessibleName(_tr("Chat notice"))
    tab.hint.setWordWrap(True)
    tab.hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    tab.hint_button = QPushButton()
    tab.hint_button.setObjectName("hintActionButton")
    tab.hint_button.setAccessibleName(_tr("Notice action"))
    tab.hint_button.setVisible(False)
    tab.hint_row = QWidget()
    hint_layout = QHBoxLayout(tab.hint_row)
    hint_layout.setContentsMargins(0, 0, 0, 0)
    hint_layout.addWidget(tab.hint, 1)
    hint_layout.addWidget(tab.hint_button)
    tab.hint_row.setVisible(False)

    tab.edit_banner = QWidget()
    tab.edit_banner.setObjectName("editBanner")
    banner = QHBoxLayout(tab.edit_banner)
    banner.setContentsMargins(0, 0, 0, 0)
    banner.addWidget(QLabel(_tr(
        "Editing an earlier message: sending starts a new version from here; the current "
        "one stays (‹ › on the message switches between them).")), 1)
    tab.cancel_edit = QToolButton()
    tab.cancel_edit.setObjectName("cancelEditButton")
    tab.cancel_edit.setText(_tr("Cancel edit"))
    tab.cancel_edit.setAccessibleName(_tr("Cancel edit"))
    banner.addWidget(tab.cancel_edit)
    tab.edit_banner.setVisible(False)

    tab.code_button = _tool_button(
        "viewCodeButton", _tr("Code"), _tr("View this request as Python or curl"),
        _tr("View code"))
    tab.attach_button = _tool_button(
        "attachImageButton", _tr("Image…"),
        _tr("Attach images (or paste / drop them)"), _tr("Attach image"))
    tab.send_button = QPushButton(_tr("Send"))
    tab.send_button.setObjectName("sendButton")
    tab.send_button.setAccessibleName(_tr("Send"))
    tab.send_button.setToolTip(_tr("Send (Ctrl+Enter)"))
    tab.send_button.setDefault(True)
    tab.stop_button = QPushButton(_tr("Stop"))
    tab.stop_button.setObjectName("stopButton")
    tab.stop_button.setAccessibleName(_tr("Stop"))
    tab.stop_button.setToolTip(_tr("Stop the reply (Esc)"))

    from playground.ui.tabs.chat_tools import ToolsButton

    # The tools menu, by Send; the Reply page's options own its state (build_side_panels).
    tools = ToolsButton()
    buttons = QVBoxLayout()
    for button in (tab.send_button, tab.stop_button, tools, tab.attach_button,
                   tab.code_button):
        buttons.addWidget(button)
    buttons.addStretch(1)
    compose = QHBoxLayout()
    compose.addWidget(tab.input, 1)
    compose.addLayout(buttons)

    centre = QWidget()
    column = QVBoxLayout(centre)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(tab.view, 1)
    column.addWidget(tab.edit_banner)
    column.addWidget(tab.hint_row)
    column.addWidget(tab.attachments)
    column.addLayout(compose)

    side = tab.side_tabs = QTabWidget()
    side.setObjectName("chatSidePanel")
    side.setDocumentMode(True)

    # The side panels collapse (drag them shut) and scroll, so the chat fits a 1024x640
    # screen; the sizes the user gives them are remembered (state.ini).
    tab.splitter = remembered_splitter(tab._settings, "chatSplitter", [
        (tab.conversations_box, 200), (centre, 640), (side, 290)],
        stretch=1)
    layout = QVBoxLayout(tab)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(tab.splitter)

def build_side_panels(tab: ChatTab) -> tuple[ConversationList, ChatParams, RequestOptions]:
    """The conversation list and the side panel's two pages, each scrolling on its own: the
    model and sampling controls, and what shapes the reply (API, reasoning, format,
    functions, logprobs, history)."""
    from playground.ui.tabs.chat_options import RequestOptions
    from playground.ui.tabs.chat_params import ChatParams
    from playground.ui.widgets.conversation_list import ConversationList

    conversations = ConversationList()
    layout = tab.conversations_box.layout()
    assert layout is not None
    layout.addWidget(conversations)
    from playground.ui.tabs.chat_tools import ToolsButton

    params = ChatParams()
    params.model_picker.setEditText(tab._settings.value(CHAT_MODEL))
    options = RequestOptions(tools=tab.findChild(ToolsButton, "toolsButton"))
    # Built-in tools are off for models the Responses API does not serve.
    params.model_picker.currentTextChanged.connect(options.tools.set_model)
    options.tools.set_model(params.model())
    tab.side_tabs.addTab(params, _tr("Model"))
    tab.side_tabs.addTab(scrolling(options), _tr("Reply"))
    return conversations, params, options


def _tool_button(name: str, text: str, tip: str, accessible: str) -> QToolButton:
    button = QToolButton()
    button.setObjectName(name)
    button.setText(text)
    button.setToolTip(tip)
    button.setAccessibleName(accessible)
    return button
