"""Environment variables of a local MCP server: name, value and a "Secret" checkbox per row.

A secret's value is hidden while typed and kept in the system keyring, not the settings; a
stored secret shows an empty field ("kept in the keyring") and is kept unless a new value
is typed.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QWidget,
)

from playground.storage.mcp_config import EnvVar


class McpEnvTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setObjectName("mcpServerEnv")
        self.setAccessibleName(self.tr("Environment variables"))
        self.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Value"), self.tr("Secret")])
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.setColumnWidth(0, 230)
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)

    def set_variables(self, variables: tuple[EnvVar, ...]) -> None:
        self.setRowCount(0)
        for var in variables:
            self.add_row(var)

    def add_row(self, var: EnvVar | None = None) -> int:
        var = var or EnvVar("")
        row = self.rowCount()
        self.insertRow(row)
        name = QLineEdit(var.name)
        name.setObjectName(f"mcpEnvName{row}")
        name.setAccessibleName(self.tr("Variable name"))
        name.setPlaceholderText(self.tr("NAME"))
        value = QLineEdit(var.value)
        value.setObjectName(f"mcpEnvValue{row}")
        value.setAccessibleName(self.tr("Variable value"))
        secret = QCheckBox()  # the column's header says "Secret"
        secret.setObjectName(f"mcpEnvSecret{row}")
        secret.setAccessibleName(self.tr("Keep this value in the system keyring"))
        secret.setToolTip(self.tr("Kept in the system keyring, never in the settings file"))
        secret.setChecked(var.secret)
        secret.toggled.connect(lambda on, v=value: self._mask(v, on))
        self._mask(value, var.secret)
        self.setCellWidget(row, 0, name)
        self.setCellWidget(row, 1, value)
        self.setCellWidget(row, 2, secret)
        return row

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.selectedIndexes()}, reverse=True)
        if not rows and self.currentRow() >= 0:
            rows = [self.currentRow()]
        for row in rows:
            self.removeRow(row)

    def variables(self) -> tuple[EnvVar, ...]:
        """The rows with a name or a value (empty rows are dropped)."""
        out = []
        for row in range(self.rowCount()):
            name, value, secret = (self.cellWidget(row, c) for c in range(3))
            assert isinstance(name, QLineEdit) and isinstance(value, QLineEdit)
            assert isinstance(secret, QCheckBox)
            if name.text().strip() or value.text():
                out.append(EnvVar(name.text().strip(), value.text(), secret.isChecked()))
        return tuple(out)

    def _mask(self, value: QLineEdit, secret: bool) -> None:
        value.setEchoMode(QLineEdit.EchoMode.Password if secret else QLineEdit.EchoMode.Normal)
        value.setPlaceholderText(self.tr("Kept in the keyring; type to replace") if secret
                                 else "")
