"""The profile picker of a tab that may use its own server: "Window's profile" or a name."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QWidget

from playground.services.tab_profile import TabProfile

if TYPE_CHECKING:
    from playground.services.container import Services
    from playground.settings import Setting


class TabProfilePicker(QComboBox):
    """Choosing stores the tab's setting and hands the tab the services to use from now on."""

    def __init__(self, name: str, services: Services, setting: Setting[str],
                 on_change: Callable[[Services], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(self.tr("Profile of this tab"))
        self.setToolTip(self.tr("The server and key this tab uses; the window's profile "
                                "unless you choose another"))
        self._settings = services.settings
        self._setting = setting
        self._on_change = on_change
        self.tab_profile = TabProfile(services, self._settings.value(setting))
        self.refresh()
        self.currentIndexChanged.connect(self._chosen)

    def refresh(self) -> None:
        """Profiles were added, renamed or removed, or the window switched profile."""
        profiles = self.tab_profile.services.profiles
        self.blockSignals(True)
        self.clear()
        self.addItem(self.tr("Window's profile (%1)").replace("%1", profiles.active_name()),
                     "")
        for name in profiles.names():
            self.addItem(name, name)
        self.setCurrentIndex(max(0, self.findData(self.tab_profile.chosen)))
        self.blockSignals(False)
        if self.currentData() != self.tab_profile.chosen:  # its profile was deleted
            self._chosen()

    def _chosen(self, _index: int = 0) -> None:
        name = str(self.currentData() or "")
        self._settings.put(self._setting, name)
        self._on_change(self.tab_profile.choose(name))
