"""The prompt library window: find a prompt, read its versions, edit and save a new one,
compare two, roll back, import/export, and use a version in the chat.

Every read and write goes through services/prompt_library.PromptLibrary (off the Qt thread);
the window only shows what it answers and redraws when it announces a change. Entry points
for the main window: `open_prompt_library` and (prompt_save.py) `save_conversation_as_prompt`.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QListWidgetItem,
    QWidget,
)

from playground.model.prompts import Prompt, PromptContent, PromptVersion, render_text
from playground.services.container import Services
from playground.services.prompt_library import PromptLibrary, PromptLibraryError
from playground.ui.async_slot import async_slot
from playground.ui.confirm import confirm
from playground.ui.prompt_diff import CompareDialog
from playground.ui.prompt_editor import EditorProblem
from playground.ui.prompt_library_files import LibraryFiles
from playground.ui.prompt_library_parts import export_menu, stamp
from playground.ui.prompt_library_view import PromptLibraryView
from playground.ui.prompt_save import PromptNameDialog
from playground.ui.prompt_variables import VariablesDialog

OnUse = Callable[[PromptVersion, dict[str, str]], object]
_ROLE = Qt.ItemDataRole.UserRole


class PromptLibraryWindow(PromptLibraryView):
    def __init__(self, library: PromptLibrary | None, on_use: OnUse,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self._on_use = on_use
        self.prompt: Prompt | None = None
        self.versions: list[PromptVersion] = []
        self._search_generation = 0
        self._load_generation = 0
        self._discard_confirmed = False
        self._search_timer.timeout.connect(self.refresh)
        self.prompt_list.currentItemChanged.connect(self._prompt_chosen)
        self.version_list.currentItemChanged.connect(self._version_chosen)
        self.message.actionTriggered.connect(self._message_action)
        for pressed, action in ((self.new_button, self.new_prompt), (self.compare_button,
                                self.compare), (self.roll_back_button, self.roll_back),
                                (self.save_button, self.save_version),
                                (self.use_button, self.use), (self.delete_button,
                                                              self.ask_delete)):
            pressed.clicked.connect(lambda _c=False, run=action: run())
        self._update_buttons()
        if library is None:
            self.message.show_error(self.tr("The prompt library is not available"), self.tr(
                "Its database could not be opened; see the message at startup."), None, [])
            for widget in (self.search, self.prompt_list, self.new_button, self.import_button):
                widget.setEnabled(False)
        else:
            self.files = LibraryFiles(self, library, self.message, lambda: self.prompt, self._say)
            self.import_button.clicked.connect(lambda _c=False: self.files.ask_import())
            self.export_button.setMenu(export_menu(self, self.files.ask_export))
            unsubscribe = library.changed.connect(lambda _id: self.refresh())
            self.destroyed.connect(lambda: unsubscribe())  # the library outlives windows
            self.refresh()
        self.resize(1024, 640)

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
        base = self.editor.base
        if base is None or not self.editor.has_edits():
            self.editor.load(version)
        elif version is None or (base.prompt_id, base.number) != (version.prompt_id,
                                                                  version.number):
            # Never drop what was typed: the edits stay until saved or discarded.
            self.message.show_error(self.tr("Your edits are kept"), self.tr(
                "The editor still holds your unsaved changes to v%1. Save them as a new "
                "version of that prompt, or discard them.").replace("%1", str(base.number)),
                None, [("discardEdits", self.tr("Discard my edits"))], severity="warning")
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

    def _message_action(self, action: str) -> None:
        if action == "discardEdits":
            self.message.hide()
            self.editor.load(self.selected_version())

    @async_slot()
    async def save_version(self) -> None:
        base = self.editor.base
        if self.library is None or base is None:
            return
        try:
            content = self.editor.content()
        except EditorProblem as exc:
            self.message.show_error(self.tr("The version was not saved"), str(exc), None, [],
                                    severity="warning")
            exc.field.setFocus()
            return
        latest = self.versions[0] if self.versions else None
        if latest is not None and latest.prompt_id == base.prompt_id and (
                latest.content == content):
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
            version = await self.library.save_version(base.prompt_id, content, self.note.text())
        except PromptLibraryError as exc:
            self._problem(self.tr("The version was not saved"), exc)
            return
        self.note.clear()
        self.editor.load(version)
        if self.prompt is not None and self.prompt.id == version.prompt_id:
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

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing with unsaved edits asks first: typed work is never dropped silently."""
        if self._discard_confirmed or not self.editor.has_edits():
            super().closeEvent(event)
            return
        event.ignore()

        def discard() -> None:
            self._discard_confirmed = True
            self.close()

        confirm(self, self.tr("Unsaved edits"), self.tr(
            "The editor holds changes that are not saved as a version. Close and lose them?"),
            self.tr("Discard and close"), discard)

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
