"""The small form that asks for a prompt's {{variables}} before it is used: one line per
variable, every one required (an empty value would send the braces' meaning away silently)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from playground.ui.widgets.message_error import MessageErrorPanel


class VariablesDialog(QDialog):
    """Non-modal to the event loop (shown with open()); `on_done(values)` runs on "Use"."""

    def __init__(self, names: list[str], on_done: Callable[[dict[str, str]], object],
                 parent: QWidget | None = None, title: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("promptVariablesDialog")
        self.setWindowTitle(title or self.tr("Fill in the variables"))
        self.setAccessibleName(self.tr("Prompt variables"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._on_done = on_done
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("This prompt uses variables. Each needs a value."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        for index, name in enumerate(names):
            edit = QLineEdit(self)
            edit.setObjectName(f"promptVariableEdit{index}")
            edit.setAccessibleName(name)
            edit.setPlaceholderText(f"{{{{{name}}}}}")
            form.addRow(QLabel(name, self), edit)
            self.edits[name] = edit
        layout.addLayout(form)
        self.problem = MessageErrorPanel(self)
        self.problem.setObjectName("promptVariablesProblem")
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.use_button = buttons.addButton(self.tr("Use"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.use_button.setObjectName("promptVariablesUseButton")
        self.use_button.setAccessibleName(self.tr("Use the prompt with these values"))
        self.use_button.setDefault(True)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("promptVariablesCancelButton")
        cancel.setAccessibleName(self.tr("Cancel"))
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def values(self) -> dict[str, str]:
        return {name: edit.text() for name, edit in self.edits.items()}

    def try_accept(self) -> None:
        empty = [name for name, edit in self.edits.items() if not edit.text().strip()]
        if empty:
            names = ", ".join(f"{{{{{name}}}}}" for name in empty)
            self.problem.show_error(
                self.tr("Fill in every variable"),
                self.tr("No value yet for %1.").replace("%1", names), None, [],
                severity="warning")
            self.adjustSize()
            self.edits[empty[0]].setFocus()
            return
        values = self.values()
        self.accept()
        self._on_done(values)
