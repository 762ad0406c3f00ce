"""Import… and Export… for the prompt library window.

Importing reads and checks the whole file first (nothing stored); when some names already
exist the window asks whether to add the imported versions to those prompts or keep copies,
and only then stores everything in one transaction. A bad file is described where it arose.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from playground.model.prompts import Prompt
from playground.services.prompt_library import ImportPlan, PromptLibrary, PromptLibraryError
from playground.ui.async_slot import async_slot
from playground.ui.widgets.message_error import MessageErrorPanel

_IMPORT_ACTIONS = ("importAddVersions", "importCopies", "importCancel")


class LibraryFiles(QObject):
    def __init__(self, window: QWidget, library: PromptLibrary, message: MessageErrorPanel,
                 current: Callable[[], Prompt | None], say: Callable[[str], object]) -> None:
        super().__init__(window)
        self._window = window
        self._library = library
        self._message = message
        self._current = current
        self._say = say
        self.pending: ImportPlan | None = None
        self._dialog: QFileDialog | None = None
        message.actionTriggered.connect(self.message_action)

    def ask_import(self) -> None:
        self._dialog = dialog = QFileDialog(self._window, self.tr("Import prompts"))
        dialog.setObjectName("promptImportDialog")
        dialog.setNameFilter(self.tr("JSON files (*.json);;All files (*)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self.import_from)
        dialog.open()  # never exec(): it would nest an event loop inside qasync's

    @async_slot(str)
    async def import_from(self, path: str) -> None:
        try:
            plan = await self._library.read_import(Path(path))
        except PromptLibraryError as exc:
            self._problem(self.tr("Could not import %1").replace("%1", Path(path).name), exc)
            return
        if not plan.conflicts:
            await self._store(plan, into_existing=False)
            return
        self.pending = plan
        names = ", ".join(f"“{p.name}”" for p in plan.conflicts)
        self._message.show_error(
            self.tr("Some prompts already exist"),
            self.tr("%1 already in the library. Add the imported versions to them, or import "
                    "them as copies?").replace("%1", names), None,
            [("importAddVersions", self.tr("Add as new versions")),
             ("importCopies", self.tr("Import as copies")),
             ("importCancel", self.tr("Cancel"))], severity="warning")

    @async_slot(str)
    async def message_action(self, action: str) -> None:
        if action not in _IMPORT_ACTIONS:
            return
        plan, self.pending = self.pending, None
        self._message.hide()
        if plan is not None and action != "importCancel":
            await self._store(plan, into_existing=action == "importAddVersions")

    async def _store(self, plan: ImportPlan, *, into_existing: bool) -> None:
        try:
            stored = await self._library.import_plan(plan, into_existing=into_existing)
        except PromptLibraryError as exc:
            self._problem(self.tr("Could not import %1").replace("%1", plan.path.name), exc)
            return
        self._say(self.tr("Imported %1 prompt(s) from %2.").replace("%1", str(len(stored)))
                  .replace("%2", plan.path.name))

    def ask_export(self, everything: bool) -> None:
        prompt = self._current()
        name = "prompts" if everything or prompt is None else prompt.name
        self._dialog = dialog = QFileDialog(self._window, self.tr("Export prompts"))
        dialog.setObjectName("promptExportDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("JSON files (*.json)"))
        dialog.setDefaultSuffix("json")
        dialog.selectFile(f"{name}.json")
        dialog.fileSelected.connect(lambda path: self.export_to(path, everything))
        dialog.open()

    @async_slot(str, bool)
    async def export_to(self, path: str, everything: bool = False) -> None:
        prompt = self._current()
        try:
            if everything:
                ids = [hit.prompt.id for hit in await self._library.search("")]
            else:
                ids = [prompt.id] if prompt else []
            count = await self._library.export(Path(path), ids)
        except PromptLibraryError as exc:
            self._problem(self.tr("The export failed"), exc)
            return
        self._say(self.tr("Exported %1 prompt(s) with all versions to %2.")
                  .replace("%1", str(count)).replace("%2", path))

    def _problem(self, title: str, exc: Exception) -> None:
        self._message.show_error(title, str(exc), None, [],
                                 raw=repr(exc.__cause__) if exc.__cause__ else "")
