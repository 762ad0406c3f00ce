"""The preferences dialog, generated from the declared settings (`playground.settings`).

One editor per user-visible setting, grouped by the name's prefix ("general/theme" goes under
General): bool → checkbox, choices → combo box, int/float → spin box within the declared
range, str → line edit. Nothing is written until OK; the theme then applies at once, the
language after a restart. Descriptions are translated through the "Settings" context,
whose entries scripts/update-translations.sh generates into lupdate_strings.py.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from playground import settings as prefs
from playground.audio.devices import Device
from playground.settings import Setting, Settings, all_settings
from playground.ui.theme import apply_theme
from playground.ui.theme_palette import apply_palette
from playground.ui.widgets.audio_device_picker import DeviceLister, fill_device_picker

# Language names are shown in their own language, whatever the interface language is.
LANGUAGE_NAMES = {"en": "English", "zh_CN": "简体中文"}
_UNBOUNDED = 1_000_000_000


def translated_description(setting: Setting) -> str:
    return QCoreApplication.translate("Settings", setting.description)


def editor_name(setting: Setting) -> str:
    """The editor's objectName: "general/theme" → "pref_general_theme"."""
    return "pref_" + setting.name.replace("/", "_")


class PreferencesDialog(QDialog):
    settingsChanged = Signal(list)  # names of the settings whose value changed on OK

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self._settings = settings
        self.editors: dict[str, QWidget] = {}
        self._declared = [s for s in all_settings() if s.user_visible]
        self.devices_listed = False  # the device pickers hold the connected devices

        body = QWidget()
        column = QVBoxLayout(body)
        for group, members in self._groups().items():
            box = QGroupBox(self._group_title(group))
            box.setObjectName(f"prefGroup_{group}")
            form = QFormLayout(box)
            # Descriptions are sentences: put long ones above their editor.
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            for setting in members:
                editor = self._editor(setting)
                self.editors[setting.name] = editor
                self._show(setting, self._settings.value(setting))
                if isinstance(editor, QCheckBox):
                    form.addRow(editor)
                else:
                    form.addRow(self.tr("%1:").replace("%1", translated_description(setting)),
                                editor)
                if setting.name == prefs.LANGUAGE.name:
                    self.restart_note = QLabel(self.tr("The new language applies after you "
                                                       "restart the app."))
                    self.restart_note.setObjectName("prefRestartNote")
                    self.restart_note.setWordWrap(True)
                    self.restart_note.setVisible(False)
                    form.addRow(self.restart_note)
                    assert isinstance(editor, QComboBox)
                    editor.currentIndexChanged.connect(self._language_edited)
            column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("preferencesScroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel
                                   | QDialogButtonBox.StandardButton.RestoreDefaults)
        buttons.setObjectName("preferencesButtons")
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("preferencesOkButton")
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("preferencesCancelButton")
        self.defaults_button = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        self.defaults_button.setObjectName("preferencesDefaultsButton")
        self.defaults_button.setText(self.tr("Reset to defaults"))
        for button in (self.ok_button, self.cancel_button, self.defaults_button):
            button.setAccessibleName(button.text().replace("&", ""))
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)

        self.ok_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.defaults_button.clicked.connect(self.reset_to_defaults)
        self.resize(640, 640)
        if any(s.editor.endswith("_device") for s in self._declared):
            # PortAudio can take a second: the pickers show the stored choice until then.
            self._lister = DeviceLister(self)
            self._lister.listed.connect(self._devices_listed)
            self._lister.start()

    # ------------------------------------------------------------------ building
    def _groups(self) -> dict[str, list[Setting]]:
        groups: dict[str, list[Setting]] = {}
        for setting in self._declared:
            groups.setdefault(setting.name.split("/", 1)[0], []).append(setting)
        return groups

    def _group_title(self, group: str) -> str:
        titles = {"general": self.tr("General"), "chat": self.tr("Chat"),
                  "images": self.tr("Images"), "speech": self.tr("Speech"),
                  "transcription": self.tr("Transcription")}
        return titles.get(group, group.replace("_", " ").capitalize())

    def _choice_label(self, setting: Setting, value: Any) -> str:
        if setting.name == prefs.LANGUAGE.name and value in LANGUAGE_NAMES:
            return LANGUAGE_NAMES[value]
        labels = {"system": self.tr("Follow the system"), "light": self.tr("Light"),
                  "dark": self.tr("Dark")}
        return labels.get(str(value), str(value))

    def _editor(self, setting: Setting) -> QWidget:
        editor: QWidget
        if setting.editor.endswith("_device"):
            picker = QComboBox()
            fill_device_picker(picker, [], self._settings.value(setting))
            editor = picker
        elif setting.type is bool:
            editor = QCheckBox(translated_description(setting))
        elif setting.choices:
            combo = QComboBox()
            for value in setting.choices:
                combo.addItem(self._choice_label(setting, value), value)
            editor = combo
        elif setting.type is int:
            spin = QSpinBox()
            spin.setRange(int(setting.minimum if setting.minimum is not None else -_UNBOUNDED),
                          int(setting.maximum if setting.maximum is not None else _UNBOUNDED))
            editor = spin
        elif setting.type is float:
            dspin = QDoubleSpinBox()
            dspin.setDecimals(2)
            dspin.setSingleStep(0.05)
            dspin.setRange(setting.minimum if setting.minimum is not None else -_UNBOUNDED,
                           setting.maximum if setting.maximum is not None else _UNBOUNDED)
            editor = dspin
        else:
            line = QLineEdit()
            line.setClearButtonEnabled(True)
            editor = line
        editor.setObjectName(editor_name(setting))
        editor.setAccessibleName(translated_description(setting))
        editor.setToolTip(setting.name)
        return editor

    def _devices_listed(self, inputs: list[Device], outputs: list[Device], error: str) -> None:
        for setting in self._declared:
            editor = self.editors.get(setting.name)
            if not setting.editor.endswith("_device") or not isinstance(editor, QComboBox):
                continue
            wanted = editor.currentData()
            fill_device_picker(editor, inputs if setting.editor == "input_device" else outputs,
                               wanted)
            editor.setToolTip(error or setting.name)
        self.devices_listed = True

    # ------------------------------------------------------------------ values
    def _show(self, setting: Setting, value: Any) -> None:
        editor = self.editors.get(setting.name)
        if editor is None:
            return
        if isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QComboBox):
            index = editor.findData(value)
            editor.setCurrentIndex(index if index >= 0 else editor.findData(setting.default))
        elif isinstance(editor, QSpinBox | QDoubleSpinBox):
            editor.setValue(value)
        elif isinstance(editor, QLineEdit):
            editor.setText(", ".join(value) if isinstance(value, list) else str(value))

    def value(self, name: str) -> Any:
        """What the editor for `name` currently holds, as the setting's type."""
        editor = self.editors[name]
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QSpinBox | QDoubleSpinBox):
            return editor.value()
        assert isinstance(editor, QLineEdit)
        text = editor.text().strip()
        setting = next(s for s in self._declared if s.name == name)
        if setting.type is list:
            return [part.strip() for part in text.split(",") if part.strip()]
        return text

    def reset_to_defaults(self) -> None:
        """Put every editor back to its default; nothing is stored until OK."""
        for setting in self._declared:
            self._show(setting, setting.default)

    def _language_edited(self) -> None:
        chosen = self.value(prefs.LANGUAGE.name)
        self.restart_note.setVisible(chosen != self._settings.value(prefs.LANGUAGE))

    def save(self) -> None:
        changed = [s.name for s in self._declared
                   if self.value(s.name) != self._settings.value(s)]
        for setting in self._declared:
            if setting.name in changed:
                self._settings.put(setting, self.value(setting.name))
        self._settings.sync()
        app = QApplication.instance()
        if prefs.THEME.name in changed and isinstance(app, QApplication):
            apply_theme(app, self._settings)
            # Idempotent; also here until apply_theme sets the palette itself.
            apply_palette(app, self._settings.value(prefs.THEME))
        self.settingsChanged.emit(changed)
        self.accept()
