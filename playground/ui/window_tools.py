# mypy: disable-error-code="misc"
# (a mixin typed by `self: MainWindow`: mypy cannot see MainWindow derives from it)
"""The main window's tool windows — compare models, the prompt library, local MCP servers —
under one "Tools" menu in the toolbar. Each opens once per window and hands its result to
the chat (a prompt to use, a compared reply to continue)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolBar, QToolButton

if TYPE_CHECKING:
    from playground.model.prompts import PromptVersion
    from playground.model.types import ChatRequest
    from playground.ui.main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)  # the window's catalog context


class WindowTools:
    """Mixed into MainWindow (whose services and chat tab it uses)."""

    def _build_tools_menu(self: MainWindow, bar: QToolBar) -> None:
        menu = QMenu(self)
        menu.setObjectName("toolsMenu")

        def item(name: str, text: str, tip: str, slot: Any) -> QAction:
            act = menu.addAction(text, slot)
            act.setObjectName(name)
            act.setToolTip(tip)
            act.setStatusTip(tip)
            return act

        self.compare_action = item(
            "compareAction", _tr("Compare models…"),
            _tr("One prompt to 2–4 models side by side, with speed and cost"), self.open_compare)
        self.prompt_library_action = item(
            "promptLibraryAction", _tr("Prompt library…"),
            _tr("Saved prompts with versions and {{variables}}"), self.open_prompt_library)
        self.save_prompt_action = item(
            "savePromptAction", _tr("Save conversation as prompt…"),
            _tr("The chat's messages and settings become a prompt in the library"),
            self.save_conversation_as_prompt)
        self.batch_run_action = item(
            "batchRunAction", _tr("Batch runs…"),
            _tr("One prompt over the rows of a CSV or JSONL file, with checks and costs"),
            self.open_batch_runs)
        self.tokenizer_action = item(
            "tokenizerAction", _tr("Tokenizer…"),
            _tr("See text split into tokens, with their ids"), self.open_tokenizer)
        self.file_stores_action = item(
            "fileStoresAction", _tr("Files and vector stores…"),
            _tr("Upload files and keep vector stores for file search"), self.open_file_stores)
        menu.addSeparator()
        self.mcp_servers_action = item(
            "mcpServersAction", _tr("Local MCP servers…"),
            _tr("Tools on this computer the model may call, with your approval"),
            self.open_mcp_servers)
        button = QToolButton(self)
        button.setObjectName("toolsMenuButton")
        button.setText(_tr("Tools"))
        button.setAccessibleName(_tr("Tools"))
        button.setToolTip(_tr("Compare models, prompt library, batch runs, tokenizer, local "
                              "MCP servers"))
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setMenu(menu)
        bar.addWidget(button)

    def open_compare(self: MainWindow) -> None:
        if self.services is None:
            return
        from playground.ui.compare_view import CompareView, open_compare

        existing = self.findChild(CompareView, "compareView")
        if existing is not None:  # one compare window: a second click brings it forward
            existing.show()
            existing.raise_()
            existing.activateWindow()
            return

        def on_continue(profile_name: str, request: ChatRequest, reply: str) -> None:
            from playground.ui.tabs.chat_handoff import continue_compared

            self.tabs.setCurrentWidget(self._pages["chat"])
            self._spawn(continue_compared(self.chat, profile_name, request, reply))

        open_compare(self, self.services, on_continue)

    def open_prompt_library(self: MainWindow) -> None:
        if self.services is None:
            return
        from playground.ui.prompt_library import open_prompt_library

        def on_use(version: PromptVersion, values: dict[str, str]) -> None:
            from playground.ui.tabs.chat_handoff import use_prompt

            self.tabs.setCurrentWidget(self._pages["chat"])
            self._spawn(use_prompt(self.chat, version, values))

        open_prompt_library(self, self.services, on_use)

    def save_conversation_as_prompt(self: MainWindow) -> None:
        if self.services is None:
            return
        from playground.ui.prompt_save import save_conversation_as_prompt
        from playground.ui.tabs.chat_handoff import conversation_as_prompt

        messages, settings = conversation_as_prompt(self.chat)
        save_conversation_as_prompt(self, self.services, messages, settings)

    def open_batch_runs(self: MainWindow) -> None:
        if self.services is None:
            return
        from playground.ui.batch_run_view import BatchRunView, open_batch_runs

        existing = self.findChild(BatchRunView)
        if existing is not None:  # one batch window: a second click brings it forward
            existing.show()
            existing.raise_()
            return
        open_batch_runs(self, self.services)

    def open_tokenizer(self: MainWindow, text: str = "") -> None:
        from playground.ui.tokenizer_view import open_tokenizer

        open_tokenizer(self, text)

    def open_file_stores(self: MainWindow) -> None:
        if self.services is None:
            return
        from playground.ui.file_stores_dialog import open_file_stores

        open_file_stores(self, self.services)

    def open_mcp_servers(self: MainWindow) -> None:
        if self.services is None:
            return
        from playground.ui.mcp_servers_dialog import open_mcp_servers

        open_mcp_servers(self, self.services)
