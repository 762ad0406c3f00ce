"""The Chat tab: conversations, the streaming reply, every sampling control, crash-safe history.

A send is one `@asyncSlot`: it stores the user's message first (so nothing typed is lost),
streams the reply into the view (batched per frame by MessageView) and into the history
(written at least every 250 ms, so a crash keeps what was on screen), retries transient
failures with a visible countdown, and reports usage to the ledger.
"""

from __future__ import annotations

import base64
import contextlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from playground.api import retry
from playground.lazy import lazy_module
from playground.model.capabilities import model_info
from playground.model.types import (
    ApiFailure,
    ChatMessage,
    ChatRequest,
    FailureKind,
    Finished,
    ImageInput,
    StreamStarted,
    TextDelta,
    Usage,
    UsageReport,
)
from playground.ui.async_slot import async_slot
from playground.ui.failures import describe
from playground.ui.tabs.chat_params import ChatParams
from playground.ui.widgets.chat_input import AttachmentStrip, ChatInput
from playground.ui.widgets.conversation_list import ConversationList
from playground.ui.widgets.message_view import MessageView
from playground.usage.records import UsageRecord

asyncio = lazy_module("asyncio")  # imported after the first paint, on first use

if TYPE_CHECKING:
    from playground.services import Services
    from playground.settings import Settings

PERSIST_INTERVAL = 0.25  # seconds between history writes while a reply streams
PAGE = 50  # messages shown when a conversation opens; older ones load on demand
MAX_IMAGE_SIDE = 2048  # the API scales larger images down anyway: send less
BILLING_URL = "https://platform.openai.com/settings/organization/billing"
CONTINUE_PROMPT = (
    "Continue exactly where your previous message stopped. Do not repeat anything and do not "
    "add any preamble."
)


@dataclass
class Turn:
    """One message of the open conversation as the tab knows it (mirrors a history row)."""

    id: int
    position: int
    role: str
    content: str
    images: list[ImageInput] = field(default_factory=list)
    status: str = "complete"
    model: str = ""
    error: ApiFailure | None = None

    def as_message(self) -> ChatMessage:
        return ChatMessage(self.role, self.content, list(self.images))


class ChatTab(QWidget):
    draftChanged = Signal()
    rateLimitsReceived = Signal(object)  # RateLimits
    keyDialogRequested = Signal(str)  # why
    profileDialogRequested = Signal()
    readAloudRequested = Signal(str)
    statusMessage = Signal(str)
    conversationChanged = Signal(object)  # int | None
    busyChanged = Signal(bool)  # a reply started (True) or ended (False)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatTab")
        self.setAccessibleName(self.tr("Chat"))
        self.setAcceptDrops(True)
        self._settings = settings
        self._services: Services | None = None
        self._conversation_id: int | None = None
        self._turns: list[Turn] = []
        self._shown_from = 0  # index of the first turn shown in the view
        self._editing: Turn | None = None
        self._task: asyncio.Task[Any] | None = None
        self._stream_writes: set[asyncio.Future[Any]] = set()
        self._background: set[asyncio.Future[Any]] = set()
        self._build()
        self._connect()
        self._set_running(False)
        self.apply_settings()

    def apply_settings(self) -> None:
        """Re-read the preferences this tab follows (after the preferences dialog closes)."""
        self.input.send_on_enter = bool(self._settings.get("chat/send_on_enter"))

    # ---------------------------------------------------------------- layout
    def _build(self) -> None:
        self.conversations = ConversationList()
        self.view = MessageView()
        self.input = ChatInput()
        self.input.setMinimumHeight(60)
        self.input.setMaximumHeight(160)
        self.attachments = AttachmentStrip()

        self.hint = QLabel()
        self.hint.setObjectName("chatHint")
        self.hint.setAccessibleName(self.tr("Chat notice"))
        self.hint.setWordWrap(True)
        self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint_button = QPushButton()
        self.hint_button.setObjectName("hintActionButton")
        self.hint_button.setAccessibleName(self.tr("Notice action"))
        self.hint_button.setVisible(False)
        self._hint_action: Any = None
        self.hint_row = QWidget()
        hint_layout = QHBoxLayout(self.hint_row)
        hint_layout.setContentsMargins(0, 0, 0, 0)
        hint_layout.addWidget(self.hint, 1)
        hint_layout.addWidget(self.hint_button)
        self.hint_row.setVisible(False)

        self.edit_banner = QWidget()
        self.edit_banner.setObjectName("editBanner")
        banner = QHBoxLayout(self.edit_banner)
        banner.setContentsMargins(0, 0, 0, 0)
        banner.addWidget(QLabel(self.tr(
            "Editing an earlier message: sending replaces it and everything after it.")), 1)
        self.cancel_edit = QToolButton()
        self.cancel_edit.setObjectName("cancelEditButton")
        self.cancel_edit.setText(self.tr("Cancel edit"))
        self.cancel_edit.setAccessibleName(self.tr("Cancel edit"))
        banner.addWidget(self.cancel_edit)
        self.edit_banner.setVisible(False)

        self.code_button = QToolButton()
        self.code_button.setObjectName("viewCodeButton")
        self.code_button.setText(self.tr("Code"))
        self.code_button.setToolTip(self.tr("View this request as Python or curl"))
        self.code_button.setAccessibleName(self.tr("View code"))
        self.attach_button = QToolButton()
        self.attach_button.setObjectName("attachImageButton")
        self.attach_button.setText(self.tr("Image…"))
        self.attach_button.setToolTip(self.tr("Attach images (or paste / drop them)"))
        self.attach_button.setAccessibleName(self.tr("Attach image"))
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setObjectName("sendButton")
        self.send_button.setAccessibleName(self.tr("Send"))
        self.send_button.setToolTip(self.tr("Send (Ctrl+Enter)"))
        self.send_button.setDefault(True)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setObjectName("stopButton")
        self.stop_button.setAccessibleName(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop the reply (Esc)"))

        buttons = QVBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.code_button)
        buttons.addStretch(1)
        compose = QHBoxLayout()
        compose.addWidget(self.input, 1)
        compose.addLayout(buttons)

        centre = QWidget()
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.view, 1)
        column.addWidget(self.edit_banner)
        column.addWidget(self.hint_row)
        column.addWidget(self.attachments)
        column.addLayout(compose)

        self.params = ChatParams()
        self.params.model_picker.setEditText(self._settings.get("chat/model"))

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("chatSplitter")
        split.addWidget(self.conversations)
        split.addWidget(centre)
        split.addWidget(self.params)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setStretchFactor(2, 0)
        split.setSizes([200, 640, 260])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

    def _connect(self) -> None:
        self.send_button.clicked.connect(self.send)
        self.input.submitted.connect(self.send)
        self.stop_button.clicked.connect(self.stop_action)
        self.attach_button.clicked.connect(self._choose_images)
        self.code_button.clicked.connect(self.show_code)
        self.input.imagesPasted.connect(self._attach_images)
        self.input.filesPasted.connect(self._attach_files)
        self.input.textChanged.connect(self._on_draft_edited)
        self.attachments.changed.connect(self.draftChanged)
        self.params.changed.connect(self.draftChanged)
        self.params.model_picker.currentTextChanged.connect(self._remember_model)
        self.params.refreshModelsRequested.connect(self.refresh_models)
        self.cancel_edit.clicked.connect(self._cancel_edit)
        self.hint_button.clicked.connect(self._run_hint_action)

        self.conversations.newRequested.connect(self.new_conversation)
        self.conversations.selected.connect(self.open_conversation)
        self.conversations.renameRequested.connect(self._rename)
        self.conversations.deleteRequested.connect(self._delete)
        self.conversations.exportRequested.connect(self._export)
        self.conversations.searchChanged.connect(self._search)

        self.view.editRequested.connect(self._edit)
        self.view.regenerateRequested.connect(self._regenerate)
        self.view.readAloudRequested.connect(self._read_aloud)
        self.view.actionTriggered.connect(self._on_message_action)
        self.view.earlierRequested.connect(self._show_earlier)

    def attach(self, services: Services) -> None:
        """Called once the services exist (right after the first paint)."""
        self._services = services
        self._load_cached_models()

    # ---------------------------------------------------------------- public actions
    def run_primary_action(self) -> None:
        self.send()

    def stop_action(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()

    def is_running(self) -> bool:
        return self._task is not None and not self._task.done()

    def draft(self) -> tuple[str, list[ChatMessage], int | None]:
        """(model, messages of the next request, max tokens) for the live token count."""
        messages = self._context_messages(self._turns_before_edit())
        text = self.input.toPlainText()
        images = [ImageInput("", "auto", i.width(), i.height()) for i in self.attachments.images()]
        if text or images:
            messages.append(ChatMessage("user", text, images))
        return self.params.model(), messages, int(self.params.max_tokens.value())

    def insert_text(self, text: str) -> None:
        """Text sent from another tab (e.g. a transcript) lands in the input, not sent."""
        cursor = self.input.textCursor()
        cursor.insertText(text)
        self.input.setFocus()

    def attach_image_bytes(self, data: bytes, _mime: str = "") -> None:
        image = QImage.fromData(QByteArray(data))
        if image.isNull():
            self._show_hint(self.tr("That image could not be read."))
            return
        self._attach_images([image])

    # ---------------------------------------------------------------- sending
    @async_slot()
    async def send(self) -> None:
        if self.is_running():
            return
        text = self.input.toPlainText().strip()
        images = self.attachments.images()
        problem = self._check_before_send(text, images)
        if problem:
            self._show_hint(problem)
            return
        if self._services is None:
            self._show_hint(self.tr("Still starting up — try again in a moment."))
            return
        if not await self._budget_allows():
            return
        self._show_hint("")
        self._task = asyncio.current_task()
        self._set_running(True)
        try:
            encoded = await asyncio.to_thread(_encode_images, images)
            if self._editing is not None:
                await self._drop_from(self._editing)
                self._cancel_edit()
            conversation_id = await self._ensure_conversation(text or self.tr("Image"))
            turn = await self._store_turn(conversation_id, "user", text, encoded)
            # Stored: now it is safe to clear what the user typed.
            self.input.clear()
            self.attachments.clear()
            self._show_turn(turn)
            await self._reply()
        except asyncio.CancelledError:
            pass
        except ApiFailure as failure:  # a failure before any reply widget existed
            self._show_hint(describe(failure).title + " " + failure.message)
        except Exception as exc:  # storage errors and the like: say so, keep the input
            self._show_hint(self.tr("Could not send: %1").replace("%1", str(exc)))
        finally:
            self._task = None
            self._set_running(False)
            self.draftChanged.emit()

    def _check_before_send(self, text: str, images: list[QImage]) -> str:
        if not text and not images:
            return self.tr("Type a message or attach an image first.")
        model = self.params.model()
        if not model:
            return self.tr("Pick or type a model first.")
        info = model_info(model)
        if images and not info.vision and not info.guessed:
            return self.tr("%1 does not accept images. Pick a vision model such as gpt-4o, or "
                           "remove the images.").replace("%1", model)
        return ""

    async def _budget_allows(self) -> bool:
        assert self._services is not None
        usage = self._services.usage
        profile = self._profile_name()
        state = await asyncio.to_thread(usage.check_budget, profile)
        if state.blocked:
            self._show_hint(state.message + " " + self.tr(
                "“Send anyway” sends this one request."), action=(
                self.tr("Send anyway"), lambda: self._override_budget(profile)))
            return False
        if state.message:
            self.statusMessage.emit(state.message)
        return True

    def _override_budget(self, profile: str) -> None:
        assert self._services is not None
        self._services.usage.override_once(profile)
        self.send()

    async def _reply(self, continuing: Turn | None = None) -> None:
        """Stream the assistant's reply to the current turns (or continue a cut one)."""
        assert self._services is not None
        services = self._services
        conversation_id = self._conversation_id
        assert conversation_id is not None
        model = self.params.model()
        request = self._build_request(model, continuing)
        if continuing is None:
            turn = await self._store_turn(conversation_id, "assistant", "", [], status="streaming",
                                          model=model)
            widget = self._show_turn(turn)
        else:
            turn = continuing
            turn.status = "streaming"
            widget = self.view.message(turn.id)
            widget.clear_error()
            widget.set_status("streaming")
        prefix = turn.content
        parts: list[str] = []
        usage: Usage | None = None
        request_id: str | None = None
        finish: str | None = None
        history = services.extras["history"]
        attempt = 0
        last_write = time.monotonic()
        try:
            while True:
                try:
                    client = await services.api.client()
                    from playground.api import chat

                    async for event in chat.stream(client, request):
                        if isinstance(event, TextDelta):
                            if event.index:
                                continue  # n > 1 is not offered: only choice 0 is shown
                            widget.append_text(event.text)
                            parts.append(event.text)
                            now = time.monotonic()
                            if now - last_write >= PERSIST_INTERVAL:
                                last_write = now
                                turn.content = prefix + "".join(parts)
                                self._persist_soon(history.update_message_content(
                                    turn.id, turn.content, "streaming"))
                        elif isinstance(event, StreamStarted):
                            request_id = event.request_id
                            if event.rate_limits is not None:
                                self.rateLimitsReceived.emit(event.rate_limits)
                        elif isinstance(event, UsageReport):
                            usage = event.usage
                        elif isinstance(event, Finished):
                            finish = event.reason
                    break
                except ApiFailure as failure:
                    request_id = failure.request_id or request_id
                    delay = None if parts else retry.delays(
                        failure, attempt, services.api.profile().max_retries)
                    if delay is None:
                        raise
                    attempt += 1
                    await self._count_down(widget, failure, delay, attempt)
            turn.content = prefix + "".join(parts)
            turn.status = "complete"
            widget.finish()
            widget.set_status("complete")
            await self._final_write(history.update_message_content(
                turn.id, turn.content, "complete", request_id=request_id))
            if finish == "length":
                widget.show_error(
                    self.tr("The reply reached the maximum tokens and stopped."),
                    self.tr("Raise “Maximum tokens” or continue the reply."),
                    request_id, [("continue", self.tr("Continue"))])
            elif finish == "content_filter":
                widget.show_error(self.tr("The reply was stopped by the content filter."), "",
                                  request_id, [("retry", self.tr("Retry"))])
        except asyncio.CancelledError:
            turn.content = prefix + "".join(parts)
            turn.status = "interrupted"
            widget.finish()
            widget.set_status("interrupted")
            widget.show_error(self.tr("Stopped."), "", request_id,
                              [("continue", self.tr("Continue")), ("retry", self.tr("Retry"))])
            await asyncio.shield(self._final_write(history.update_message_content(
                turn.id, turn.content, "interrupted", request_id=request_id)))
            raise
        except ApiFailure as failure:
            turn.content = prefix + "".join(parts)
            partial = bool(parts) or bool(prefix)
            turn.status = "interrupted" if partial else "error"
            turn.error = failure
            widget.finish()
            widget.set_status(turn.status)
            view = describe(failure, partial=partial)
            widget.show_error(view.title, view.detail, failure.request_id, view.actions)
            await self._final_write(history.update_message_content(
                turn.id, turn.content, turn.status))
            if not partial:
                await history.set_message_error(turn.id, failure)
            if failure.kind == FailureKind.AUTH:
                self.keyDialogRequested.emit(failure.message)
        finally:
            if parts or usage is not None:
                self._in_background(self._report_usage(
                    model, request, "".join(parts), usage, request_id))

    def _persist_soon(self, write: Any) -> None:
        """A streaming history write the stream does not wait for. Queued writes reach the
        history's single worker thread in order; `_final_write` waits for them."""
        task = asyncio.ensure_future(write)
        self._stream_writes.add(task)
        task.add_done_callback(self._stream_writes.discard)

    async def _final_write(self, write: Any) -> None:
        """The reply's last write: a queued streaming write must never land after it (its
        task may not have reached the worker yet), or the stored reply would be cut short."""
        if self._stream_writes:
            await asyncio.gather(*self._stream_writes, return_exceptions=True)
        await write

    def _in_background(self, work: Any) -> None:
        task = asyncio.ensure_future(work)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    def _build_request(self, model: str, continuing: Turn | None) -> ChatRequest:
        turns = self._turns if continuing is None else self._turns[: self._turns.index(
            continuing) + 1]
        messages = self._context_messages([t for t in turns if t.status != "streaming"
                                           or t is continuing])
        if continuing is not None:
            messages.append(ChatMessage("user", CONTINUE_PROMPT))
        return self.params.apply_to(ChatRequest(model=model, messages=messages))

    def _context_messages(self, turns: list[Turn]) -> list[ChatMessage]:
        messages: list[ChatMessage] = []
        system = self.params.system_prompt.toPlainText().strip()
        if system:
            messages.append(ChatMessage("system", system))
        for t in turns:
            if t.role == "assistant" and not t.content:
                continue  # a failed reply with no text is not context
            messages.append(t.as_message())
        return messages

    def _turns_before_edit(self) -> list[Turn]:
        if self._editing is None:
            return self._turns
        return self._turns[: self._turns.index(self._editing)]

    async def _count_down(self, widget: Any, failure: ApiFailure, delay: float,
                          attempt: int) -> None:
        title = describe(failure).title
        end = time.monotonic() + delay
        while (left := end - time.monotonic()) > 0:
            widget.show_countdown(self.tr("%1 Retrying in %2 s (attempt %3)…")
                                  .replace("%1", title).replace("%2", str(int(left + 0.99)))
                                  .replace("%3", str(attempt)))
            await asyncio.sleep(min(1.0, left))
        widget.show_countdown("")

    async def _report_usage(self, model: str, request: ChatRequest, reply: str,
                            usage: Usage | None, request_id: str | None) -> None:
        if self._services is None:
            return
        if usage is None:  # many local servers send no usage: count locally, say it's estimated
            from playground.usage.tokens import estimate_usage

            usage = await asyncio.to_thread(estimate_usage, model, request.messages, reply)
        record = UsageRecord(endpoint="chat", model=model, profile=self._profile_name(),
                             request_id=request_id, conversation_id=self._conversation_id)
        record.prompt_tokens = usage.prompt_tokens
        record.completion_tokens = usage.completion_tokens
        record.cached_tokens = usage.cached_tokens
        record.reasoning_tokens = usage.reasoning_tokens
        record.estimated = usage.estimated
        self._services.usage.report(record)

    # ---------------------------------------------------------------- history
    def _profile_name(self) -> str:
        return self._services.api.profile().name if self._services else ""

    async def _ensure_conversation(self, first_text: str) -> int:
        assert self._services is not None
        history = self._services.extras["history"]
        if self._conversation_id is None:
            from playground.storage.history import auto_title

            conversation = await history.create_conversation(
                auto_title(first_text), model=self.params.model(),
                system_prompt=self.params.system_prompt.toPlainText(),
                params=self.params.state())
            self._conversation_id = conversation.id
            self.conversationChanged.emit(self._conversation_id)
            await self.refresh_conversations()
        else:
            await history.update_conversation(
                self._conversation_id, model=self.params.model(),
                system_prompt=self.params.system_prompt.toPlainText(), params=self.params.state())
        return self._conversation_id

    async def _store_turn(self, conversation_id: int, role: str, text: str,
                          images: list[ImageInput], *, status: str = "complete",
                          model: str = "") -> Turn:
        assert self._services is not None
        history = self._services.extras["history"]
        stored = await history.add_message(conversation_id, role, text, images=images,
                                           status=status, model=model)
        turn = Turn(stored.id, stored.position, role, text, list(images), status, model)
        self._turns.append(turn)
        return turn

    def _show_turn(self, turn: Turn) -> Any:
        widget = self.view.add_message(turn.id, turn.role, turn.content,
                                       images=[_image_bytes(i) for i in turn.images],
                                       status=turn.status, model=turn.model)
        self._decorate(turn, widget)
        return widget

    def _decorate(self, turn: Turn, widget: Any) -> None:
        """Errors and interruptions saved with a message are shown again when it is reopened."""
        if turn.status == "interrupted":
            widget.show_error(self.tr("This reply was interrupted; what arrived is kept."),
                              turn.error.message if turn.error else "",
                              turn.error.request_id if turn.error else None,
                              [("continue", self.tr("Continue")), ("retry", self.tr("Retry"))])
        elif turn.status == "error" and turn.error is not None:
            view = describe(turn.error)
            widget.show_error(view.title, view.detail, turn.error.request_id, view.actions)

    async def _drop_from(self, turn: Turn) -> None:
        """Delete `turn` and everything after it (edit / regenerate)."""
        assert self._services is not None
        index = self._turns.index(turn)
        assert self._conversation_id is not None
        await self._services.extras["history"].truncate_after(self._conversation_id,
                                                               turn.position - 1)
        self.view.remove_from(turn.id)
        del self._turns[index:]
        self._shown_from = min(self._shown_from, len(self._turns))

    @async_slot()
    async def new_conversation(self) -> None:
        if self.is_running():
            self.stop_action()
        self._conversation_id = None
        self._turns = []
        self._shown_from = 0
        self._cancel_edit()
        self.view.clear()
        self.view.set_has_earlier(False)
        self.conversations.select(None)
        self.conversationChanged.emit(None)
        self.input.setFocus()
        self.draftChanged.emit()

    @async_slot(int)
    async def open_conversation(self, conversation_id: int) -> None:
        await self.load_conversation(conversation_id)

    async def load_conversation(self, conversation_id: int) -> None:
        if self._services is None or conversation_id == self._conversation_id:
            return
        if self.is_running():
            self.stop_action()
        history = self._services.extras["history"]
        conversation = await history.get_conversation(conversation_id)
        if conversation is None:
            return
        stored = await history.load_messages(conversation_id)
        self._conversation_id = conversation_id
        self._cancel_edit()
        self._turns = [
            Turn(m.id, m.position, m.role, m.content, list(m.images), str(m.status), m.model,
                 m.error)
            for m in stored
        ]
        if conversation.model:
            self.params.model_picker.setEditText(conversation.model)
        self.params.system_prompt.setPlainText(conversation.system_prompt or "")
        self.params.restore(conversation.params or {})
        self.view.clear()
        self._shown_from = max(0, len(self._turns) - PAGE)
        for turn in self._turns[self._shown_from:]:
            self._show_turn(turn)
        self.view.set_has_earlier(self._shown_from > 0)
        self.conversations.select(conversation_id)
        self.conversationChanged.emit(conversation_id)
        self.draftChanged.emit()

    def _show_earlier(self) -> None:
        start = max(0, self._shown_from - PAGE)
        earlier = self._turns[start:self._shown_from]
        self.view.prepend_messages([
            (t.id, t.role, t.content, [_image_bytes(i) for i in t.images], t.status, t.model)
            for t in earlier
        ])
        for t in earlier:
            self._decorate(t, self.view.message(t.id))
        self._shown_from = start
        self.view.set_has_earlier(start > 0)

    async def refresh_conversations(self, query: str = "") -> None:
        if self._services is None:
            return
        history = self._services.extras["history"]
        if query.strip():
            hits = await history.search(query.strip())
            items = [(h.conversation_id, h.title, h.snippet) for h in hits]
        else:
            rows = await history.list_conversations()
            items = [(c.id, c.title, time.strftime("%Y-%m-%d %H:%M",
                                                   time.localtime(c.updated_at)))
                     for c in rows]
        self.conversations.set_items(items, self._conversation_id)

    @async_slot(str)
    async def _search(self, query: str) -> None:
        await self.refresh_conversations(query)

    @async_slot(int, str)
    async def _rename(self, conversation_id: int, title: str) -> None:
        if self._services is None:
            return
        if not title:
            self._show_hint(self.tr("A conversation needs a title; the old one was kept."))
        else:
            await self._services.extras["history"].rename_conversation(conversation_id, title)
        await self.refresh_conversations(self.conversations.search.text())

    @async_slot(int)
    async def _delete(self, conversation_id: int) -> None:
        if self._services is None:
            return
        await self._services.extras["history"].delete_conversation(conversation_id)
        if conversation_id == self._conversation_id:
            await self.new_conversation()
        await self.refresh_conversations(self.conversations.search.text())

    def _export(self, conversation_id: int, fmt: str) -> None:
        from PySide6.QtWidgets import QFileDialog  # handlers only: its type is slow to load

        suffix = ".md" if fmt == "markdown" else ".json"
        dialog = QFileDialog(self, self.tr("Export conversation"))
        dialog.setObjectName("exportDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(suffix[1:])
        dialog.setNameFilter(self.tr("Markdown (*.md)") if fmt == "markdown"
                             else self.tr("JSON (*.json)"))
        dialog.selectFile(f"conversation-{conversation_id}{suffix}")
        dialog.fileSelected.connect(
            lambda path: self._write_export(conversation_id, fmt, path))
        dialog.open()

    @async_slot(int, str, str)
    async def _write_export(self, conversation_id: int, fmt: str, path: str) -> None:
        assert self._services is not None
        from playground.storage import export

        history = self._services.extras["history"]
        try:
            conversation = await history.get_conversation(conversation_id)
            messages = await history.load_messages(conversation_id)
            if conversation is None:
                return
            text = (export.to_markdown if fmt == "markdown" else export.to_json)(
                conversation, messages)
            await asyncio.to_thread(Path(path).write_text, text, encoding="utf-8")
        except OSError as exc:
            self._show_hint(self.tr("Could not write %1: %2").replace("%1", path)
                            .replace("%2", exc.strerror or str(exc)))
            return
        self.statusMessage.emit(self.tr("Exported to %1").replace("%1", path))

    # ---------------------------------------------------------------- message actions
    def _turn(self, key: object) -> Turn | None:
        return next((t for t in self._turns if t.id == key), None)

    def _edit(self, key: object) -> None:
        turn = self._turn(key)
        if turn is None or turn.role != "user" or self.is_running():
            return
        self._editing = turn
        self.input.setPlainText(turn.content)
        self.attachments.clear()
        for image in turn.images:
            data = _image_bytes(image)
            if data:
                self.attachments.add(QImage.fromData(QByteArray(data)))
        self.edit_banner.setVisible(True)
        self.input.setFocus()
        self.draftChanged.emit()

    def _cancel_edit(self) -> None:
        if self._editing is not None:
            self.input.clear()
            self.attachments.clear()
        self._editing = None
        self.edit_banner.setVisible(False)

    @async_slot(object)
    async def _regenerate(self, key: object) -> None:
        turn = self._turn(key)
        if turn is None or self.is_running():
            return
        await self._run_guarded(self._regenerate_from(turn))

    async def _regenerate_from(self, turn: Turn) -> None:
        if turn.role == "assistant":
            await self._drop_from(turn)
        await self._reply()

    async def _run_guarded(self, coro: Any) -> None:
        """Run a reply started from a message action with the same guards as Send."""
        self._task = asyncio.current_task()
        self._set_running(True)
        try:
            await coro
        except asyncio.CancelledError:
            pass
        except Exception as exc:
            self._show_hint(self.tr("Could not send: %1").replace("%1", str(exc)))
        finally:
            self._task = None
            self._set_running(False)

    @async_slot(object, str)
    async def _on_message_action(self, key: object, action: str) -> None:
        turn = self._turn(key)
        if action == "key":
            self.keyDialogRequested.emit("")
        elif action == "profile":
            self.profileDialogRequested.emit()
        elif action == "billing":
            QDesktopServices.openUrl(QUrl(BILLING_URL))
        elif turn is not None and not self.is_running():
            if action == "retry":
                await self._run_guarded(self._regenerate_from(turn))
            elif action == "continue":
                await self._run_guarded(self._reply(continuing=turn))

    def _read_aloud(self, key: object) -> None:
        turn = self._turn(key)
        if turn is not None and turn.content:
            self.readAloudRequested.emit(turn.content)

    # ---------------------------------------------------------------- models
    def _remember_model(self, name: str) -> None:
        if name.strip():
            self._settings.set("chat/model", name.strip())

    def _models_key(self) -> str:
        return f"models_cache/{self._profile_name() or 'default'}"

    def _load_cached_models(self) -> None:
        cached = self._settings.raw().value(self._models_key(), [])
        names = [cached] if isinstance(cached, str) else list(cached or [])
        if names:
            self.params.set_models(names)
        self.refresh_models()

    @async_slot()
    async def refresh_models(self) -> None:
        if self._services is None:
            return
        self.params.refresh_models.setEnabled(False)
        try:
            from playground.api import catalog

            client = await self._services.api.client()
            names = await catalog.list_models(client)
            self._settings.raw().setValue(self._models_key(), names)
            self.params.set_models(names)
            self.params.set_model_note("")
        except ApiFailure as failure:
            if failure.kind == FailureKind.UNSUPPORTED:
                self.params.set_model_note(self.tr(
                    "This server does not list its models; type a model name."))
            else:
                self.params.set_model_note(self.tr("Could not load the model list: %1")
                                           .replace("%1", describe(failure).title))
        finally:
            self.params.refresh_models.setEnabled(True)

    async def on_profile_changed(self) -> None:
        self._load_cached_models()

    # ---------------------------------------------------------------- view code
    def show_code(self) -> None:
        """The next request (conversation + what is typed) as Python and curl."""
        from playground.api.code_view import code_for
        from playground.api.environment import apply_environment
        from playground.model.types import Profile
        from playground.ui.code_dialog import CodeDialog

        model, messages, _max = self.draft()
        images = self.attachments.images()
        if images and messages and messages[-1].role == "user":
            # Real data URLs are shortened by code_for; their size does not matter here.
            messages[-1].images = [ImageInput("data:image/png;base64,…", "auto",
                                              i.width(), i.height()) for i in images]
        request = self.params.apply_to(ChatRequest(model=model or "gpt-4o-mini",
                                                   messages=messages))
        profile = self._services.api.profile() if self._services else Profile()
        profile, _key = apply_environment(profile, None)
        dialog = CodeDialog(code_for(request, profile), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # ---------------------------------------------------------------- images
    def _choose_images(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        dialog = QFileDialog(self, self.tr("Attach images"))
        dialog.setObjectName("attachImageDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilter(self.tr("Images (*.png *.jpg *.jpeg *.webp *.gif)"))
        dialog.filesSelected.connect(self._attach_files)
        dialog.open()

    @async_slot(list)
    async def _attach_files(self, paths: list[str]) -> None:
        # Reading and decoding a large photo takes long enough to stall typing: off-thread.
        loaded = await asyncio.to_thread(lambda: [(path, QImage(path)) for path in paths])
        unreadable = [path for path, image in loaded if image.isNull()]
        if unreadable:
            self._show_hint(self.tr("%1 is not an image this app can read.")
                            .replace("%1", ", ".join(unreadable)))
        self._attach_images([image for _path, image in loaded if not image.isNull()])

    def _attach_images(self, images: list[QImage]) -> None:
        for image in images:
            self.attachments.add(image)
        if images and not model_info(self.params.model()).vision:
            self._show_hint(self.tr("Note: %1 may not accept images.")
                            .replace("%1", self.params.model()))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasImage() or (mime.hasUrls() and any(u.isLocalFile() for u in mime.urls())):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        if mime.hasImage():
            self._attach_images([QImage(mime.imageData())])
        else:
            self._attach_files([u.toLocalFile() for u in mime.urls() if u.isLocalFile()])
        event.acceptProposedAction()

    # ---------------------------------------------------------------- small things
    def _on_draft_edited(self) -> None:
        if self.hint_row.isVisible() and self.input.toPlainText().strip():
            self._show_hint("")
        self.draftChanged.emit()

    def _show_hint(self, text: str, action: tuple[str, Any] | None = None) -> None:
        self.hint.setText(text)
        self.hint_row.setVisible(bool(text))
        self._hint_action = action[1] if action else None
        self.hint_button.setText(action[0] if action else "")
        self.hint_button.setAccessibleName(action[0] if action else self.tr("Notice action"))
        self.hint_button.setVisible(action is not None)
        if text:
            self.statusMessage.emit(text)

    def _run_hint_action(self) -> None:
        callback, self._hint_action = self._hint_action, None
        self._show_hint("")
        if callback is not None:
            callback()

    def _set_running(self, running: bool) -> None:
        self.send_button.setEnabled(not running)
        self.stop_button.setEnabled(running)
        self.busyChanged.emit(running)


# -------------------------------------------------------------------- helpers (Qt-light)
def _encode_images(images: list[QImage]) -> list[ImageInput]:
    """QImages -> data URLs (PNG, or JPEG for photos), scaled to fit the API's 2048 px."""
    encoded = []
    for image in images:
        if max(image.width(), image.height()) > MAX_IMAGE_SIDE:
            image = image.scaled(MAX_IMAGE_SIDE, MAX_IMAGE_SIDE,
                                 Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        fmt, mime = ("PNG", "image/png") if image.hasAlphaChannel() else ("JPEG", "image/jpeg")
        image.save(buffer, fmt, 90 if fmt == "JPEG" else -1)
        buffer.close()
        b64 = base64.b64encode(bytes(data.data())).decode("ascii")
        encoded.append(ImageInput(f"data:{mime};base64,{b64}", "auto",
                                  image.width(), image.height()))
    return encoded


def _image_bytes(image: ImageInput) -> bytes:
    if image.url.startswith("data:") and "," in image.url:
        with contextlib.suppress(ValueError):
            return base64.b64decode(image.url.split(",", 1)[1])
    return b""
