"""The Voice tab's widgets and their layout: the session's settings on the left, the live
conversation and its cost on the right. Built once; the tab wires and drives them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from playground.ui.naming import named
from playground.ui.widgets.panels import scrolling
from playground.ui.widgets.tab_message import TabMessage

if TYPE_CHECKING:
    from playground.ui.tabs.voice import VoiceTab


def _tr(text: str) -> str:
    return QCoreApplication.translate("VoiceTab", text)  # the tab's catalog context


def build_voice_layout(tab: VoiceTab) -> None:
    tab.model_picker = named(QComboBox(tab), "voiceModelPicker", _tr("Realtime model"))
    tab.model_picker.setEditable(True)
    tab.voice_picker = named(QComboBox(tab), "voiceVoicePicker", _tr("Voice"))
    tab.voice_picker.setEditable(True)
    tab.instructions = named(QPlainTextEdit(tab), "voiceInstructions", _tr("Instructions"))
    tab.instructions.setPlaceholderText(_tr("e.g. You are a friendly tutor. Keep answers short."))
    tab.instructions.setMaximumHeight(110)
    tab.turn_picker = named(QComboBox(tab), "voiceTurnPicker", _tr("Turn detection"))
    tab.turn_picker.addItems([_tr("The server hears when you stop (VAD)"),
                              _tr("The model judges when you are done (semantic)"),
                              _tr("Push to talk")])
    tab.transcribe_input = named(QCheckBox(_tr("Show what I said"), tab),
                                 "voiceTranscribeInput", _tr("Transcribe my speech"))
    tab.transcribe_input.setChecked(True)
    tab.budget = named(QDoubleSpinBox(tab), "voiceBudget", _tr("Cost cap"))
    tab.budget.setRange(0.0, 100.0)
    tab.budget.setSingleStep(0.25)
    tab.budget.setValue(1.0)
    tab.budget.setPrefix("$")
    tab.budget.setSpecialValueText(_tr("no cap"))
    tab.budget.setToolTip(_tr("The session ends itself when it has cost this much"))
    tab.input_device = named(QComboBox(tab), "voiceInputDevice", _tr("Microphone"))
    tab.output_device = named(QComboBox(tab), "voiceOutputDevice", _tr("Speaker"))

    tab.start_button = named(QPushButton(_tr("Start talking"), tab), "voiceStartButton",
                             _tr("Start or stop the conversation"))
    tab.start_button.setCheckable(True)
    tab.start_button.setToolTip(_tr("Ctrl+Enter starts and stops; Esc stops"))
    tab.talk_button = named(QPushButton(_tr("Hold to talk"), tab), "voiceTalkButton",
                            _tr("Hold to talk"))
    tab.mute = named(QCheckBox(_tr("Mute"), tab), "voiceMute", _tr("Mute the microphone"))

    form = QFormLayout()
    form.addRow(_tr("Model"), tab.model_picker)
    form.addRow(_tr("Voice"), tab.voice_picker)
    form.addRow(_tr("Instructions"), tab.instructions)
    form.addRow(_tr("Turns"), tab.turn_picker)
    form.addRow("", tab.transcribe_input)
    form.addRow(_tr("Cap"), tab.budget)
    form.addRow(_tr("Microphone"), tab.input_device)
    form.addRow(_tr("Speaker"), tab.output_device)
    settings = QWidget(tab)
    column = QVBoxLayout(settings)
    column.addLayout(form)
    buttons = QHBoxLayout()
    buttons.addWidget(tab.start_button, 1)
    buttons.addWidget(tab.talk_button, 1)
    buttons.addWidget(tab.mute)
    column.addLayout(buttons)
    column.addStretch(1)

    tab.transcript = named(QTextBrowser(tab), "voiceTranscript", _tr("Conversation"))
    tab.transcript.setPlaceholderText(_tr("Press Start and talk: both sides' words appear "
                                          "here as they are spoken."))
    tab.cost_label = named(QLabel(_tr("No tokens yet."), tab), "voiceCost", _tr("Session cost"))
    tab.cost_label.setWordWrap(True)
    tab.message = TabMessage("voiceMessage", _tr("Voice status"), tab)
    right = QWidget(tab)
    conversation = QVBoxLayout(right)
    conversation.addWidget(tab.transcript, 1)
    conversation.addWidget(tab.cost_label)
    conversation.addWidget(tab.message)

    splitter = QSplitter(tab)
    splitter.addWidget(scrolling(settings))
    splitter.addWidget(right)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes([340, 620])
    layout = QVBoxLayout(tab)
    layout.addWidget(splitter)
