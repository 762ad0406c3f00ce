"""The Transcription tab: record or open audio, then transcribe or translate it.

Recording writes FLAC to the media folder while it runs (a crash keeps it); a 30 Hz timer
polls the recorder for the level meter, waveform and clock, so no audio thread touches Qt.
Transcribe prepares the upload off the UI thread (files over 25 MiB are transcoded, then
split at silences), sends the parts in order and shows the stitched result.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QWidget,
)

from playground.api.transcription import (
    DIARIZED,
    TranscriptionRequest,
    TranscriptionResult,
    is_diarize,
    response_formats,
    supports_granularities,
    supports_translation,
)
from playground.audio import transcript as tr
from playground.audio.devices import DEFAULT
from playground.audio.recorder import Recorder
from playground.services.messages import UserMessage
from playground.services.transcription_job import TranscriptionJob
from playground.settings import (
    TRANSCRIPTION_FORMAT,
    TRANSCRIPTION_INPUT_DEVICE,
    TRANSCRIPTION_LANGUAGE,
    TRANSCRIPTION_MODEL,
    TRANSCRIPTION_PROFILE,
    Settings,
)
from playground.ui.async_slot import async_slot
from playground.ui.tabs.base import TabPage
from playground.ui.tabs.transcription_layout import build_transcription_layout
from playground.ui.tabs.transcription_live import LiveWords
from playground.ui.tabs.transcription_results import TranscriptResults
from playground.ui.tabs.transcription_source import AudioSource
from playground.ui.tabs.transcription_speakers import SpeakerOptions
from playground.ui.widgets.audio_device_picker import refresh_device_picker
from playground.ui.widgets.audio_playback import ClipPlayback
from playground.ui.widgets.level_meter import LevelMeter
from playground.ui.widgets.model_picker import watch_retired
from playground.ui.widgets.retirement_notice import RetirementNotice
from playground.ui.widgets.tab_message import TabMessage
from playground.ui.widgets.tab_profile_picker import TabProfilePicker
from playground.ui.widgets.waveform import WaveformView

# Answers timed by nature, shown with their times (diarized: with the speakers too).
CUE_FORMATS = ("srt", "vtt", DIARIZED)

if TYPE_CHECKING:
    from playground.services import Services


class TranscriptionTab(AudioSource, TranscriptResults, SpeakerOptions, LiveWords, TabPage):
    # Built by transcription_layout.build_transcription_layout:
    _record: QPushButton
    _pause: QPushButton
    _open: QPushButton
    _preview: QPushButton
    _input_device: QComboBox
    _elapsed: QLabel
    _meter: LevelMeter
    _waveform: WaveformView
    _source_label: QLabel
    _model: QComboBox
    _task_picker: QComboBox
    _language: QLineEdit
    _prompt: QLineEdit
    _temperature: QDoubleSpinBox
    _format: QComboBox
    _words: QCheckBox
    _segments: QCheckBox
    _transcribe: QPushButton
    _cancel: QPushButton
    _progress: QProgressBar
    _output: QPlainTextEdit
    _copy: QPushButton
    _save: QPushButton
    _send: QPushButton
    _message: TabMessage
    _notice: RetirementNotice
    _options: QFormLayout
    _speakers: QLineEdit
    _speakers_row: QHBoxLayout
    _samples_button: QPushButton
    _samples_label: QLabel

    def __init__(self, services: Services, parent: QWidget | None = None, *,
                 settings: Settings | None = None, recordings: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transcriptionTab")
        self.setAccessibleName(self.tr("Transcription"))
        self.setAcceptDrops(True)
        self._services = services
        self._settings = settings or services.settings
        self.job = TranscriptionJob(services, recordings)
        self._profile_picker = TabProfilePicker("transcriptionProfilePicker", services,
                                                TRANSCRIPTION_PROFILE, self._use_services, self)
        self._use_services(self._profile_picker.tab_profile.services)
        self._wanted_format = self._settings.value(TRANSCRIPTION_FORMAT)
        self._source: Path | None = None  # the recording or file that Transcribe sends
        self._source_seconds = 0.0
        self._result: TranscriptionResult | None = None
        self._stamped = False  # the result is shown with its timestamps
        self._speaker_samples = []
        self._was_diarize = False  # switching to a diarizing model selects diarized_json
        self._task: asyncio.Task[Any] | None = None
        self._playback = ClipPlayback(self)
        self._meter_timer = QTimer(self)
        self._meter_timer.setInterval(33)
        build_transcription_layout(self)
        self._connect()
        self._load_settings()
        self._update_for_model()
        self._update_buttons()
        QTimer.singleShot(0, self._start)

    # ------------------------------------------------------------------ building
    def _connect(self) -> None:
        self._record.clicked.connect(self._record_clicked)
        self._pause.toggled.connect(self._pause_toggled)
        self._open.clicked.connect(self._ask_open)
        self._preview.clicked.connect(self.preview)
        self._model.currentTextChanged.connect(self._update_for_model)
        watch_retired(self._model, lambda text: self._show_message(UserMessage.warning(text)))
        self.job.message.connect(self._show_message)
        self.job.progress.connect(self._show_progress)
        self.job.part.connect(self._part_started)
        self._message.actionTriggered.connect(self.message_action)
        self._task_picker.currentIndexChanged.connect(self._update_for_model)
        self._format.currentTextChanged.connect(self._update_granularities)
        self._samples_button.clicked.connect(self._ask_samples)
        self._transcribe.clicked.connect(self.run_primary_action)
        self._cancel.clicked.connect(self.stop_action)
        self._copy.clicked.connect(self.copy_transcript)
        self._save.clicked.connect(self._ask_save)
        self._send.clicked.connect(self.send_to_chat)
        self._output.textChanged.connect(self._update_buttons)
        self._connect_live()
        self._meter_timer.timeout.connect(self._poll_recorder)
        self._playback.position.connect(self._waveform.set_playhead)
        self._playback.finished.connect(self._preview_finished)

    def _load_settings(self) -> None:
        s = self._settings
        self._model.setCurrentText(s.value(TRANSCRIPTION_MODEL))
        self._language.setText(s.value(TRANSCRIPTION_LANGUAGE))

    def _store_settings(self) -> None:
        s = self._settings
        s.put(TRANSCRIPTION_MODEL, self._model.currentText().strip())
        s.put(TRANSCRIPTION_FORMAT, self._format.currentText())
        s.put(TRANSCRIPTION_LANGUAGE, self._language.text().strip())
        s.put(TRANSCRIPTION_INPUT_DEVICE, self._input_device.currentData() or DEFAULT)

    @async_slot()
    async def _start(self) -> None:
        await self.refresh_devices()

    def _use_services(self, services: Services) -> None:
        """The tab's profile changed (its own, or the window's it follows)."""
        self._services = self.job.services = services

    async def aclose(self) -> None:
        await self.job.aclose()
        await self._profile_picker.tab_profile.aclose()

    async def on_profile_changed(self) -> None:
        self._profile_picker.refresh()

    # ------------------------------------------------------------------ public API
    def run_primary_action(self) -> None:
        """Ctrl+Enter: transcribe the latest recording or the chosen file."""
        if self._task is None or self._task.done():
            self._task = asyncio.ensure_future(self._run())
            self._update_buttons()

    def stop_action(self) -> None:
        """Esc: cancel the transcription, stop a preview; a recording is stopped and kept."""
        self._playback.stop()
        if self._task is not None and not self._task.done():
            self._task.cancel()
        if self.job.recorder is not None:
            self._record.setChecked(False)
            self._record_clicked()

    def running_task(self) -> asyncio.Task[Any] | None:
        return self._task

    @property
    def source(self) -> Path | None:
        return self._source

    @property
    def recorder(self) -> Recorder | None:
        return self.job.recorder

    @property
    def result(self) -> TranscriptionResult | None:
        return self._result

    async def refresh_devices(self) -> None:
        await refresh_device_picker(self._input_device, "input",
                                    self._settings.value(TRANSCRIPTION_INPUT_DEVICE),
                                    lambda text: self._show_message(UserMessage.error(text)))

    # ------------------------------------------------------------------ options
    def _update_for_model(self) -> None:
        model = self._model.currentText().strip()
        translate_index = self._task_picker.findData("translate")
        item = self._task_picker.model().item(translate_index)  # type: ignore[attr-defined]
        item.setEnabled(supports_translation(model))
        if not supports_translation(model) and self._task_picker.currentData() == "translate":
            self._task_picker.setCurrentIndex(0)
        translating = self._task_picker.currentData() == "translate"
        self._language.setEnabled(not translating)  # translations always produce English
        current = self._format.currentText() or self._wanted_format
        allowed = response_formats(model)
        if is_diarize(model) and not self._was_diarize:
            current = DIARIZED  # the one format that labels speakers
        self._was_diarize = is_diarize(model)
        self._format.blockSignals(True)
        self._format.clear()
        self._format.addItems(list(allowed))
        self._format.setCurrentText(current if current in allowed else "json")
        self._format.blockSignals(False)
        self._update_granularities()
        self._update_speakers(model)
        self._update_retirement(model)

    def _update_granularities(self) -> None:
        allowed = supports_granularities(self._model.currentText().strip(),
                                         self._format.currentText())
        translating = self._task_picker.currentData() == "translate"
        for box in (self._words, self._segments):
            box.setEnabled(allowed and not translating)
            if not box.isEnabled():
                box.setChecked(False)
            box.setToolTip("" if box.isEnabled() else
                           self.tr("Needs whisper-1 with the verbose_json format."))

    def request(self) -> TranscriptionRequest:
        granularities = tuple(g for g, box in (("segment", self._segments),
                                              ("word", self._words))
                              if box.isEnabled() and box.isChecked())
        return TranscriptionRequest(
            model=self._model.currentText().strip(),
            translate=self._task_picker.currentData() == "translate",
            language=self._language.text().strip() if self._language.isEnabled() else "",
            prompt=self._prompt.text() if self._prompt.isEnabled() else "",
            temperature=self._temperature.value() or None,
            response_format=self._format.currentText(),
            granularities=granularities,
            known_speakers=self.known_speakers(),
        )

    # ------------------------------------------------------------------ state
    def _update_buttons(self) -> None:
        busy = self._task is not None and not self._task.done()
        recording = self.job.recorder is not None
        self._transcribe.setEnabled(not busy and not recording and self._source is not None)
        self._cancel.setEnabled(busy)
        self._pause.setEnabled(recording)
        self._open.setEnabled(not recording)
        self._input_device.setEnabled(not recording)
        self._preview.setEnabled(self._source is not None and not recording)
        has_text = bool(self._output.toPlainText().strip())
        for button in (self._copy, self._save, self._send):
            button.setEnabled(has_text)

    def _show_message(self, message: UserMessage) -> None:
        self._message.show_message(message, retry=True)

    # ------------------------------------------------------------------ recording
    @async_slot()
    async def _record_clicked(self) -> None:
        if self.job.recorder is None and self._record.isChecked():
            await self.start_recording()
        elif self.job.recorder is not None and not self._record.isChecked():
            await self.stop_recording()

    async def start_recording(self) -> None:
        self._playback.stop()
        self._record.setChecked(True)
        if await self.job.start_recording(self._input_device.currentData() or DEFAULT,
                                          self.live_model(),
                                          self._language.text().strip()) is None:
            self._record.setChecked(False)
            return
        self._live_recording_started()
        self._waveform.clear()
        self._record.setText(self.tr("Stop"))
        self._meter_timer.start()
        self._update_buttons()

    async def stop_recording(self) -> None:
        if self.job.recorder is None:
            return
        self._meter_timer.stop()
        self._meter.set_level(-120.0)
        self._record.setChecked(False)
        self._record.setText(self.tr("Record"))
        self._pause.blockSignals(True)  # unpausing now would record a moment more
        self._pause.setChecked(False)
        self._pause.setText(self.tr("Pause"))
        self._pause.blockSignals(False)
        recording = await self.job.stop_recording()
        if recording is not None:
            self._set_source(recording.path, recording.seconds)
            note = (self.tr("Recorded %1 to %2.").replace("%1", tr.clock(recording.seconds))
                    .replace("%2", recording.path.name))
            if recording.overflows:
                note += " " + self.tr("%n moment(s) dropped (the computer was busy).", "",
                                      recording.overflows)
            if self.job.live_saved is not None:
                note += " " + self.tr("Live transcript saved as %1.").replace(
                    "%1", self.job.live_saved.name)
            if not (self.job.live is not None and self.job.live.failed):
                self._show_message(UserMessage.info(note))  # else: why the words stopped
        self._live_recording_stopped()
        self._update_buttons()

    def _pause_toggled(self, paused: bool) -> None:
        if self.job.recorder is None:
            return
        if paused:
            self.job.recorder.pause()
            self._pause.setText(self.tr("Resume"))
        else:
            self.job.recorder.resume()
            self._pause.setText(self.tr("Pause"))

    def _poll_recorder(self) -> None:
        recorder = self.job.recorder
        if recorder is None:
            return
        self._meter.set_level(recorder.level_dbfs if not recorder.paused else -120.0)
        self._waveform.append_peaks(recorder.take_envelope())
        self._elapsed.setText(tr.clock(recorder.elapsed))

    # ------------------------------------------------------------------ transcribing
    async def _run(self) -> None:
        try:
            await self._transcribe_source()
        finally:
            self._task = None
            self._progress.hide()
            self._update_buttons()

    async def _transcribe_source(self) -> None:
        request = self.request()
        if self._source is not None:
            self._store_settings()
        try:
            result = await self.job.transcribe(self._source, request)
        except asyncio.CancelledError:
            return
        if result is None:
            return
        self._result = result
        self._stamped = bool(request.granularities) or request.response_format in CUE_FORMATS
        self._output.setPlainText(self._shown(result))

    def _show_progress(self, stage: str, fraction: float) -> None:
        names = {"transcode": self.tr("Compressing for upload"),
                 "split": self.tr("Splitting at pauses")}
        self._progress.show()
        self._progress.setFormat(f"{names.get(stage, stage)} %p%")
        self._progress.setValue(int(fraction * 100))

    def _part_started(self, index: int, count: int) -> None:
        self._progress.setVisible(count > 1)
        self._progress.setFormat(self.tr("Part %1 of %2")
                                  .replace("%1", str(index + 1))
                                  .replace("%2", str(count)))
        self._progress.setValue(int(index * 100 / count))

    def closeEvent(self, event: Any) -> None:
        self._playback.stop()
        self.job.close()
        self._profile_picker.tab_profile.close_later()
        super().closeEvent(event)
