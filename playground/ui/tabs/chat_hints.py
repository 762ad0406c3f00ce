# mypy: disable-error-code="misc"
# (a mixin typed by `self: ChatTab`: mypy cannot see ChatTab derives from it)
"""The chat tab's notices: a session's warnings shown above the input with an action (send
anyway, continue), and the tokenizer warmed the first time the user types."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from playground.services.messages import Severity, UserMessage
from playground.ui.async_slot import async_slot
from playground.ui.failures import describe

if TYPE_CHECKING:
    from playground.ui.tabs.chat import ChatTab


def _tr(text: str) -> str:
    return QCoreApplication.translate("ChatTab", text)  # the tab's catalog context


class ChatHints:
    """Mixed into ChatTab (whose hint row, input and session it uses)."""

    _tokenizer_warm: bool

    # ---------------------------------------------------------------- messages
    def show_message(self: ChatTab, message: UserMessage) -> None:
        """A session's message: inline when it needs a look, always in the status bar."""
        text = message.text
        if message.failure is not None:
            text = describe(message.failure).title + " " + message.failure.message
        if message.severity >= Severity.WARNING:
            action = None
            if message.action == "send_anyway":
                text += " " + _tr("“Send anyway” sends this one request.")
                action = (_tr("Send anyway"), self._send_anyway)
            self._show_hint(text, action)
        else:
            self.userMessage.emit(message)

    def _send_anyway(self: ChatTab) -> None:
        if self.session is not None:
            self.session.override_budget_once()
        self.send()

    def _on_draft_edited(self: ChatTab) -> None:
        if self.hint_row.isVisible() and self.input.toPlainText().strip():
            self._show_hint("")
        if not self._tokenizer_warm and self.input.toPlainText():
            self._tokenizer_warm = True
            self._warm_tokenizer()
        self.draftChanged.emit()

    @async_slot()
    async def _warm_tokenizer(self: ChatTab) -> None:
        """The first keystroke starts loading the model's vocabulary (~0.3 s) beside the
        count's debounce, so the first estimate is not late; an empty window never loads
        it (~80 MB)."""
        import asyncio

        from playground.model.capabilities import model_info
        from playground.usage.encodings import VocabularyError, get_encoding

        with contextlib.suppress(VocabularyError):  # the panel says why counting fails
            await asyncio.to_thread(get_encoding, model_info(self.params.model()).encoding)

    def _show_hint(self: ChatTab, text: str, action: tuple[str, Any] | None = None) -> None:
        self.hint.setText(text)
        self.hint_row.setVisible(bool(text))
        self._hint_action = action[1] if action else None
        self.hint_button.setText(action[0] if action else "")
        self.hint_button.setAccessibleName(action[0] if action else _tr("Notice action"))
        self.hint_button.setVisible(action is not None)
        if text:
            self.userMessage.emit(UserMessage.info(text))

    def _run_hint_action(self: ChatTab) -> None:
        callback, self._hint_action = self._hint_action, None
        self._show_hint("")
        if callback is not None:
            callback()
