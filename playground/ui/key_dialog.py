"""The API-key dialog: masked field, Test key (calls /models), save to the OS keyring.

Save tests the key first: a rejected or unchecked key is not stored unless the user says
"Save anyway" (a server that is down, working offline). On opening, the keyring is asked
(off the UI thread) whether the profile already has a key, so the user knows what Save replaces.

Opened with `open()` (never exec() under qasync). When the keyring is unavailable the user
can keep the key for this session only; it is never written to a file.
"""

from __future__ import annotations

import asyncio
import dataclasses

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from playground.model.types import DEFAULT_BASE_URL, ApiFailure, FailureKind, Profile
from playground.services import build_client
from playground.storage.secrets import SecretStore, SecretsUnavailable
from playground.ui.async_slot import async_slot

API_KEYS_URL = "https://platform.openai.com/api-keys"


class KeyDialog(QDialog):
    keySaved = Signal(str, str)  # profile name, key (session-only keys too)
    sessionKeyChosen = Signal(str, str)

    def __init__(self, profile: Profile, secrets: SecretStore, parent: QWidget | None = None,
                 *, reason: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("keyDialog")
        self.setWindowTitle(self.tr("API key — %1").replace("%1", profile.name))
        self.setModal(True)
        self._profile = profile
        self._secrets = secrets
        self._busy = False
        self._stored_checked = False

        intro = QLabel(self.tr(
            "Paste the API key for the profile <b>%1</b> (%2). It is stored in your system's "
            "keyring, never in a file. <a href=\"%3\">Create or find a key</a>."
        ).replace("%1", profile.name).replace("%2", profile.base_url or DEFAULT_BASE_URL)
         .replace("%3", API_KEYS_URL))
        intro.setWordWrap(True)
        intro.setOpenExternalLinks(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.reason = QLabel(reason)
        self.reason.setObjectName("keyDialogReason")
        self.reason.setWordWrap(True)
        self.reason.setVisible(bool(reason))

        self.key_input = QLineEdit()
        self.key_input.setObjectName("apiKeyInput")
        self.key_input.setAccessibleName(self.tr("API key"))
        self.key_input.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_input.setPlaceholderText("sk-…")
        self.key_input.setMinimumWidth(380)
        reveal = QAction(self.tr("Show"), self.key_input)
        reveal.setCheckable(True)
        reveal.toggled.connect(lambda on: self.key_input.setEchoMode(
            QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password))
        self.key_input.addAction(reveal, QLineEdit.ActionPosition.TrailingPosition)
        self.test_button = QPushButton(self.tr("Test key"))
        self.test_button.setObjectName("testKeyButton")
        self.test_button.setAccessibleName(self.tr("Test key"))
        row = QHBoxLayout()
        row.addWidget(self.key_input, 1)
        row.addWidget(self.test_button)

        self.stored_note = QLabel(self.tr("Looking for a stored key…"))
        self.stored_note.setObjectName("storedKeyNote")
        self.stored_note.setWordWrap(True)

        self.status = QLabel()
        self.status.setObjectName("keyStatus")
        self.status.setAccessibleName(self.tr("Key status"))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(self.tr("Save to keyring"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("saveKeyButton")
        self.save_anyway_button = self.buttons.addButton(self.tr("Save anyway"),
                                                         QDialogButtonBox.ButtonRole.ActionRole)
        self.save_anyway_button.setObjectName("saveKeyAnywayButton")
        self.save_anyway_button.setVisible(False)
        self.session_button = self.buttons.addButton(self.tr("Use for this session only"),
                                                     QDialogButtonBox.ButtonRole.ActionRole)
        self.session_button.setObjectName("sessionKeyButton")
        self.session_button.setVisible(False)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancelKeyButton")

        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.reason)
        column.addLayout(row)
        column.addWidget(self.stored_note)
        column.addWidget(self.status)
        column.addWidget(self.buttons)

        self.test_button.clicked.connect(self.test_key)
        self.save_button.clicked.connect(self.save_key)
        self.save_anyway_button.clicked.connect(self.save_untested)
        self.session_button.clicked.connect(self._use_for_session)
        cancel.clicked.connect(self.reject)
        self.key_input.textChanged.connect(self._key_edited)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The intro's link would take the focus first; the key is what the user came for.
        self.key_input.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self._stored_checked:
            self._stored_checked = True
            self._show_stored()

    @async_slot()
    async def _show_stored(self) -> None:
        try:
            stored = await self._secrets.get(self._profile.name)
        except SecretsUnavailable as exc:
            self.stored_note.setText(self.tr("The keyring cannot be read: %1")
                                     .replace("%1", exc.message))
            return
        self.stored_note.setText(
            self.tr("A key is already stored for this profile; saving replaces it.") if stored
            else self.tr("No key is stored for this profile yet."))

    def _key_edited(self) -> None:
        self._set_status("")
        self.save_anyway_button.setVisible(False)

    def _key(self) -> str:
        return self.key_input.text().strip()

    def _set_status(self, text: str, ok: bool | None = None) -> None:
        prefix = "" if ok is None else ("✓ " if ok else "✗ ")
        self.status.setText(prefix + text)

    def _validate(self) -> bool:
        key = self._key()
        if not key:
            self._set_status(self.tr("Paste a key first."), False)
            return False
        if any(ch.isspace() for ch in key):
            self._set_status(self.tr("The key contains spaces or line breaks; paste it again."),
                             False)
            return False
        return True

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for button in (self.test_button, self.save_button, self.save_anyway_button):
            button.setEnabled(not busy)

    @async_slot()
    async def test_key(self) -> None:
        if self._busy or not self._validate():
            return
        self._set_busy(True)
        self._set_status(self.tr("Testing…"))
        try:
            problem = await self._check()
        finally:
            self._set_busy(False)
        if problem is None:
            self._set_status(self.tr("The key works with %1.").replace(
                "%1", self._profile.base_url or DEFAULT_BASE_URL), True)
        else:
            self._set_status(problem, False)

    async def _check(self) -> str | None:
        """None when the server accepts the key, else what went wrong."""
        try:
            from playground.api import catalog
            from playground.api.environment import apply_environment

            # The server the app will call: OPENAI_BASE_URL & co. override the profile's;
            # the key under test is the typed one, never OPENAI_API_KEY.
            profile, _env_key = apply_environment(self._profile, None)
            client = await build_client(dataclasses.replace(profile, max_retries=0),
                                        self._key())
            try:
                await asyncio.wait_for(catalog.check_key(client), timeout=30)
            finally:
                await client.aclose()
        except ApiFailure as failure:
            if failure.kind == FailureKind.AUTH:
                return (self.tr("The server rejected this key (401): %1")
                        .replace("%1", failure.message))
            return self.tr("Could not check the key: %1").replace("%1", failure.message)
        except TimeoutError:
            return self.tr("The server did not answer within 30 s.")
        return None

    @async_slot()
    async def save_key(self) -> None:
        """Test, then store: a key the server rejects (or cannot check) is not stored."""
        if self._busy or not self._validate():
            return
        self._set_busy(True)
        self._set_status(self.tr("Testing the key before saving…"))
        try:
            problem = await self._check()
        finally:
            self._set_busy(False)
        if problem is not None:
            self._set_status(self.tr("%1 The key was not saved; “Save anyway” stores it "
                                     "untested (e.g. when working offline).")
                             .replace("%1", problem), False)
            self.save_anyway_button.setVisible(True)
            return
        await self._store()

    @async_slot()
    async def save_untested(self) -> None:
        if self._busy or not self._validate():
            return
        await self._store()

    async def _store(self) -> None:
        self._set_busy(True)
        self._set_status(self.tr("Saving to the keyring…"))
        try:
            await self._secrets.set(self._profile.name, self._key())
        except SecretsUnavailable as exc:
            self._set_status(self.tr("The key could not be saved: %1 %2 You can use it for "
                                     "this session only; it will not be written anywhere.")
                             .replace("%1", exc.message).replace("%2", exc.hint), False)
            self.session_button.setVisible(True)
            return
        finally:
            self._set_busy(False)
        self.keySaved.emit(self._profile.name, self._key())
        self.accept()

    def _use_for_session(self) -> None:
        if not self._validate():
            return
        self.sessionKeyChosen.emit(self._profile.name, self._key())
        self.accept()
