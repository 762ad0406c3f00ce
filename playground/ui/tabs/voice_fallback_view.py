"""The Voice tab's walkie-talkie: offered when the server has no Realtime API, it drives a
`services.voice_fallback.WalkieTalkie` with the same buttons (Start, hold to talk) and shows
its turns in the same conversation view."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from playground.services.messages import UserMessage
from playground.settings import CHAT_MODEL, SPEECH_MODEL, SPEECH_VOICE, TRANSCRIPTION_MODEL

if TYPE_CHECKING:
    from playground.services import Services
    from playground.services.voice_fallback import WalkieTalkie
    from playground.services.voice_keeper import VoiceKeeper
    from playground.ui.tabs.voice import VoiceTab


def _tr(text: str) -> str:
    return QCoreApplication.translate("VoiceTab", text)


class FallbackDriver:
    def __init__(self, tab: VoiceTab, services: Services) -> None:
        self._tab = tab
        self._services = services
        self.walkie: WalkieTalkie | None = None
        self._keeper: VoiceKeeper | None = None
        tab.fallback_button.toggled.connect(self._button_toggled)

    @property
    def active(self) -> bool:
        return self.walkie is not None

    def offer(self) -> None:
        """The server said it has no Realtime API: explain, and offer the walkie-talkie."""
        settings = self._services.settings
        self._tab.fallback_note.setText(
            _tr("This server has no Realtime API, so a live conversation is not possible. "
                "Walkie-talkie mode works instead: hold to talk, and each turn is transcribed "
                "(%1), answered by %2 and spoken (%3).")
            .replace("%1", settings.value(TRANSCRIPTION_MODEL))
            .replace("%2", settings.value(CHAT_MODEL))
            .replace("%3", settings.value(SPEECH_MODEL)))
        self._tab.fallback_box.show()

    def _button_toggled(self, on: bool) -> None:
        if on != self._tab.start_button.isChecked():
            self._tab.start_button.setChecked(on)  # Start/Stop drives it from here on

    async def toggled(self, on: bool) -> None:
        if on and self.walkie is None:
            await self._start()
        elif not on and self.walkie is not None:
            await self.stop()

    async def _start(self) -> None:
        from playground.services.voice_fallback import FallbackConfig, WalkieTalkie
        from playground.services.voice_keeper import VoiceKeeper

        tab, settings = self._tab, self._services.settings
        devices = tab.devices()
        config = FallbackConfig(
            chat_model=settings.value(CHAT_MODEL),
            transcription_model=settings.value(TRANSCRIPTION_MODEL),
            speech_model=settings.value(SPEECH_MODEL), voice=settings.value(SPEECH_VOICE),
            instructions=tab.instructions.toPlainText(), input_device=devices[0],
            output_device=devices[1])
        audio = tab.audio_for(devices) if tab._audio is not None else {}
        walkie = WalkieTalkie(self._services, config, recorder=audio.get("recorder"),
                              sink=audio.get("sink"))
        walkie.line_changed.connect(lambda _line: tab.show_lines(walkie.lines))
        walkie.message.connect(lambda m: tab.message.show_message(m))
        self.walkie = walkie
        self._keeper = VoiceKeeper(self._services)
        tab.fallback_button.blockSignals(True)
        tab.fallback_button.setChecked(True)
        tab.fallback_button.blockSignals(False)
        tab.transcript.clear()
        tab.busyChanged.emit(True)
        tab.message.show_message(UserMessage.info(
            _tr("Walkie-talkie: hold to talk, release to send.")))
        tab._update_controls()
        tab.talk_button.setFocus()

    async def talk(self, held: bool) -> None:
        walkie = self.walkie
        if walkie is None:
            return
        if held:
            await walkie.begin_turn()
        else:
            await walkie.end_turn()

    async def stop(self) -> None:
        from playground.model.voice import VoiceConfig, VoiceUsage

        walkie, keeper = self.walkie, self._keeper
        self.walkie = self._keeper = None
        tab = self._tab
        tab.fallback_button.blockSignals(True)
        tab.fallback_button.setChecked(False)
        tab.fallback_button.blockSignals(False)
        tab._unpress()
        tab.busyChanged.emit(False)
        tab._update_controls()
        if walkie is None or keeper is None:
            return
        walkie.stop()
        tab.message.show_message(UserMessage.info(_tr("Session ended.")))
        import asyncio

        user, model = await asyncio.to_thread(walkie.pcm)
        keeper.audio.user.extend(user)
        keeper.audio.model.extend(model)
        config = VoiceConfig(model=walkie.config.chat_model, voice=walkie.config.voice,
                             instructions=walkie.config.instructions, turn_detection="none")
        saved = await keeper.save(config, walkie.lines, VoiceUsage(), None, mode="walkie")
        if saved is not None:
            tab.saved_conversation = saved.conversation_id

    def levels(self) -> tuple[float, float] | None:
        walkie = self.walkie
        if walkie is None:
            return None
        out = float(getattr(walkie.sink, "level_dbfs", -120.0))
        return walkie.recorder.level(), out

    def close(self) -> None:
        walkie, self.walkie = self.walkie, None
        if walkie is not None:
            walkie.stop()
