# mypy: disable-error-code="misc"
# (a mixin typed by `self: MainWindow`: mypy cannot see MainWindow derives from it)
"""The main window's chrome: the toolbar (profile picker, key, usage, budgets, preferences and
the tool windows) and the keyboard shortcuts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QLabel, QToolBar

from playground.model.types import Profile

if TYPE_CHECKING:
    from playground.ui.main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)  # the window's catalog context


class WindowChrome:
    """Mixed into MainWindow (whose profiles, tabs and dialogs it uses)."""

    def _build_toolbar(self: MainWindow) -> None:
        bar = QToolBar(_tr("Main"))
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        self.addToolBar(bar)
        label = QLabel(_tr("Profile:"))
        self.profile_picker = QComboBox()
        self.profile_picker.setObjectName("profilePicker")
        self.profile_picker.setAccessibleName(_tr("Profile"))
        self.profile_picker.setToolTip(_tr("Which server and key requests use"))
        self.profile_picker.setMinimumContentsLength(14)
        label.setBuddy(self.profile_picker)
        bar.addWidget(label)
        bar.addWidget(self.profile_picker)
        self._fill_profiles()
        self.profile_picker.currentTextChanged.connect(self._switch_profile)

        def action(name: str, text: str, slot: Any) -> QAction:
            act = QAction(text, self)
            act.setObjectName(name)
            act.triggered.connect(slot)
            bar.addAction(act)
            button = bar.widgetForAction(act)
            button.setObjectName(name.replace("Action", "Button"))
            button.setAccessibleName(text.replace("&&", "&").rstrip("…"))
            return act

        self.edit_profiles_action = action("editProfilesAction", _tr("Profiles…"),
                                           self.open_profile_dialog)
        self.key_action = action("apiKeyAction", _tr("API key…"),
                                 lambda: self.open_key_dialog(""))
        bar.addSeparator()
        self.usage_action = action("usageAction", _tr("Usage…"), self.open_usage_window)
        self.budget_action = action("budgetAction", _tr("Budgets && prices…"),
                                    self.open_budget_dialog)
        self.preferences_action = action("preferencesAction", _tr("Preferences…"),
                                         self.open_preferences)
        bar.addSeparator()
        self._build_tools_menu(bar)

    def _fill_profiles(self: MainWindow) -> None:
        self.profile_picker.blockSignals(True)
        self.profile_picker.clear()
        self.profile_picker.addItems(self.profiles.names())
        self.profile_picker.setCurrentText(self.profiles.active_name())
        self.profile_picker.blockSignals(False)

    def active_profile(self: MainWindow) -> Profile:
        return self.profiles.active()

    def _install_shortcuts(self: MainWindow) -> None:
        def shortcut(keys: QKeySequence, slot: Any) -> None:
            QShortcut(keys, self).activated.connect(slot)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut(QKeySequence(keys), self._primary_action)
        shortcut(QKeySequence(Qt.Key.Key_Escape), self._stop_action)
        for index in range(5):
            shortcut(QKeySequence(f"Ctrl+{index + 1}"),
                     lambda i=index: self.tabs.setCurrentIndex(i))
        shortcut(QKeySequence("Ctrl+N"), self._new_conversation)
        shortcut(QKeySequence(QKeySequence.StandardKey.Quit), self.close)
