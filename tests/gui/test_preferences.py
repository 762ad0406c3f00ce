"""The preferences dialog is generated from the declared settings and writes them back."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import pytest
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QLineEdit,
    QSpinBox,
)

import playground.ui
from playground import settings as prefs
from playground.settings import Settings, all_settings, declare
from playground.ui.preferences import PreferencesDialog, editor_name

# Declared here, as any module would: the dialog must pick these up with no change to it.
TEST_FLAG = declare("zz_test/flag", bool, False, "A test flag")
TEST_COUNT = declare("zz_test/count", int, 3, "A test count", minimum=1, maximum=9)
TEST_RATIO = declare("zz_test/ratio", float, 0.5, "A test ratio", minimum=0.0, maximum=1.0)
TEST_TEXT = declare("zz_test/text", str, "abc", "A test text")
TEST_HIDDEN = declare("zz_test/hidden", str, "", "Not shown", user_visible=False)


@pytest.fixture(scope="module", autouse=True)
def every_declaring_module() -> None:
    for info in pkgutil.walk_packages(playground.ui.__path__, "playground.ui."):
        importlib.import_module(info.name)


@pytest.fixture
def dialog(qtbot: Any) -> PreferencesDialog:
    view = PreferencesDialog(Settings())
    qtbot.addWidget(view)
    view.open()
    return view


def test_every_visible_setting_has_an_editor_of_its_kind(dialog: PreferencesDialog) -> None:
    visible = [s for s in all_settings() if s.user_visible]
    assert set(dialog.editors) == {s.name for s in visible}
    assert TEST_HIDDEN.name not in dialog.editors
    kinds = {TEST_FLAG.name: QCheckBox, TEST_COUNT.name: QSpinBox,
             TEST_RATIO.name: QDoubleSpinBox, TEST_TEXT.name: QLineEdit,
             prefs.THEME.name: QComboBox, prefs.LANGUAGE.name: QComboBox}
    for name, kind in kinds.items():
        editor = dialog.findChild(kind, editor_name(next(s for s in visible if s.name == name)))
        assert editor is dialog.editors[name], name
        assert editor.accessibleName()
    count = dialog.editors[TEST_COUNT.name]
    assert isinstance(count, QSpinBox)
    assert (count.minimum(), count.maximum()) == (1, 9)
    group = dialog.findChild(QGroupBox, "prefGroup_zz_test")
    assert group is not None and group.isAncestorOf(count)


def test_values_round_trip_through_ok(dialog: PreferencesDialog, qtbot: Any) -> None:
    editors = dialog.editors
    editors[TEST_FLAG.name].setChecked(True)  # type: ignore[attr-defined]
    editors[TEST_COUNT.name].setValue(42)  # type: ignore[attr-defined]  # clamped to 9
    editors[TEST_RATIO.name].setValue(0.25)  # type: ignore[attr-defined]
    editors[TEST_TEXT.name].setText("  xyz ")  # type: ignore[attr-defined]
    with qtbot.waitSignal(dialog.settingsChanged) as changed:
        dialog.ok_button.click()
    assert set(changed.args[0]) == {TEST_FLAG.name, TEST_COUNT.name, TEST_RATIO.name,
                                    TEST_TEXT.name}
    fresh = Settings()
    assert (fresh.value(TEST_FLAG), fresh.value(TEST_COUNT), fresh.value(TEST_RATIO),
            fresh.value(TEST_TEXT)) == (True, 9, 0.25, "xyz")
    again = PreferencesDialog(fresh)
    qtbot.addWidget(again)
    assert again.value(TEST_COUNT.name) == 9 and again.value(TEST_TEXT.name) == "xyz"


def test_cancel_writes_nothing(dialog: PreferencesDialog) -> None:
    dialog.editors[TEST_TEXT.name].setText("changed")  # type: ignore[attr-defined]
    dialog.cancel_button.click()
    assert Settings().value(TEST_TEXT) == "abc"


def test_reset_to_defaults(qtbot: Any) -> None:
    settings = Settings()
    settings.put(TEST_COUNT, 7)
    settings.put(prefs.THEME, "dark")
    view = PreferencesDialog(settings)
    qtbot.addWidget(view)
    assert view.value(TEST_COUNT.name) == 7 and view.value(prefs.THEME.name) == "dark"
    view.defaults_button.click()
    assert view.value(TEST_COUNT.name) == 3 and view.value(prefs.THEME.name) == "system"
    assert settings.value(TEST_COUNT) == 7  # only on OK
    view.ok_button.click()
    assert settings.value(TEST_COUNT) == 3


def test_theme_applies_at_once_and_language_after_restart(dialog: PreferencesDialog,
                                                          qapp: Any) -> None:
    theme = dialog.editors[prefs.THEME.name]
    language = dialog.editors[prefs.LANGUAGE.name]
    assert isinstance(theme, QComboBox) and isinstance(language, QComboBox)
    assert [theme.itemText(i) for i in range(theme.count())] == [
        "Follow the system", "Light", "Dark"]
    assert [language.itemText(i) for i in range(language.count())] == [
        "Follow the system", "English", "简体中文"]
    assert not dialog.restart_note.isVisibleTo(dialog)
    language.setCurrentIndex(language.findData("zh_CN"))
    assert dialog.restart_note.isVisibleTo(dialog)
    theme.setCurrentIndex(theme.findData("dark"))
    try:
        dialog.ok_button.click()
        assert Settings().value(prefs.LANGUAGE) == "zh_CN"
        assert qapp.palette().window().color().lightness() < 128
        assert qapp.palette().windowText().color().lightness() > 128
    finally:
        settings = Settings()
        settings.put(prefs.THEME, "system")
        from playground.ui.theme import apply_theme
        from playground.ui.theme_palette import apply_palette

        apply_theme(qapp, settings)
        apply_palette(qapp, "system")
        assert qapp.palette().window().color().lightness() > 128


def _contrast(a: Any, b: Any) -> float:
    def luminance(colour: Any) -> float:
        def channel(c: float) -> float:
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
                + 0.0722 * channel(colour.blueF()))
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_dark_palette_text_is_readable() -> None:
    from PySide6.QtGui import QPalette

    from playground.ui.theme_palette import dark_palette

    palette = dark_palette()
    role = QPalette.ColorRole
    pairs = [(role.Text, role.Base), (role.WindowText, role.Window),
             (role.ButtonText, role.Button), (role.HighlightedText, role.Highlight),
             (role.ToolTipText, role.ToolTipBase), (role.Link, role.Base)]
    for fg, bg in pairs:
        assert _contrast(palette.color(fg), palette.color(bg)) >= 4.5, (fg, bg)
    assert _contrast(palette.color(role.PlaceholderText), palette.color(role.Base)) >= 3
    disabled = palette.color(QPalette.ColorGroup.Disabled, role.Text)
    assert _contrast(disabled, palette.color(role.Base)) >= 2.5  # visible, yet clearly off


_NEXT_START = """
import json
from PySide6.QtCore import QCoreApplication
from playground import APP_ID
from playground import settings as prefs
from playground.settings import Settings
QCoreApplication.setApplicationName(APP_ID)
QCoreApplication.setOrganizationName(APP_ID)
s = Settings()
print(json.dumps([s.value(prefs.LANGUAGE), s.value(prefs.THEME), s.value(prefs.WELCOME_DONE)]))
"""


def test_language_and_theme_survive_a_restart(dialog: PreferencesDialog, qtbot: Any,
                                              isolated_home: Any) -> None:
    """A new process reads the ini file from disk (QSettings keeps a per-process cache), so
    the "general" group's round trip through `[%General]` is only visible there."""
    import json
    import subprocess
    import sys

    language = dialog.editors[prefs.LANGUAGE.name]
    theme = dialog.editors[prefs.THEME.name]
    assert isinstance(language, QComboBox) and isinstance(theme, QComboBox)
    language.setCurrentIndex(language.findData("zh_CN"))
    theme.setCurrentIndex(theme.findData("dark"))
    Settings().put(prefs.WELCOME_DONE, True)
    dialog.ok_button.click()
    env = {**__import__("os").environ, "XDG_CONFIG_HOME": str(isolated_home / "config")}
    out = subprocess.run([sys.executable, "-c", _NEXT_START], env=env, capture_output=True,
                         text=True, timeout=60, check=True).stdout
    assert json.loads(out) == ["zh_CN", "dark", True]
    # ... and the dialog of that next start shows them.
    fresh = PreferencesDialog(Settings())
    qtbot.addWidget(fresh)
    assert fresh.value(prefs.LANGUAGE.name) == "zh_CN"
    assert fresh.value(prefs.THEME.name) == "dark"


@pytest.mark.parametrize(("setting", "direction"), [
    (prefs.SPEECH_OUTPUT_DEVICE, "output"), (prefs.TRANSCRIPTION_OUTPUT_DEVICE, "output"),
    (prefs.TRANSCRIPTION_INPUT_DEVICE, "input")])
def test_audio_devices_are_picked_from_a_list(qtbot: Any, setting: Any, direction: Any) -> None:
    from playground.audio.devices import list_devices
    from playground.audio.errors import AudioError

    Settings().put(setting, "Headphones that are unplugged")
    view = PreferencesDialog(Settings())
    qtbot.addWidget(view)
    picker = view.editors[setting.name]
    assert isinstance(picker, QComboBox) and not picker.isEditable()
    assert picker.itemData(0) == prefs.SYSTEM_DEVICE
    # The remembered device is shown (marked) at once, before the list arrives.
    assert "(not connected)" in picker.currentText()
    assert view.value(setting.name) == "Headphones that are unplugged"
    try:
        names = [d.name for d in list_devices(direction)]
    except AudioError:
        names = []
    qtbot.waitUntil(lambda: view.devices_listed, timeout=10_000)
    assert [picker.itemData(i) for i in range(1, 1 + len(names))] == names
    assert view.value(setting.name) == "Headphones that are unplugged"
    picker.setCurrentIndex(0)
    view.ok_button.click()
    assert Settings().value(setting) == prefs.SYSTEM_DEVICE
