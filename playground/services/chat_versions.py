"""Versions of a conversation: editing or regenerating sets the old turns aside as a branch;
‹ › on the message that replaced them switches between the versions. Nothing is deleted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from playground.services.chat_turns import Turn

if TYPE_CHECKING:
    from playground.services.container import Services
    from playground.services.observer import Emitter
    from playground.storage.branches import Alternative


class ChatVersions:
    """Mixed into ChatSession (whose turns, history and conversation it uses)."""

    # The session's state this part works on (set in ChatSession.__init__):
    services: Services
    conversation_id: int | None
    turns: list[Turn]
    shown_from: int
    forks: dict[int, list[Alternative]]
    turns_removed: Emitter[[Turn]]
    forks_changed: Emitter[[]]

    # The session's own steps it calls on:
    def is_running(self) -> bool:
        raise NotImplementedError

    def cancel_edit(self) -> None:
        raise NotImplementedError

    async def open(self, conversation_id: int) -> bool:
        raise NotImplementedError

    async def _drop_from(self, turn: Turn) -> None:
        """Set `turn` and everything after it aside as a branch (edit / regenerate): the
        user can switch back to it with ‹ › on the message that replaces it."""
        assert self.conversation_id is not None
        index = self.turns.index(turn)
        if (turn is self.turns[-1] and turn.role == "assistant" and not turn.content
                and not turn.details.tool_calls):
            # A failed reply with no text holds nothing to go back to: no empty version.
            await self.services.history.truncate_after(self.conversation_id,
                                                       turn.position - 1)
        else:
            await self.services.history.archive_from(self.conversation_id, turn.position)
        self.turns_removed.emit(turn)
        del self.turns[index:]
        self.shown_from = min(self.shown_from, len(self.turns))

    async def _load_forks(self) -> None:
        if self.conversation_id is None:
            self.forks = {}
        else:
            self.forks = await self.services.history.alternatives(self.conversation_id)
        self.forks_changed.emit()

    def alternative_of(self, turn: Turn) -> tuple[int, int] | None:
        """(1-based index of the shown version, how many) where `turn` has alternatives."""
        found = self.forks.get(turn.position)
        if not found:
            return None
        index = next(i for i, a in enumerate(found) if a.branch_id is None)
        return index + 1, len(found)

    async def switch_alternative(self, turn: Turn, step: int) -> None:
        """Show the previous (-1) or next (+1) version of the conversation from `turn` on."""
        found = self.forks.get(turn.position, [])
        shown = next((i for i, a in enumerate(found) if a.branch_id is None), None)
        if self.is_running() or shown is None or not 0 <= shown + step < len(found):
            return
        target = found[shown + step].branch_id
        assert target is not None and self.conversation_id is not None
        conversation_id = self.conversation_id
        self.cancel_edit()
        await self.services.history.switch_branch(conversation_id, target)
        self.conversation_id = None  # reopen what is shown now
        await self.open(conversation_id)
