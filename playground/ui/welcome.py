"""First-run setup: the first profile from an OpenAI key, a relay URL, or a local server.

Two steps in one dialog (opened with `open()`, never exec()): choose how to connect, then
fill in the details. Keys found in OPENAI_API_KEY or a `.env` file are offered for import
(shown by their last 4 characters); servers on this machine are found by probing the usual
ports. Finishing saves the profile, makes it active, stores the key in the keyring (or,
when there is none, keeps it for the session) and emits `profileReady(name)`.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from playground import APP_NAME
from playground import settings as prefs
from playground.dotenv_keys import FoundKey, find_keys
from playground.model.types import DEFAULT_BASE_URL, ApiFailure, Profile
from playground.settings import Settings
from playground.storage.profiles import InvalidProfile, ProfileStore
from playground.storage.secrets import SecretStore, SecretsUnavailable
from playground.ui.async_slot import async_slot
from playground.ui.welcome_pages import LOCAL, OPENAI, RELAY, WelcomePages
from playground.ui.welcome_state import mark_welcome_done, needs_welcome

if TYPE_CHECKING:
    from playground.api.local_probe import LocalServer

API_KEYS_URL = "https://platform.openai.com/api-keys"
TEST_TIMEOUT = 30.0  # seconds for Test connection


class WelcomeDialog(WelcomePages, QDialog):
    profileReady = Signal(str)  # the new active profile's name
    sessionKeyChosen = Signal(str, str)  # profile, key: no keyring, keep it in memory

    def __init__(self, settings: Settings, secrets: SecretStore,
                 parent: QWidget | None = None, *, profiles: ProfileStore | None = None,
                 probe_ports: Iterable[int] | None = None) -> None:
        """profiles: the app's one profile store (tests may leave it out);
        probe_ports: where to look for local servers (default: the known ports)."""
        super().__init__(parent)
        self.setObjectName("welcomeDialog")
        self.setWindowTitle(self.tr("Welcome to %1").replace("%1", APP_NAME))
        self.setModal(True)
        self.setMinimumWidth(560)
        self._settings = settings
        self._secrets = secrets
        self._store = profiles or ProfileStore(settings.raw())
        self._probe_ports = None if probe_ports is None else list(probe_ports)
        self._servers: list[LocalServer] = []
        self._found_keys: list[FoundKey] = []
        self._scanned = False
        self._busy = False
        self._suggested_name = ""

        self.pages = QStackedWidget()
        self.pages.setObjectName("welcomePages")
        self.pages.addWidget(self._build_choice_page())
        self.pages.addWidget(self._build_details_page())

        self.status = QLabel()
        self.status.setObjectName("welcomeStatus")
        self.status.setAccessibleName(self.tr("Setup status"))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.skip_button = self._button("welcomeSkipButton", self.tr("Set up later"))
        self.back_button = self._button("welcomeBackButton", self.tr("Back"))
        self.session_button = self._button("welcomeSessionButton",
                                           self.tr("Use the key for this session only"))
        self.session_button.setVisible(False)
        self.next_button = self._button("welcomeNextButton", self.tr("Next"))
        self.next_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        for button in (self.back_button, self.session_button, self.next_button):
            buttons.addWidget(button)

        column = QVBoxLayout(self)
        column.addWidget(self.pages, 1)
        column.addWidget(self.status)
        column.addLayout(buttons)

        self.skip_button.clicked.connect(self._skip)
        self.back_button.clicked.connect(lambda: self._go(0))
        self.next_button.clicked.connect(self._next)
        self.session_button.clicked.connect(self._use_for_session)
        self._go(0)

    # ------------------------------------------------------------------ navigation
    def choice(self) -> str:
        checked = self.choices.checkedButton()
        return str(checked.property("choice")) if checked else OPENAI

    def choose(self, kind: str) -> None:
        for button in self.choices.buttons():
            button.setChecked(button.property("choice") == kind)

    def _go(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self.back_button.setVisible(index == 1)
        self.next_button.setText(self.tr("Next") if index == 0 else self.tr("Finish"))
        self.next_button.setAccessibleName(self.next_button.text())
        self.session_button.setVisible(False)
        self._clear_status()
        if index == 1:
            self._show_fields(self.choice())

    def _show_fields(self, kind: str) -> None:
        rows = {self.base_url_input: kind == RELAY, self.server_row: kind == LOCAL,
                self.model_picker: kind == LOCAL, self.key_input: kind != LOCAL,
                self.import_row: kind != LOCAL and bool(self._found_keys)}
        for widget, visible in rows.items():
            self.form.setRowVisible(widget, visible)
        defaults = {OPENAI: "OpenAI", RELAY: self.tr("Relay"), LOCAL: ""}
        if kind == LOCAL:
            self.details_intro.setText(self.tr(
                "Servers found on this computer. Start your server and press "
                "<i>Search again</i> if it is not listed."))
            self._server_chosen()
            if not self._scanned:
                self._scan_servers()
        else:
            self._suggest_name(defaults[kind])
            if kind == OPENAI:
                self.details_intro.setText(self.tr(
                    "Paste your OpenAI API key. It is stored in your system's keyring, never "
                    "in a file. <a href=\"%1\">Create or find a key</a>.")
                    .replace("%1", API_KEYS_URL))
            else:
                self.details_intro.setText(self.tr(
                    "Enter the relay's base URL (usually ending in /v1) and its key, if it "
                    "needs one."))
        self.key_input.setPlaceholderText("sk-…" if kind == OPENAI else self.tr("optional"))

    def _next(self) -> None:
        if self.pages.currentIndex() == 0:
            self._go(1)
            (self.key_input if self.choice() == OPENAI else
             self.base_url_input if self.choice() == RELAY else self.server_picker).setFocus()
        else:
            self.finish()

    def _skip(self) -> None:
        mark_welcome_done(self._settings)  # the Profiles… dialog remains for later
        self.reject()

    # ------------------------------------------------------------------ scanning
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._scanned:
            self._scanned = True
            self._find_keys()
            self._scan_servers()

    @async_slot()
    async def _find_keys(self) -> None:
        self._found_keys = await asyncio.to_thread(find_keys)
        layout = self.import_row.layout()
        assert layout is not None  # built with one in _build
        for found in self._found_keys[:3]:
            where = ("OPENAI_API_KEY" if found.source == "environment" else found.source)
            text = self.tr("Use the key ending %1 from %2").replace(
                "%1", found.masked).replace("%2", where)
            button = self._button("welcomeImportKeyButton", text)
            button.clicked.connect(lambda _c=False, k=found.key: self.key_input.setText(k))
            layout.addWidget(button)
        if self._found_keys:
            self.found_label.setText(self.tr("Found an API key ending %1 in %2; you can "
                                             "import it in the next step.")
                                     .replace("%1", self._found_keys[0].masked)
                                     .replace("%2", "OPENAI_API_KEY"
                                              if self._found_keys[0].source == "environment"
                                              else self._found_keys[0].source))
        if self.pages.currentIndex() == 1:
            self._show_fields(self.choice())

    @async_slot()
    async def _scan_servers(self) -> None:
        from playground.api.local_probe import find_local_servers

        self._scanned = True
        self.rescan_button.setEnabled(False)
        self.server_picker.clear()
        self.server_picker.setPlaceholderText(self.tr("Searching…"))
        try:
            self._servers = await find_local_servers(self._probe_ports)
        finally:
            self.rescan_button.setEnabled(True)
        self.server_picker.setPlaceholderText(self.tr("No server found on this computer"))
        for server in self._servers:
            self.server_picker.addItem(
                self.tr("%1 — port %2 (%3)").replace("%1", self._product(server))
                .replace("%2", str(server.port))
                .replace("%3", self.tr("%n model(s)", "", len(server.models))))
        # With a placeholder set, QComboBox leaves nothing selected after addItem.
        self.server_picker.setCurrentIndex(0 if self._servers else -1)
        self._server_chosen()
        if self._servers and self.choice() != LOCAL:
            names = ", ".join(self._product(s) for s in self._servers)
            self.found_label.setText((self.found_label.text() + "<br>" if
                                      self.found_label.text() else "") +
                                     self.tr("Found on this computer: %1.").replace("%1", names))

    def _server_chosen(self, _index: int = 0) -> None:
        self.model_picker.clear()
        index = self.server_picker.currentIndex()
        if 0 <= index < len(self._servers):
            server = self._servers[index]
            self.model_picker.addItems(list(server.models))
            self._suggest_name(self._product(server).split(" / ")[0])

    def _suggest_name(self, name: str) -> None:
        """Fill in a name unless the user typed their own."""
        if self.name_input.text().strip() in ("", self._suggested_name):
            self.name_input.setText(name)
            self._suggested_name = name

    def _product(self, server: LocalServer) -> str:
        return server.product or self.tr("Local server")

    # ------------------------------------------------------------------ result
    def _set_status(self, text: str, ok: bool | None = None) -> None:
        self.status.setText(("" if ok is None else "✓ " if ok else "✗ ") + text)

    def _clear_status(self) -> None:
        self.status.setText("")
        self.session_button.setVisible(False)

    def profile(self) -> Profile | None:
        """The profile the form describes, or None (with the reason shown) when incomplete."""
        kind = self.choice()
        if kind == LOCAL:
            index = self.server_picker.currentIndex()
            if not 0 <= index < len(self._servers):
                self._set_status(self.tr("No local server is selected. Start one and press "
                                         "Search again, or go back and choose a relay URL."),
                                 False)
                return None
            base_url = self._servers[index].base_url
        elif kind == RELAY:
            base_url = self.base_url_input.text().strip()
        else:
            base_url = DEFAULT_BASE_URL
        return Profile(name=self.name_input.text().strip(), base_url=base_url,
                       proxy=self.proxy_input.text().strip())

    def _key(self) -> str | None:
        """The typed key, "" when none; None (with the reason shown) when it is unusable."""
        key = self.key_input.text().strip() if self.choice() != LOCAL else ""
        if self.choice() == OPENAI and not key:
            self._set_status(self.tr("Paste your API key first."), False)
            return None
        if any(ch.isspace() for ch in key):
            self._set_status(self.tr("The key contains spaces or line breaks; paste it "
                                     "again."), False)
            return None
        return key

    def _problems(self, profile: Profile) -> bool:
        from playground.storage.profiles import validate_profile

        problems = validate_profile(profile)
        if problems:
            self._set_status(" ".join(self._explain(p.field, p.message, profile)
                                      for p in problems), False)
        return bool(problems)

    def _explain(self, field: str, message: str, profile: Profile) -> str:
        """The storage layer's message, in the interface language for the fields here."""
        if field == "name":
            return self.tr("The profile needs a name of at most 64 characters.")
        if field == "base_url":
            return self.tr("The base URL “%1” must start with http:// or https:// and name a "
                           "server, e.g. https://api.openai.com/v1 or http://localhost:11434/v1."
                           ).replace("%1", profile.base_url)
        if field == "proxy":
            return self.tr("The proxy “%1” must be a URL starting with http://, https://, "
                           "socks5:// or socks5h://, e.g. socks5://127.0.0.1:1080."
                           ).replace("%1", profile.proxy)
        return message

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for button in (self.test_button, self.next_button, self.back_button,
                       self.session_button):
            button.setEnabled(not busy)

    @async_slot()
    async def test_connection(self) -> None:
        profile = self.profile()
        key = self._key() if profile else None
        if self._busy or profile is None or key is None or self._problems(profile):
            return
        from playground.api import catalog
        from playground.services import build_client

        self._set_busy(True)
        self._set_status(self.tr("Testing…"))
        try:
            client = await build_client(dataclasses.replace(profile, max_retries=0), key)
            try:
                await asyncio.wait_for(catalog.check_key(client), TEST_TIMEOUT)
            finally:
                await client.aclose()
            self._set_status(self.tr("Connected to %1.").replace("%1", profile.base_url), True)
        except ApiFailure as failure:
            self._set_status(self.tr("The test failed: %1").replace("%1", failure.message),
                             False)
        except TimeoutError:
            self._set_status(self.tr("The server did not answer within 30 s."), False)
        finally:
            self._set_busy(False)

    @async_slot()
    async def finish(self) -> None:
        profile = self.profile()
        key = self._key() if profile else None
        if self._busy or profile is None or key is None or self._problems(profile):
            return
        self._set_busy(True)
        try:
            if key:
                self._set_status(self.tr("Saving the key to the keyring…"))
                try:
                    await self._secrets.set(profile.name, key)
                except SecretsUnavailable as exc:
                    self._set_status(self.tr(
                        "The key could not be saved: %1 %2 You can use it for this session "
                        "only; it will not be written anywhere.")
                        .replace("%1", exc.message).replace("%2", exc.hint), False)
                    self.session_button.setVisible(True)
                    return
            self._save(profile)
        finally:
            self._set_busy(False)

    def _use_for_session(self) -> None:
        profile = self.profile()
        key = self._key() if profile else None
        if profile is None or not key or self._problems(profile):
            return
        self.sessionKeyChosen.emit(profile.name, key)  # before profileReady: the key is there
        self._save(profile)

    def _save(self, profile: Profile) -> None:
        first = needs_welcome(self._settings)
        try:
            saved = self._store.save(profile)
        except InvalidProfile as exc:
            self._set_status(str(exc), False)
            return
        if first and saved.name != Profile().name:
            # The store stood in a default "OpenAI" profile while none was saved; it has no
            # key and the user chose something else, so it would only be clutter.
            self._store.delete(Profile().name)
        self._store.set_active(saved.name)
        model = self.model_picker.currentText().strip()
        if self.choice() == LOCAL and model:
            self._settings.put(prefs.CHAT_MODEL, model)
        mark_welcome_done(self._settings)
        self.profileReady.emit(saved.name)
        self.accept()
