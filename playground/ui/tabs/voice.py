"""The Voice tab: talk with a realtime model — a thin view over `VoiceSession`.

Start opens a Realtime session with the chosen model, voice and turn detection; the
microphone streams to the model and its speech plays as it arrives; both sides' words appear
live in the conversation view (an interrupted reply is cut where playback stopped). Push to
talk sends only while the button (or Space on it) is held. The session's cost — audio and
text tokens, priced apart because audio costs far more — is shown live, and a cap ends the
session itself. Each reply's usage goes to the ledger and each session to the history.

A server without the Realtime API gets the walkie-talkie instead (services.voice_fallback):
record → transcribe → chat → speak, in the same conversation view.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from playground.model.voice import (
    AudioChunk,
    FunctionCallRequest,
    ResponseFinished,
    TranscriptLine,
    VoiceConfig,
)
from playground.services.messages import UserMessage
from playground.settings import VOICE_MODEL, VOICE_VOICE
from playground.ui.async_slot import async_slot
from playground.ui.tabs.base import TabPage
from playground.ui.tabs.voice_fallback_view import FallbackDriver
from playground.ui.tabs.voice_layout import build_voice_layout
from playground.ui.tabs.voice_tools import PendingCalls, functions_of
from playground.ui.tabs.voice_view import conversation_html, cost_text
from playground.ui.widgets.model_picker import watch_retired

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import (
        QCheckBox,
        QComboBox,
        QDoubleSpinBox,
        QGroupBox,
        QLabel,
        QLineEdit,
        QPlainTextEdit,
        QPushButton,
        QTextBrowser,
    )

    from playground.model.voice import VoiceUsage
    from playground.services import Services
    from playground.services.voice_keeper import VoiceKeeper
    from playground.services.voice_session import VoiceSession
    from playground.ui.widgets.level_meter import LevelMeter
    from playground.ui.widgets.tab_message import TabMessage
    from playground.usage.voice_pricing import VoiceCost

SILENT_DB = -120.0


class VoiceTab(TabPage):
    # Built by voice_layout.build_voice_layout (and voice_tools.build_tools_box):
    model_picker: QComboBox
    voice_picker: QComboBox
    instructions: QPlainTextEdit
    turn_picker: QComboBox
    eagerness: QComboBox
    noise: QComboBox
    transcription_picker: QComboBox
    modalities: QComboBox
    budget: QDoubleSpinBox
    start_button: QPushButton
    talk_button: QPushButton
    mute: QCheckBox
    input_device: QComboBox
    output_device: QComboBox
    sessions_button: QPushButton
    input_meter: LevelMeter
    output_meter: LevelMeter
    transcript: QTextBrowser
    cost_label: QLabel
    message: TabMessage
    functions: QPlainTextEdit
    tool_call_label: QLabel
    tool_result: QLineEdit
    tool_send: QPushButton
    tool_canned: QCheckBox
    fallback_box: QGroupBox
    fallback_note: QLabel
    fallback_button: QPushButton

    def __init__(self, services: Services, parent: QWidget | None = None, *,
                 audio: Callable[[str, str], dict[str, Any]] | None = None) -> None:
        """`audio(input_device, output_device)`: the microphone and speaker for a session
        (default: the real devices; tests pass stand-ins, and for the walkie-talkie a
        "recorder" and a "sink")."""
        super().__init__(parent)
        self.setObjectName("voiceTab")
        self.setAccessibleName(self.tr("Voice"))
        self._services = services
        self._audio = audio
        self.session: VoiceSession | None = None
        self.keeper: VoiceKeeper | None = None
        self.saved_conversation: int | None = None  # the last session kept in the history
        self._audio_bytes: dict[str, int] = {}  # PCM received per assistant item
        self._in_db = self._out_db = SILENT_DB
        build_voice_layout(self)
        self.calls = PendingCalls(self)
        self.fallback = FallbackDriver(self, services)
        self.model_picker.setEditText(services.settings.value(VOICE_MODEL))
        self.voice_picker.setCurrentText(services.settings.value(VOICE_VOICE))
        self.start_button.toggled.connect(self._start_toggled)
        self.talk_button.pressed.connect(lambda: self._talk(True))
        self.talk_button.released.connect(lambda: self._talk(False))
        self.mute.toggled.connect(self._mute_toggled)
        self.sessions_button.clicked.connect(self.open_sessions)
        self.turn_picker.currentIndexChanged.connect(self._update_controls)
        self.tool_send.clicked.connect(self._send_result)
        self.tool_result.returnPressed.connect(self._send_result)
        self.message.actionTriggered.connect(self.message_action)
        watch_retired(self.model_picker,
                      lambda text: self.message.show_message(UserMessage.warning(text)))
        self._meters = QTimer(self)
        self._meters.setInterval(50)
        self._meters.timeout.connect(self._show_levels)
        self._update_controls()
        self._refresh_devices()

    def open_sessions(self) -> None:
        from playground.ui.voice_sessions_view import open_voice_sessions

        self.sessions_view = open_voice_sessions(self, self._services,
                                                 self.output_device.currentData() or "",
                                                 self.openConversation)

    # ------------------------------------------------------------------ TabPage
    def run_primary_action(self) -> None:
        self.start_button.toggle()

    def stop_action(self) -> None:
        if self.start_button.isChecked():
            self.start_button.setChecked(False)

    def is_running(self) -> bool:
        return (self.session is not None and self.session.active) or self.fallback.active

    async def aclose(self) -> None:
        self.fallback.close()
        session, self.session = self.session, None
        if session is not None:
            session.ended.disconnect(self._ended)  # the tab may be gone when it ends
            await session.stop()

    # ------------------------------------------------------------------ controls
    def turn(self) -> str:
        return str(self.turn_picker.currentData() or "server_vad")

    def config(self) -> VoiceConfig:
        functions, _problem = functions_of(self)
        return VoiceConfig(
            model=self.model_picker.currentText().strip(),
            voice=self.voice_picker.currentText().strip(),
            instructions=self.instructions.toPlainText(),
            turn_detection=self.turn(),
            eagerness=str(self.eagerness.currentData() or "auto"),
            noise_reduction=str(self.noise.currentData() or ""),
            transcription_model=str(self.transcription_picker.currentData() or ""),
            output_modalities=(str(self.modalities.currentData() or "audio"),),
            functions=functions)

    def _update_controls(self) -> None:
        running = self.is_running()
        push_to_talk = self.turn() == "none" or self.fallback.active
        self.talk_button.setVisible(push_to_talk)
        self.talk_button.setEnabled(running)
        self.mute.setEnabled(running and not push_to_talk)
        self.eagerness.setEnabled(not running and self.turn() == "semantic_vad")
        for widget in (self.model_picker, self.voice_picker, self.turn_picker, self.noise,
                       self.input_device, self.output_device, self.transcription_picker,
                       self.modalities, self.budget):
            widget.setEnabled(not running)
        for editor in (self.functions, self.instructions):  # still readable while running
            editor.setReadOnly(running)
        self.start_button.setText(self.tr("Stop") if running else self.tr("Start talking"))
        if running:
            self._meters.start()
        else:
            self._meters.stop()
            self.input_meter.set_level(SILENT_DB)
            self.output_meter.set_level(SILENT_DB)

    @async_slot()
    async def _refresh_devices(self) -> None:
        from playground.ui.widgets.audio_device_picker import refresh_device_picker

        def warn(text: str) -> None:
            self.message.show_message(UserMessage.warning(text))

        await refresh_device_picker(self.input_device, "input", "", warn)
        await refresh_device_picker(self.output_device, "output", "", warn)

    def devices(self) -> tuple[str, str]:
        return self.input_device.currentData() or "", self.output_device.currentData() or ""

    def audio_for(self, devices: tuple[str, str]) -> dict[str, Any]:
        from playground.services.voice_session import default_audio

        return (self._audio or default_audio)(*devices)

    # ------------------------------------------------------------------ the session
    @async_slot(bool)
    async def _start_toggled(self, on: bool) -> None:
        if self.fallback.active or self.fallback_button.isChecked():
            await self.fallback.toggled(on)
        elif on and self.session is None:
            await self._start()
        elif not on and self.session is not None:
            await self.session.stop()

    def _unpress(self) -> None:
        self.start_button.blockSignals(True)
        self.start_button.setChecked(False)
        self.start_button.blockSignals(False)

    async def _start(self) -> None:
        from playground.services.voice_keeper import VoiceKeeper
        from playground.services.voice_session import VoiceSession

        _functions, problem = functions_of(self)
        if problem:
            self.message.show_message(UserMessage.error(problem))
            self._unpress()
            return
        config = self.config()
        settings = self._services.settings
        settings.put(VOICE_MODEL, config.model)
        settings.put(VOICE_VOICE, config.voice)
        given = self.audio_for(self.devices())
        audio = {key: given.get(key) for key in ("output", "microphone")}
        budget = Decimal(str(self.budget.value())) if self.budget.value() > 0 else None
        keeper = VoiceKeeper(self._services)
        audio["microphone"] = self._metered_mic(audio.get("microphone"), keeper)
        session = VoiceSession(self._services.api.client, budget=budget, **audio)
        session.line_changed.connect(self._show_line)
        session.usage_changed.connect(self._show_cost)
        session.message.connect(self._session_message)
        session.ended.connect(self._ended)
        session.event.connect(self._on_event)
        session.function_called.connect(self._function_called)
        self.session, self.keeper = session, keeper
        self._audio_bytes.clear()
        self.transcript.clear()
        self.calls.clear()
        self.message.clear()
        self.fallback_box.hide()
        self.busyChanged.emit(True)
        await keeper.open()
        if not await session.start(config):
            self.session = self.keeper = None
            self._unpress()
            self.busyChanged.emit(False)
            self._update_controls()
            return
        self.message.show_message(UserMessage.info(
            self.tr("Hold to talk (or hold Space on the button).") if config.push_to_talk
            else self.tr("Listening…")))
        self._update_controls()
        if config.push_to_talk:
            self.talk_button.setFocus()

    def _metered_mic(self, factory: Any, keeper: VoiceKeeper) -> Any:
        """The microphone with its blocks noted on the way: the level for the meter and the
        PCM for the saved session (PortAudio's thread: a float and a bytearray append)."""
        if factory is None:
            return None

        def make(on_pcm: Callable[[bytes], None]) -> Any:
            def tap(pcm: bytes) -> None:
                keeper.audio.add_user(pcm)
                self._in_db = _peak_db(pcm)
                on_pcm(pcm)

            return factory(tap)

        return make

    def _session_message(self, message: UserMessage) -> None:
        failure = message.failure
        from playground.services.voice_fallback import is_missing_realtime

        self.message.show_message(message, retry=True)
        if failure is not None and is_missing_realtime(failure):
            self.fallback.offer()

    def _ended(self, why: str) -> None:
        from shiboken6 import isValid

        session, keeper = self.session, self.keeper
        self.session = None
        if not isValid(self):  # the window closed first
            return
        self._unpress()
        if why == "stopped" and self.message.severity() < 1:
            self.message.show_message(UserMessage.info(self.tr("Session ended.")))
        self.calls.clear()
        self.busyChanged.emit(False)
        self._update_controls()
        if session is not None and keeper is not None:
            self._keep(session, keeper)

    @async_slot()
    async def _keep(self, session: VoiceSession, keeper: VoiceKeeper) -> None:
        saved = await keeper.save(session.config, session.lines, session.usage, session.cost)
        if saved is not None:
            self.saved_conversation = saved.conversation_id

    def _on_event(self, event: object) -> None:
        if isinstance(event, AudioChunk):
            self._audio_bytes[event.item_id] = (self._audio_bytes.get(event.item_id, 0)
                                                + len(event.pcm))
            if self.keeper is not None:
                self.keeper.audio.add_model(event.pcm)
            self._out_db = _peak_db(event.pcm)
        elif isinstance(event, ResponseFinished) and self.keeper is not None \
                and self.session is not None:
            self.keeper.report(self.session.config.model, event.usage)

    @async_slot()
    async def _talk(self, held: bool) -> None:
        if self.fallback.active:
            await self.fallback.talk(held)
        elif self.session is not None:
            await self.session.talk(held)

    def _mute_toggled(self, muted: bool) -> None:
        if self.session is not None:
            self.session.set_muted(muted)

    # ------------------------------------------------------------------ function calls
    @async_slot(object)
    async def _function_called(self, call: FunctionCallRequest) -> None:
        canned = self.calls.arrived(call)
        if canned is not None and self.session is not None:
            await self.session.answer_function(call.call_id, canned)

    @async_slot()
    async def _send_result(self) -> None:
        from playground.services.request_checks import check_tool_result

        text = self.tool_result.text()
        problem = check_tool_result(text)
        if problem:
            self.message.show_message(UserMessage.error(problem))
            return
        call = self.calls.take()
        if call is not None and self.session is not None:
            await self.session.answer_function(call.call_id, text)

    # ------------------------------------------------------------------ rendering
    def show_lines(self, lines: list[TranscriptLine]) -> None:
        """Re-render the conversation (lines are few; each is escaped, never HTML)."""
        self.transcript.setHtml(conversation_html(lines, self._audio_bytes))
        bar = self.transcript.verticalScrollBar()
        bar.setValue(bar.maximum())

    def _show_line(self, _line: TranscriptLine) -> None:
        if self.session is not None:
            self.show_lines(self.session.lines)

    def _show_cost(self, usage: VoiceUsage, cost: VoiceCost) -> None:
        self.cost_label.setText(cost_text(usage, cost))

    def _show_levels(self) -> None:
        """Peaks fall 3 dB a tick when nothing new arrives, as a meter's needle would."""
        fallback = self.fallback.levels()
        if fallback is not None:
            self._in_db, self._out_db = fallback
        self.input_meter.set_level(self._in_db)
        self.output_meter.set_level(self._out_db)
        self._in_db, self._out_db = self._in_db - 3, self._out_db - 3


def _peak_db(pcm: bytes) -> float:
    import numpy as np

    samples = np.frombuffer(pcm[: len(pcm) // 2 * 2], dtype="<i2")
    peak = int(np.max(np.abs(samples.astype(np.int32)))) if len(samples) else 0
    return 20 * float(np.log10(peak / 32768)) if peak else SILENT_DB
