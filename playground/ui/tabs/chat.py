"""The Chat tab: a thin view over `ChatSession` (services/chat_session.py).

It lays out the conversation list, the message view, the input and the parameter panel,
forwards what the user does to the session, and shows what the session emits (through
`TurnRenderer` for the messages). State, streaming, history and usage live in the session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from playground.model.types import ChatMessage, ChatRequest, ImageInput
from playground.settings import CHAT_MODEL, SEND_ON_ENTER
from playground.ui.async_slot import async_slot
from playground.ui.tabs.base import TabPage
from playground.ui.tabs.chat_attachments import ChatAttachments
from playground.ui.tabs.chat_hints import ChatHints
from playground.ui.tabs.chat_images import encode_images, image_bytes, sized_placeholders
from playground.ui.tabs.chat_layout import build_chat_layout, build_side_panels

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QPushButton, QSplitter, QTabWidget, QToolButton

    from playground.services import Services
    from playground.services.chat_session import ChatSession
    from playground.services.chat_turns import ChatControls, Turn
    from playground.settings import Settings
    from playground.ui.tabs.chat_options import RequestOptions
    from playground.ui.tabs.chat_params import ChatParams
    from playground.ui.tabs.chat_side import ConversationsController
    from playground.ui.widgets.chat_input import AttachmentStrip, ChatInput
    from playground.ui.widgets.conversation_list import ConversationList
    from playground.ui.widgets.message_view import MessageView


class ChatTab(ChatHints, ChatAttachments, TabPage):
    draftChanged = Signal()
    rateLimitsReceived = Signal(object)  # RateLimits
    conversationChanged = Signal(object)  # int | None

    # Built by chat_layout.build_chat_layout:
    conversations_box: QWidget
    side_tabs: QTabWidget
    view: MessageView
    input: ChatInput
    attachments: AttachmentStrip
    hint: QLabel
    hint_button: QPushButton
    hint_row: QWidget
    edit_banner: QWidget
    cancel_edit: QToolButton
    code_button: QToolButton
    attach_button: QToolButton
    send_button: QPushButton
    stop_button: QPushButton
    splitter: QSplitter

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatTab")
        self.setAccessibleName(self.tr("Chat"))
        self.setAcceptDrops(True)
        self._settings = settings
        self.session: ChatSession | None = None
        self._send_when_ready = False  # Send was pressed before the services were up
        self.side: ConversationsController | None = None
        self._hint_action: Any = None
        self._tokenizer_warm = False
        self._side: tuple[ConversationList, ChatParams, RequestOptions] | None = None
        build_chat_layout(self)
        self._connect()
        self._set_running(False)
        self.apply_settings()

    def apply_settings(self) -> None:
        self.input.send_on_enter = self._settings.value(SEND_ON_ENTER)

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
        self.cancel_edit.clicked.connect(self._cancel_edit)
        self.hint_button.clicked.connect(self._run_hint_action)
        self.view.editRequested.connect(self._edit)
        self.view.regenerateRequested.connect(self._regenerate)
        self.view.readAloudRequested.connect(self._read_aloud)
        self.view.branchRequested.connect(self._switch_branch)
        self.view.actionTriggered.connect(self._on_message_action)

    def finish_building(self) -> None:
        """Build the conversation list and the side panel (right after the first paint, or
        on first use, whichever comes first)."""
        if self._side is not None:
            return
        self._side = conversations, params, options = build_side_panels(self)
        params.changed.connect(self.draftChanged)
        options.changed.connect(self.draftChanged)
        params.model_picker.currentTextChanged.connect(self._remember_model)
        conversations.newRequested.connect(self.new_conversation)

    @property
    def conversations(self) -> ConversationList:
        self.finish_building()
        assert self._side is not None
        return self._side[0]

    @property
    def params(self) -> ChatParams:
        self.finish_building()
        assert self._side is not None
        return self._side[1]

    @property
    def options(self) -> RequestOptions:
        self.finish_building()
        assert self._side is not None
        return self._side[2]

    def controls(self) -> ChatControls:
        """The controls as a plain snapshot: the session builds requests from it."""
        from playground.services.chat_turns import ChatControls

        model = self.params.model()
        template = self.params.apply_to(ChatRequest(model=model, messages=[]))
        options = self.options.options()
        return ChatControls(model, self.params.system_prompt.toPlainText(),
                            {**self.params.state(), "reply": options.state()}, template,
                            options)

    def attach(self, services: Services, *, load_models: bool = True) -> None:
        """Called once the services exist (right after the first paint). `load_models`
        False: the first-run welcome is choosing the server, so nothing is asked yet."""
        # The session and what renders it load after the first paint: startup stays lean.
        from playground.services.chat_session import ChatSession
        from playground.ui.tabs.chat_side import ConversationsController
        from playground.ui.tabs.chat_turn_view import TurnRenderer

        self.finish_building()
        session = ChatSession(services, self.controls)
        self.session = session
        from playground.services.mcp_servers import McpToolRunner, mcp_servers_for
        from playground.ui.mcp_approval import approval_for

        servers = mcp_servers_for(services)  # local MCP tools: offered, run after approval
        session.local_tools = McpToolRunner(servers, approval_for(self.window(), servers))

        def open_local_servers() -> None:
            from playground.ui.mcp_servers_dialog import open_mcp_servers

            open_mcp_servers(self.window(), services)

        self.options.tools.open_local_servers = open_local_servers
        self.options.tools.services = services
        self.renderer = TurnRenderer(self.view, session, self._submit_tool_result,
                                     self._pick_choice)
        self.side = ConversationsController(self, session)
        session.turn_added.connect(self._on_turn_added)
        session.busy_changed.connect(self._set_running)
        session.reply.rate_limits.connect(self.rateLimitsReceived.emit)
        session.key_needed.connect(self.keyDialogRequested.emit)
        session.message.connect(self.show_message)
        session.editing_changed.connect(self._on_editing_changed)
        session.conversation_changed.connect(self._on_conversation_changed)
        self.view.earlierRequested.connect(self.renderer.show_earlier)
        if load_models:
            self.side.load_models()
        if self._send_when_ready:  # not while the first-run welcome picks the server
            self._send_when_ready = False
            if load_models:
                self.send()
            else:
                self._show_hint("")

    # ---------------------------------------------------------------- TabPage
    def run_primary_action(self) -> None:
        self.send()

    def stop_action(self) -> None:
        if self.session is not None:
            self.session.stop()

    def shutdown(self) -> None:
        """The window closes: stop the reply, but leave a background run going on the server
        (it is resumed when the conversation is opened next time); Stop would cancel it."""
        if self.session is not None:
            self.session.stop(cancel_run=False)

    def is_running(self) -> bool:
        return self.session is not None and self.session.is_running()

    def receive_text(self, text: str) -> None:
        """Text sent from another tab (e.g. a transcript) lands in the input, not sent."""
        self.input.textCursor().insertText(text)
        self.input.setFocus()

    def receive_image(self, data: bytes, _mime: str = "") -> None:
        image = QImage.fromData(QByteArray(data))
        if image.isNull():
            self._show_hint(self.tr("That image could not be read."))
            return
        self._attach_images([image])

    async def on_profile_changed(self) -> None:
        if self.side is not None:
            self.side.load_models()

    def draft(self) -> tuple[str, list[ChatMessage], int | None]:
        """(model, messages of the next request, max tokens) for the live token count."""
        text = self.input.toPlainText()
        images = sized_placeholders(self.attachments.images())
        if self.session is None:
            messages = [ChatMessage("user", text, images)] if text or images else []
        else:
            messages = self.session.draft_messages(text, images)
        return self.params.model(), messages, int(self.params.max_tokens.value())

    def draft_request(self) -> ChatRequest | None:
        """The next request as it would be sent now (for the server's own token count)."""
        if self.session is None:
            return None
        _model, messages, _max = self.draft()
        controls = self.controls()
        return controls.request(messages, api=self.session.api_for(controls))

    # ---------------------------------------------------------------- sending
    @async_slot()
    async def send(self) -> None:
        session = self.session
        if session is None:  # sent as soon as the services are up (attach)
            self._send_when_ready = True
            self._show_hint(self.tr("Starting up — your message is sent in a moment."))
            return
        if session.is_running():
            return
        text = self.input.toPlainText().strip()
        images = self.attachments.images()
        problem = self._check_before_send(text, images)
        if problem:
            self._show_hint(problem)
            return
        self._show_hint("")
        import asyncio

        encoded = await asyncio.to_thread(encode_images, images)
        try:
            await session.send(text, encoded, title=self.tr("Image"))
        finally:
            self.draftChanged.emit()

    def _on_turn_added(self, turn: Turn) -> None:
        if turn.role == "user":  # stored: now it is safe to clear what the user typed
            self.input.clear()
            self.attachments.clear()

    def _check_before_send(self, text: str, images: list[QImage]) -> str:
        from playground.model.capabilities import model_info

        if not text and not images:
            return self.tr("Type a message or attach an image first.")
        model = self.params.model()
        if not model:
            return self.tr("Pick or type a model first.")
        if problem := self.options.problem():
            return problem
        info = model_info(model)
        if images and not info.vision and not info.guessed:
            return self.tr("%1 does not accept images. Pick a vision model such as gpt-4o, or "
                           "remove the images.").replace("%1", model)
        return ""

    # ---------------------------------------------------------------- message actions
    def _edit(self, key: object) -> None:
        turn = self.session.turn(key) if self.session else None
        if turn is None or self.session is None or not self.session.begin_edit(turn):
            return
        self.input.setPlainText(turn.content)
        self.attachments.clear()
        for image in turn.images:
            data = image_bytes(image)
            if data:
                self.attachments.add(QImage.fromData(QByteArray(data)))
        self.input.setFocus()
        self.draftChanged.emit()

    def _cancel_edit(self) -> None:
        if self.session is not None and self.session.editing is not None:
            self.input.clear()
            self.attachments.clear()
            self.session.cancel_edit()

    def _on_editing_changed(self, turn: Turn | None) -> None:
        self.edit_banner.setVisible(turn is not None)

    @async_slot(object)
    async def _regenerate(self, key: object) -> None:
        turn = self.session.turn(key) if self.session else None
        if turn is not None and self.session is not None:
            await self.session.regenerate(turn)

    @async_slot(object, str)
    async def _on_message_action(self, key: object, action: str) -> None:
        if action in ("key", "profile", "billing"):
            self.message_action(action)
        elif self.session is not None and (turn := self.session.turn(key)) is not None:
            if action == "retry":
                await self.session.regenerate(turn)
            elif action == "continue":
                await self.session.continue_reply(turn)

    @async_slot(object, int)
    async def _switch_branch(self, key: object, step: int) -> None:
        turn = self.session.turn(key) if self.session else None
        if turn is not None and self.session is not None:
            await self.session.switch_alternative(turn, step)

    @async_slot(object, str, str)
    async def _submit_tool_result(self, turn: Turn, call_id: str, result: str) -> None:
        if self.session is not None:
            await self.session.submit_tool_result(turn, call_id, result)

    @async_slot(object, int)
    async def _pick_choice(self, turn: Turn, index: int) -> None:
        if self.session is not None:
            await self.session.pick_choice(turn, index)

    def _read_aloud(self, key: object) -> None:
        turn = self.session.turn(key) if self.session else None
        if turn is not None and turn.content:
            self.readAloudRequested.emit(turn.content)

    # ---------------------------------------------------------------- conversations
    @async_slot()
    async def new_conversation(self) -> None:
        if self.session is not None:
            self._cancel_edit()
            self.session.new_conversation()
        self.view.clear()
        self.view.set_has_earlier(False)
        self.conversations.select(None)
        self.input.setFocus()
        self.draftChanged.emit()

    async def load_conversation(self, conversation_id: int) -> None:
        if self.side is not None:
            await self.side.open(conversation_id)

    async def refresh_conversations(self, query: str = "") -> None:
        if self.side is not None:
            await self.side.refresh(query)

    def _on_conversation_changed(self, conversation_id: int | None) -> None:
        self.conversationChanged.emit(conversation_id)
        self.draftChanged.emit()

    def _remember_model(self, name: str) -> None:
        if name.strip():
            self._settings.put(CHAT_MODEL, name.strip())

    # ---------------------------------------------------------------- view code
    def show_code(self) -> None:
        """The next request (conversation + what is typed), for the API that would send it,
        as Python, curl and JavaScript."""
        from playground.api.code_view import code_for
        from playground.api.environment import apply_environment
        from playground.model.types import Profile
        from playground.ui.code_dialog import CodeDialog

        _model, messages, _max = self.draft()
        images = self.attachments.images()
        if images and messages and messages[-1].role == "user":
            # Real data URLs are shortened by code_for; their size does not matter here.
            messages[-1].images = [ImageInput("data:image/png;base64,…", "auto",
                                              i.width(), i.height()) for i in images]
        controls = self.controls()
        api = self.session.api_for(controls) if self.session else "chat"
        request = controls.request(messages, api=api)
        if not request.model:
            request.model = "gpt-5.4-mini"
        profile = self.session.services.api.profile() if self.session else Profile()
        profile, _key = apply_environment(profile, None)
        dialog = CodeDialog(code_for(request, profile), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _set_running(self, running: bool) -> None:
        self.send_button.setEnabled(not running)
        self.stop_button.setEnabled(running)
        self.busyChanged.emit(running)
