"""The Speech tab's widgets and their layout. Built once; the tab wires and drives them."""

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
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from playground.api.speech import voices
from playground.model.capabilities import Endpoint
from playground.ui.naming import named
from playground.ui.widgets.model_picker import fill_model_picker
from playground.ui.widgets.retirement_notice import RetirementNotice
from playground.ui.widgets.tab_message import TabMessage
from playground.ui.widgets.waveform import WaveformView

if TYPE_CHECKING:
    from playground.ui.tabs.speech import SpeechTab

# Saved files are encoded here (libsndfile), so AAC, which it cannot write, is not offered.
SAVE_FORMATS = ("mp3", "opus", "flac", "wav", "pcm")


def _tr(text: str) -> str:
    return QCoreApplication.translate("SpeechTab", text)  # the tab's catalog context


def build_speech_layout(tab: SpeechTab) -> None:
    tab._input = named(QPlainTextEdit(tab), "speechInput", _tr("Text to speak"))
    tab._input.setPlaceholderText(_tr("Type or paste the text to speak…"))
    tab._count = named(QLabel(tab), "speechCharCount", _tr("Character count"))
    tab._model = named(QComboBox(tab), "speechModelPicker", _tr("Speech model"))
    tab._model.setEditable(True)
    fill_model_picker(tab._model, None, Endpoint.SPEECH, dt.date.today())
    tab._voice = named(QComboBox(tab), "voicePicker", _tr("Voice"))
    tab._voice.setEditable(True)  # custom voice ids and newer voices can be typed
    tab._voice.addItems(voices(tab._model.currentText()))
    tab._speed = named(QDoubleSpinBox(tab), "speechSpeed", _tr("Speed"))
    tab._speed.setRange(0.25, 4.0)
    tab._speed.setSingleStep(0.25)
    tab._speed.setSuffix("×")
    tab._format = named(QComboBox(tab), "speechFormatPicker", _tr("Save format"))
    for key in SAVE_FORMATS:
        tab._format.addItem(key, key)
    tab._device = named(QComboBox(tab), "outputDevicePicker", _tr("Output device"))
    tab._instructions = named(QLineEdit(tab), "speechInstructions",
                               _tr("Voice instructions"))
    tab._instructions.setPlaceholderText(_tr("e.g. Speak calmly, like a narrator"))
    tab._split = named(QCheckBox(_tr("Split long text at sentence ends"), tab),
                        "speechSplitCheck", _tr("Split long text"))
    tab._speak_button = named(QPushButton(_tr("Speak"), tab), "speakButton",
                               _tr("Speak"))
    tab._speak_button.setDefault(True)
    tab._stop_button = named(QPushButton(_tr("Stop"), tab), "stopSpeechButton",
                       _tr("Stop speech"))
    tab._replay_button = named(QPushButton(_tr("Replay"), tab), "replayButton",
                         _tr("Replay"))
    tab._save_button = named(QPushButton(_tr("Save…"), tab), "saveAudioButton",
                       _tr("Save audio"))
    tab._waveform = WaveformView(tab)
    tab._waveform.setObjectName("speechWaveform")
    tab._time = named(QLabel("0:00.0", tab), "speechTime", _tr("Playback time"))
    tab._message = TabMessage("speechMessage", _tr("Speech status"), tab)
    tab._clips = named(QListWidget(tab), "speechHistory", _tr("Generated clips"))
    tab._delete = named(QPushButton(_tr("Delete clip"), tab), "deleteClipButton",
                         _tr("Delete clip"))
    tab._notice = RetirementNotice("speechRetirementNotice", tab._settings.state(), tab)

    form = QFormLayout()
    form.addRow(_tr("Profile"), tab._profile_picker)
    form.addRow(_tr("Model"), tab._model)
    form.addRow(_tr("Voice"), tab._voice)
    form.addRow(_tr("Speed"), tab._speed)
    form.addRow(_tr("Instructions"), tab._instructions)
    form.addRow(_tr("Save as"), tab._format)
    form.addRow(_tr("Speaker"), tab._device)

    buttons = QHBoxLayout()
    for button in (tab._speak_button, tab._stop_button, tab._replay_button,
                   tab._save_button):
        buttons.addWidget(button)
    buttons.addStretch(1)
    buttons.addWidget(tab._time)

    count_row = QHBoxLayout()
    count_row.addWidget(tab._split)
    count_row.addStretch(1)
    count_row.addWidget(tab._count)

    left = QWidget(tab)
    column = QVBoxLayout(left)
    column.addWidget(tab._input, 3)
    column.addLayout(count_row)
    column.addLayout(form)
    column.addLayout(buttons)
    column.addWidget(tab._waveform, 1)
    column.addWidget(tab._message)

    right = QWidget(tab)
    side = QVBoxLayout(right)
    side.addWidget(QLabel(_tr("History"), right))
    side.addWidget(tab._clips, 1)
    side.addWidget(tab._delete)

    splitter = QSplitter(tab)
    splitter.addWidget(left)
    splitter.addWidget(right)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes([720, 300])
    tab._clips.setWordWrap(True)
    tab._clips.setMinimumWidth(240)
    layout = QVBoxLayout(tab)
    layout.addWidget(tab._notice)
    layout.addWidget(splitter)
