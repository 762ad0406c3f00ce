"""The prompt library window's widgets and layout: prompts on the left, versions in the
middle, the selected version's preview and editor on the right, messages underneath.
Behaviour lives in prompt_library.py; the names here are what tests and screen readers use."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from playground.ui.prompt_editor import PromptEditor
from playground.ui.prompt_library_parts import button
from playground.ui.widgets.message_error import MessageErrorPanel


class PromptLibraryView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("promptLibrary")
        self.setWindowTitle(self.tr("Prompt library"))
        self.setAccessibleName(self.tr("Prompt library"))
        self.search = QLineEdit(self)
        self.search.setObjectName("promptSearch")
        self.search.setAccessibleName(self.tr("Search prompts"))
        self.search.setPlaceholderText(self.tr("Search names and text…"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=200)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.prompt_list = QListWidget(self)
        self.prompt_list.setObjectName("promptList")
        self.prompt_list.setAccessibleName(self.tr("Prompts"))
        self.new_button = button(self, "newPromptButton", self.tr("New…"),
                                 self.tr("New prompt"))
        self.import_button = button(self, "importPromptsButton", self.tr("Import…"),
                                    self.tr("Import prompts from a JSON file"))
        self.export_button = button(self, "exportPromptsButton", self.tr("Export…"),
                                    self.tr("Export prompts to a JSON file"))
        self.delete_button = button(self, "deletePromptButton", self.tr("Delete"),
                                    self.tr("Delete this prompt and all its versions"))
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.prompt_list, 1)
        row = QHBoxLayout()
        for widget in (self.new_button, self.import_button, self.export_button):
            row.addWidget(widget)
        left_layout.addLayout(row)
        left_layout.addWidget(self.delete_button)

        self.version_list = QListWidget(self)
        self.version_list.setObjectName("promptVersionList")
        self.version_list.setAccessibleName(self.tr("Versions"))
        self.version_list.setWordWrap(True)
        self.version_list.setSpacing(3)
        middle = QWidget(self)
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(QLabel(self.tr("Versions")))
        middle_layout.addWidget(self.version_list, 1)
        self.compare_button = button(self, "compareVersionsButton", self.tr("Compare with…"),
                                     self.tr("Compare this version with another"))
        self.roll_back_button = button(self, "rollBackButton", self.tr("Roll back"),
                                       self.tr("Save this version again as the latest"))
        middle_layout.addWidget(self.compare_button)
        middle_layout.addWidget(self.roll_back_button)

        self.preview = QPlainTextEdit(self)
        self.preview.setObjectName("promptPreview")
        self.preview.setAccessibleName(self.tr("Version preview"))
        self.preview.setReadOnly(True)
        self.preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor = PromptEditor(self)
        self.note = QLineEdit(self)
        self.note.setObjectName("versionNoteEdit")
        self.note.setAccessibleName(self.tr("Note for the new version"))
        self.note.setPlaceholderText(self.tr("What changed (required)"))
        self.save_button = button(self, "saveVersionButton", self.tr("Save new version"),
                                  self.tr("Save the editor's content as a new version"))
        edit_page = QWidget(self)
        edit_layout = QVBoxLayout(edit_page)
        edit_layout.addWidget(self.editor, 1)
        save_row = QHBoxLayout()
        save_row.addWidget(self.note, 1)
        save_row.addWidget(self.save_button)
        edit_layout.addLayout(save_row)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("promptTabs")
        self.tabs.setAccessibleName(self.tr("Preview or edit"))
        self.tabs.addTab(self.preview, self.tr("Preview"))
        self.tabs.addTab(edit_page, self.tr("Edit"))
        self.use_button = button(self, "usePromptButton", self.tr("Use in chat"),
                                 self.tr("Start a chat from this version"))
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self)
        self.title.setObjectName("promptTitle")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.variables = QLabel(self)
        self.variables.setObjectName("promptVariablesLabel")
        self.variables.setAccessibleName(self.tr("Variables this version uses"))
        self.variables.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.use_button)
        right_layout.addLayout(top)
        right_layout.addWidget(self.variables)
        right_layout.addWidget(self.tabs, 1)

        splitter = QSplitter(self)
        for pane, stretch in ((left, 0), (middle, 0), (right, 1)):
            splitter.addWidget(pane)
            splitter.setStretchFactor(splitter.count() - 1, stretch)
        splitter.setSizes([260, 220, 540])
        self.message = MessageErrorPanel(self)
        self.message.setObjectName("promptLibraryMessage")
        self.message.hide()
        self.status = QLabel(self)
        self.status.setObjectName("promptLibraryStatus")
        self.status.setAccessibleName(self.tr("Status"))
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.status)

