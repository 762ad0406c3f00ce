# mypy: disable-error-code="misc"
# (a mixin typed by `self: MainWindow`: mypy cannot see MainWindow derives from it)
"""The main window's dialogs: each opens once (a second click raises nothing new), with
`open()` — never `exec()` under qasync — and is forgotten when it closes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QWidget

from playground.api.environment import ENV_KEY, key_from_environment
from playground.settings import CHAT_MODEL
from playground.ui.async_slot import async_slot

if TYPE_CHECKING:
    from playground.ui.main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)  # the window's catalog context


class WindowDialogs:
    """Mixed into MainWindow (whose state it uses: services, settings, profiles, chat)."""

    _dialogs: dict[str, QWidget]

    def _single(self: MainWindow, name: str, make: Callable[[], QWidget]) -> QWidget | None:
        """Build and open the dialog `name` unless it is open already."""
        if name in self._dialogs:
            return None
        dialog = make()
        self._dialogs[name] = dialog
        if isinstance(dialog, QDialog):
            dialog.finished.connect(lambda _r: self._dialogs.pop(name, None))
            dialog.open()
        return dialog

    def open_key_dialog(self: MainWindow, reason: str = "") -> None:
        if self.services is None:
            return
        from playground.ui.key_dialog import KeyDialog

        services = self.services
        if key_from_environment():
            reason = (reason + " " if reason else "") + _tr(
                "Note: %1 is set in the environment and overrides the stored key."
            ).replace("%1", ENV_KEY)

        def make() -> QWidget:
            dialog = KeyDialog(self.active_profile(), services.secrets, self, reason=reason)
            dialog.keySaved.connect(self._key_changed)
            dialog.sessionKeyChosen.connect(self._session_key)
            return dialog

        self._single("key", make)

    @async_slot(str, str)
    async def _key_changed(self: MainWindow, profile: str, _key: str) -> None:
        assert self.services is not None
        self.services.api.session_keys.pop(profile, None)
        await self.services.api.invalidate()
        self.show_status(_tr("Key saved to the system keyring."))
        for tab in self.tabs_by_name.values():
            await tab.on_profile_changed()

    @async_slot(str, str)
    async def _session_key(self: MainWindow, profile: str, key: str) -> None:
        assert self.services is not None
        self.services.api.session_keys[profile] = key
        await self.services.api.invalidate()
        self.show_status(_tr("Key kept for this session only; it is not saved."))
        for tab in self.tabs_by_name.values():
            await tab.on_profile_changed()

    def open_profile_dialog(self: MainWindow) -> None:
        if self.services is None:
            return
        from playground.ui.profile_dialog import ProfileDialog

        services = self.services

        def make() -> QWidget:
            dialog = ProfileDialog(self.profiles, services.secrets, self)
            dialog.profilesChanged.connect(self._profiles_changed)
            return dialog

        self._single("profiles", make)

    @async_slot()
    async def _profiles_changed(self: MainWindow) -> None:
        self._fill_profiles()
        await self._profile_switched()

    def open_usage_window(self: MainWindow) -> None:
        """A window, not a dialog: it stays (hidden when closed) and comes back on top."""
        if self.services is None:
            return
        from playground.ui.usage_window import UsageWindow

        window = self._dialogs.get("usage")
        if window is None:
            window = self._dialogs["usage"] = UsageWindow(self.services.usage, self)
        window.show()
        window.raise_()

    def open_budget_dialog(self: MainWindow) -> None:
        if self.services is None:
            return
        from playground.storage.paths import StorageUnavailable, config_dir
        from playground.ui.budget_dialog import BudgetDialog

        usage = self.services.usage
        try:
            pricing = config_dir() / "pricing.toml"  # the user's own prices, opened from there
        except StorageUnavailable:
            pricing = Path.home() / "pricing.toml"
        self._single("budget", lambda: BudgetDialog(usage, self.profiles.names(), pricing,
                                                    self))

    def open_preferences(self: MainWindow) -> None:
        from playground.ui.preferences import PreferencesDialog

        def make() -> QWidget:
            dialog = PreferencesDialog(self.settings, self)
            dialog.settingsChanged.connect(lambda _names: self._apply_settings())
            return dialog

        self._single("preferences", make)

    def open_welcome(self: MainWindow) -> None:
        """First run: set up the first profile (a key, a relay, or a local server)."""
        if self.services is None:
            return
        from playground.ui.welcome import WelcomeDialog

        services = self.services

        def make() -> QWidget:
            dialog = WelcomeDialog(self.settings, services.secrets, self,
                                   profiles=services.profiles)
            dialog.sessionKeyChosen.connect(
                lambda profile, key: services.api.session_keys.__setitem__(profile, key))
            dialog.profileReady.connect(self._profiles_changed)
            # The welcome may pick a local server's model for the chat.
            dialog.profileReady.connect(lambda _name: self.chat.params.model_picker.setEditText(
                self.settings.value(CHAT_MODEL)))
            return dialog

        self._single("welcome", make)

    def is_open(self: MainWindow, name: str) -> bool:
        """Whether the dialog `name` (key, profiles, budget, preferences, welcome) is open."""
        return name in self._dialogs

    def close_dialogs(self: MainWindow) -> None:
        for dialog in list(self._dialogs.values()):
            dialog.close()
