"""The Voice tab's widgets and their layout: the session's settings on the left (model, voice,
instructions, turns, audio, tools, cap), the live conversation, meters and cost on the right.
Built once; the tab wires and drives them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from playground.model.capabilities import Endpoint, ModelKind, catalog_names, model_info
from playground.model.voice import (
    EAGERNESS,
    INPUT_TRANSCRIPTION_MODELS,
    NOISE_REDUCTIONS,
    REALTIME_MODELS,
    VOICES,
)
from playground.ui.naming import named
from playground.ui.tabs.voice_tools import build_tools_box
from playground.ui.widgets.level_meter import LevelMeter
from playground.ui.widgets.model_picker import fill_model_picker
from playground.ui.widgets.panels import scrolling
from playground.ui.widgets.tab_message import TabMessage

if TYPE_CHECKING:
    from playground.ui.tabs.voice import VoiceTab


def _tr(text: str) -> str:
    return QCoreApplication.translate("VoiceTab", text)  # the tab's catalog context


def conversation_models() -> list[str]:
    """Models that hold a spoken conversation: the catalog's realtime ones (not the
    transcription-only ones it files there too) and the SDK's session models."""
    names = [n for n in catalog_names(Endpoint.REALTIME)
             if model_info(n).kind == ModelKind.REALTIME
             and not any(part in n for part in ("transcribe", "whisper"))]
    return list(dict.fromkeys([*REALTIME_MODELS, *names]))


def _combo(tab: VoiceTab, name: str, accessible: str,
           items: list[tuple[str, object]]) -> QComboBox:
    combo = named(QComboBox(tab), name, accessible)
    for text, data in items:
        combo.addItem(text, data)
    return combo


def _meter(tab: VoiceTab, name: str, accessible: str) -> LevelMeter:
    meter = LevelMeter(tab)
    meter.setObjectName(name)
    meter.setAccessibleName(accessible)
    return meter


def _settings_column(tab: VoiceTab) -> QWidget:
    tab.model_picker = named(QComboBox(tab), "voiceModelPicker", _tr("Realtime model"))
    tab.model_picker.setEditable(True)
    fill_model_picker(tab.model_picker, conversation_models(), Endpoint.REALTIME,
                      dt.date.today())
    tab.voice_picker = named(QComboBox(tab), "voiceVoicePicker", _tr("Voice"))
    tab.voice_picker.setEditable(True)
    tab.voice_picker.addItems(list(VOICES))
    tab.instructions = named(QPlainTextEdit(tab), "voiceInstructions", _tr("Instructions"))
    tab.instructions.setPlaceholderText(_tr("e.g. You are a friendly tutor. Keep answers short."))
    tab.instructions.setMaximumHeight(90)
    tab.turn_picker = _combo(tab, "voiceTurnPicker", _tr("Turn detection"), [
        (_tr("The server hears when you stop (VAD)"), "server_vad"),
        (_tr("The model judges when you are done (semantic)"), "semantic_vad"),
        (_tr("Push to talk"), "none")])
    eagerness = {"auto": _tr("Automatic"), "low": _tr("Low: lets you pause"),
                 "medium": _tr("Medium"), "high": _tr("High: answers soonest")}
    tab.eagerness = _combo(tab, "voiceEagerness", _tr("Eagerness"),
                           [(eagerness[e], e) for e in EAGERNESS])
    noise = {"": _tr("Off"), "near_field": _tr("Near (headset)"),
             "far_field": _tr("Far (laptop, room)")}
    tab.noise = _combo(tab, "voiceNoiseReduction", _tr("Noise reduction"),
                       [(noise[n], n) for n in NOISE_REDUCTIONS])
    tab.transcription_picker = _combo(
        tab, "voiceTranscriptionModel", _tr("Transcription of my speech"),
        [(_tr("Off"), ""), *((m, m) for m in INPUT_TRANSCRIPTION_MODELS)])
    tab.transcription_picker.setCurrentIndex(1)
    tab.modalities = _combo(tab, "voiceModalities", _tr("The model answers with"), [
        (_tr("Speech and its transcript"), "audio"), (_tr("Text only"), "text")])
    tab.budget = named(QDoubleSpinBox(tab), "voiceBudget", _tr("Cost cap"))
    tab.budget.setRange(0.0, 100.0)
    tab.budget.setSingleStep(0.25)
    tab.budget.setValue(1.0)
    tab.budget.setPrefix("$")
    tab.budget.setSpecialValueText(_tr("no cap"))
    tab.budget.setToolTip(_tr("The session ends itself when it has cost this much"))
    tab.input_device = named(QComboBox(tab), "voiceInputDevice", _tr("Microphone"))
    tab.output_device = named(QComboBox(tab), "voiceOutputDevice", _tr("Speaker"))

    form = QFormLayout()
    form.addRow(_tr("Model"), tab.model_picker)
    form.addRow(_tr("Voice"), tab.voice_picker)
    form.addRow(_tr("Instructions"), tab.instructions)
    form.addRow(_tr("Turns"), tab.turn_picker)
    form.addRow(_tr("Eagerness"), tab.eagerness)
    form.addRow(_tr("Noise reduction"), tab.noise)
    form.addRow(_tr("Transcribe me"), tab.transcription_picker)
    form.addRow(_tr("Answers"), tab.modalities)
    form.addRow(_tr("Cap"), tab.budget)
    form.addRow(_tr("Microphone"), tab.input_device)
    form.addRow(_tr("Speaker"), tab.output_device)
    settings = QWidget(tab)
    column = QVBoxLayout(settings)
    column.addLayout(form)
    column.addWidget(build_tools_box(tab))
    column.addStretch(1)
    return settings


def _controls(tab: VoiceTab) -> QHBoxLayout:
    tab.start_button = named(QPushButton(_tr("Start talking"), tab), "voiceStartButton",
                             _tr("Start or stop the conversation"))
    tab.start_button.setCheckable(True)
    tab.start_button.setToolTip(_tr("Ctrl+Enter starts and stops; Esc stops"))
    tab.talk_button = named(QPushButton(_tr("Hold to talk"), tab), "voiceTalkButton",
                            _tr("Hold to talk"))
    tab.talk_button.setToolTip(_tr("Hold the button, or hold Space while it has focus"))
    tab.mute = named(QCheckBox(_tr("Mute"), tab), "voiceMute", _tr("Mute the microphone"))
    tab.sessions_button = named(QPushButton(_tr("Past sessions…"), tab), "voiceSessionsButton",
                                _tr("Replay or export past voice sessions"))
    row = QHBoxLayout()
    row.addWidget(tab.start_button, 1)
    row.addWidget(tab.talk_button, 1)
    row.addWidget(tab.mute)
    row.addWidget(tab.sessions_button)
    return row


def _fallback_box(tab: VoiceTab) -> QGroupBox:
    """Shown when the server has no Realtime API: record → transcribe → chat → speak."""
    box = QGroupBox(_tr("Walkie-talkie"), tab)
    box.setObjectName("voiceFallbackBox")
    tab.fallback_note = named(QLabel(box), "voiceFallbackNote", _tr("Walkie-talkie mode"))
    tab.fallback_note.setWordWrap(True)
    tab.fallback_button = named(QPushButton(_tr("Use walkie-talkie mode"), box),
                                "voiceFallbackButton", _tr("Use walkie-talkie mode"))
    tab.fallback_button.setCheckable(True)
    tab.fallback_button.setToolTip(_tr("Each turn is recorded, transcribed, answered by the "
                                       "chat model and spoken: slower, but it works with any "
                                       "server that has those endpoints"))
    layout = QVBoxLayout(box)
    layout.addWidget(tab.fallback_note)
    layout.addWidget(tab.fallback_button)
    box.hide()
    return box


def build_voice_layout(tab: VoiceTab) -> None:
    settings = _settings_column(tab)
    controls = _controls(tab)

    tab.transcript = named(QTextBrowser(tab), "voiceTranscript", _tr("Conversation"))
    tab.transcript.setPlaceholderText(_tr("Press Start and talk: both sides' words appear "
                                          "here as they are spoken."))
    tab.input_meter = _meter(tab, "voiceInputLevel", _tr("Microphone level"))
    tab.output_meter = _meter(tab, "voiceOutputLevel", _tr("Speaker level"))
    meters = QFormLayout()
    meters.addRow(_tr("You"), tab.input_meter)
    meters.addRow(_tr("Model"), tab.output_meter)
    tab.cost_label = named(QLabel(_tr("No tokens yet."), tab), "voiceCost", _tr("Session cost"))
    tab.cost_label.setWordWrap(True)
    tab.message = TabMessage("voiceMessage", _tr("Voice status"), tab)
    tab.fallback_box = _fallback_box(tab)
    right = QWidget(tab)
    conversation = QVBoxLayout(right)
    conversation.addLayout(controls)
    conversation.addWidget(tab.transcript, 1)
    conversation.addLayout(meters)
    conversation.addWidget(tab.cost_label)
    conversation.addWidget(tab.message)
    conversation.addWidget(tab.fallback_box)

    splitter = QSplitter(tab)
    splitter.setObjectName("voiceSplitter")
    splitter.addWidget(scrolling(settings))
    splitter.addWidget(right)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes([360, 640])
    layout = QVBoxLayout(tab)
    layout.addWidget(splitter)
