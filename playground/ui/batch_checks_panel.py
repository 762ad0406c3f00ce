"""The checks a batch run applies to each output (a field left empty is a check not made),
and the file dialogs of the batch view."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from playground.model.batch import BatchCheck, CheckKind


class ChecksPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.contains = QLineEdit()
        self.contains.setObjectName("batchCheckContains")
        self.contains.setAccessibleName(self.tr("Output contains"))
        self.contains.setPlaceholderText(self.tr("text the output must contain"))
        self.regex = QLineEdit()
        self.regex.setObjectName("batchCheckRegex")
        self.regex.setAccessibleName(self.tr("Output matches regular expression"))
        self.regex.setPlaceholderText(self.tr("a regular expression, e.g. ^\\d+$"))
        self.equals = QComboBox()
        self.equals.setObjectName("batchCheckEquals")
        self.equals.setAccessibleName(self.tr("Output equals column"))
        self.schema = QPlainTextEdit()
        self.schema.setObjectName("batchCheckSchema")
        self.schema.setAccessibleName(self.tr("Output is JSON valid against the schema"))
        self.schema.setPlaceholderText(self.tr("a JSON schema the output must match"))
        self.schema.setMaximumHeight(70)
        form.addRow(self.tr("Contains"), self.contains)
        form.addRow(self.tr("Matches"), self.regex)
        form.addRow(self.tr("Equals column"), self.equals)
        form.addRow(self.tr("JSON schema"), self.schema)
        self.set_columns([])

    def set_columns(self, columns: list[str]) -> None:
        current = self.equals.currentData()
        self.equals.clear()
        self.equals.addItem(self.tr("(no check)"), "")
        for name in columns:
            self.equals.addItem(name, name)
        self.equals.setCurrentIndex(max(0, self.equals.findData(current)))

    def checks(self) -> list[BatchCheck]:
        found: list[BatchCheck] = []
        if self.contains.text():
            found.append(BatchCheck(CheckKind.CONTAINS, self.contains.text()))
        if self.regex.text():
            found.append(BatchCheck(CheckKind.REGEX, self.regex.text()))
        if self.equals.currentData():
            found.append(BatchCheck(CheckKind.EQUALS_COLUMN, str(self.equals.currentData())))
        if self.schema.toPlainText().strip():
            found.append(BatchCheck(CheckKind.JSON_SCHEMA, self.schema.toPlainText()))
        return found

    def set_checks(self, checks: list[BatchCheck]) -> None:
        self.contains.clear()
        self.regex.clear()
        self.schema.clear()
        self.equals.setCurrentIndex(0)
        for check in checks:
            if check.kind == CheckKind.CONTAINS:
                self.contains.setText(check.value)
            elif check.kind == CheckKind.REGEX:
                self.regex.setText(check.value)
            elif check.kind == CheckKind.JSON_SCHEMA:
                self.schema.setPlainText(check.value)
            elif check.kind == CheckKind.EQUALS_COLUMN:
                if self.equals.findData(check.value) < 0:
                    self.equals.addItem(check.value, check.value)
                self.equals.setCurrentIndex(self.equals.findData(check.value))


def ask_path(parent: QWidget, title: str, name: str, chosen: Callable[[str], object],
             filters: list[str], *, save_as: str = "") -> None:
    """A non-blocking file dialog: `chosen(path)` runs when the user picks one."""
    from PySide6.QtWidgets import QFileDialog  # handlers only: its type is slow to load

    dialog = QFileDialog(parent, title)
    dialog.setObjectName(name)
    dialog.setNameFilters(filters)
    if save_as:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(save_as.rsplit(".", 1)[-1])
        dialog.selectFile(save_as)
    dialog.fileSelected.connect(chosen)
    dialog.open()
