""""Compare with…": two versions of a prompt side by side as a coloured unified diff.

Added lines are tinted green, removed lines red, hunk headers dimmed; the tints are mixed
from the window's palette so they stay readable in dark mode too.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QFontDatabase,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from playground.model.prompts import Prompt, PromptVersion
from playground.services.prompt_library import PromptLibrary, PromptLibraryError
from playground.ui.async_slot import async_slot

_GREEN = QColor(46, 160, 67)
_RED = QColor(218, 54, 51)


def _mix(base: QColor, tint: QColor, amount: float) -> QColor:
    return QColor(round(base.red() + (tint.red() - base.red()) * amount),
                  round(base.green() + (tint.green() - base.green()) * amount),
                  round(base.blue() + (tint.blue() - base.blue()) * amount))


def show_diff(view: QTextEdit | QPlainTextEdit, diff: str, same_text: str) -> None:
    """Fill `view` with `diff`, each line tinted by its kind."""
    view.clear()
    cursor = QTextCursor(view.document())
    base = view.palette().color(QPalette.ColorRole.Base)
    text_color = view.palette().color(QPalette.ColorRole.Text)
    if not diff:
        view.setPlainText(same_text)
        return
    for index, line in enumerate(diff.splitlines()):
        block = QTextBlockFormat()
        chars = QTextCharFormat()
        if line.startswith(("+++", "---")):
            chars.setFontWeight(700)
        elif line.startswith("+"):
            block.setBackground(_mix(base, _GREEN, 0.25))
        elif line.startswith("-"):
            block.setBackground(_mix(base, _RED, 0.25))
        elif line.startswith("@@"):
            chars.setForeground(_mix(text_color, base, 0.45))
        if index:
            cursor.insertBlock(block, chars)
        else:
            cursor.setBlockFormat(block)
        cursor.insertText(line, chars)


class CompareDialog(QDialog):
    def __init__(self, library: PromptLibrary, prompt: Prompt, versions: list[PromptVersion],
                 old: int, new: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("promptCompareDialog")
        self.setWindowTitle(self.tr("Compare versions of “%1”").replace("%1", prompt.name))
        self.setAccessibleName(self.tr("Compare prompt versions"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._library = library
        self._prompt = prompt
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.old_picker = self._picker("compareFromPicker", self.tr("Older version"), versions, old)
        self.new_picker = self._picker("compareToPicker", self.tr("Newer version"), versions, new)
        row.addWidget(QLabel(self.tr("Compare")))
        row.addWidget(self.old_picker)
        row.addWidget(QLabel(self.tr("with")))
        row.addWidget(self.new_picker)
        row.addStretch(1)
        layout.addLayout(row)
        self.view = QTextEdit(self)
        self.view.setObjectName("promptDiffView")
        self.view.setAccessibleName(self.tr("Differences"))
        self.view.setReadOnly(True)
        self.view.setLineWrapMode(QTextEdit.LineWrapMode.NoWrap)
        self.view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        layout.addWidget(self.view, 1)
        self.old_picker.currentIndexChanged.connect(self.refresh)
        self.new_picker.currentIndexChanged.connect(self.refresh)
        self.resize(760, 520)

    def _picker(self, name: str, accessible: str, versions: list[PromptVersion],
                chosen: int) -> QComboBox:
        picker = QComboBox(self)
        picker.setObjectName(name)
        picker.setAccessibleName(accessible)
        for version in versions:
            label = f"v{version.number}" + (f" — {version.note}" if version.note else "")
            picker.addItem(label, version.number)
        picker.setCurrentIndex(max(0, picker.findData(chosen)))
        return picker

    @async_slot()
    async def refresh(self) -> None:
        old, new = self.old_picker.currentData(), self.new_picker.currentData()
        try:
            diff = await self._library.diff(self._prompt.id, int(old), int(new))
        except PromptLibraryError as exc:
            self.view.setPlainText(str(exc))
            return
        show_diff(self.view, diff, self.tr("v%1 and v%2 have the same content.")
                  .replace("%1", str(old)).replace("%2", str(new)))
