"""One pane of the compare view: profile and model pickers, a "⚙" popup of settings, the
streamed reply, its error, its metrics and "Continue with this one"."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from playground.model.capabilities import Endpoint
from playground.model.money import format_cost, full_cost
from playground.model.types import ChatRequest
from playground.services.compare_run import PaneResult, PaneSetup, PaneState
from playground.services.reply_options import API_AUTO, API_CHAT, API_RESPONSES
from playground.ui.failures import describe
from playground.ui.widgets.message_error import MessageErrorPanel
from playground.ui.widgets.message_pacer import FramePacer
from playground.ui.widgets.model_picker import fill_model_picker
from playground.ui.widgets.stream_text import StreamText

EFFORTS = ("none", "minimal", "low", "medium", "high", "xhigh")
NO_TEMPERATURE = -0.1  # a number box's minimum: shown as "Default", nothing is sent


class PaneSettings(QWidget):
    """The settings behind "⚙": which API, temperature, top P, max tokens, reasoning effort."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(8, 8, 8, 8)
        self.api = QComboBox(self)
        for value, label in ((API_AUTO, self.tr("Automatic")),
                             (API_RESPONSES, self.tr("Responses")),
                             (API_CHAT, self.tr("Chat Completions"))):
            self.api.addItem(label, value)
        self.temperature = self._number(2.0)
        self.top_p = self._number(1.0)
        self.max_tokens = QSpinBox(self)
        self.max_tokens.setRange(0, 1_000_000)
        self.max_tokens.setSingleStep(256)
        self.max_tokens.setSpecialValueText(self.tr("Default"))
        self.effort = QComboBox(self)
        self.effort.addItem(self.tr("Default"), None)
        for effort in EFFORTS:
            self.effort.addItem(effort, effort)
        for label, widget in ((self.tr("API"), self.api),
                              (self.tr("Temperature"), self.temperature),
                              (self.tr("Top P"), self.top_p),
                              (self.tr("Max tokens"), self.max_tokens),
                              (self.tr("Reasoning effort"), self.effort)):
            widget.setAccessibleName(label)
            form.addRow(label, widget)

    def _number(self, high: float) -> QDoubleSpinBox:
        box = QDoubleSpinBox(self)
        box.setRange(NO_TEMPERATURE, high)
        box.setSingleStep(0.1)
        box.setDecimals(2)
        box.setSpecialValueText(self.tr("Default"))
        box.setValue(NO_TEMPERATURE)
        return box

    def set_names(self, index: int) -> None:
        for name, widget in (("compareApi", self.api), ("compareTemperature", self.temperature),
                             ("compareTopP", self.top_p), ("compareMaxTokens", self.max_tokens),
                             ("compareReasoning", self.effort)):
            widget.setObjectName(f"{name}{index}")

    def load(self, setup: PaneSetup) -> None:
        request = setup.request
        self.api.setCurrentIndex(max(0, self.api.findData(setup.api)))
        for box, value in ((self.temperature, request.temperature),
                           (self.top_p, request.top_p)):
            box.setValue(NO_TEMPERATURE if value is None else value)
        self.max_tokens.setValue(request.max_tokens or 0)
        self.effort.setCurrentIndex(max(0, self.effort.findData(request.reasoning_effort)))

    def apply(self, request: ChatRequest) -> ChatRequest:
        def number(box: QDoubleSpinBox) -> float | None:
            return None if box.value() < 0 else box.value()

        return dataclasses.replace(
            request, temperature=number(self.temperature), top_p=number(self.top_p),
            max_tokens=self.max_tokens.value() or None,
            reasoning_effort=self.effort.currentData())

    def summary(self) -> str:
        """The settings that differ from the defaults, for the ⚙ button's tooltip."""
        parts = [f"{label}: {widget.text()}" for label, widget in (
            ("temperature", self.temperature), ("top_p", self.top_p),
            ("max_tokens", self.max_tokens)) if widget.text() != self.tr("Default")]
        if self.effort.currentData():
            parts.append(f"reasoning_effort: {self.effort.currentData()}")
        if self.api.currentData() != API_AUTO:
            parts.append(self.api.currentText())
        return ", ".join(parts)


class ComparePane(QFrame):
    removeRequested = Signal()
    continueRequested = Signal()
    profileChanged = Signal(str)

    def __init__(self, pacer: FramePacer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        header = QHBoxLayout()
        header.setSpacing(4)
        self.title = QLabel(self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        header.addWidget(self.title)
        self.profile = QComboBox(self)
        self.profile.setToolTip(self.tr("Profile: the server and key this pane uses"))
        self.profile.setMinimumContentsLength(8)
        self.profile.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.profile.currentTextChanged.connect(self.profileChanged)
        header.addWidget(self.profile, 2)
        self.model = QComboBox(self)
        self.model.setEditable(True)
        self.model.setMinimumContentsLength(10)
        self.model.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        header.addWidget(self.model, 3)
        self.settings_button = QToolButton(self)
        self.settings_button.setText("⚙")
        self.settings_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.settings = PaneSettings(self)
        menu = QMenu(self.settings_button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.settings)
        menu.addAction(action)
        menu.aboutToHide.connect(self._show_settings_summary)
        self.settings_button.setMenu(menu)
        header.addWidget(self.settings_button)
        self.remove_button = QToolButton(self)
        self.remove_button.setText("✕")
        self.remove_button.setAutoRaise(True)
        self.remove_button.clicked.connect(self.removeRequested)
        header.addWidget(self.remove_button)
        layout.addLayout(header)

        self.text = StreamText(self, pacer)
        layout.addWidget(self.text, 1)
        self.error = MessageErrorPanel(self)
        self.error.hide()
        layout.addWidget(self.error)
        footer = QHBoxLayout()
        self.metrics = QLabel(self)
        self.metrics.setWordWrap(True)
        self.metrics.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        footer.addWidget(self.metrics, 1)
        self.continue_button = QPushButton(self.tr("Continue with this one"), self)
        self.continue_button.setEnabled(False)
        self.continue_button.clicked.connect(self.continueRequested)
        footer.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(footer)
        self.set_index(0)

    def set_index(self, index: int) -> None:
        """Names follow the pane's place: pane 1 is always comparePane0."""
        number = str(index + 1)
        self.title.setText(number)
        self.setObjectName(f"comparePane{index}")
        self.setAccessibleName(self.tr("Pane %1").replace("%1", number))
        for widget, name, accessible in (
                (self.profile, "compareProfile", self.tr("Profile of pane %1")),
                (self.model, "comparePaneModel", self.tr("Model of pane %1")),
                (self.settings_button, "compareSettings", self.tr("Settings of pane %1")),
                (self.remove_button, "compareRemovePane", self.tr("Remove pane %1")),
                (self.text, "comparePaneText", self.tr("Reply of pane %1")),
                (self.error, "comparePaneError", self.tr("Problem in pane %1")),
                (self.metrics, "comparePaneMetrics", self.tr("Metrics of pane %1")),
                (self.continue_button, "compareContinue",
                 self.tr("Continue with the reply of pane %1"))):
            widget.setObjectName(f"{name}{index}")
            widget.setAccessibleName(accessible.replace("%1", number))
        self.settings.set_names(index)
        self.remove_button.setToolTip(self.remove_button.accessibleName())

    # ---- setup ----
    def set_profiles(self, names: list[str], current: str) -> None:
        blocked = self.profile.blockSignals(True)
        self.profile.clear()
        self.profile.addItems(names)
        self.profile.setCurrentIndex(max(0, self.profile.findText(current)))
        self.profile.blockSignals(blocked)

    def set_models(self, names: list[str] | None, current: str | None = None) -> None:
        fill_model_picker(self.model, names, Endpoint.CHAT, dt.date.today(), keep=current)

    def load(self, setup: PaneSetup) -> None:
        self.profile.setCurrentIndex(max(0, self.profile.findText(setup.profile)))
        self.model.setEditText(setup.request.model)
        self.settings.load(setup)
        self._show_settings_summary()

    def setup(self) -> PaneSetup:
        request = self.settings.apply(ChatRequest(self.model.currentText().strip(), []))
        return PaneSetup(self.profile.currentText(), request, self.settings.api.currentData())

    def set_running(self, running: bool) -> None:
        for widget in (self.profile, self.model, self.settings_button):
            widget.setEnabled(not running)
        if running:
            self.continue_button.setEnabled(False)

    def set_removable(self, removable: bool) -> None:
        self.remove_button.setVisible(removable)

    def _show_settings_summary(self) -> None:
        summary = self.settings.summary()
        self.settings_button.setToolTip(
            self.settings_button.accessibleName() + (f" — {summary}" if summary else ""))

    # ---- a run ----
    def begin(self) -> None:
        self.text.clear()
        self.error.hide()
        self.metrics.clear()

    def show_result(self, result: PaneResult) -> None:
        state = result.state
        if result.finished:
            self.text.finish()
        if state == PaneState.FAILED and result.error is not None:
            self._show_error(result)
        elif result.retry_in:
            self.error.show_countdown(self.tr("Retrying in %1 s…").replace(
                "%1", f"{result.retry_in:.0f}"))
        elif not self.error.has_error:
            self.error.hide()
        self.metrics.setText(self._metrics_text(result))
        self.continue_button.setEnabled(result.finished and bool(result.text)
                                        and result.request is not None)

    def _show_error(self, result: PaneResult) -> None:
        message = result.error
        assert message is not None
        if message.failure is not None:
            view = describe(message.failure, partial=bool(result.text))
            self.error.show_error(view.title, view.detail, view.request_id, (),
                                  raw=view.raw, severity=view.severity)
        else:
            self.error.show_error(message.text, "", None, (), raw=message.detail)

    def _metrics_text(self, result: PaneResult) -> str:
        m = result.metrics
        states = {PaneState.WAITING: self.tr("Waiting for the first token…"),
                  PaneState.STOPPED: self.tr("Stopped"), PaneState.FAILED: self.tr("Failed")}
        parts = [states[result.state]] if result.state in states else []
        if m.first_token_s is not None:
            parts.append(self.tr("first token %1 s").replace("%1", f"{m.first_token_s:.2f}"))
        if (speed := m.tokens_per_s) is not None:
            parts.append(self.tr("%1 tok/s").replace("%1", f"{speed:.0f}"))
        if m.total_s is not None and result.finished:
            parts.append(self.tr("%1 s").replace("%1", f"{m.total_s:.1f}"))
        if result.usage is not None:
            approx = "≈ " if result.usage.estimated else ""
            parts.append(self.tr("%1 tokens in, %2 out").replace(
                "%1", f"{approx}{result.usage.prompt_tokens}").replace(
                "%2", f"{approx}{result.usage.completion_tokens}"))
        if result.cost is not None:
            approx = "≈ " if m.cost_estimated else ""
            parts.append(approx + (self.tr("free") if result.free and not result.cost
                                   else format_cost(result.cost)))
            self.metrics.setToolTip(full_cost(result.cost))
        return " · ".join(parts)
