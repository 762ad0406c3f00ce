"""The Voice tab: talk with a realtime model — a thin view over `VoiceSession`.

Start opens a Realtime session with the chosen model, voice and turn detection; the
microphone streams to the model and its speech plays as it arrives; both sides' words appear
live in the conversation view (an interrupted reply is marked where playback stopped). Push to
talk sends only while the button is held. The session's cost — audio and text tokens, priced
separately because audio costs far more — is shown live, and a cap ends the session itself.
"""

from __future__ import annotations

import html
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from playground.model.voice import REALTIME_MODELS, VOICES, TranscriptLine, VoiceConfig
from playground.services.messages import UserMessage
from playground.settings import VOICE_MODEL, VOICE_VOICE
from playground.ui.async_slot import async_slot
from playground.ui.tabs.base import TabPage
from playground.ui.tabs.voice_layout import build_voice_layout

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import (
        QCheckBox,
        QComboBox,
        QDoubleSpinBox,
        QLabel,
        QPlainTextEdit,
        QPushButton,
        QTextBrowser,
    )

    from playground.model.voice import VoiceUsage
    from playground.services import Services
    from playground.services.voice_session import VoiceSession
    from playground.ui.widgets.tab_message import TabMessage
    from playground.usage.voice_pricing import VoiceCost

TURNS = ("server_vad", "semantic_vad", "none")


class VoiceTab(TabPage):
    # Built by voice_layout.build_voice_layout:
    model_picker: QComboBox
    voice_picker: QComboBox
    instructions: QPlainTextEdit
    turn_picker: QComboBox
    transcribe_input: QCheckBox
    budget: QDoubleSpinBox
    start_button: QPushButton
    talk_button: QPushButton
    mute: QCheckBox
    input_device: QComboBox
    output_device: QComboBox
    transcript: QTextBrowser
    cost_label: QLabel
    message: TabMessage

    def __init__(self, services: Services, parent: QWidget | None = None, *,
                 audio: Callable[[str, str], dict[str, Any]] | None = None) -> None:
        """`audio(input_device, output_device)`: the microphone and speaker for a session
        (default: the real devices; tests pass stand-ins)."""
        super().__init__(parent)
        self.setObjectName("voiceTab")
        self.setAccessibleName(self.tr("Voice"))
        self._services = services
        self._audio = audio
        self.session: VoiceSession | None = None
        build_voice_layout(self)
        self.model_picker.addItems(list(REALTIME_MODELS))
        self.model_picker.setCurrentText(services.settings.value(VOICE_MODEL))
        self.voice_picker.addItems(list(VOICES))
        self.voice_picker.setCurrentText(services.settings.value(VOICE_VOICE))
        self.start_button.toggled.connect(self._start_toggled)
        self.talk_button.pressed.connect(lambda: self._talk(True))
        self.talk_button.released.connect(lambda: self._talk(False))
        self.mute.toggled.connect(self._mute_toggled)
        self.turn_picker.currentIndexChanged.connect(self._update_controls)
        self.message.actionTriggered.connect(self.message_action)
        self._update_controls()
        self._refresh_devices()

    # ------------------------------------------------------------------ TabPage
    def run_primary_action(self) -> None:
        self.start_button.toggle()

    def stop_action(self) -> None:
        if self.start_button.isChecked():
            self.start_button.setChecked(False)

    def is_running(self) -> bool:
        return self.session is not None and self.session.active

    async def aclose(self) -> None:
        session, self.session = self.session, None
        if session is not None:
            session.ended.disconnect(self._ended)  # the tab may be gone when it ends
            await session.stop()

    # ------------------------------------------------------------------ controls
    def config(self) -> VoiceConfig:
        turn = TURNS[max(0, self.turn_picker.currentIndex())]
        return VoiceConfig(
            model=self.model_picker.currentText().strip(),
            voice=self.voice_picker.currentText().strip(),
            instructions=self.instructions.toPlainText(),
            turn_detection=turn,
            transcription_model="gpt-live-transcribe" if self.transcribe_input.isChecked()
            else "")

    def _update_controls(self) -> None:
        running = self.session is not None and self.session.active
        push_to_talk = TURNS[max(0, self.turn_picker.currentIndex())] == "none"
        self.talk_button.setVisible(push_to_talk)
        self.talk_button.setEnabled(running)
        self.mute.setEnabled(running and not push_to_talk)
        for widget in (self.model_picker, self.voice_picker, self.turn_picker,
                       self.input_device, self.output_device, self.transcribe_input):
            widget.setEnabled(not running)
        self.start_button.setText(self.tr("Stop") if running else self.tr("Start talking"))

    @async_slot()
    async def _refresh_devices(self) -> None:
        from playground.ui.widgets.audio_device_picker import refresh_device_picker

        def warn(text: str) -> None:
            self.message.show_message(UserMessage.warning(text))

        await refresh_device_picker(self.input_device, "input", "", warn)
        await refresh_device_picker(self.output_device, "output", "", warn)

    # ------------------------------------------------------------------ the session
    @async_slot(bool)
    async def _start_toggled(self, on: bool) -> None:
        if on and self.session is None:
            await self._start()
        elif not on and self.session is not None:
            await self.session.stop()

    async def _start(self) -> None:
        from playground.services.voice_session import VoiceSession, default_audio

        config = self.config()
        settings = self._services.settings
        settings.put(VOICE_MODEL, config.model)
        settings.put(VOICE_VOICE, config.voice)
        devices = (self.input_device.currentData() or "", self.output_device.currentData() or "")
        audio = (self._audio or default_audio)(*devices)
        budget = Decimal(str(self.budget.value())) if self.budget.value() > 0 else None
        session = VoiceSession(self._services.api.client, budget=budget, **audio)
        session.line_changed.connect(self._show_line)
        session.usage_changed.connect(self._show_cost)
        session.message.connect(lambda m: self.message.show_message(m, retry=True))
        session.ended.connect(self._ended)
        self.session = session
        self.transcript.clear()
        self.message.clear()
        self.busyChanged.emit(True)
        if not await session.start(config):
            self.session = None
            self.start_button.setChecked(False)
            self.busyChanged.emit(False)
            self._update_controls()
            return
        self.message.show_message(UserMessage.info(self.tr("Listening…")))
        self._update_controls()

    def _ended(self, why: str) -> None:
        from shiboken6 import isValid

        self.session = None
        if not isValid(self):  # the window closed first
            return
        self.start_button.blockSignals(True)
        self.start_button.setChecked(False)
        self.start_button.blockSignals(False)
        if why == "stopped" and self.message.severity() < 1:
            self.message.show_message(UserMessage.info(self.tr("Session ended.")))
        self.busyChanged.emit(False)
        self._update_controls()

    @async_slot()
    async def _talk(self, held: bool) -> None:
        if self.session is not None:
            await self.session.talk(held)

    def _mute_toggled(self, muted: bool) -> None:
        if self.session is not None:
            self.session.set_muted(muted)

    # ------------------------------------------------------------------ rendering
    def _show_line(self, _line: TranscriptLine) -> None:
        """Re-render the conversation (lines are few; each is escaped, never HTML)."""
        if self.session is None:
            return
        you, model = self.tr("You"), self.tr("Model")
        rows = []
        for line in self.session.lines:
            who = you if line.role == "user" else model if line.role == "assistant" else "ƒ"
            text = html.escape(line.text) + ("" if line.done else " …")
            if line.truncated_at_ms is not None:
                text += " <i>" + html.escape(self.tr("(interrupted at %1 s)").replace(
                    "%1", f"{line.truncated_at_ms / 1000:.1f}")) + "</i>"
            rows.append(f"<p><b>{html.escape(who)}:</b> {text}</p>")
        self.transcript.setHtml("".join(rows))
        bar = self.transcript.verticalScrollBar()
        bar.setValue(bar.maximum())

    def _show_cost(self, usage: VoiceUsage, cost: VoiceCost) -> None:
        from playground.model.money import format_cost

        if not cost.known:
            price = self.tr("no price known for this model")
        else:
            price = (self.tr("%1 (audio %2, text %3)").replace("%1", format_cost(cost.total))
                     .replace("%2", format_cost(cost.audio))
                     .replace("%3", format_cost(cost.text)))
        self.cost_label.setText(self.tr("Audio tokens in %1, out %2 · text tokens in %3, out "
                                        "%4 · cached %5 · %6")
                                .replace("%1", f"{usage.input_audio:,}")
                                .replace("%2", f"{usage.output_audio:,}")
                                .replace("%3", f"{usage.input_text:,}")
                                .replace("%4", f"{usage.output_text:,}")
                                .replace("%5", f"{usage.cached_text + usage.cached_audio:,}")
                                .replace("%6", price))
