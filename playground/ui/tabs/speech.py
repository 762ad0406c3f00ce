"""The Speech tab: text to speech that plays while it downloads, with a clip history.

Speak is one task: it opens the output device (a missing or busy one is reported, and the
download goes on so the clip is still saved), streams PCM from the API into the player and
the waveform chunk by chunk, and stores the clip (what arrived, even when cut) with its
settings. Long text is split at sentence ends and spoken as one clip.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from playground.api.speech import (
    INPUT_LIMIT,
    SpeechRequest,
    supports_instructions,
    supports_speed,
    voices,
)
from playground.audio.clips import Clip, ClipHistory
from playground.audio.devices import DEFAULT
from playground.audio.errors import AudioError
from playground.audio.formats import PCM_RATE
from playground.audio.textsplit import split_for_speech
from playground.audio.transcript import clock
from playground.model.capabilities import Endpoint
from playground.model.retirement import model_retirement
from playground.services.messages import UserMessage
from playground.services.speech_job import SpeechJob, Spoken, check_text
from playground.settings import (
    SPEECH_MODEL,
    SPEECH_OUTPUT_DEVICE,
    SPEECH_PROFILE,
    SPEECH_SAVE_FOLDER,
    SPEECH_SAVE_FORMAT,
    SPEECH_SPEED,
    SPEECH_SPLIT_LONG,
    SPEECH_VOICE,
    Settings,
)
from playground.ui.async_slot import async_slot
from playground.ui.file_names import suggested_name
from playground.ui.tabs.base import TabPage
from playground.ui.tabs.speech_layout import build_speech_layout
from playground.ui.theme_palette import error_text_style
from playground.ui.widgets.audio_device_picker import refresh_device_picker
from playground.ui.widgets.audio_playback import ClipPlayback
from playground.ui.widgets.model_picker import watch_retired
from playground.ui.widgets.retirement_notice import RetirementNotice, retirement_text
from playground.ui.widgets.tab_message import TabMessage
from playground.ui.widgets.tab_profile_picker import TabProfilePicker
from playground.ui.widgets.waveform import WaveformView

if TYPE_CHECKING:
    from playground.services import Services


class SpeechTab(TabPage):
    # Built by speech_layout.build_speech_layout:
    _input: QPlainTextEdit
    _count: QLabel
    _model: QComboBox
    _voice: QComboBox
    _speed: QDoubleSpinBox
    _format: QComboBox
    _device: QComboBox
    _instructions: QLineEdit
    _split: QCheckBox
    _speak_button: QPushButton
    _stop_button: QPushButton
    _replay_button: QPushButton
    _save_button: QPushButton
    _waveform: WaveformView
    _time: QLabel
    _message: TabMessage
    _clips: QListWidget
    _delete: QPushButton
    _notice: RetirementNotice

    def __init__(self, services: Services, parent: QWidget | None = None, *,
                 settings: Settings | None = None, history: ClipHistory | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("speechTab")
        self.setAccessibleName(self.tr("Speech"))
        self._services = services
        self._settings = settings or services.settings
        self.job = SpeechJob(services, history)
        self._profile_picker = TabProfilePicker("speechProfilePicker", services,
                                                SPEECH_PROFILE, self._use_services, self)
        self._use_services(self._profile_picker.tab_profile.services)
        self._task: asyncio.Task[Any] | None = None
        self._samples = np.zeros(0, dtype=np.float32)  # the clip shown (last spoken or picked)
        self._spoken_text = ""  # that clip's text: names the saved file
        self._playback = ClipPlayback(self)
        build_speech_layout(self)
        self._connect()
        self._load_settings()
        self._update_for_model()
        self._update_count()
        self._update_buttons()
        QTimer.singleShot(0, self._start)

    # ------------------------------------------------------------------ building
    def _connect(self) -> None:
        self._input.textChanged.connect(self._update_count)
        self._model.currentTextChanged.connect(self._update_for_model)
        watch_retired(self._model, lambda text: self._show_message(UserMessage.warning(text)))
        self.job.message.connect(self._show_message)
        self.job.chunk.connect(lambda samples: self._waveform.append_samples(samples, PCM_RATE))
        self._message.actionTriggered.connect(self.message_action)
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

    def _use_services(self, services: Services) -> None:
        """The tab's profile changed (its own, or the window's it follows)."""
        self._services = self.job.services = services

    async def aclose(self) -> None:
        await self._profile_picker.tab_profile.aclose()

    async def on_profile_changed(self) -> None:
        self._profile_picker.refresh()

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
                                    lambda text: self._show_message(UserMessage.error(text)))

    async def refresh_history(self) -> None:
        clips = await self.job.clips()
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
        self._fill_voices(model)
        retirement = model_retirement(model, Endpoint.SPEECH, dt.date.today())
        self._notice.show_notice(
            f"speech:{retirement.key}" if retirement else "",
            retirement_text(retirement) if retirement else "")

    def _fill_voices(self, model: str) -> None:
        """The SDK's voices for the model; a typed (custom) voice stays."""
        current = self._voice.currentText()
        listed = list(voices(model))
        if [self._voice.itemText(i) for i in range(self._voice.count())] != listed:
            self._voice.blockSignals(True)
            self._voice.clear()
            self._voice.addItems(listed)
            self._voice.blockSignals(False)
        self._voice.setCurrentText(current)

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

    def _show_message(self, message: UserMessage) -> None:
        self._message.show_message(message, retry=True)

    def _playback_finished(self) -> None:
        if self._message.text() == self.tr("Speaking…"):
            self._message.clear()
        self._update_buttons()

    def _show_position(self, seconds: float) -> None:
        self._waveform.set_playhead(seconds)
        self._time.setText(clock(seconds))

    # ------------------------------------------------------------------ speaking
    def _begin(self, text: str) -> None:
        if self._task is not None and not self._task.done():
            return
        self._task = asyncio.ensure_future(self._speak(text))
        self._update_buttons()

    def _request(self, text: str) -> SpeechRequest:
        return SpeechRequest(self._model.currentText().strip(), self._voice.currentText().strip(),
                             text, self._speed.value(), self._instructions.text())

    async def _speak(self, text: str) -> None:
        if check_text(text, self._split.isChecked()) is None:
            self._store_settings()
            self._waveform.clear()
        spoken = Spoken()
        try:
            spoken = await self.job.speak(self._request(text), split_long=self._split.isChecked(),
                                          sink=self._playback,
                                          device=self._device.currentData() or DEFAULT)
            if spoken.complete and not spoken.device_problem:
                if self._playback.playing:
                    self._show_message(UserMessage.info(self.tr("Speaking…")))
                else:
                    self._message.clear()
        except asyncio.CancelledError:
            pass  # Stop: the job kept what arrived and said so
        finally:
            self._task = None
            if len(spoken.samples):
                self._samples, self._spoken_text = spoken.samples, text
            if spoken.clip is not None:
                self._clips.blockSignals(True)
                self._clips.insertItem(0, self._clip_item(spoken.clip))
                self._clips.setCurrentRow(0)
                self._clips.blockSignals(False)
            self._update_buttons()

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
        if item is None or self._task_running():
            return
        clip: Clip = item.data(Qt.ItemDataRole.UserRole)
        samples = await self.job.load(clip)
        if samples is None:
            return
        self._samples, self._spoken_text = samples, clip.text
        self._waveform.set_samples(self._samples, PCM_RATE)
        self._update_buttons()

    @async_slot()
    async def delete_selected_clip(self) -> None:
        item = self._clips.currentItem()
        if item is None:
            return
        await self.job.remove(item.data(Qt.ItemDataRole.UserRole))
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
            self._show_message(UserMessage.error(str(exc)))
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
        if path and len(self._samples):
            saved = await self.job.save(self._samples, path)
            if saved is not None:
                self._settings.put(SPEECH_SAVE_FOLDER, str(saved.parent))

    def closeEvent(self, event: Any) -> None:
        self._playback.stop()
        self._profile_picker.tab_profile.close_later()
        super().closeEvent(event)
