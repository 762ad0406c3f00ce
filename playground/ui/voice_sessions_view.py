"""Past voice sessions: the list of saved ones (newest first), each replayable with both
sides as they were heard, exportable as one audio file, and openable in the chat with its
transcript. Opened from the Voice tab's "Past sessions…"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from playground.audio import transcript as tr
from playground.audio.devices import DEFAULT
from playground.audio.errors import AudioError
from playground.services.messages import UserMessage
from playground.services.voice_keeper import VOICE_TITLE_PREFIX
from playground.services.voice_sessions import (
    SavedVoiceSession,
    export,
    mix,
    saved_voice_sessions,
)
from playground.ui.async_slot import async_slot
from playground.ui.naming import named
from playground.ui.widgets.audio_playback import ClipPlayback
from playground.ui.widgets.tab_message import TabMessage

if TYPE_CHECKING:
    from playground.services.container import Services


class VoiceSessionsView(QDialog):
    openConversation = Signal(int)  # the session's conversation, to show in the chat

    def __init__(self, services: Services, output_device: str = DEFAULT,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("voiceSessionsView")
        self.setWindowTitle(self.tr("Past voice sessions"))
        self._services = services
        self._device = output_device
        self._sessions: list[SavedVoiceSession] = []
        self._playback = ClipPlayback(self)
        self._seconds = 0.0

        self.list = named(QListWidget(self), "voiceSessionList", self.tr("Voice sessions"))
        self.play_button = named(QPushButton(self.tr("Play"), self), "voiceSessionPlay",
                                 self.tr("Play the session"))
        self.export_button = named(QPushButton(self.tr("Export audio…"), self),
                                   "voiceSessionExport", self.tr("Export the session's audio"))
        self.open_button = named(QPushButton(self.tr("Open transcript in chat"), self),
                                 "voiceSessionOpen", self.tr("Open the transcript in the chat"))
        self.position = named(QLabel("", self), "voiceSessionPosition",
                              self.tr("Playback position"))
        self.message = TabMessage("voiceSessionsMessage", self.tr("Voice sessions status"),
                                  self)
        buttons = QHBoxLayout()
        for widget in (self.play_button, self.export_button, self.open_button):
            buttons.addWidget(widget)
        buttons.addWidget(self.position, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

        self.list.currentRowChanged.connect(self._selected)
        self.list.itemDoubleClicked.connect(lambda _item: self.toggle_play())
        self.play_button.clicked.connect(self.toggle_play)
        self.export_button.clicked.connect(self._ask_export)
        self.open_button.clicked.connect(self._open)
        self._playback.position.connect(self._show_position)
        self._playback.finished.connect(self._play_finished)
        self.resize(620, 420)
        self._selected(-1)

    # ------------------------------------------------------------------ list
    @async_slot()
    async def reload(self) -> None:
        self._sessions = await saved_voice_sessions(self._services.history)
        self.list.clear()
        for session in self._sessions:
            when = dt.datetime.fromtimestamp(session.created_at).strftime("%Y-%m-%d %H:%M")
            # Every entry is a voice session: the history's 🎙 mark would only repeat it.
            parts = [when, session.title.removeprefix(VOICE_TITLE_PREFIX), session.model]
            if session.mode == "walkie":
                parts.append(self.tr("walkie-talkie"))
            if session.cost is not None:
                parts.append(f"${session.cost}")
            item = QListWidgetItem(" · ".join(parts))
            item.setData(Qt.ItemDataRole.UserRole, session.conversation_id)
            self.list.addItem(item)
        if not self._sessions:
            self.message.show_message(UserMessage.info(
                self.tr("No voice sessions yet: a conversation in the Voice tab is kept here "
                        "when it ends.")))
        else:
            self.list.setCurrentRow(0)

    def current(self) -> SavedVoiceSession | None:
        row = self.list.currentRow()
        return self._sessions[row] if 0 <= row < len(self._sessions) else None

    def _selected(self, _row: int) -> None:
        has = self.current() is not None
        for button in (self.play_button, self.export_button, self.open_button):
            button.setEnabled(has)

    # ------------------------------------------------------------------ playing
    @async_slot()
    async def toggle_play(self) -> None:
        if self._playback.playing:
            self._playback.stop()
            return
        session = self.current()
        if session is None:
            return
        import asyncio

        try:
            mixed = await asyncio.to_thread(mix, session)
            await self._playback.play(mixed.samples, mixed.rate, self._device)
        except AudioError as exc:
            self.message.show_message(UserMessage.error(str(exc)))
            return
        self._seconds = mixed.seconds
        self.play_button.setText(self.tr("Stop"))
        if mixed.missing:
            self.message.show_message(UserMessage.warning(self._missing(mixed.missing)))

    def _show_position(self, seconds: float) -> None:
        self.position.setText(f"{tr.clock(seconds)} / {tr.clock(self._seconds)}")

    def _play_finished(self) -> None:
        self.play_button.setText(self.tr("Play"))

    def _missing(self, sides: tuple[str, ...]) -> str:
        if sides == ("user",):
            return self.tr("Your side's audio file is gone: only the model is heard.")
        return self.tr("The model's audio file is gone: only your side is heard.")

    # ------------------------------------------------------------------ export, open
    def _ask_export(self) -> None:
        session = self.current()
        if session is None:
            return
        stamp = dt.datetime.fromtimestamp(session.created_at).strftime("%Y%m%d-%H%M")
        dialog = QFileDialog(self, self.tr("Export the session's audio"),
                             str(Path.home() / f"voice-session-{stamp}.flac"))
        dialog.setObjectName("voiceSessionExportDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("Audio (*.flac *.wav *.mp3 *.ogg)"))
        dialog.fileSelected.connect(lambda path: self.export_to(path))
        dialog.open()

    @async_slot(str)
    async def export_to(self, path: str) -> None:
        session = self.current()
        if session is None or not path:
            return
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix(".flac")
        try:
            mixed = await export(session, target)
        except AudioError as exc:
            self.message.show_message(UserMessage.error(str(exc)))
            return
        note = self.tr("Exported %1 (%2).").replace("%1", target.name).replace(
            "%2", tr.clock(mixed.seconds))
        if mixed.missing:
            note += " " + self._missing(mixed.missing)
        self.message.show_message(UserMessage.info(note))

    def _open(self) -> None:
        session = self.current()
        if session is not None:
            self.openConversation.emit(session.conversation_id)

    def done(self, result: int) -> None:
        self._playback.stop()
        super().done(result)


def open_voice_sessions(parent: QWidget, services: Services, output_device: str,
                        open_conversation: SignalInstance) -> VoiceSessionsView:
    """The window, filled; its "Open transcript in chat" goes to `open_conversation` (the
    tab's signal, which the main window routes to the chat)."""
    view = VoiceSessionsView(services, output_device or DEFAULT, parent)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    view.openConversation.connect(open_conversation)
    view.show()
    view.reload()
    return view
