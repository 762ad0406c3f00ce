"""The chat tab's side parts: the conversation list (open, search, rename, delete, export) and
the model picker's list, each backed by a service."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from playground.model.types import ApiFailure, FailureKind
from playground.services import conversations
from playground.services.messages import UserMessage
from playground.services.model_list import ModelList
from playground.services.reply_options import ReplyOptions
from playground.ui.async_slot import async_slot
from playground.ui.failures import describe
from playground.ui.widgets.model_picker import watch_retired

if TYPE_CHECKING:
    from playground.services.chat_session import ChatSession
    from playground.ui.tabs.chat import ChatTab


def _tr(text: str) -> str:
    return QCoreApplication.translate("ChatTab", text)  # the chat tab's catalog context


class ConversationsController(QObject):
    def __init__(self, tab: ChatTab, session: ChatSession) -> None:
        super().__init__(tab)
        self._tab = tab
        self._session = session
        self._history = session.services.history
        self._models = ModelList(session.services)
        listing = tab.conversations
        listing.selected.connect(self._open)
        listing.renameRequested.connect(self._rename)
        listing.deleteRequested.connect(self._delete)
        listing.exportRequested.connect(self._export)
        listing.searchChanged.connect(self._search)
        session.conversations_changed.connect(self._refresh_now)
        session.conversation_opened.connect(self._restore_controls)
        tab.params.refreshModelsRequested.connect(self.refresh_models)
        watch_retired(tab.params.model_picker,
                      lambda warning: tab.show_message(UserMessage.warning(warning)))
        # A local server's real context window, asked once the model name settles.
        self._probe_timer = QTimer(self)
        self._probe_timer.setSingleShot(True)
        self._probe_timer.setInterval(400)
        self._probe_timer.timeout.connect(self.probe_context_window)
        tab.params.model_picker.currentTextChanged.connect(lambda _t: self._probe_timer.start())

    # ---------------------------------------------------------------- conversations
    async def open(self, conversation_id: int) -> None:
        await self._session.open(conversation_id)

    @async_slot(int)
    async def _open(self, conversation_id: int) -> None:
        await self.open(conversation_id)

    def _restore_controls(self, conversation: object, _turns: object) -> None:
        from playground.storage.history import Conversation

        assert isinstance(conversation, Conversation)
        params = self._tab.params
        if conversation.model:
            params.model_picker.setEditText(conversation.model)
        params.system_prompt.setPlainText(conversation.system_prompt or "")
        params.restore(conversation.params or {})
        reply = (conversation.params or {}).get("reply", {})
        self._tab.options.restore(ReplyOptions.from_state(reply if isinstance(reply, dict)
                                                          else {}))
        self._tab.conversations.select(conversation.id)

    async def refresh(self, query: str = "") -> None:
        items = await conversations.list_items(self._history, query)
        self._tab.conversations.set_items(items, self._session.conversation_id)

    @async_slot()
    async def _refresh_now(self) -> None:
        await self.refresh(self._tab.conversations.search.text())

    @async_slot(str)
    async def _search(self, query: str) -> None:
        await self.refresh(query)

    @async_slot(int, str)
    async def _rename(self, conversation_id: int, title: str) -> None:
        if not title:
            self._tab.show_message(UserMessage.warning(_tr(
                "A conversation needs a title; the old one was kept.")))
        else:
            await self._history.rename_conversation(conversation_id, title)
        await self.refresh(self._tab.conversations.search.text())

    @async_slot(int)
    async def _delete(self, conversation_id: int) -> None:
        was_open = conversation_id == self._session.conversation_id
        await self._session.delete_conversation(conversation_id)
        if was_open:
            await self._tab.new_conversation()

    def _export(self, conversation_id: int, fmt: str) -> None:
        from PySide6.QtWidgets import QFileDialog  # handlers only: its type is slow to load

        suffix = ".md" if fmt == "markdown" else ".json"
        dialog = QFileDialog(self._tab, _tr("Export conversation"))
        dialog.setObjectName("exportDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(suffix[1:])
        dialog.setNameFilter(_tr("Markdown (*.md)") if fmt == "markdown"
                             else _tr("JSON (*.json)"))
        dialog.selectFile(f"conversation-{conversation_id}{suffix}")
        dialog.fileSelected.connect(
            lambda path: self.write_export(conversation_id, fmt, path))
        dialog.open()

    @async_slot(int, str, str)
    async def write_export(self, conversation_id: int, fmt: str, path: str) -> None:
        try:
            written = await conversations.export(self._history, conversation_id, fmt, path)
        except OSError as exc:
            self._tab.show_message(UserMessage.error(
                _tr("Could not write %1: %2").replace("%1", path)
                .replace("%2", exc.strerror or str(exc)), str(exc)))
            return
        if written:
            self._tab.show_message(UserMessage.info(
                _tr("Exported to %1").replace("%1", path)))

    # ---------------------------------------------------------------- models
    @async_slot()
    async def probe_context_window(self) -> None:
        """llama.cpp, vLLM and Ollama say how large a window they run the model with; the
        context bar then uses it instead of "unknown"."""
        from playground.api.context_window import probe_context_window
        from playground.model.capabilities import learn_context_window

        model = self._tab.params.model()
        if not model:
            return
        try:
            client = await self._session.services.api.client()
            tokens = await probe_context_window(client, model)
        except ApiFailure:
            return  # no client (no key yet): the next change or profile switch asks again
        if tokens:
            learn_context_window(model, tokens)
            self._tab.draftChanged.emit()

    def load_models(self) -> None:
        """The cached list at once, then the server's (and the window the server runs)."""
        from playground.model.capabilities import forget_context_windows

        forget_context_windows()  # they were another server's
        self._probe_timer.start()
        names = self._models.cached()
        if names:
            self._tab.params.set_models(names)
        self.refresh_models()

    @async_slot()
    async def refresh_models(self) -> None:
        params = self._tab.params
        params.refresh_models.setEnabled(False)
        try:
            names = await self._models.refresh()
            params.set_models(names)
            params.set_model_note("")
        except ApiFailure as failure:
            if failure.kind == FailureKind.UNSUPPORTED:
                params.set_model_note(_tr(
                    "This server does not list its models; type a model name."))
            else:
                params.set_model_note(_tr("Could not load the model list: %1")
                                      .replace("%1", describe(failure).title))
        finally:
            params.refresh_models.setEnabled(True)
