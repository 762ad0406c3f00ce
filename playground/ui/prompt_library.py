"""The prompt library window: find a prompt, read its versions, edit and save a new one,
compare two, roll back, import/export, and use a version in the chat.

Every read and write goes through services/prompt_library.PromptLibrary (off the Qt thread);
the window only shows what it answers and redraws when it announces a change. Entry points
for the main window: `open_prompt_library` and (prompt_save.py) `save_conversation_as_prompt`.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from playground.model.prompts import Prompt, PromptContent, PromptVersion, render_text
from playground.services.container import Services
from playground.services.prompt_library import PromptLibrary, PromptLibraryError
from playground.ui.async_slot import async_slot
from playground.ui.confirm import confirm
from playground.ui.prompt_diff import CompareDialog
from playground.ui.prompt_editor import EditorProblem, PromptEditor
from playground.ui.prompt_library_files import LibraryFiles
from playground.ui.prompt_library_parts import button, export_menu, stamp
from playground.ui.prompt_save import PromptNameDialog
from playground.ui.prompt_variables import VariablesDialog
from playground.ui.widgets.message_error import MessageErrorPanel

OnUse = Callable[[PromptVersion, dict[str, str]], object]
_ROLE = Qt.ItemDataRole.UserRole


class PromptLibraryWindow(QWidget):
    def __init__(self, library: PromptLibrary | None, on_use: OnUse,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("promptLibrary")
        self.setWindowTitle(self.tr("Prompt library"))
        self.setAccessibleName(self.tr("Prompt library"))
        self.library = library
        self._on_use = on_use
        self.prompt: Prompt | None = None
        self.versions: list[PromptVersion] = []
        self._search_generation = 0
        self._load_generation = 0
        self._build()
        if library is None:
            self.message.show_error(self.tr("The prompt library is not available"), self.tr(
                "Its database could not be opened; see the message at startup."), None, [])
            for widget in (self.search, self.prompt_list, self.new_button, self.import_button):
                widget.setEnabled(False)
        else:
            self.files = LibraryFiles(self, library, self.message, lambda: self.prompt, self._say)
            self.import_button.clicked.connect(lambda _c=False: self.files.ask_import())
            self.export_button.setMenu(export_menu(self, self.files.ask_export))
            self._unsubscribe = library.changed.connect(lambda _id: self.refresh())
            self.destroyed.connect(lambda: self._unsubscribe())
            self.refresh()
        self.resize(1024, 640)

    # ---- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        self.search = QLineEdit(self)
        self.search.setObjectName("promptSearch")
        self.search.setAccessibleName(self.tr("Search prompts"))
        self.search.setPlaceholderText(self.tr("Search names and text…"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=200)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.prompt_list = QListWidget(self)
        self.prompt_list.setObjectName("promptList")
        self.prompt_list.setAccessibleName(self.tr("Prompts"))
        self.prompt_list.currentItemChanged.connect(self._prompt_chosen)
        self.new_button = button(self, "newPromptButton", self.tr("New…"),
                                 self.tr("New prompt"), self.new_prompt)
        self.import_button = button(self, "importPromptsButton", self.tr("Import…"),
                                    self.tr("Import prompts from a JSON file"), None)
        self.export_button = button(self, "exportPromptsButton", self.tr("Export…"),
                                    self.tr("Export prompts to a JSON file"), None)
        self.delete_button = button(self, "deletePromptButton", self.tr("Delete"),
                                    self.tr("Delete this prompt and all its versions"),
                                    self.ask_delete)
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
        self.version_list.currentItemChanged.connect(self._version_chosen)
        middle = QWidget(self)
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(QLabel(self.tr("Versions")))
        middle_layout.addWidget(self.version_list, 1)
        self.compare_button = button(self, "compareVersionsButton", self.tr("Compare with…"),
                                     self.tr("Compare this version with another"), self.compare)
        self.roll_back_button = button(self, "rollBackButton", self.tr("Roll back"),
                                       self.tr("Save this version again as the latest"),
                                       self.roll_back)
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
                                  self.tr("Save the editor's content as a new version"),
                                  self.save_version)
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
                                 self.tr("Start a chat from this version"), self.use)
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
        self._update_buttons()

    # ---- showing ------------------------------------------------------------------------

    @async_slot()
    async def refresh(self) -> None:
        """Re-read the prompt list (and the shown prompt's versions), keeping the selection."""
        if self.library is None:
            return
        self._search_generation += 1
        generation = self._search_generation
        try:
            hits = await self.library.search(self.search.text())
        except PromptLibraryError as exc:
            self._problem(self.tr("The prompt library could not be read"), exc)
            return
        if generation != self._search_generation:
            return  # a newer search is under way; its answer wins
        keep = self.prompt.id if self.prompt else None
        self.prompt_list.blockSignals(True)
        self.prompt_list.clear()
        for hit in hits:
            item = QListWidgetItem(hit.prompt.name)
            item.setData(_ROLE, hit.prompt)
            detail = hit.snippet if hit.version is not None else ""
            item.setToolTip(f"v{hit.version}: {detail}" if detail else hit.prompt.name)
            self.prompt_list.addItem(item)
            if hit.prompt.id == keep:
                self.prompt_list.setCurrentItem(item)
        self.prompt_list.blockSignals(False)
        current = self.prompt_list.currentItem()
        if current is None and self.prompt_list.count() and keep is None:
            self.prompt_list.setCurrentRow(0)
        else:
            await self._load(current.data(_ROLE) if current else None)

    def _prompt_chosen(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        self._load_slot(item.data(_ROLE) if item else None)

    @async_slot(object)
    async def _load_slot(self, prompt: Prompt | None) -> None:
        await self._load(prompt)

    async def _load(self, prompt: Prompt | None, select: int | None = None) -> None:
        if self.library is None:
            return
        shown = self.selected_version()
        keep = select or (shown.number if shown and self.prompt and prompt
                          and prompt.id == self.prompt.id else None)
        self._load_generation += 1
        generation = self._load_generation
        try:
            versions = [] if prompt is None else await self.library.versions(prompt.id)
        except PromptLibraryError as exc:
            self._problem(self.tr("The versions could not be read"), exc)
            versions = []
        if generation != self._load_generation:
            return  # another prompt was chosen meanwhile
        self.prompt, self.versions = prompt, versions
        self.version_list.blockSignals(True)
        self.version_list.clear()
        for version in self.versions:
            text = f"v{version.number} · {stamp(version.created)}"
            item = QListWidgetItem(text + (f"\n{version.note}" if version.note else ""))
            item.setData(_ROLE, version.number)
            item.setToolTip(version.note)
            self.version_list.addItem(item)
            if version.number == keep:
                self.version_list.setCurrentItem(item)
        if self.version_list.currentItem() is None and self.versions:
            self.version_list.setCurrentRow(0)
        self.version_list.blockSignals(False)
        self._version_chosen()

    def _version_chosen(self, *_args: object) -> None:
        version = self.selected_version()
        self.title.setText("" if self.prompt is None or version is None else
                           f"{self.prompt.name} — v{version.number}")
        self.preview.setPlainText("" if version is None else render_text(version.content))
        names = version.content.variables() if version else []
        self.variables.setText(self.tr("Variables: %1").replace(
            "%1", ", ".join(f"{{{{{name}}}}}" for name in names)) if names else "")
        self.variables.setVisible(bool(names))
        self.editor.set_content(version.content if version else PromptContent())
        self._update_buttons()

    def selected_version(self) -> PromptVersion | None:
        item = self.version_list.currentItem()
        number = item.data(_ROLE) if item else None
        return next((v for v in self.versions if v.number == number), None)

    def _update_buttons(self) -> None:
        version = self.selected_version()
        latest = self.versions[0].number if self.versions else None
        for widget in (self.use_button, self.delete_button, self.save_button,
                       self.export_button):
            widget.setEnabled(version is not None)
        self.compare_button.setEnabled(len(self.versions) > 1)
        self.roll_back_button.setEnabled(version is not None and version.number != latest)

    # ---- actions ------------------------------------------------------------------------

    def new_prompt(self) -> None:
        if self.library is None:
            return
        dialog = PromptNameDialog(self.library, PromptContent(), self._created, self,
                                  title=self.tr("New prompt"), note=self.tr("Created"))
        dialog.open()

    def _created(self, version: PromptVersion) -> None:
        self.search.clear()
        self.prompt = Prompt(version.prompt_id, "", version.created, version.created,
                             version.number)
        self.tabs.setCurrentIndex(1)
        self._say(self.tr("Saved v%1.").replace("%1", str(version.number)))

    @async_slot()
    async def save_version(self) -> None:
        if self.library is None or self.prompt is None:
            return
        try:
            content = self.editor.content()
        except EditorProblem as exc:
            self.message.show_error(self.tr("The version was not saved"), str(exc), None, [],
                                    severity="warning")
            exc.field.setFocus()
            return
        latest = self.versions[0] if self.versions else None
        if latest is not None and latest.content == content:
            self.message.show_error(self.tr("Nothing to save"), self.tr(
                "The content is the same as v%1.").replace("%1", str(latest.number)), None, [],
                severity="info")
            return
        if not self.note.text().strip():
            self.message.show_error(self.tr("Add a note"), self.tr(
                "Say in a few words what changed; the note is how you tell versions apart."),
                None, [], severity="warning")
            self.note.setFocus()
            return
        try:
            version = await self.library.save_version(self.prompt.id, content, self.note.text())
        except PromptLibraryError as exc:
            self._problem(self.tr("The version was not saved"), exc)
            return
        self.note.clear()
        await self._load(self.prompt, version.number)
        self._say(self.tr("Saved v%1.").replace("%1", str(version.number)))

    @async_slot()
    async def roll_back(self) -> None:
        version = self.selected_version()
        if self.library is None or self.prompt is None or version is None:
            return
        try:
            saved = await self.library.roll_back(self.prompt.id, version.number)
        except PromptLibraryError as exc:
            self._problem(self.tr("Could not roll back"), exc)
            return
        await self._load(self.prompt, saved.number)
        self._say(self.tr("v%1 is the content of v%2 again.").replace("%1", str(saved.number))
                  .replace("%2", str(version.number)))

    def compare(self) -> None:
        version = self.selected_version()
        if self.library is None or self.prompt is None or version is None:
            return
        numbers = [v.number for v in self.versions]
        newer = numbers[0] if version.number != numbers[0] else numbers[1]
        old, new = sorted((version.number, newer))
        dialog = CompareDialog(self.library, self.prompt, self.versions, old, new, self)
        dialog.open()
        dialog.refresh()

    def ask_delete(self) -> None:
        prompt = self.prompt
        if prompt is None:
            return
        confirm(self, self.tr("Delete prompt"), self.tr(
            "Delete “%1” and all its %2 versions? This cannot be undone; export it first to "
            "keep a copy.").replace("%1", prompt.name).replace("%2", str(len(self.versions))),
            self.tr("Delete"), lambda: self.delete(prompt))

    @async_slot(object)
    async def delete(self, prompt: Prompt) -> None:
        if self.library is None:
            return
        try:
            await self.library.delete(prompt.id)
        except PromptLibraryError as exc:
            self._problem(self.tr("The prompt was not deleted"), exc)
            return
        self.prompt = None
        self._say(self.tr("Deleted “%1”.").replace("%1", prompt.name))

    def use(self) -> None:
        version = self.selected_version()
        if version is None:
            return
        names = version.content.variables()
        if not names:
            self._on_use(version, {})
            return
        dialog = VariablesDialog(names, lambda values: self._on_use(version, values), self)
        dialog.open()

    # ---- messages -----------------------------------------------------------------------

    def _problem(self, title: str, exc: Exception) -> None:
        detail = repr(exc.__cause__) if exc.__cause__ else ""
        self.message.show_error(title, str(exc), None, [], raw=detail)

    def _say(self, text: str) -> None:
        self.message.hide()
        self.status.setText(f"{time.strftime('%H:%M')}  {text}")


def open_prompt_library(parent: QWidget | None, services: Services,
                        on_use: OnUse) -> QWidget:
    """Show the library (one per parent window: a second call raises the open one).
    `on_use(version, values)` runs on "Use in chat"; fill with version.content.filled(values)."""
    existing = parent.findChild(PromptLibraryWindow, "promptLibrary") if parent else None
    if isinstance(existing, PromptLibraryWindow):
        existing._on_use = on_use
        existing.show()
        existing.raise_()
        existing.activateWindow()
        return existing
    window = PromptLibraryWindow(services.prompts, on_use, parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    return window
