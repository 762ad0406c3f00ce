"""The chat tab's right column: model, system message and every sampling control."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from playground.model.capabilities import Endpoint, ModelInfo, model_info
from playground.model.types import ChatRequest
from playground.ui.widgets.model_picker import fill_model_picker
from playground.ui.widgets.param_slider import ParamSlider

MAX_STOP_SEQUENCES = 4
REASONING_EFFORTS = ("minimal", "low", "medium", "high")


class ChatParams(QScrollArea):
    """Emits `changed` whenever anything that shapes the next request changes."""

    changed = Signal()
    refreshModelsRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatParams")
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(6, 6, 6, 6)

        # Model: editable, because many servers have no /models and names are typed by hand.
        self.model_picker = QComboBox()
        self.model_picker.setObjectName("modelPicker")
        self.model_picker.setAccessibleName(self.tr("Model"))
        self.model_picker.setEditable(True)
        self.model_picker.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.model_picker.setToolTip(self.tr("Pick a model or type its name"))
        self.refresh_models = QToolButton()
        self.refresh_models.setObjectName("refreshModelsButton")
        self.refresh_models.setText("⟳")
        self.refresh_models.setToolTip(self.tr("Refresh the model list from the server"))
        self.refresh_models.setAccessibleName(self.tr("Refresh models"))
        self.refresh_models.clicked.connect(self.refreshModelsRequested)
        model_row = QHBoxLayout()
        model_row.addWidget(self.model_picker, 1)
        model_row.addWidget(self.refresh_models)
        self.model_note = QLabel()
        self.model_note.setObjectName("modelNote")
        self.model_note.setWordWrap(True)
        self.model_note.setVisible(False)

        self.system_label = QLabel(self.tr("System message"))
        self.system_prompt = QPlainTextEdit()
        self.system_prompt.setObjectName("systemPrompt")
        self.system_prompt.setAccessibleName(self.tr("System message"))
        self.system_prompt.setPlaceholderText(self.tr("You are a helpful assistant."))
        self.system_prompt.setMaximumHeight(110)
        self.system_label.setBuddy(self.system_prompt)

        self.temperature = ParamSlider(
            "temperatureSlider", self.tr("Temperature"), 0.0, 2.0, 1.0,
            tooltip=self.tr("Higher values make replies more random"), optional=True)
        self.top_p = ParamSlider(
            "topPSlider", self.tr("Top P"), 0.0, 1.0, 1.0,
            tooltip=self.tr("Nucleus sampling: consider tokens within this probability mass"),
            optional=True)
        self.max_tokens = ParamSlider(
            "maxTokensSlider", self.tr("Maximum tokens"), 1, 16_384, 2_048, decimals=0, step=1,
            tooltip=self.tr("Upper limit of tokens in the reply (reasoning tokens included)"))
        self.frequency_penalty = ParamSlider(
            "frequencyPenaltySlider", self.tr("Frequency penalty"), -2.0, 2.0, 0.0,
            tooltip=self.tr("Penalise tokens by how often they already appeared"), optional=True)
        self.presence_penalty = ParamSlider(
            "presencePenaltySlider", self.tr("Presence penalty"), -2.0, 2.0, 0.0,
            tooltip=self.tr("Penalise tokens that already appeared at all"), optional=True)

        self.reasoning_label = QLabel(self.tr("Reasoning effort"))
        self.reasoning_effort = QComboBox()
        self.reasoning_effort.setObjectName("reasoningEffortPicker")
        self.reasoning_effort.setAccessibleName(self.tr("Reasoning effort"))
        for effort, label in zip(
            REASONING_EFFORTS,
            (self.tr("Minimal"), self.tr("Low"), self.tr("Medium"), self.tr("High")),
            strict=True,
        ):
            self.reasoning_effort.addItem(label, effort)
        self.reasoning_effort.setCurrentIndex(2)
        self.reasoning_label.setBuddy(self.reasoning_effort)

        self.stop_sequences = QPlainTextEdit()
        self.stop_sequences.setObjectName("stopSequences")
        self.stop_sequences.setAccessibleName(self.tr("Stop sequences"))
        self.stop_sequences.setPlaceholderText(self.tr("Up to 4, one per line"))
        self.stop_sequences.setMaximumHeight(70)
        self.seed = QLineEdit()
        self.seed.setObjectName("seedInput")
        self.seed.setAccessibleName(self.tr("Seed"))
        self.seed.setPlaceholderText(self.tr("Random"))
        self.seed.setValidator(QIntValidator(0, 2**31 - 1, self.seed))
        self.params_note = QLabel()
        self.params_note.setObjectName("paramsNote")
        self.params_note.setWordWrap(True)
        self.params_note.setVisible(False)

        column.addWidget(QLabel(self.tr("Model")))
        column.addLayout(model_row)
        column.addWidget(self.model_note)
        column.addWidget(self.system_label)
        column.addWidget(self.system_prompt)
        for slider in self._sampling_sliders():
            column.addWidget(slider)
        column.addWidget(self.max_tokens)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.reasoning_label, self.reasoning_effort)
        self.stop_label = QLabel(self.tr("Stop"))
        self.stop_label.setBuddy(self.stop_sequences)
        form.addRow(self.stop_label, self.stop_sequences)
        seed_label = QLabel(self.tr("Seed"))
        seed_label.setBuddy(self.seed)
        form.addRow(seed_label, self.seed)
        column.addLayout(form)
        column.addWidget(self.params_note)
        column.addStretch(1)
        self.setWidget(body)
        self.setMinimumWidth(240)

        self.model_picker.currentTextChanged.connect(self._on_model_changed)
        for slider in (*self._sampling_sliders(), self.max_tokens):
            slider.valueChanged.connect(self.changed)
        self.system_prompt.textChanged.connect(self.changed)
        self.stop_sequences.textChanged.connect(self._check_stops)
        self.reasoning_effort.currentIndexChanged.connect(self.changed)
        self._info: ModelInfo = model_info("")
        self._on_model_changed(self.model_picker.currentText())

    def _sampling_sliders(self) -> tuple[ParamSlider, ...]:
        return (self.temperature, self.top_p, self.frequency_penalty, self.presence_penalty)

    # ---- model ----
    def model(self) -> str:
        return self.model_picker.currentText().strip()

    def set_models(self, names: list[str], keep: str | None = None) -> None:
        current = keep if keep is not None else self.model()
        # Only models of the chat endpoint, retiring/retired ones marked with their dates.
        fill_model_picker(self.model_picker, names, Endpoint.CHAT, dt.date.today(), keep=current)
        self._on_model_changed(current)

    def set_model_note(self, text: str) -> None:
        self.model_note.setText(text)
        self.model_note.setVisible(bool(text))

    def model_info(self) -> ModelInfo:
        return self._info

    def _offer_efforts(self, accepted: tuple[str, ...] | None) -> None:
        """The efforts this model accepts (none … xhigh as the catalog says); every value the
        SDK knows when the catalog does not say. The choice is kept when still offered."""
        from playground.model.catalog_data import all_reasoning_efforts

        efforts = accepted if accepted else all_reasoning_efforts()
        if [self.reasoning_effort.itemData(i)
                for i in range(self.reasoning_effort.count())] == list(efforts):
            return
        current = self.reasoning_effort.currentData()
        labels = {"none": self.tr("None"), "minimal": self.tr("Minimal"), "low": self.tr("Low"),
                  "medium": self.tr("Medium"), "high": self.tr("High"),
                  "xhigh": self.tr("Extra high"), "max": self.tr("Maximum")}
        self.reasoning_effort.blockSignals(True)
        self.reasoning_effort.clear()
        for effort in efforts:
            self.reasoning_effort.addItem(labels.get(effort, effort), effort)
        index = self.reasoning_effort.findData(current)
        if index < 0:
            index = self.reasoning_effort.findData("medium")
        self.reasoning_effort.setCurrentIndex(max(0, index))
        self.reasoning_effort.blockSignals(False)

    def _on_model_changed(self, name: str) -> None:
        self._info = model_info(name)
        reasoning = self._info.reasoning
        # Reasoning models reject non-default sampling; hide the controls rather than fail.
        for slider in self._sampling_sliders():
            slider.setVisible(not reasoning)
        self.reasoning_label.setVisible(reasoning)
        self.reasoning_effort.setVisible(reasoning)
        self._offer_efforts(self._info.reasoning_efforts)
        # OpenAI's reasoning models reject `stop`; the request leaves it out, so hide it.
        self.stop_label.setVisible(not reasoning)
        self.stop_sequences.setVisible(not reasoning)
        self.system_label.setText(self.tr("Developer message") if reasoning
                                  else self.tr("System message"))
        limit = self._info.max_output or 16_384
        value = self.max_tokens.value()
        self.max_tokens.setRange(1, limit)
        self.max_tokens.setDefault(min(limit, 4_096 if not reasoning else limit // 4))
        self.max_tokens.setValue(min(value, limit))
        self.changed.emit()

    # ---- values ----
    def stop_list(self) -> list[str]:
        lines = self.stop_sequences.toPlainText().split("\n")
        return [line for line in lines if line][:MAX_STOP_SEQUENCES]

    def _check_stops(self) -> None:
        count = len([s for s in self.stop_sequences.toPlainText().split("\n") if s])
        if count > MAX_STOP_SEQUENCES:
            self.params_note.setText(
                self.tr("Only the first 4 stop sequences are sent; the API accepts at most 4."))
            self.params_note.setVisible(True)
        else:
            self.params_note.setVisible(False)
        self.changed.emit()

    def seed_value(self) -> int | None:
        text = self.seed.text().strip()
        return int(text) if text else None

    def apply_to(self, request: ChatRequest) -> ChatRequest:
        """Fill sampling parameters; sliders the user has not set (shown as "server default")
        are omitted so servers use their own."""
        if not self._info.reasoning:
            for slider, attr in ((self.temperature, "temperature"), (self.top_p, "top_p"),
                                 (self.frequency_penalty, "frequency_penalty"),
                                 (self.presence_penalty, "presence_penalty")):
                setattr(request, attr, slider.current())
        else:
            request.reasoning_effort = self.reasoning_effort.currentData()
        request.max_tokens = int(self.max_tokens.value())
        request.stop = self.stop_list()
        request.seed = self.seed_value()
        return request

    def state(self) -> dict[str, object]:
        """What is saved with a conversation and restored when it is reopened."""
        return {
            "temperature": self.temperature.current(), "top_p": self.top_p.current(),
            "max_tokens": self.max_tokens.value(),
            "frequency_penalty": self.frequency_penalty.current(),
            "presence_penalty": self.presence_penalty.current(),
            "reasoning_effort": self.reasoning_effort.currentData(),
            "stop": self.stop_list(), "seed": self.seed_value(),
        }

    def restore(self, state: dict[str, object]) -> None:
        sliders = {"temperature": self.temperature, "top_p": self.top_p,
                   "max_tokens": self.max_tokens, "frequency_penalty": self.frequency_penalty,
                   "presence_penalty": self.presence_penalty}
        for name, slider in sliders.items():
            value = state.get(name)
            if isinstance(value, int | float):
                slider.setValue(float(value))
            elif value is None and name in state:
                slider.reset()  # saved unset: "server default" again
        effort = state.get("reasoning_effort")
        index = self.reasoning_effort.findData(effort)
        if index >= 0:
            self.reasoning_effort.setCurrentIndex(index)
        stops = state.get("stop")
        if isinstance(stops, list):
            self.stop_sequences.setPlainText("\n".join(str(s) for s in stops))
        seed = state.get("seed")
        self.seed.setText("" if seed is None else str(seed))


