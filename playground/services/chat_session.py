"""ChatSession: the open conversation and everything a turn does, with no widgets.

The chat tab forwards what the user does (send, stop, edit, regenerate, continue, open a
conversation) and renders what the session emits. A send stores the user's message first (so
nothing typed is lost), then streams the reply (`chat_reply.stream_reply`), and the usage goes
to the ledger. Tested without a display: tests/unit/services/.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from playground.lazy import lazy_module
from playground.model.types import (
    ApiFailure,
    ChatMessage,
    ChatRequest,
    ImageInput,
    MessageStatus,
    Usage,
)
from playground.services.api_choice import choose_api, memory_key
from playground.services.chat_background import ChatBackground
from playground.services.chat_reply import (
    OrderedWrites,
    ReplyEvents,
    is_auth_failure,
    stream_reply,
    usage_record,
)
from playground.services.chat_tools import ChatTools
from playground.services.chat_turns import (
    CONTINUE_PROMPT,
    ChatControls,
    ReplyDetails,
    ReplyOutcome,
    Turn,
    context_messages,
)
from playground.services.chat_versions import ChatVersions
from playground.services.messages import UserMessage
from playground.services.observer import Emitter
from playground.services.reply_options import API_AUTO, API_RESPONSES
from playground.usage.self_hosted import is_self_hosted

if TYPE_CHECKING:
    import asyncio
else:
    asyncio = lazy_module("asyncio")  # loaded after the first paint, on first use

if TYPE_CHECKING:
    from playground.services.container import Services
    from playground.storage.branches import Alternative
    from playground.storage.history import Conversation  # noqa: F401 (a string annotation)

PAGE = 50  # messages shown when a conversation opens; older ones load on demand


class ChatSession(ChatTools, ChatVersions, ChatBackground):
    def __init__(self, services: Services, controls: Callable[[], ChatControls]) -> None:
        self.services = services
        self._controls = controls
        self.conversation_id: int | None = None
        self.turns: list[Turn] = []
        self.shown_from = 0  # index of the first turn the view shows
        self.editing: Turn | None = None
        self._task: asyncio.Task[Any] | None = None
        self._writes = OrderedWrites()
        self._background: set[asyncio.Future[Any]] = set()

        self.turn_added = Emitter[[Turn]]()
        self.turns_removed = Emitter[[Turn]]()  # this turn and every later one
        self.reply = ReplyEvents()  # text, countdown, ended, rate_limits
        self.reply_resumed = Emitter[[Turn]]()  # a cut reply streams again (Continue)
        self.busy_changed = Emitter[[bool]]()
        self.conversation_changed = Emitter[[int | None]]()
        self.conversation_opened = Emitter[["Conversation", list[Turn]]]()
        self.conversations_changed = Emitter[[]]()
        self.editing_changed = Emitter[[Turn | None]]()
        # Earlier versions from a position on (edit and regenerate archive, never delete).
        self.forks: dict[int, list[Alternative]] = {}
        self.forks_changed = Emitter[[]]()
        self.details_changed = Emitter[[Turn]]()  # e.g. the reply's cost, once priced
        self.message = Emitter[[UserMessage]]()
        self.key_needed = Emitter[[str]]()
        self.reply.ended.connect(self._on_reply_ended)

    # ------------------------------------------------------------------ state
    def is_running(self) -> bool:
        return self._task is not None and not self._task.done()

    def stop(self, *, cancel_run: bool = True) -> None:
        """Stop the reply; `cancel_run`: a background run is cancelled on the server too
        (leaving a conversation keeps it running there, to be resumed when reopened)."""
        if self.is_running():
            assert self._task is not None
            if cancel_run:
                self._cancel_run()
            self._task.cancel()

    def turn(self, turn_id: object) -> Turn | None:
        return next((t for t in self.turns if t.id == turn_id), None)

    def turns_before_edit(self) -> list[Turn]:
        if self.editing is None or self.editing not in self.turns:
            return self.turns
        return self.turns[: self.turns.index(self.editing)]

    def draft_messages(self, text: str, images: list[ImageInput]) -> list[ChatMessage]:
        """The next request's messages if what is typed were sent now (for the live count)."""
        messages = context_messages(self._controls().system_prompt, self.turns_before_edit())
        if text or images:
            messages.append(ChatMessage("user", text, images))
        return messages

    def profile_name(self) -> str:
        return self.services.api.profile().name

    # ------------------------------------------------------------------ sending
    async def budget_allows(self) -> bool:
        """False (with a message offering "send anyway") when a budget blocks sending."""
        profile = self.profile_name()
        state = await asyncio.to_thread(self.services.usage.check_budget, profile)
        if state.blocked:
            self.message.emit(UserMessage.warning(state.message, action="send_anyway"))
            return False
        if state.message:
            self.message.emit(UserMessage.info(state.message))
        return True

    def override_budget_once(self) -> None:
        self.services.usage.override_once(self.profile_name())

    async def send(self, text: str, images: list[ImageInput], *, title: str) -> bool:
        """Store the user's message (replacing the edited one), then stream the reply.

        Returns True once the message is stored — the tab may clear its input then (it also
        hears `turn_added`). `title` names a new conversation when the text is empty.
        """
        if self.is_running() or not await self.budget_allows():
            return False
        stored = False
        self._local_rounds = 0

        async def run() -> None:
            nonlocal stored
            if self.editing is not None:
                editing, self.editing = self.editing, None
                self.editing_changed.emit(None)
                await self._drop_from(editing)
            conversation_id = await self._ensure_conversation(text or title)
            await self._store_turn(conversation_id, "user", text, images)
            stored = True
            await self._reply()

        await self._guarded(run())
        if stored:
            await self._load_forks()
        return stored

    async def regenerate(self, turn: Turn) -> None:
        """A new reply from this point (a reply turn is set aside, a user turn answered)."""
        if not self.is_running():
            await self._guarded(self._regenerate_from(turn))
            await self._load_forks()

    async def continue_reply(self, turn: Turn) -> None:
        if not self.is_running():
            await self._guarded(self._reply(continuing=turn))

    async def _regenerate_from(self, turn: Turn) -> None:
        if turn.role == "assistant":
            await self._drop_from(turn)
        await self._reply()

    async def _guarded(self, work: Coroutine[Any, Any, None]) -> None:
        """Run a turn as the session's one task: Stop cancels it; errors become messages."""
        self._task = asyncio.current_task()
        self.busy_changed.emit(True)
        try:
            await work
        except asyncio.CancelledError:
            pass
        except ApiFailure as failure:  # before any reply existed (e.g. no client)
            self.message.emit(UserMessage.api_failure(failure))
        except Exception as exc:  # storage errors and the like: say so, keep the input
            self.message.emit(UserMessage.error(QCoreApplication.translate(
                "ChatTab", "Could not send: %1").replace("%1", str(exc)), repr(exc)))
        finally:
            self._task = None
            self.busy_changed.emit(False)

    def build_request(self, continuing: Turn | None = None) -> ChatRequest:
        controls = self._controls()
        turns = self.turns if continuing is None else self.turns[
            : self.turns.index(continuing) + 1]
        messages = context_messages(controls.system_prompt, [
            t for t in turns if t.status != MessageStatus.STREAMING or t is continuing])
        if continuing is not None:
            messages.append(ChatMessage("user", CONTINUE_PROMPT))
        api = self.api_for(controls)
        previous = None
        if api == API_RESPONSES and controls.options.continue_stored:
            # The server keeps the conversation up to the last reply it stored.
            previous = next((t.details.metrics.response_id for t in reversed(turns)
                             if t.role == "assistant" and t.details.metrics.response_id), None)
        request = controls.request(messages, api=api, previous_response_id=previous)
        if self.local_tools is not None and (local := self.local_tools.functions()):
            request = replace(request, functions=[*request.functions, *local])
        return request

    def api_for(self, controls: ChatControls) -> str:
        from playground.api.environment import apply_environment

        profile = self.services.api.profile()
        lacks = bool(self.services.settings.state().value(memory_key(profile.name), False,
                                                           type=bool))
        # OPENAI_BASE_URL may point the profile elsewhere: decide by where requests go.
        effective, _key = apply_environment(profile, None)
        return choose_api(controls.options.api, effective.base_url, lacks)

    def remember_no_responses_api(self) -> None:
        """Automatic chose Responses and the server has none: Chat Completions from now on."""
        self.services.settings.state().setValue(memory_key(self.profile_name()), True)

    async def _reply(self, continuing: Turn | None = None) -> None:
        conversation_id = self.conversation_id
        assert conversation_id is not None
        request = self.build_request(continuing)
        if continuing is None:
            turn = await self._store_turn(conversation_id, "assistant", "", [],
                                          status=MessageStatus.STREAMING, model=request.model)
        else:
            turn = continuing
            turn.status = MessageStatus.STREAMING
            turn.error = None
            turn.details.stopped = False
            self.reply_resumed.emit(turn)

        def report(usage: Usage | None, reply: str, request_id: str | None) -> None:
            self._in_background(self._report_usage(request, reply, usage, request_id, turn))

        def fallback() -> ChatRequest | None:
            if self._controls().options.api != API_AUTO:
                return None  # the user chose Responses: tell them, do not switch silently
            self.remember_no_responses_api()
            return self.build_request(continuing)

        await stream_reply(self.services, request, turn, self.reply, self._writes, report,
                           fallback)
        await self._answer_local_calls(turn)

    async def pick_choice(self, turn: Turn, index: int) -> None:
        """n > 1: continue the conversation with choice `index` (it becomes the reply)."""
        choices = turn.details.choices
        if self.is_running() or not 0 <= index < len(choices) or turn not in self.turns:
            return
        turn.content = choices[index]
        # The picked choice comes first, so ‹ 1 › is always what the conversation uses.
        turn.details.choices = [choices[index], *choices[:index], *choices[index + 1:]]
        self.details_changed.emit(turn)
        await self.services.history.update_message_content(
            turn.id, turn.content, turn.status, meta=turn.details.to_json())

    def _on_reply_ended(self, outcome: ReplyOutcome) -> None:
        if is_auth_failure(outcome):
            assert outcome.failure is not None
            self.key_needed.emit(outcome.failure.message)

    async def _report_usage(self, request: ChatRequest, reply: str, usage: Usage | None,
                            request_id: str | None, turn: Turn) -> None:
        if usage is None:  # many local servers send no usage: count locally, say it's estimated
            from playground.usage.tokens import estimate_usage

            usage = await asyncio.to_thread(estimate_usage, request.model, request.messages,
                                            reply)
        from playground.api.environment import apply_environment

        where, _key = apply_environment(self.services.api.profile(), None)
        record = usage_record(request.model, self.profile_name(), usage, request_id,
                              self.conversation_id, free=is_self_hosted(where.base_url))
        self.services.usage.report(record)
        from playground.services.file_search_reply import file_search_record

        # File searches are billed per call on top of the tokens: a ledger row of their own.
        searches = file_search_record(request.model, self.profile_name(), turn.details,
                                      request_id, self.conversation_id)
        if searches is not None:
            self.services.usage.report(searches)
        # The reply's own cost, shown under it and kept with it.
        usage_service = self.services.usage
        cost = await asyncio.to_thread(lambda: usage_service.prices.cost(record))
        if cost is not None and turn.status != MessageStatus.STREAMING:
            turn.details.metrics.cost = str(cost)
            turn.details.metrics.cost_estimated = usage.estimated
            self.details_changed.emit(turn)
            await self.services.history.update_message_content(
                turn.id, turn.content, turn.status, meta=turn.details.to_json())

    def _in_background(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(work)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    # ------------------------------------------------------------------ editing
    def begin_edit(self, turn: Turn) -> bool:
        if turn.role != "user" or self.is_running():
            return False
        self.editing = turn
        self.editing_changed.emit(turn)
        return True

    def cancel_edit(self) -> None:
        if self.editing is not None:
            self.editing = None
            self.editing_changed.emit(None)

    # ------------------------------------------------------------------ history
    async def _ensure_conversation(self, first_text: str) -> int:
        history = self.services.history
        controls = self._controls()
        if self.conversation_id is None:
            from playground.storage.history import auto_title

            conversation = await history.create_conversation(
                auto_title(first_text), model=controls.model,
                system_prompt=controls.system_prompt, params=controls.params)
            self.conversation_id = conversation.id
            self.conversation_changed.emit(self.conversation_id)
            self.conversations_changed.emit()
        else:
            await history.update_conversation(
                self.conversation_id, model=controls.model,
                system_prompt=controls.system_prompt, params=controls.params)
        return self.conversation_id

    async def _store_turn(self, conversation_id: int, role: str, text: str,
                          images: list[ImageInput], *,
                          status: MessageStatus = MessageStatus.COMPLETE,
                          model: str = "") -> Turn:
        stored = await self.services.history.add_message(
            conversation_id, role, text, images=images, status=status, model=model)
        turn = Turn(stored.id, stored.position, role, text, list(images), status, model)
        self.turns.append(turn)
        self.turn_added.emit(turn)
        return turn

    def new_conversation(self) -> None:
        self.stop(cancel_run=False)
        self.conversation_id = None
        self.forks = {}
        self.turns = []
        self.shown_from = 0
        self.cancel_edit()
        self.conversation_changed.emit(None)

    async def start_from(self, messages: list[ChatMessage], title: str) -> None:
        """A new conversation holding `messages` (a saved prompt's examples, or the turn a
        compare pane chose), stored but not sent: the user goes on from there."""
        self.new_conversation()
        if not messages:
            return

        async def run() -> None:
            conversation_id = await self._ensure_conversation(title or messages[0].content)
            for message in messages:
                await self._store_turn(conversation_id, message.role, message.content, [])

        await self._guarded(run())

    async def open(self, conversation_id: int) -> bool:
        """Load a stored conversation; False when it is already open or no longer exists."""
        if conversation_id == self.conversation_id:
            return False
        self.stop(cancel_run=False)
        history = self.services.history
        conversation = await history.get_conversation(conversation_id)
        if conversation is None:
            return False
        stored = await history.load_messages(conversation_id)
        self.conversation_id = conversation_id
        self.cancel_edit()
        self.turns = [Turn(m.id, m.position, m.role, m.content, list(m.images),
                           MessageStatus(m.status), m.model, m.error,
                           ReplyDetails.from_json(m.meta)) for m in stored]
        self.shown_from = max(0, len(self.turns) - PAGE)
        self.conversation_opened.emit(conversation, self.turns[self.shown_from:])
        self.conversation_changed.emit(conversation_id)
        await self._load_forks()
        self._resume_left_run()
        return True

    def earlier_page(self) -> list[Turn]:
        """The next page of older turns for the view (and the session now counts them shown)."""
        start = max(0, self.shown_from - PAGE)
        earlier = self.turns[start:self.shown_from]
        self.shown_from = start
        return earlier

    async def delete_conversation(self, conversation_id: int) -> None:
        await self.services.history.delete_conversation(conversation_id)
        if conversation_id == self.conversation_id:
            self.new_conversation()
        self.conversations_changed.emit()
