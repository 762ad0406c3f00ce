"""The chat's reply options (the side panel's "Reply" page): API, reasoning summary, format with
its schema, functions, logprobs, choices, and how the conversation is sent.

It shows a problem (an invalid schema, bad function definitions) as the user types, and
`problem()` stops a send until it is fixed; `options()` is the snapshot the session uses.
"""

from __future__ import annotations

import functools
import json

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from playground.services.reply_options import (
    API_AUTO,
    API_CHAT,
    API_RESPONSES,
    FORMAT_JSON_OBJECT,
    FORMAT_JSON_SCHEMA,
    FORMAT_TEXT,
    ReplyOptions,
)
from playground.services.request_checks import (
    FUNCTION_TEMPLATES,
    SCHEMA_TEMPLATE,
    check_functions,
    check_schema,
)
from playground.ui.fonts import monospace_font
from playground.ui.tabs.chat_tools import ToolsButton
from playground.ui.theme_palette import error_text_color


def _combo(name: str, accessible: str, items: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setAccessibleName(accessible)
    for text, data in items:
        combo.addItem(text, data)
    return combo


def _code_editor(name: str, accessible: str, placeholder: str) -> QPlainTextEdit:
    editor = QPlainTextEdit()
    editor.setObjectName(name)
    editor.setAccessibleName(accessible)
    editor.setPlaceholderText(placeholder)
    editor.setFont(monospace_font())
    editor.setMinimumHeight(90)
    editor.setTabChangesFocus(True)
    return editor


class RequestOptions(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *,
                 tools: ToolsButton | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatRequestOptions")
        default = self.tr("Model default")
        self.api_picker = _combo("apiPicker", self.tr("API"), [
            (self.tr("Automatic"), API_AUTO), (self.tr("Responses"), API_RESPONSES),
            (self.tr("Chat Completions"), API_CHAT)])
        self.api_picker.setToolTip(self.tr(
            "Automatic uses the Responses API, and Chat Completions on servers without it"))
        self.summary_picker = _combo("reasoningSummaryPicker", self.tr("Reasoning summary"), [
            (self.tr("Off"), None), (self.tr("Auto"), "auto"), (self.tr("Concise"), "concise"),
            (self.tr("Detailed"), "detailed")])
        self.verbosity_picker = _combo("verbosityPicker", self.tr("Verbosity"), [
            (default, None), (self.tr("Low"), "low"), (self.tr("Medium"), "medium"),
            (self.tr("High"), "high")])
        self.format_picker = _combo("responseFormatPicker", self.tr("Response format"), [
            (self.tr("Text"), FORMAT_TEXT), (self.tr("JSON object"), FORMAT_JSON_OBJECT),
            (self.tr("JSON schema"), FORMAT_JSON_SCHEMA)])
        self.strict = QCheckBox(self.tr("Strict"))
        self.strict.setObjectName("strictSchemaCheck")
        self.strict.setAccessibleName(self.tr("Strict schema"))
        self.strict.setChecked(True)
        self.schema_editor = _code_editor("schemaEditor", self.tr("JSON schema of the reply"),
                                          self.tr("A JSON Schema the reply must follow"))
        self.functions_editor = _code_editor(
            "functionsEditor", self.tr("Function definitions"),
            self.tr("[{\"name\": …, \"description\": …, \"parameters\": {…}}]"))
        self.templates = QToolButton()
        self.templates.setObjectName("functionTemplatesButton")
        self.templates.setText(self.tr("Templates"))
        self.templates.setAccessibleName(self.tr("Function and schema templates"))
        self.templates.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.templates)
        for name in FUNCTION_TEMPLATES:
            menu.addAction(self.tr("Function: %1").replace("%1", name),
                           functools.partial(self._add_function, name))
        menu.addAction(self.tr("Schema: answer with confidence"), self._use_schema_template)
        self.templates.setMenu(menu)
        self.tool_choice = _combo("toolChoicePicker", self.tr("Tool choice"), [
            (self.tr("Auto"), "auto"), (self.tr("None"), "none"),
            (self.tr("Required"), "required")])
        self.parallel = QCheckBox(self.tr("Parallel calls"))
        self.parallel.setObjectName("parallelToolCallsCheck")
        self.parallel.setAccessibleName(self.tr("Parallel tool calls"))
        self.parallel.setChecked(True)
        self.logprobs = QCheckBox(self.tr("Log probabilities"))
        self.logprobs.setObjectName("logprobsCheck")
        self.logprobs.setAccessibleName(self.tr("Log probabilities"))
        self.top_logprobs = QSpinBox()
        self.top_logprobs.setObjectName("topLogprobsSpin")
        self.top_logprobs.setAccessibleName(self.tr("Alternatives per token"))
        self.top_logprobs.setRange(0, 20)
        self.choices = QSpinBox()
        self.choices.setObjectName("choicesSpin")
        self.choices.setAccessibleName(self.tr("Choices (n)"))
        self.choices.setRange(1, 4)
        self.choices.setToolTip(self.tr("Several replies side by side (Chat Completions)"))
        self.state_picker = _combo("conversationStatePicker", self.tr("Conversation state"), [
            (self.tr("Send the whole conversation"), False),
            (self.tr("Continue the stored response"), True)])
        self.state_picker.setToolTip(self.tr(
            "Whole conversation: every request carries all messages (more input tokens; "
            "nothing is kept by the server). Stored response: OpenAI keeps the conversation "
            "(store=true, 30 days) and each request sends only the new message — cached "
            "input is cheaper, but the text stays on OpenAI's servers."))
        self.background = QCheckBox(self.tr("Run in the background"))
        self.background.setObjectName("backgroundRunCheck")
        self.background.setAccessibleName(self.tr("Run in the background"))
        # The tools menu sits by Send (chat_layout makes it); its choice is a reply option.
        self.tools = tools or ToolsButton()
        self.problem_label = QLabel()
        self.problem_label.setObjectName("requestOptionsProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setVisible(False)
        self._lay_out()
        for signal in (self.api_picker.currentIndexChanged,
                       self.summary_picker.currentIndexChanged,
                       self.verbosity_picker.currentIndexChanged,
                       self.format_picker.currentIndexChanged, self.strict.toggled,
                       self.schema_editor.textChanged, self.functions_editor.textChanged,
                       self.tool_choice.currentIndexChanged, self.parallel.toggled,
                       self.logprobs.toggled, self.top_logprobs.valueChanged,
                       self.choices.valueChanged, self.state_picker.currentIndexChanged,
                       self.tools.changed, self.background.toggled):
            signal.connect(self._on_changed)
        self._on_changed()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("API"), self.api_picker)
        form.addRow(self.tr("Summary"), self.summary_picker)
        form.addRow(self.tr("Verbosity"), self.verbosity_picker)
        format_row = QHBoxLayout()
        format_row.addWidget(self.format_picker, 1)
        format_row.addWidget(self.strict)
        form.addRow(self.tr("Format"), format_row)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(form)
        column.addWidget(self.schema_editor)
        functions_row = QHBoxLayout()
        functions_row.addWidget(QLabel(self.tr("Functions")), 1)
        functions_row.addWidget(self.templates)
        column.addLayout(functions_row)
        column.addWidget(self.functions_editor)
        tools = QFormLayout()
        tools.setContentsMargins(0, 0, 0, 0)
        choice_row = QHBoxLayout()
        choice_row.addWidget(self.tool_choice, 1)
        choice_row.addWidget(self.parallel)
        tools.addRow(self.tr("Tool choice"), choice_row)
        logprob_row = QHBoxLayout()
        logprob_row.addWidget(self.logprobs, 1)
        logprob_row.addWidget(self.top_logprobs)
        tools.addRow(self.tr("Tokens"), logprob_row)
        tools.addRow(self.tr("Choices"), self.choices)
        tools.addRow(self.tr("History"), self.state_picker)
        tools.addRow(self.tr("Long runs"), self.background)
        column.addLayout(tools)
        column.addWidget(self.problem_label)

    # ---------------------------------------------------------------- state
    def options(self) -> ReplyOptions:
        functions = check_functions(self.functions_editor.toPlainText())
        schema = check_schema(self.schema_editor.toPlainText(), strict=self.strict.isChecked())
        fmt = str(self.format_picker.currentData())
        return ReplyOptions(
            api=str(self.api_picker.currentData()),
            reasoning_summary=self.summary_picker.currentData(),
            verbosity=self.verbosity_picker.currentData(),
            response_format=fmt,
            schema=schema.value if fmt == FORMAT_JSON_SCHEMA and schema.ok else None,
            strict=self.strict.isChecked(),
            functions=functions.value if functions.ok else [],
            tool_choice=str(self.tool_choice.currentData()),
            parallel_tool_calls=self.parallel.isChecked(),
            logprobs=self.logprobs.isChecked(),
            top_logprobs=self.top_logprobs.value() if self.logprobs.isChecked() else 0,
            n=self.choices.value(),
            continue_stored=bool(self.state_picker.currentData()),
            hosted_tools=self.tools.hosted_tools(),
            background=self.background.isChecked(),
        )

    def restore(self, options: ReplyOptions) -> None:
        for combo, value in ((self.api_picker, options.api),
                             (self.summary_picker, options.reasoning_summary),
                             (self.verbosity_picker, options.verbosity),
                             (self.format_picker, options.response_format),
                             (self.state_picker, options.continue_stored)):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.strict.setChecked(options.strict)
        self.schema_editor.setPlainText(
            json.dumps(options.schema, indent=2) if options.schema else "")
        self.functions_editor.setPlainText(
            json.dumps(options.functions, indent=2) if options.functions else "")
        self._fill_tool_choice(options.functions)
        self.tool_choice.setCurrentIndex(max(0, self.tool_choice.findData(options.tool_choice)))
        self.parallel.setChecked(options.parallel_tool_calls)
        self.logprobs.setChecked(options.logprobs)
        self.top_logprobs.setValue(options.top_logprobs)
        self.choices.setValue(options.n)
        self.tools.restore(options.hosted_tools)
        self.background.setChecked(options.background)

    def problem(self) -> str:
        """Why the next request cannot be sent as the options stand ("" when it can)."""
        if self.format_picker.currentData() == FORMAT_JSON_SCHEMA:
            schema = check_schema(self.schema_editor.toPlainText(),
                                  strict=self.strict.isChecked())
            if not schema.ok:
                return schema.problem
        return check_functions(self.functions_editor.toPlainText()).problem

    # ---------------------------------------------------------------- reactions
    def _on_changed(self) -> None:
        is_schema = self.format_picker.currentData() == FORMAT_JSON_SCHEMA
        self.schema_editor.setVisible(is_schema)
        self.strict.setVisible(is_schema)
        responses = self.api_picker.currentData() != API_CHAT
        self.summary_picker.setEnabled(responses)
        self.state_picker.setEnabled(responses)
        self.choices.setEnabled(not responses)
        self.tools.set_api(responses)
        self.background.setEnabled(responses)
        self.background.setToolTip(self.tr(
            "For slow models (-pro, deep research): the request is submitted and the app asks "
            "for the result every few seconds, instead of holding a connection open for many "
            "minutes. Stop cancels the run on the server; if the app is closed, the reply is "
            "fetched when the conversation is opened again. OpenAI keeps the response "
            "(store=true). Responses API only: Automatic uses it on OpenAI's server, other "
            "servers answer through Chat Completions, which has no background mode.")
            if responses else self.tr(
            "Background mode exists only on the Responses API; Chat Completions streams the "
            "reply as usual."))
        self.top_logprobs.setEnabled(self.logprobs.isChecked())
        functions = check_functions(self.functions_editor.toPlainText())
        if functions.ok:
            self._fill_tool_choice(functions.value)
        problem = self.problem()
        self.problem_label.setText(problem)
        self.problem_label.setStyleSheet(f"color: {error_text_color(self.palette()).name()}")
        self.problem_label.setVisible(bool(problem))
        self.changed.emit()

    def _fill_tool_choice(self, functions: list[dict[str, object]]) -> None:
        names = [str(f["name"]) for f in functions]
        current = self.tool_choice.currentData()
        self.tool_choice.blockSignals(True)
        while self.tool_choice.count() > 3:
            self.tool_choice.removeItem(3)
        for name in names:
            self.tool_choice.addItem(self.tr("Call %1").replace("%1", name), name)
        self.tool_choice.setCurrentIndex(max(0, self.tool_choice.findData(current)))
        self.tool_choice.blockSignals(False)

    def _add_function(self, name: str) -> None:
        current = check_functions(self.functions_editor.toPlainText())
        functions = [f for f in (current.value or []) if f["name"] != name] if current.ok else []
        functions.append(FUNCTION_TEMPLATES[name])
        self.functions_editor.setPlainText(json.dumps(functions, indent=2))

    def _use_schema_template(self) -> None:
        self.format_picker.setCurrentIndex(self.format_picker.findData(FORMAT_JSON_SCHEMA))
        self.schema_editor.setPlainText(json.dumps(SCHEMA_TEMPLATE, indent=2))
