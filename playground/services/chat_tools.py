"""Function calls in a conversation: results the user types, and tools run on this machine.

A reply that calls functions waits for one result per call. Calls to a local tool (a local MCP
server's, offered through `LocalTools`) are answered here at once — after the user approves,
unless the tool is trusted — and the model continues; calls to other functions keep their
card, where the user types the result. Both APIs take the results the same way (tool turns).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication

from playground.model.types import ToolCall
from playground.services.chat_turns import APPROVAL, ReplyDetails, Turn
from playground.services.messages import UserMessage
from playground.services.request_checks import check_tool_result

if TYPE_CHECKING:
    from playground.services.container import Services
    from playground.services.observer import Emitter

# Rounds of local tool calls answered without the user typing anything; a model that keeps
# calling past this is stopped, so a loop between a model and a tool cannot run up a bill.
MAX_LOCAL_ROUNDS = 8


class LocalTools(Protocol):
    """Tools that run on this machine (McpToolRunner): offered as functions, run on a call."""

    def functions(self) -> list[dict[str, Any]]: ...
    def owns(self, name: str) -> bool: ...
    async def run(self, call: ToolCall) -> str: ...


class ChatTools:
    """Mixed into ChatSession (whose turns, history and reply it uses)."""

    # The session's state this part works on (set in ChatSession.__init__):
    services: Services
    conversation_id: int | None
    turns: list[Turn]
    turn_added: Emitter[[Turn]]
    message: Emitter[[UserMessage]]
    details_changed: Emitter[[Turn]]
    local_tools: LocalTools | None = None
    _local_rounds: int = 0

    # The session's own steps it calls on:
    def is_running(self) -> bool:
        raise NotImplementedError

    async def _guarded(self, work: Any) -> None:
        raise NotImplementedError

    async def _reply(self, continuing: Turn | None = None) -> None:
        raise NotImplementedError

    # ------------------------------------------------------------------ results
    def pending_calls(self, turn: Turn) -> list[str]:
        """Ids of `turn`'s function calls that no tool turn answers yet."""
        later = self.turns[self.turns.index(turn) + 1:] if turn in self.turns else []
        answered = turn.answered_calls(later)
        return [c.id for c in turn.details.tool_calls if c.id not in answered]

    async def submit_tool_result(self, turn: Turn, call_id: str, result: str) -> bool:
        """Store the user's result for one function call; once every call of `turn` has
        one, the model continues. False (with a message) when the result is unusable."""
        if self.is_running() or call_id not in self.pending_calls(turn):
            return False
        if problem := check_tool_result(result):
            self.message.emit(UserMessage.warning(problem))
            return False
        self._local_rounds = 0  # the user is in the loop again

        async def run() -> None:
            await self._store_tool_result(call_id, result)
            if not self.pending_calls(turn):
                await self._reply()

        await self._guarded(run())
        return True

    async def answer_approval(self, turn: Turn, request_id: str, approve: bool) -> bool:
        """The user approved or denied a remote MCP call `turn` asked for: stored as a turn
        of its own (sent as an mcp_approval_response); once every request of `turn` is
        answered the model continues. False when there is nothing to answer or a reply runs."""
        if self.is_running() or turn not in self.turns:
            return False
        later = self.turns[self.turns.index(turn) + 1:]
        if request_id not in {h.id for h in turn.pending_approvals(later)}:
            return False
        assert self.conversation_id is not None
        conversation_id = self.conversation_id
        text = (QCoreApplication.translate("HostedTools", "Approved") if approve
                else QCoreApplication.translate("HostedTools", "Denied"))
        answer = {"request_id": request_id, "approve": approve}

        async def run() -> None:
            history = self.services.history
            stored = await history.add_message(conversation_id, "tool", text,
                                               meta={"approval": answer})
            answer_turn = Turn(stored.id, stored.position, "tool", text,
                               details=ReplyDetails(approval=answer))
            self.turns.append(answer_turn)
            self.turn_added.emit(answer_turn)
            for record in turn.details.hosted:
                if record.kind == APPROVAL and record.id == request_id:
                    record.status = "approved" if approve else "denied"
            self.details_changed.emit(turn)
            await history.update_message_content(turn.id, turn.content, turn.status,
                                                 meta=turn.details.to_json())
            if not turn.pending_approvals(self.turns[self.turns.index(turn) + 1:]):
                await self._reply()

        await self._guarded(run())
        return True

    async def _store_tool_result(self, call_id: str, result: str) -> None:
        assert self.conversation_id is not None
        stored = await self.services.history.add_message(
            self.conversation_id, "tool", result, meta={"tool_call_id": call_id})
        tool_turn = Turn(stored.id, stored.position, "tool", result,
                         details=ReplyDetails(tool_call_id=call_id))
        self.turns.append(tool_turn)
        self.turn_added.emit(tool_turn)

    async def _answer_local_calls(self, turn: Turn) -> None:
        """Run the reply's calls to local tools and store their results; when that answers
        every call, the model continues (inside the same turn task, so Stop stops it)."""
        tools = self.local_tools
        if tools is None or turn not in self.turns:
            return
        pending = set(self.pending_calls(turn))
        calls = [c for c in turn.details.tool_calls if c.id in pending and tools.owns(c.name)]
        if not calls:
            return
        if self._local_rounds >= MAX_LOCAL_ROUNDS:
            self.message.emit(UserMessage.warning(QCoreApplication.translate(
                "ChatTools", "The model called local tools %1 times in a row; answer its "
                "calls yourself or send a new message to go on.")
                .replace("%1", str(MAX_LOCAL_ROUNDS))))
            return
        self._local_rounds += 1
        for call in calls:
            result = await tools.run(ToolCall(call.id, call.name, call.arguments))
            await self._store_tool_result(call.id, result)
        if not self.pending_calls(turn):
            await self._reply()
