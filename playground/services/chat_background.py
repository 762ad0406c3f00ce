"""Background runs in a conversation (Responses background mode): Stop cancels the run on
the server, and a run the app left behind (quit, crash) is resumed when its conversation is
opened again — the reply fills in, or shows why the server failed or cancelled it.

The response id and the run's status are stored with the reply as soon as the server names
them (chat_reply), so nothing but the server's own record is needed to pick a run up again.
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from playground.model.types import ApiFailure, ChatRequest, MessageStatus, Usage
from playground.services.chat_reply import OrderedWrites, ReplyEvents, stream_reply
from playground.services.chat_turns import Turn
from playground.services.messages import UserMessage

if TYPE_CHECKING:
    from playground.services.container import Services
    from playground.services.observer import Emitter


def _tr(text: str) -> str:
    return QCoreApplication.translate("ChatTab", text)


class ChatBackground:
    """Mixed into ChatSession (whose turns, history and reply events it uses)."""

    # The session's state this part works on (set in ChatSession.__init__):
    services: Services
    turns: list[Turn]
    reply: ReplyEvents
    reply_resumed: Emitter[[Turn]]
    message: Emitter[[UserMessage]]
    details_changed: Emitter[[Turn]]
    _writes: OrderedWrites

    # The session's own steps it calls on:
    async def _guarded(self, work: Coroutine[Any, Any, None]) -> None:
        raise NotImplementedError

    def _in_background(self, work: Coroutine[Any, Any, None]) -> None:
        raise NotImplementedError

    async def _report_usage(self, request: ChatRequest, reply: str, usage: Usage | None,
                            request_id: str | None, turn: Turn) -> None:
        raise NotImplementedError

    # ------------------------------------------------------------------ cancel
    def running_background(self) -> Turn | None:
        """The reply whose background run is under way now, if any."""
        return next((t for t in reversed(self.turns) if t.role == "assistant"
                     and t.status == MessageStatus.STREAMING
                     and t.details.background_active()), None)

    def _cancel_run(self) -> None:
        """Stop pressed during a background run: ask the server to cancel it too (else it
        would go on, and be billed, with nobody waiting for it)."""
        turn = self.running_background()
        if turn is None:
            return
        turn.details.background["cancel_requested"] = True  # never resumed from now on
        self._in_background(self._cancel_on_server(turn))

    async def _cancel_on_server(self, turn: Turn) -> None:
        from playground.api import responses_background

        try:
            client = await self.services.api.client()
            status = await responses_background.cancel(client,
                                                       turn.details.metrics.response_id)
        except ApiFailure as failure:
            self.message.emit(UserMessage.warning(_tr(
                "Stopped here, but the server could not be asked to cancel the background "
                "run (it may go on and be billed): %1").replace("%1", failure.message)))
            return
        turn.details.background["status"] = status
        self.details_changed.emit(turn)
        await self._writes.final(self.services.history.update_message_content(
            turn.id, turn.content, turn.status, meta=turn.details.to_json()))
        self.message.emit(UserMessage.info(_tr(
            "Stopped. The server was asked to cancel the background run.")))

    # ------------------------------------------------------------------ resume
    def _resume_left_run(self) -> None:
        """After a conversation opens: pick up its last reply's unfinished background run."""
        turn = next((t for t in reversed(self.turns) if t.role == "assistant"), None)
        if turn is not None and turn.details.background_active():
            self._in_background(self._guarded(self._resume(turn)))

    async def _resume(self, turn: Turn) -> None:
        turn.status = MessageStatus.STREAMING
        turn.error = None
        turn.details.stopped = False
        turn.content = ""  # the finished run brings the whole reply
        self.reply_resumed.emit(turn)
        request = ChatRequest(model=turn.model, messages=[], api="responses", background=True,
                              resume_id=turn.details.metrics.response_id)

        def report(usage: Usage | None, reply: str, request_id: str | None) -> None:
            self._in_background(self._report_usage(request, reply, usage, request_id, turn))

        await stream_reply(self.services, request, turn, self.reply, self._writes, report)
