"""The main window: profile picker, the four tabs, the usage panel. Signals are wired here.

The window paints before any service exists; `attach(services)` then attaches the chat, and
each other tab (with its heavy imports: audio, images) is built the first time it is shown
or needed (`tab(name)`). Signals are connected in `_connect_signals` and `_connect_tab`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from playground import APP_NAME
from playground.api.environment import key_from_environment
from playground.lazy import lazy_module
from playground.model.types import DEFAULT_BASE_URL
from playground.services.messages import Severity, UserMessage
from playground.storage.profiles import ProfileStore
from playground.ui.tabs.base import TabPage
from playground.ui.tabs.chat import ChatTab
from playground.ui.widgets.panels import remembered_splitter, scrolling
from playground.ui.widgets.usage_panel import UsagePanel
from playground.ui.window_chrome import WindowChrome
from playground.ui.window_dialogs import WindowDialogs
from playground.ui.window_tools import WindowTools

if TYPE_CHECKING:
    import asyncio
else:
    asyncio = lazy_module("asyncio")  # imported after the first paint, on first use

if TYPE_CHECKING:
    from playground.model.model_choice import ModelNotice
    from playground.services import Services
    from playground.services.exact_count import ExactCounter
    from playground.settings import Settings

logging = lazy_module("logging")

# (page name, tab objectName, module, class)
LAZY_TABS = (
    ("images", "imagesTab", "playground.ui.tabs.images", "ImagesTab"),
    ("speech", "speechTab", "playground.ui.tabs.speech", "SpeechTab"),
    ("transcription", "transcriptionTab", "playground.ui.tabs.transcription",
     "TranscriptionTab"),
    ("voice", "voiceTab", "playground.ui.tabs.voice", "VoiceTab"),
)


EXACT_COUNT_DELAY_MS = 700  # after the last keystroke: one count request per pause, not per key


class MainWindow(WindowChrome, WindowTools, WindowDialogs, QMainWindow):
    closed = Signal()  # the app ends with its main window, whatever else is open

    def __init__(self, settings: Settings, *, start_profile: str | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.settings = settings
        self.profiles = ProfileStore(settings.raw())
        if start_profile and start_profile in self.profiles.names():
            self.profiles.set_active(start_profile)
        self.services: Services | None = None
        self.tabs_by_name: dict[str, TabPage] = {}
        self._dialogs: dict[str, QWidget] = {}  # open dialogs by name (WindowDialogs)
        self._tasks: set[asyncio.Future[Any]] = set()
        self._audio_checked = False  # the device check runs when an audio tab is built
        self._exact_counter: ExactCounter | None = None  # made with the first exact count
        self._exact_count_timer = QTimer(self)
        self._exact_count_timer.setSingleShot(True)
        self._exact_count_timer.setInterval(EXACT_COUNT_DELAY_MS)
        self._exact_count_timer.timeout.connect(lambda: self._spawn(self._count_exactly()))

        self._build_toolbar()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.tabs.setAccessibleName(self.tr("Playground tabs"))
        self.tabs.setDocumentMode(True)
        self.chat = ChatTab(settings)
        self.tabs.addTab(self.chat, self.tr("Chat"))
        self.tabs_by_name["chat"] = self.chat
        self._pages: dict[str, QWidget] = {}
        titles = {"images": self.tr("Images"), "speech": self.tr("Speech"),
                  "transcription": self.tr("Transcription"), "voice": self.tr("Voice")}
        for name, _object_name, _module, _cls in LAZY_TABS:
            # The page is filled right after the first paint, before a user can click it.
            page = QWidget()
            page.setObjectName(f"{name}Page")
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
            self._pages[name] = page
            self.tabs.addTab(page, titles[name])

        self.usage_panel = UsagePanel()
        self.setCentralWidget(remembered_splitter(
            settings, "mainSplitter", [(self.tabs, 1000), (scrolling(self.usage_panel), 210)],
            stretch=0))
        self.statusBar().setObjectName("statusBar")
        # Problems with the machine (no data folder, keyring or audio) stay in view until
        # they are gone, unlike passing status messages.
        self._notices: dict[str, str] = {}
        self.notice_label = QLabel()
        self.notice_label.setObjectName("environmentNotice")
        self.notice_label.setAccessibleName(self.tr("Problems with this computer's setup"))
        self.notice_label.setVisible(False)
        self.statusBar().addPermanentWidget(self.notice_label)
        self._install_shortcuts()
        self._restore_geometry()
        self.chat.input.setFocus()  # the window opens ready to type

    def current_tab(self) -> TabPage | None:
        page = self.tabs.currentWidget()
        if page is self.chat:
            return self.chat
        return next((tab for name, tab in self.tabs_by_name.items()
                     if self._pages.get(name) is page), None)

    def _primary_action(self) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.run_primary_action()

    def _stop_action(self) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.stop_action()

    def _new_conversation(self) -> None:
        self.tabs.setCurrentWidget(self.chat)
        self.chat.new_conversation()

    # ------------------------------------------------------------------ services
    def attach(self, services: Services) -> None:
        from playground.ui.welcome_state import needs_welcome

        self.services = services
        self.usage_panel.attach_service(services.usage)
        self._follow_server()
        # Before the welcome has chosen a server, asking api.openai.com for models would
        # only fail behind the dialog.
        self.chat.attach(services, load_models=not needs_welcome(self.settings))
        self._connect_signals()
        # The other tabs are built when first shown (or first needed): an idle window
        # never loads the audio stack or the image libraries.
        self.tabs.currentChanged.connect(self._build_shown_tab)
        self._build_shown_tab()
        self._spawn(self._after_attach())

    def tab(self, name: str) -> TabPage:
        """The tab called `name`, built now if it was not yet."""
        built = self.tabs_by_name.get(name)
        if built is not None:
            return built
        assert self.services is not None
        _name, object_name, module_name, class_name = next(
            entry for entry in LAZY_TABS if entry[0] == name)
        try:
            module = __import__(module_name, fromlist=[class_name])
            tab: TabPage = getattr(module, class_name)(self.services)
        except Exception as exc:  # e.g. PortAudio missing: say so where the tab would be
            logging.getLogger(__name__).exception("could not build the %s tab", name)
            tab = _broken_tab(object_name, self.tr("This tab could not start: %1")
                              .replace("%1", str(exc)))
        page_layout = self._pages[name].layout()
        assert page_layout is not None  # each page is built with a QVBoxLayout
        page_layout.addWidget(tab)
        self.tabs_by_name[name] = tab
        self._connect_tab(tab)
        if name in ("speech", "transcription", "voice") and not self._audio_checked:
            self._audio_checked = True
            self._spawn(self._check_audio())
        return tab

    def _build_shown_tab(self) -> None:
        page = self.tabs.currentWidget()
        name = next((n for n, p in self._pages.items() if p is page), None)
        if name is not None and self.services is not None:
            self.tab(name)

    def _connect_signals(self) -> None:
        assert self.services is not None
        usage = self.services.usage
        chat = self.chat
        chat.rateLimitsReceived.connect(self.usage_panel.show_rate_limits)
        chat.draftChanged.connect(lambda: self.usage_panel.set_draft(*chat.draft()))
        chat.draftChanged.connect(self._exact_count_timer.start)
        chat.view.tokenizeRequested.connect(lambda _key, text: self.open_tokenizer(text))
        chat.conversationChanged.connect(
            lambda cid: usage.set_conversation(cid, self.active_profile().name))
        usage.add_listener(self.usage_panel.show_snapshot)
        self.tabs.currentChanged.connect(
            lambda _i: self.usage_panel.set_draft_visible(self.tabs.currentWidget() is chat))
        self._connect_tab(chat)

    async def _count_exactly(self) -> None:
        """A moment after typing stops: the server's own count replaces the ≈ estimate."""
        request = self.chat.draft_request()
        if request is None or self.services is None:
            return
        if self._exact_counter is None:
            from playground.services.exact_count import ExactCounter

            self._exact_counter = ExactCounter(self.services)
        generation = self.usage_panel.draft_generation
        tokens = await self._exact_counter.count(request)
        if tokens is not None:
            self.usage_panel.show_exact_count(generation, tokens)

    def _connect_tab(self, tab: TabPage) -> None:
        tab.userMessage.connect(self.show_message)
        tab.keyDialogRequested.connect(self.open_key_dialog)
        tab.profileDialogRequested.connect(self.open_profile_dialog)
        tab.readAloudRequested.connect(lambda text: self.tab("speech").speak_text(text))
        tab.sendTextToChat.connect(self._text_to_chat)
        tab.sendImageToChat.connect(self._image_to_chat)
        tab.openConversation.connect(self._open_in_chat)

    async def _after_attach(self) -> None:
        assert self.services is not None
        profile = self.active_profile()
        self.services.usage.set_conversation(None, profile.name)
        self.usage_panel.set_draft(*self.chat.draft())
        await self.chat.refresh_conversations()
        from playground.ui.welcome_state import needs_welcome

        if needs_welcome(self.settings):
            self.open_welcome()
        else:
            await self._ask_for_key_if_missing()

    async def _check_audio(self) -> None:
        from playground.audio import devices
        from playground.audio.errors import AudioDeviceError

        try:
            found = await asyncio.to_thread(
                lambda: (devices.list_devices("input"), devices.list_devices("output")))
        except AudioDeviceError as exc:
            self.set_notice("audio", str(exc))
            return
        missing = [self.tr("microphone") if not found[0] else "",
                   self.tr("speaker") if not found[1] else ""]
        missing = [m for m in missing if m]
        self.set_notice("audio", self.tr("No %1 found: speech and recording need one")
                        .replace("%1", self.tr(" or ").join(missing)) if missing else None)

    async def _ask_for_key_if_missing(self) -> None:
        """First run: OpenAI itself needs a key; local servers and relays may not."""
        assert self.services is not None
        profile = self.active_profile()
        if key_from_environment() or profile.name in self.services.api.session_keys:
            return
        if (profile.base_url or DEFAULT_BASE_URL).rstrip("/") != DEFAULT_BASE_URL:
            return
        key = await self.load_key(profile.name)
        if key is None and not self.is_open("key"):
            self.open_key_dialog(self.tr("No API key is stored for this profile yet."))

    async def load_key(self, profile_name: str) -> str | None:
        """The profile's key from the keyring, or None (with a visible reason when it fails)."""
        from playground.storage.secrets import SecretsUnavailable

        assert self.services is not None
        secrets = self.services.secrets
        try:
            key: str | None = await secrets.get(profile_name)
        except SecretsUnavailable as exc:
            self.set_notice("keyring", self.tr("Keyring unavailable (%1): keys are kept for "
                                               "this session only").replace("%1", exc.message))
            return None
        self.set_notice("keyring", None)
        return key

    def _switch_profile(self, name: str) -> None:
        if not name or name == self.profiles.active_name():
            return
        self.profiles.set_active(name)
        self._spawn(self._profile_switched())

    def _follow_server(self) -> None:
        from playground.api.environment import apply_environment
        from playground.usage.self_hosted import is_self_hosted

        where, _key = apply_environment(self.active_profile(), None)
        self.usage_panel.set_self_hosted(is_self_hosted(where.base_url))

    async def _profile_switched(self) -> None:
        assert self.services is not None
        self._follow_server()
        await self.services.api.invalidate()
        profile = self.active_profile()
        self.services.usage.set_conversation(None, profile.name)
        self.show_status(self.tr("Using profile %1 (%2)").replace("%1", profile.name)
                         .replace("%2", profile.base_url))
        for tab in self.tabs_by_name.values():
            await tab.on_profile_changed()
        await self._ask_for_key_if_missing()

    # ------------------------------------------------------------------ cross-tab
    def _apply_settings(self) -> None:
        for tab in self.tabs_by_name.values():
            tab.apply_settings()

    def _text_to_chat(self, text: str) -> None:
        self.tabs.setCurrentWidget(self.chat)
        self.chat.receive_text(text)

    def _open_in_chat(self, conversation_id: int) -> None:
        self.tabs.setCurrentWidget(self.chat)
        self._spawn(self.chat.load_conversation(conversation_id))

    def _image_to_chat(self, data: bytes, mime: str) -> None:
        self.tabs.setCurrentWidget(self.chat)
        self.chat.receive_image(data, mime)

    def _spawn(self, coro: Any) -> None:
        """Run a coroutine in the background; keep a reference and log what it raises."""
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)

        def done(t: asyncio.Future[Any]) -> None:
            self._tasks.discard(t)
            if not t.cancelled() and t.exception() is not None:
                logging.getLogger(__name__).error("background task failed",
                                                  exc_info=t.exception())
                self.show_status(self.tr("Error: %1").replace("%1", str(t.exception())))

        task.add_done_callback(done)

    def set_notice(self, key: str, text: str | None) -> None:
        """A lasting notice about the environment (`text=None` clears it)."""
        if text:
            self._notices[key] = text
        else:
            self._notices.pop(key, None)
        self.notice_label.setVisible(bool(self._notices))
        self.notice_label.setText("⚠ " + " · ".join(self._notices.values()))
        self.notice_label.setToolTip(self.tr("Run “playground --doctor” for what to fix."))

    def show_message(self, message: UserMessage) -> None:
        """The one bridge to the user: lasting problems stay as notices, the rest passes
        through the status bar (tabs also show warnings and errors inline, where they arose)."""
        if message.severity == Severity.LASTING:
            self.set_notice(message.key, message.text or None)
        else:
            self.show_status(message.text)

    def show_model_notices(self, notices: list[ModelNotice]) -> None:
        """Saved model choices moved off retired models: one line each, kept in view."""
        from playground.ui.widgets.model_picker import notice_text

        text = " ".join(notice_text(n) for n in notices)
        if text:
            self.statusBar().showMessage(text, 30_000)

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 10_000)

    # ------------------------------------------------------------------ state
    def _restore_geometry(self) -> None:
        geometry = self.settings.state().value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.state().setValue("window/geometry", self.saveGeometry())
        for tab in self.tabs_by_name.values():
            tab.shutdown()
        self.close_dialogs()
        super().closeEvent(event)
        self.closed.emit()


def _broken_tab(object_name: str, text: str) -> TabPage:
    """Where a tab could not be built: the reason, in the tab's place."""
    tab = TabPage()
    tab.setObjectName(object_name)
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    QVBoxLayout(tab).addWidget(label)
    return tab
