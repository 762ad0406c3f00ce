"""The Transcription tab's widgets and their layout. Built once; the tab wires and drives them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
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
    QVBoxLayout,
)

from playground.model.capabilities import Endpoint
from playground.ui.naming import named
from playground.ui.widgets.level_meter import LevelMeter
from playground.ui.widgets.model_picker import fill_model_picker
from playground.ui.widgets.retirement_notice import RetirementNotice
from playground.ui.widgets.tab_message import TabMessage
from playground.ui.widgets.waveform import WaveformView

if TYPE_CHECKING:
    from playground.ui.tabs.transcription import TranscriptionTab


def _tr(text: str) -> str:
    return QCoreApplication.translate("TranscriptionTab", text)  # the tab's catalog context


def build_transcription_layout(tab: TranscriptionTab) -> None:
    tab._record = named(QPushButton(_tr("Record"), tab), "recordButton",
                         _tr("Record"))
    tab._record.setCheckable(True)
    tab._pause = named(QPushButton(_tr("Pause"), tab), "pauseRecordButton",
                        _tr("Pause recording"))
    tab._pause.setCheckable(True)
    tab._open = named(QPushButton(_tr("Open audio file…"), tab), "audioFileButton",
                       _tr("Open audio file"))
    tab._preview = named(QPushButton(_tr("Play"), tab), "previewAudioButton",
                          _tr("Play the audio"))
    tab._input_device = named(QComboBox(tab), "inputDevicePicker", _tr("Microphone"))
    tab._elapsed = named(QLabel("0:00.0", tab), "recordingTime", _tr("Elapsed time"))
    tab._meter = LevelMeter(tab)
    tab._waveform = WaveformView(tab)
    tab._waveform.setObjectName("recordingWaveform")
    tab._source_label = named(QLabel(_tr("Record, open or drop an audio file."), tab),
                               "audioSourceLabel", _tr("Audio to transcribe"))

    tab._model = named(QComboBox(tab), "transcriptionModelPicker",
                        _tr("Transcription model"))
    tab._model.setEditable(True)
    fill_model_picker(tab._model, None, Endpoint.TRANSCRIPTION, dt.date.today())
    tab._task_picker = named(QComboBox(tab), "transcriptionTaskPicker", _tr("Task"))
    tab._task_picker.addItem(_tr("Transcribe"), "transcribe")
    tab._task_picker.addItem(_tr("Translate to English"), "translate")
    tab._language = named(QLineEdit(tab), "languageInput", _tr("Language"))
    tab._language.setPlaceholderText(_tr("auto-detect (or e.g. en, zh, de)"))
    tab._language.setMaxLength(3)
    tab._prompt = named(QLineEdit(tab), "transcriptionPrompt", _tr("Prompt"))
    tab._prompt.setPlaceholderText(_tr("Names, terms or style to follow"))
    tab._temperature = named(QDoubleSpinBox(tab), "transcriptionTemperature",
                              _tr("Temperature"))
    tab._temperature.setRange(0.0, 1.0)
    tab._temperature.setSingleStep(0.1)
    tab._format = named(QComboBox(tab), "responseFormatPicker", _tr("Response format"))
    tab._words = named(QCheckBox(_tr("Word timestamps"), tab), "wordTimestampsCheck",
                        _tr("Word timestamps"))
    tab._segments = named(QCheckBox(_tr("Segment timestamps"), tab),
                           "segmentTimestampsCheck", _tr("Segment timestamps"))
    tab._transcribe = named(QPushButton(_tr("Transcribe"), tab), "transcribeButton",
                             _tr("Transcribe"))
    tab._transcribe.setDefault(True)
    tab._cancel = named(QPushButton(_tr("Cancel"), tab), "cancelTranscriptionButton",
                         _tr("Cancel transcription"))
    tab._progress = named(QProgressBar(tab), "transcriptionProgress", _tr("Progress"))
    tab._progress.setTextVisible(True)
    tab._progress.hide()
    tab._output = named(QPlainTextEdit(tab), "transcriptOutput", _tr("Transcript"))
    tab._output.setPlaceholderText(_tr("The transcript appears here."))
    tab._copy = named(QPushButton(_tr("Copy"), tab), "copyTranscriptButton",
                       _tr("Copy transcript"))
    tab._save = named(QPushButton(_tr("Save…"), tab), "saveTranscriptButton",
                       _tr("Save transcript"))
    tab._send = named(QPushButton(_tr("Send to chat"), tab), "sendTranscriptButton",
                       _tr("Send transcript to chat"))
    tab._message = TabMessage("transcriptionMessage", _tr("Transcription status"),
                               tab)
    tab._notice = RetirementNotice("transcriptionRetirementNotice", tab._settings.state(), tab)
    tab._speakers = named(QLineEdit(tab), "knownSpeakersInput", _tr("Known speakers"))
    tab._speakers.setPlaceholderText(_tr("optional: names, comma-separated (up to 4)"))
    tab._samples_button = named(QPushButton(_tr("Voice samples…"), tab),
                                "speakerSamplesButton",
                                _tr("Choose a voice sample for each known speaker"))
    tab._samples_button.setToolTip(_tr("One 2–10 second recording per name, in the same "
                                       "order."))
    tab._samples_label = named(QLabel(_tr("no samples"), tab), "speakerSamplesLabel",
                               _tr("Voice samples"))

    source_row = QHBoxLayout()
    for widget in (tab._record, tab._pause, tab._open, tab._preview):
        source_row.addWidget(widget)
    source_row.addWidget(QLabel(_tr("Microphone"), tab))
    source_row.addWidget(tab._input_device, 1)
    source_row.addWidget(tab._elapsed)

    options = QFormLayout()
    options.addRow(_tr("Profile"), tab._profile_picker)
    options.addRow(_tr("Model"), tab._model)
    options.addRow(_tr("Task"), tab._task_picker)
    options.addRow(_tr("Language"), tab._language)
    options.addRow(_tr("Prompt"), tab._prompt)
    speakers = QHBoxLayout()
    speakers.addWidget(tab._speakers, 1)
    speakers.addWidget(tab._samples_button)
    speakers.addWidget(tab._samples_label)
    options.addRow(_tr("Known speakers"), speakers)
    tab._speakers_row = speakers
    options.addRow(_tr("Temperature"), tab._temperature)
    options.addRow(_tr("Format"), tab._format)
    stamps = QHBoxLayout()
    stamps.addWidget(tab._segments)
    stamps.addWidget(tab._words)
    stamps.addStretch(1)
    options.addRow(_tr("Timestamps"), stamps)
    options.addRow(_tr("Live transcript"), tab._build_live())

    run_row = QHBoxLayout()
    run_row.addWidget(tab._transcribe)
    run_row.addWidget(tab._cancel)
    run_row.addWidget(tab._progress, 1)
    run_row.addStretch(1)  # keeps the buttons compact while the progress bar is hidden

    result_row = QHBoxLayout()
    for widget in (tab._copy, tab._save, tab._send):
        result_row.addWidget(widget)
    result_row.addStretch(1)

    tab._options = options
    layout = QVBoxLayout(tab)
    layout.addWidget(tab._notice)
    layout.addLayout(source_row)
    layout.addWidget(tab._meter)
    layout.addWidget(tab._waveform)
    layout.addWidget(tab._live_text)
    layout.addWidget(tab._source_label)
    layout.addLayout(options)
    layout.addLayout(run_row)
    layout.addWidget(tab._output, 1)
    layout.addLayout(result_row)
    layout.addWidget(tab._message)
