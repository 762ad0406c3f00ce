"""The Speech tab: text to speech that plays while it downloads, with a clip history.

Speak is one task: it opens the output device (a missing or busy one is reported, and the
download goes on so the clip is still saved), streams PCM from the API into the player and
the waveform chunk by chunk, and stores the clip (what arrived, even when cut) with its
settings. Long text is split at sentence ends and spoken as one clip.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from playground.api.speech import (
    INPUT_LIMIT,
    VOICES,
    SpeechRequest,
    supports_instructions,
    supports_speed,
)
from playground.audio import codecs
from playground.audio.clips import Clip, ClipHistory
from playground.audio.devices import DEFAULT
from playground.audio.errors import AudioError
from playground.audio.formats import PCM_RATE
from playground.audio.textsplit import split_for_speech
from playground.audio.transcript import clock
from playground.model.capabilities import Endpoint
from playground.model.types import ApiFailure
from playground.settings import (
    SPEECH_MODEL,
    SPEECH_OUTPUT_DEVICE,
    SPEECH_SAVE_FOLDER,
    SPEECH_SAVE_FORMAT,
    SPEECH_SPEED,
    SPEECH_SPLIT_LONG,
    SPEECH_VOICE,
    Settings,
)
from playground.ui.async_slot import async_slot
from playground.ui.failures import describe
from playground.ui.file_names import suggested_name
from playground.ui.naming import named
from playground.ui.tabs.base import TabPage
from playground.ui.theme_palette import error_text_style
from playground.ui.widgets.audio_device_picker import refresh_device_picker
from playground.ui.widgets.audio_playback import ClipPlayback
from playground.ui.widgets.model_picker import fill_model_picker, watch_retired
from playground.ui.widgets.waveform import WaveformView
from playground.usage.records import UsageRecord
from playground.usage.self_hosted import is_self_hosted

if TYPE_CHECKING:
    from playground.services import Services


# Saved files are encoded here (libsndfile), so AAC, which it cannot write, is not offered.
SAVE_FORMATS = ("mp3", "opus", "flac", "wav", "pcm")


def clip_directory() -> Path:
    from playground.storage.paths import media_dir

    return media_dir() / "speech"


class SpeechTab(TabPage):
    def __init__(self, services: Services, parent: QWidget | None = None, *,
                 settings: Settings | None = None, history: ClipHistory | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("speechTab")
        self.setAccessibleName(self.tr("Speech"))
        self._services = services
        self._settings = settings or services.settings
        self._history = history
        self._task: asyncio.Task[Any] | None = None
        self._samples = np.zeros(0, dtype=np.float32)  # the clip shown (last spoken or picked)
        self._spoken_text = ""  # that clip's text: names the saved file
        self._playback = ClipPlayback(self)
        self._build()
        self._connect()
        self._load_settings()
        self._update_for_model()
        self._update_count()
        self._update_buttons()
        QTimer.singleShot(0, self._start)

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self._input = named(QPlainTextEdit(self), "speechInput", self.tr("Text to speak"))
        self._input.setPlaceholderText(self.tr("Type or paste the text to speak…"))
        self._count = named(QLabel(self), "speechCharCount", self.tr("Character count"))
        self._model = named(QComboBox(self), "speechModelPicker", self.tr("Speech model"))
        self._model.setEditable(True)
        fill_model_picker(self._model, None, Endpoint.SPEECH, dt.date.today())
        self._voice = named(QComboBox(self), "voicePicker", self.tr("Voice"))
        self._voice.setEditable(True)  # newer voices can be typed
        self._voice.addItems(VOICES)
        self._speed = named(QDoubleSpinBox(self), "speechSpeed", self.tr("Speed"))
        self._speed.setRange(0.25, 4.0)
        self._speed.setSingleStep(0.25)
        self._speed.setSuffix("×")
        self._format = named(QComboBox(self), "speechFormatPicker", self.tr("Save format"))
        for key in SAVE_FORMATS:
            self._format.addItem(key, key)
        self._device = named(QComboBox(self), "outputDevicePicker", self.tr("Output device"))
        self._instructions = named(QLineEdit(self), "speechInstructions",
                                   self.tr("Voice instructions"))
        self._instructions.setPlaceholderText(self.tr("e.g. Speak calmly, like a narrator"))
        self._split = named(QCheckBox(self.tr("Split long text at sentence ends"), self),
                            "speechSplitCheck", self.tr("Split long text"))
        self._speak_button = named(QPushButton(self.tr("Speak"), self), "speakButton",
                                   self.tr("Speak"))
        self._speak_button.setDefault(True)
        self._stop_button = named(QPushButton(self.tr("Stop"), self), "stopSpeechButton",
                           self.tr("Stop speech"))
        self._replay_button = named(QPushButton(self.tr("Replay"), self), "replayButton",
                             self.tr("Replay"))
        self._save_button = named(QPushButton(self.tr("Save…"), self), "saveAudioButton",
                           self.tr("Save audio"))
        self._waveform = WaveformView(self)
        self._waveform.setObjectName("speechWaveform")
        self._time = named(QLabel("0:00.0", self), "speechTime", self.tr("Playback time"))
        self._message = named(QLabel(self), "speechMessage", self.tr("Speech status"))
        self._message.setWordWrap(True)
        self._message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._clips = named(QListWidget(self), "speechHistory", self.tr("Generated clips"))
        self._delete = named(QPushButton(self.tr("Delete clip"), self), "deleteClipButton",
                             self.tr("Delete clip"))

        form = QFormLayout()
        form.addRow(self.tr("Model"), self._model)
        form.addRow(self.tr("Voice"), self._voice)
        form.addRow(self.tr("Speed"), self._speed)
        form.addRow(self.tr("Instructions"), self._instructions)
        form.addRow(self.tr("Save as"), self._format)
        form.addRow(self.tr("Speaker"), self._device)

        buttons = QHBoxLayout()
        for button in (self._speak_button, self._stop_button, self._replay_button,
                       self._save_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self._time)

        count_row = QHBoxLayout()
        count_row.addWidget(self._split)
        count_row.addStretch(1)
        count_row.addWidget(self._count)

        left = QWidget(self)
        column = QVBoxLayout(left)
        column.addWidget(self._input, 3)
        column.addLayout(count_row)
        column.addLayout(form)
        column.addLayout(buttons)
        column.addWidget(self._waveform, 1)
        column.addWidget(self._message)

        right = QWidget(self)
        side = QVBoxLayout(right)
        side.addWidget(QLabel(self.tr("History"), right))
        side.addWidget(self._clips, 1)
        side.addWidget(self._delete)

        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([720, 300])
        self._clips.setWordWrap(True)
        self._clips.setMinimumWidth(240)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def _connect(self) -> None:
        self._input.textChanged.connect(self._update_count)
        self._model.currentTextChanged.connect(self._update_for_model)
        watch_retired(self._model, self._show_message)
        self._speak_button.clicked.connect(self.run_primary_action)
        self._stop_button.clicked.connect(self.stop_action)
        self._replay_button.clicked.connect(self.replay)
        self._save_button.clicked.connect(self._ask_save)
        self._clips.currentItemChanged.connect(self._clip_selected)
        self._clips.itemDoubleClicked.connect(lambda _item: self.replay())
        self._delete.clicked.connect(self.delete_selected_clip)
        self._playback.position.connect(self._show_position)
        self._playback.finished.connect(self._playback_finished)
        self._split.toggled.connect(self._update_count)

    def _load_settings(self) -> None:
        s = self._settings
        self._model.setCurrentText(s.value(SPEECH_MODEL))
        self._voice.setCurrentText(s.value(SPEECH_VOICE))
        self._speed.setValue(s.value(SPEECH_SPEED))
        self._format.setCurrentIndex(max(0, self._format.findData(s.value(SPEECH_SAVE_FORMAT))))
        self._split.setChecked(s.value(SPEECH_SPLIT_LONG))

    def _store_settings(self) -> None:
        s = self._settings
        s.put(SPEECH_MODEL, self._model.currentText().strip())
        s.put(SPEECH_VOICE, self._voice.currentText().strip())
        s.put(SPEECH_SPEED, self._speed.value())
        s.put(SPEECH_SAVE_FORMAT, self._format.currentData())
        s.put(SPEECH_OUTPUT_DEVICE, self._device.currentData() or DEFAULT)
        s.put(SPEECH_SPLIT_LONG, self._split.isChecked())

    @async_slot()
    async def _start(self) -> None:
        await self.refresh_devices()
        await self.refresh_history()

    # ------------------------------------------------------------------ public API
    def run_primary_action(self) -> None:
        """Ctrl+Enter: speak the text in the input."""
        self._begin(self._input.toPlainText())

    def speak_text(self, text: str) -> None:
        """Read aloud (e.g. a chat reply) with the current settings; the input is untouched."""
        self._begin(text)

    def stop_action(self) -> None:
        """Esc: silence at once and stop downloading (what arrived is kept)."""
        self._playback.stop()
        if self._task is not None and not self._task.done():
            self._task.cancel()

    def running_task(self) -> asyncio.Task[Any] | None:
        return self._task

    @property
    def samples(self) -> np.ndarray:
        return self._samples

    @property
    def playback(self) -> ClipPlayback:
        return self._playback

    async def refresh_devices(self) -> None:
        await refresh_device_picker(self._device, "output",
                                    self._settings.value(SPEECH_OUTPUT_DEVICE),
                                    lambda text: self._show_message(text, error=True))

    async def refresh_history(self) -> None:
        history = await self._clip_history()
        if history is None:
            return
        clips = await asyncio.to_thread(history.clips)
        self._clips.clear()
        for clip in clips:
            self._clips.addItem(self._clip_item(clip))

    # ------------------------------------------------------------------ state
    def _update_for_model(self) -> None:
        model = self._model.currentText().strip()
        self._speed.setEnabled(supports_speed(model))
        self._speed.setToolTip("" if supports_speed(model) else
                               (self.tr("%1 ignores speed; describe the pace in the "
                                        "instructions.")
                                .replace("%1", str(model))))
        self._instructions.setEnabled(supports_instructions(model))
        self._instructions.setToolTip("" if supports_instructions(model) else
                                      self.tr("Only gpt-4o-mini-tts follows instructions."))

    def _update_count(self) -> None:
        n = len(self._input.toPlainText())
        text = (self.tr("%1 / %2 characters")
                .replace("%1", str(f"{n:,}"))
                .replace("%2", str(f"{INPUT_LIMIT:,}")))
        over = n > INPUT_LIMIT
        if over and self._split.isChecked():
            parts = len(split_for_speech(self._input.toPlainText()))
            text += " — " + self.tr("spoken in %1 parts as one clip").replace("%1", str(parts))
        elif over:
            text += " — " + self.tr("too long: turn on splitting or shorten the text")
        self._count.setText(text)
        self._count.setStyleSheet(
            error_text_style(self.palette()) if over and not self._split.isChecked() else "")

    def _update_buttons(self) -> None:
        busy = self._task is not None and not self._task.done()
        self._speak_button.setEnabled(not busy)
        self._stop_button.setEnabled(busy or self._playback.playing)
        has_audio = len(self._samples) > 0
        self._replay_button.setEnabled(has_audio and not busy)
        self._save_button.setEnabled(has_audio and not busy)
        self._delete.setEnabled(self._clips.currentItem() is not None)

    def _show_message(self, text: str, *, error: bool = False) -> None:
        self._message.setText(text)
        self._message.setStyleSheet(error_text_style(self.palette()) if error else "")

    def _playback_finished(self) -> None:
        if self._message.text() == self.tr("Speaking…"):
            self._show_message("")
        self._update_buttons()

    def _show_position(self, seconds: float) -> None:
        self._waveform.set_playhead(seconds)
        self._time.setText(clock(seconds))

    # ------------------------------------------------------------------ speaking
    def _begin(self, text: str) -> None:
        if self._task is not None and not self._task.done():
            return
        self._task = asyncio.ensure_future(self._speak_all(text))
        self._update_buttons()

    async def _speak_all(self, text: str) -> None:
        try:
            await self._speak(text)
        finally:
            self._task = None
            self._update_buttons()

    def _request(self, text: str) -> SpeechRequest:
        return SpeechRequest(self._model.currentText().strip(), self._voice.currentText().strip(),
                             text, self._speed.value(), self._instructions.text())

    async def _speak(self, text: str) -> None:
        if not text.strip():
            self._show_message(self.tr("There is no text to speak. Type something first."),
                               error=True)
            return
        if len(text) > INPUT_LIMIT and not self._split.isChecked():
            self._show_message((self.tr("The text has %1 characters; one request takes at most "
                                        "%2. Turn on “Split long text” or shorten it.")
                                .replace("%1", str(f"{len(text):,}"))
                                .replace("%2", str(f"{INPUT_LIMIT:,}"))),
                error=True)
            return
        self._store_settings()
        pieces = split_for_speech(text) if len(text) > INPUT_LIMIT else [text]
        self._show_message(self.tr("Connecting…"))
        self._waveform.clear()
        received: list[np.ndarray] = []
        notes: list[str] = []
        complete = False
        try:
            client = await self._services.api.client()
            from playground.api.speech import stream_pcm  # imports the SDK: after the client

            try:
                await self._playback.open(PCM_RATE, self._device.currentData() or DEFAULT)
            except AudioError as exc:
                notes.append(self.tr("%1 The clip will still be saved.").replace("%1", str(exc)))
                self._show_message(notes[-1], error=True)
            for i, piece in enumerate(pieces):
                request = self._request(piece)
                if len(pieces) > 1:
                    part = (self.tr("Part %1 of %2…").replace("%1", str(i + 1))
                            .replace("%2", str(len(pieces))))
                    self._show_message(" ".join([*notes, part]), error=bool(notes))
                async for chunk in stream_pcm(client, request):
                    samples = codecs.pcm16_to_float(chunk)
                    received.append(samples)
                    self._playback.feed(samples)
                    self._waveform.append_samples(samples, PCM_RATE)
                self._services.usage.report(UsageRecord(
                    endpoint="speech", model=request.model, profile=client.profile.name,
                    characters=len(piece), free=is_self_hosted(client.profile.base_url)))
            complete = True
            self._playback.finish()
            if not notes:
                self._show_message(self.tr("Speaking…") if self._playback.playing else "")
        except ApiFailure as failure:
            self._playback.finish()  # play what arrived
            view = describe(failure, partial=bool(received))
            self._show_message(f"{view.title} {view.detail}".strip(), error=True)
        except asyncio.CancelledError:
            self._playback.stop()
            self._show_message(self.tr("Stopped."))
        finally:
            self._samples = np.concatenate(received) if received else np.zeros(0, np.float32)
            self._spoken_text = text
            if len(self._samples):
                with contextlib.suppress(asyncio.CancelledError):
                    await asyncio.shield(self._keep_clip(text, complete))

    async def _keep_clip(self, text: str, complete: bool) -> None:
        history = await self._clip_history()
        if history is None:
            return
        try:
            clip = await asyncio.to_thread(
                history.add, self._samples, PCM_RATE, text=text,
                model=self._model.currentText().strip(), voice=self._voice.currentText().strip(),
                speed=self._speed.value(), instructions=self._instructions.text(),
                complete=complete)
        except (AudioError, OSError) as exc:
            self._show_message(self.tr("The clip could not be kept: %1").replace("%1", str(exc)),
                               error=True)
            return
        self._clips.blockSignals(True)
        self._clips.insertItem(0, self._clip_item(clip))
        self._clips.setCurrentRow(0)
        self._clips.blockSignals(False)
        self._update_buttons()

    async def _clip_history(self) -> ClipHistory | None:
        if self._history is None:
            try:
                self._history = ClipHistory(await asyncio.to_thread(clip_directory))
            except Exception as exc:  # StorageUnavailable: its message names the folder
                self._show_message(str(exc), error=True)
                return None
        return self._history

    # ------------------------------------------------------------------ clips
    def _clip_item(self, clip: Clip) -> QListWidgetItem:
        first_line = clip.text.strip().splitlines()[0] if clip.text.strip() else ""
        label = f"{first_line[:40]}\n{clip.voice} · {clip.model} · {clip.seconds:.1f} s"
        if not clip.complete:
            label += " · " + self.tr("incomplete")
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, clip)
        item.setToolTip(clip.text[:500])
        return item

    @async_slot()
    async def _clip_selected(self, item: QListWidgetItem | None) -> None:
        self._update_buttons()
        if item is None or self._history is None or self._task_running():
            return
        clip: Clip = item.data(Qt.ItemDataRole.UserRole)
        try:
            samples, rate = await asyncio.to_thread(codecs.read_mono, self._history.path_of(clip))
        except AudioError as exc:
            self._show_message(str(exc), error=True)
            return
        self._samples = codecs.resample(samples, rate, PCM_RATE)
        self._spoken_text = clip.text
        self._waveform.set_samples(self._samples, PCM_RATE)
        self._update_buttons()

    @async_slot()
    async def delete_selected_clip(self) -> None:
        item = self._clips.currentItem()
        if item is None or self._history is None:
            return
        clip: Clip = item.data(Qt.ItemDataRole.UserRole)
        await asyncio.to_thread(self._history.remove, clip.id)
        self._clips.takeItem(self._clips.row(item))
        self._update_buttons()

    def _task_running(self) -> bool:
        return self._task is not None and not self._task.done()

    # ------------------------------------------------------------------ replay and save
    @async_slot()
    async def replay(self) -> None:
        if not len(self._samples) or self._task_running():
            return
        try:
            await self._playback.play(self._samples, PCM_RATE,
                                      self._device.currentData() or DEFAULT)
        except AudioError as exc:
            self._show_message(str(exc), error=True)
        self._update_buttons()

    def _ask_save(self) -> None:
        fmt = self._format.currentData()
        dialog = QFileDialog(self, self.tr("Save speech"), self._settings.value(SPEECH_SAVE_FOLDER))
        dialog.setObjectName("saveSpeechDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        filters = {"mp3": self.tr("MP3 (*.mp3)"), "opus": self.tr("Opus (*.opus)"),
                   "flac": self.tr("FLAC (*.flac)"), "wav": self.tr("WAV (*.wav)"),
                   "pcm": self.tr("Raw PCM, 24 kHz 16-bit mono (*.pcm)")}
        dialog.setNameFilters([filters[fmt], *[f for k, f in filters.items() if k != fmt]])
        dialog.setDefaultSuffix(fmt)
        dialog.selectFile(suggested_name(self._spoken_text, fmt, "speech"))
        dialog.fileSelected.connect(self.save_to)
        dialog.open()

    @async_slot(str)
    async def save_to(self, path: str) -> None:
        if not path or not len(self._samples):
            return
        try:
            saved = await asyncio.to_thread(codecs.save, self._samples, PCM_RATE, path)
        except AudioError as exc:
            self._show_message(str(exc), error=True)
            return
        self._settings.put(SPEECH_SAVE_FOLDER, str(saved.parent))
        self._show_message(self.tr("Saved %1.").replace("%1", str(saved.name)))

