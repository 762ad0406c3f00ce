"""One batch prompt template: a model and messages whose text holds {{variables}}.

Settings a template brought with it (temperature, max tokens, response format … from a
prompt-library version) are kept as they came: the editor changes only model and messages.
"""

from __future__ import annotations

import copy
import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from playground.model.batch import BatchTemplate
from playground.model.capabilities import Endpoint
from playground.model.types import ChatMessage, ChatRequest
from playground.ui.widgets.model_picker import fill_model_picker

ROLES = ("system", "developer", "user", "assistant")
DEFAULT_MODEL = "gpt-5.5"


class _MessageRow(QWidget):
    def __init__(self, name: str, role: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.role = QComboBox()
        self.role.addItems(ROLES)
        self.role.setCurrentText(role)
        self.role.setObjectName(f"{name}Role")
        self.role.setAccessibleName(self.tr("Message role"))
        self.text = QPlainTextEdit(text)
        self.text.setObjectName(f"{name}Text")
        self.text.setAccessibleName(self.tr("Message text"))
        self.text.setPlaceholderText(self.tr("Text with {{variables}} from the rows' columns"))
        self.text.setMaximumHeight(80)
        self.remove = QPushButton(self.tr("Remove"))
        self.remove.setObjectName(f"{name}Remove")
        self.remove.setAccessibleName(self.tr("Remove this message"))
        layout.addWidget(self.role)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.remove)


class TemplateEditor(QWidget):
    changed = Signal()

    def __init__(self, prefix: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._prefix = prefix
        self._base = ChatRequest(DEFAULT_MODEL, [])
        self._rows: list[_MessageRow] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.label = QLineEdit(label)
        self.label.setObjectName(f"{prefix}Label")
        self.label.setAccessibleName(self.tr("Template name"))
        self.model = QComboBox()
        self.model.setEditable(True)
        self.model.setObjectName(f"{prefix}Model")
        self.model.setAccessibleName(self.tr("Model"))
        fill_model_picker(self.model, None, Endpoint.CHAT, dt.date.today(), keep=DEFAULT_MODEL)
        form.addRow(self.tr("Name"), self.label)
        form.addRow(self.tr("Model"), self.model)
        layout.addLayout(form)
        self._messages = QVBoxLayout()
        layout.addLayout(self._messages)
        self.add = QPushButton(self.tr("Add message"))
        self.add.setObjectName(f"{prefix}AddMessage")
        self.add.setAccessibleName(self.tr("Add a message"))
        self.add.clicked.connect(lambda: self._add_row("user", ""))
        self.variables = QLabel()
        self.variables.setObjectName(f"{prefix}Variables")
        self.variables.setWordWrap(True)
        layout.addWidget(self.add)
        layout.addWidget(self.variables)
        self.label.textChanged.connect(self.changed)
        self.model.currentTextChanged.connect(self.changed)
        self.changed.connect(self._show_variables)
        self.set_template(BatchTemplate(label, ChatRequest(DEFAULT_MODEL, [
            ChatMessage("system", ""), ChatMessage("user", "")])))

    def _add_row(self, role: str, text: str) -> None:
        row = _MessageRow(f"{self._prefix}Message{len(self._rows)}", role, text, self)
        row.remove.clicked.connect(lambda: self._remove_row(row))
        row.text.textChanged.connect(self.changed)
        row.role.currentTextChanged.connect(self.changed)
        self._rows.append(row)
        self._messages.addWidget(row)
        self.changed.emit()

    def _remove_row(self, row: _MessageRow) -> None:
        if row in self._rows:
            self._rows.remove(row)
            row.deleteLater()
            self.changed.emit()

    def set_template(self, template: BatchTemplate) -> None:
        """Show a template (e.g. a prompt-library version); its other settings are kept."""
        for row in self._rows:
            row.deleteLater()
        self._rows = []
        self._base = copy.deepcopy(template.request)
        self.label.setText(template.label)
        self.model.setEditText(template.request.model)
        for message in template.request.messages:
            self._add_row(message.role, message.content)
        self.changed.emit()

    def template(self) -> BatchTemplate:
        request = copy.deepcopy(self._base)
        request.model = self.model.currentText().strip()
        request.messages = [ChatMessage(r.role.currentText(), r.text.toPlainText())
                            for r in self._rows if r.text.toPlainText().strip()]
        return BatchTemplate(self.label.text().strip() or self._prefix, request)

    def _show_variables(self) -> None:
        names = self.template().variables()
        self.variables.setText(self.tr("Variables: %1").replace("%1", ", ".join(names))
                               if names else self.tr("No {{variables}} yet."))
