"""The editor for a prompt version's content: text (instructions and messages) on one page,
model, settings, function tools and response schema (as JSON) on the other.

`content()` reads the fields back, raising EditorProblem that names the field and, for JSON,
the line and column, so a typo in a schema is found without losing anything typed.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from playground.model.prompts import MESSAGE_ROLES, PromptContent, PromptMessage, PromptVersion


class EditorProblem(ValueError):
    """A field cannot be read (bad JSON, wrong shape); str() says which and where."""

    def __init__(self, message: str, field: QWidget) -> None:
        super().__init__(message)
        self.field = field


class _MessageRow(QWidget):
    def __init__(self, index: int, message: PromptMessage, parent: QWidget) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.role = QComboBox(self)
        self.role.addItems(list(MESSAGE_ROLES))
        self.role.setCurrentText(message.role)
        self.role.setObjectName(f"promptMessageRole{index}")
        self.role.setAccessibleName(self.tr("Role of message %1").replace("%1", str(index + 1)))
        self.text = QPlainTextEdit(message.text, self)
        self.text.setObjectName(f"promptMessageText{index}")
        self.text.setAccessibleName(self.tr("Text of message %1").replace("%1", str(index + 1)))
        self.text.setFixedHeight(64)
        self.remove = QToolButton(self)
        self.remove.setText("✕")
        self.remove.setObjectName(f"promptMessageRemove{index}")
        self.remove.setAccessibleName(self.tr("Remove message %1").replace("%1", str(index + 1)))
        self.remove.setToolTip(self.tr("Remove this message"))
        layout.addWidget(self.role)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.remove)

    def message(self) -> PromptMessage:
        return PromptMessage(self.role.currentText(), self.text.toPlainText())


class PromptEditor(QTabWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("promptEditor")
        self.setAccessibleName(self.tr("Prompt editor"))
        self._rows: list[_MessageRow] = []
        self.base: PromptVersion | None = None  # the version the fields were loaded from

        text_page = QWidget(self)
        text_layout = QVBoxLayout(text_page)
        text_layout.addWidget(QLabel(self.tr("Instructions (system or developer message)")))
        self.instructions = QPlainTextEdit(text_page)
        self.instructions.setObjectName("promptInstructionsEdit")
        self.instructions.setAccessibleName(self.tr("Instructions"))
        self.instructions.setPlaceholderText(self.tr("You are… Use {{name}} for a variable."))
        text_layout.addWidget(self.instructions, 2)
        text_layout.addWidget(QLabel(self.tr("Messages")))
        self._rows_box = QWidget()
        self._rows_layout = QVBoxLayout(self._rows_box)
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout.addStretch(1)
        scroll = QScrollArea(text_page)
        scroll.setObjectName("promptMessagesEditor")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._rows_box)
        text_layout.addWidget(scroll, 3)
        self.add_message = QPushButton(self.tr("Add message"), text_page)
        self.add_message.setObjectName("promptAddMessageButton")
        self.add_message.setAccessibleName(self.tr("Add a message"))
        self.add_message.clicked.connect(lambda: self._add_row(PromptMessage("user", "")))
        text_layout.addWidget(self.add_message)
        self.addTab(text_page, self.tr("Text"))

        settings_page = QWidget(self)
        form = QFormLayout(settings_page)
        self.model = QLineEdit(settings_page)
        self.model.setObjectName("promptModelEdit")
        self.model.setAccessibleName(self.tr("Model"))
        self.model.setPlaceholderText(self.tr("e.g. gpt-5.4"))
        self.settings = self._json_edit("promptSettingsEdit", self.tr("Settings (JSON)"),
                                        '{"temperature": 0.7, "max_tokens": 800}')
        self.tools = self._json_edit("promptToolsEdit", self.tr("Function tools (JSON)"),
                                     '[{"name": "…", "description": "…", "parameters": {…}}]')
        self.schema = self._json_edit("promptSchemaEdit", self.tr("Response schema (JSON)"),
                                      self.tr("empty: no schema"))
        form.addRow(self.tr("Model"), self.model)
        form.addRow(self.tr("Settings"), self.settings)
        form.addRow(self.tr("Tools"), self.tools)
        form.addRow(self.tr("Schema"), self.schema)
        self.addTab(settings_page, self.tr("Model && settings"))

    def _json_edit(self, name: str, accessible: str, placeholder: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(placeholder)
        return edit

    def load(self, version: PromptVersion | None) -> None:
        """Show `version`'s content (empty fields for None); it becomes the base that
        `has_edits` compares with."""
        self.base = version
        self.set_content(version.content if version else PromptContent())

    def has_edits(self) -> bool:
        """True when the fields differ from the base (or no longer parse)."""
        try:
            now = self.content()
        except EditorProblem:
            return True
        return now != (self.base.content if self.base else PromptContent())

    def set_content(self, content: PromptContent) -> None:
        self.instructions.setPlainText(content.instructions)
        for row in self._rows:
            row.deleteLater()
        self._rows = []
        for message in content.messages:
            self._add_row(message)
        self.model.setText(content.model)
        self.settings.setPlainText(_pretty(dict(content.settings)) if content.settings else "")
        self.tools.setPlainText(_pretty(list(content.tools)) if content.tools else "")
        self.schema.setPlainText("" if content.response_schema is None
                                 else _pretty(content.response_schema))

    def content(self) -> PromptContent:
        settings = self._parse(self.settings, dict, self.tr("Settings"), {})
        tools = self._parse(self.tools, list, self.tr("Function tools"), [])
        for index, tool in enumerate(tools):
            if not isinstance(tool, dict) or not isinstance(tool.get("name"), str):
                raise EditorProblem(self.tr("Function tool %1 needs a \"name\" (each tool is an "
                                            "object with name, description and parameters).")
                                    .replace("%1", str(index + 1)), self.tools)
        schema = self._parse(self.schema, dict, self.tr("Response schema"), None)
        return PromptContent(
            self.instructions.toPlainText(), tuple(row.message() for row in self._rows),
            self.model.text().strip(), settings, tuple(tools), schema)

    def message_rows(self) -> list[_MessageRow]:
        return list(self._rows)

    def _add_row(self, message: PromptMessage) -> None:
        row = _MessageRow(len(self._rows), message, self._rows_box)
        row.remove.clicked.connect(lambda: self._remove_row(row))
        self._rows.append(row)
        self._rows_layout.insertWidget(self._rows_layout.count() - 1, row)

    def _remove_row(self, row: _MessageRow) -> None:
        self._rows.remove(row)
        row.deleteLater()

    def _parse(self, edit: QPlainTextEdit, kind: type, label: str, empty: Any) -> Any:
        text = edit.toPlainText().strip()
        if not text:
            return empty
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            self.setCurrentIndex(1)
            raise EditorProblem(
                self.tr("%1 is not valid JSON: %2 at line %3, column %4.")
                .replace("%1", label).replace("%2", exc.msg).replace("%3", str(exc.lineno))
                .replace("%4", str(exc.colno)), edit) from exc
        if not isinstance(value, kind):
            self.setCurrentIndex(1)
            shape = self.tr("an object {…}") if kind is dict else self.tr("a list […]")
            raise EditorProblem(self.tr("%1 should be %2.").replace("%1", label)
                                .replace("%2", shape), edit)
        return value


def _pretty(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)
