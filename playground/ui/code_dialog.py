"""“View code”: the request the chat tab would send, as Python, curl and JavaScript.

The key is never shown: both snippets read it from OPENAI_API_KEY.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from playground.api.code_view import CodeView
from playground.ui.fonts import monospace_font


class CodeDialog(QDialog):
    def __init__(self, code: CodeView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("codeDialog")
        self.setWindowTitle(self.tr("View code"))
        self.resize(760, 560)
        note = QLabel(self.tr("The request as it would be sent now. The key is read from the "
                              "OPENAI_API_KEY environment variable; it is never shown here."))
        note.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("codeTabs")
        mono = monospace_font()
        self._editors: list[QPlainTextEdit] = []
        for name, label, text in (("pythonCode", self.tr("Python"), code.python),
                                  ("curlCode", self.tr("curl"), code.curl),
                                  ("javascriptCode", self.tr("JavaScript"), code.javascript)):
            editor = QPlainTextEdit(text)
            editor.setObjectName(name)
            editor.setAccessibleName(label)
            editor.setReadOnly(True)
            editor.setFont(mono)
            editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
            self._editors.append(editor)
            self.tabs.addTab(editor, label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setObjectName("copyCodeButton")
        self.copy_button.setAccessibleName(self.tr("Copy code"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self._copy)
        column = QVBoxLayout(self)
        column.addWidget(note)
        column.addWidget(self.tabs, 1)
        column.addWidget(buttons)

    def _copy(self) -> None:
        editor = self._editors[self.tabs.currentIndex()]
        QGuiApplication.clipboard().setText(editor.toPlainText())
        self.copy_button.setText(self.tr("Copied"))
