"""Naming a new prompt: "New prompt" in the library and "Save conversation as prompt".

Asks for a name and a note. An empty name is refused in place; a name that is taken offers to
add the content as a new version of that prompt instead, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from playground.model.prompts import Prompt, PromptContent, PromptVersion, content_from_chat
from playground.model.types import ChatMessage
from playground.services.container import Services
from playground.services.prompt_library import PromptLibrary
from playground.storage.prompts import DuplicateName, EmptyName, PromptLibraryError
from playground.ui.async_slot import async_slot
from playground.ui.widgets.message_error import MessageErrorPanel


class PromptNameDialog(QDialog):
    """Saves `content` as a new prompt; `on_saved(version)` runs once it is stored."""

    def __init__(self, library: PromptLibrary, content: PromptContent,
                 on_saved: Callable[[PromptVersion], object] | None = None,
                 parent: QWidget | None = None, *, title: str = "", note: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("promptNameDialog")
        self.setWindowTitle(title or self.tr("Save as prompt"))
        self.setAccessibleName(self.tr("Name the prompt"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._library = library
        self._content = content
        self._on_saved = on_saved
        self._existing: Prompt | None = None
        self.saved: PromptVersion | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setObjectName("promptNameEdit")
        self.name.setAccessibleName(self.tr("Prompt name"))
        self.note = QLineEdit(note, self)
        self.note.setObjectName("promptNoteEdit")
        self.note.setAccessibleName(self.tr("Note for this version"))
        self.note.setPlaceholderText(self.tr("What this version is for"))
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Note"), self.note)
        layout.addLayout(form)
        found = content.variables()
        if found:
            uses = QLabel(self.tr("Variables: %1").replace(
                "%1", ", ".join(f"{{{{{n}}}}}" for n in found)), self)
            uses.setObjectName("promptNameVariables")
            uses.setWordWrap(True)
            layout.addWidget(uses)
        self.problem = MessageErrorPanel(self)
        self.problem.setObjectName("promptNameProblem")
        self.problem.actionTriggered.connect(self._action)
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = buttons.addButton(self.tr("Save"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("promptNameSaveButton")
        self.save_button.setAccessibleName(self.tr("Save the prompt"))
        self.save_button.setDefault(True)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("promptNameCancelButton")
        cancel.setAccessibleName(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(440, self.sizeHint().height())

    @async_slot()
    async def save(self) -> None:
        self.save_button.setEnabled(False)
        try:
            version = await self._library.create(self.name.text(), self._content,
                                                 self.note.text())
        except EmptyName:
            self.problem.show_error(self.tr("Give the prompt a name"),
                                    self.tr("The name is how you find it in the library."),
                                    None, [], severity="warning")
            self.name.setFocus()
            return
        except DuplicateName as exc:
            self._existing = exc.existing
            self.problem.show_error(
                self.tr("“%1” already exists").replace("%1", exc.existing.name),
                self.tr("Choose another name, or keep this as version %1 of that prompt.")
                .replace("%1", str(exc.existing.latest + 1)), None,
                [("addVersion", self.tr("Add as version %1").replace(
                    "%1", str(exc.existing.latest + 1)))], severity="warning")
            return
        except PromptLibraryError as exc:
            self.problem.show_error(self.tr("The prompt was not saved"), str(exc), None, [])
            return
        finally:
            self.save_button.setEnabled(True)
        self._done(version)

    @async_slot(str)
    async def _action(self, action: str) -> None:
        if action != "addVersion" or self._existing is None:
            return
        try:
            version = await self._library.save_version(self._existing.id, self._content,
                                                       self.note.text())
        except PromptLibraryError as exc:
            self.problem.show_error(self.tr("The prompt was not saved"), str(exc), None, [])
            return
        self._done(version)

    def _done(self, version: PromptVersion) -> None:
        self.saved = version
        self.accept()
        if self._on_saved is not None:
            self._on_saved(version)


def save_conversation_as_prompt(
        parent: QWidget | None, services: Services, messages: Sequence[ChatMessage],
        settings: Mapping[str, Any], on_saved: Callable[[PromptVersion], object] | None = None,
) -> QDialog | None:
    """"Save conversation as prompt": the chat's messages and settings (ChatControls.params,
    plus "model", "functions" and "schema" when set) become a new prompt's version 1.
    Returns the open dialog, or None (after saying why) when the library is unavailable."""
    if services.prompts is None:
        _unavailable(parent)
        return None
    dialog = PromptNameDialog(services.prompts, content_from_chat(messages, settings), on_saved,
                              parent, title=_tr("Save conversation as prompt"),
                              note=_tr("Saved from a conversation"))
    dialog.open()
    return dialog


def _tr(text: str) -> str:
    return QCoreApplication.translate("PromptSave", text)


def _unavailable(parent: QWidget | None) -> None:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, _tr("Prompt library"),
                      _tr("The prompt library could not be opened, so nothing can be "
                                 "saved to it in this session."),
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("promptLibraryUnavailable")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
