"""Translations: every user-visible string in ui/ is wrapped, every zh_CN entry is finished and
keeps its placeholders, the .ts/.qm follow the code, and the window really speaks Chinese."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from playground.i18n import CATALOG, install_translator, resolve_language, translations_dir

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "playground" / "ui"
TS = translations_dir() / f"{CATALOG}_zh_CN.ts"

# Calls whose string arguments reach the screen (constructors and setters).
USER_TEXT_CALLS = {
    "QLabel", "QPushButton", "QToolButton", "QCheckBox", "QRadioButton", "QGroupBox",
    "QAction", "QMenu", "QToolBar", "QMessageBox", "QCommandLinkButton",
    "setText", "setToolTip", "setPlaceholderText", "setWindowTitle", "setAccessibleName",
    "setAccessibleDescription", "setStatusTip", "setWhatsThis", "setTitle", "showMessage",
    "addItem", "addItems", "insertItem", "addTab", "insertTab", "setTabText",
    "setTabToolTip", "setItemText", "setSpecialValueText", "setSuffix", "setPrefix",
    "setHeaderLabels", "setHorizontalHeaderLabels", "setLabelText", "addRow", "addAction",
    "addMenu", "setInformativeText", "setDetailedText", "information", "warning",
    "critical", "question", "getOpenFileName", "getSaveFileName", "getExistingDirectory",
    "setNameFilter", "setNameFilters", "setFormat", "setWindowIconText",
}
# Literals that are not language: key and URL examples, units and codes shown as is.
NOT_LANGUAGE = {"sk-…", "https://example.com/v1", "px", "Hz", "ms", "%p%", "OK"}
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)
_PLACEHOLDER = re.compile(r"%\d+|\{\w*\}")


def _ui_files() -> list[Path]:
    return sorted(UI.rglob("*.py"))


def _translated_sources() -> list[Path]:
    """What scripts/update-translations.sh gives lupdate: the UI and the sessions."""
    return sorted([*UI.rglob("*.py"), *(ROOT / "playground" / "services").rglob("*.py")])


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _literal_texts(node: ast.AST) -> Iterator[ast.AST]:
    """String literals (and f-strings) that are themselves the argument, or list elements."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node
    elif isinstance(node, ast.JoinedStr):
        yield node
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        yield from _literal_texts(node.left)
        yield from _literal_texts(node.right)
    elif isinstance(node, ast.List | ast.Tuple):
        for element in node.elts:
            yield from _literal_texts(element)


def _is_language(node: ast.AST) -> bool:
    if isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values
                       if isinstance(v, ast.Constant) and isinstance(v.value, str))
    else:
        assert isinstance(node, ast.Constant)
        text = node.value
    if text.strip() in NOT_LANGUAGE:
        return False
    # "%1 × %2", "↺", "—", "…", "<b>%1</b>": no words, nothing to translate.
    words = _PLACEHOLDER.sub("", re.sub(r"<[^>]+>", "", text))
    return len(_LETTERS.findall(words)) >= 2


def _shown_arguments(name: str, node: ast.Call) -> list[ast.expr]:
    """The arguments that are displayed: a combo item's user data is not."""
    args = list(node.args)
    if name == "addItem":  # (text, data) or (icon, text, data)
        return args[1:2] if len(args) == 3 else args[:1]
    if name == "insertItem":  # (index, text, data) or (index, icon, text, data)
        return args[2:3] if len(args) == 4 else args[1:2]
    return [*args, *(k.value for k in node.keywords)]


def unwrapped_strings() -> list[str]:
    problems = []
    for path in _ui_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _call_name(node)
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if name in ("tr", "translate", "_tr", "QT_TRANSLATE_NOOP"):
                text = node.args[-1] if node.args else None
                if isinstance(text, ast.JoinedStr | ast.BinOp):
                    problems.append(f"{where}: {name}() of an f-string or concatenation "
                                    "cannot be extracted; use %1 and .replace()")
                continue
            if name not in USER_TEXT_CALLS:
                continue
            args = _shown_arguments(name, node)
            for arg in args:
                for literal in _literal_texts(arg):
                    if _is_language(literal):
                        shown = ast.unparse(literal)[:60]
                        problems.append(f"{where}: {name}({shown}) is not wrapped in tr()")
    return problems


def test_every_user_visible_string_in_ui_is_wrapped() -> None:
    problems = unwrapped_strings()
    assert not problems, "\n".join(problems)


def test_the_check_finds_an_unwrapped_string(tmp_path: Path, monkeypatch: Any) -> None:
    sample = tmp_path / "ui"
    sample.mkdir()
    (sample / "w.py").write_text(
        "def f(self, b):\n"
        "    b.setText('Send now')\n"
        "    b.setToolTip(self.tr('Wrapped'))\n"
        "    b.setText('↺')\n"
        "    b.addItems(['one', self.tr('two')])\n"
        "    self.tr(f'Hello {b}')\n")
    monkeypatch.setattr(sys.modules[__name__], "UI", sample)
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert [p.split(":")[1] for p in unwrapped_strings()] == ["2", "5", "6"]


# ---- the .ts file -----------------------------------------------------------------------
def _messages(path: Path = TS) -> list[tuple[str, ET.Element]]:
    root = ET.parse(path).getroot()
    return [(context.findtext("name", ""), message)
            for context in root.iter("context") for message in context.iter("message")]


def _translations(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    forms = translation.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [translation.text or ""]


def test_every_chinese_entry_is_finished_and_keeps_its_placeholders() -> None:
    problems = []
    messages = _messages()
    assert len(messages) > 100
    for context, message in messages:
        source = message.findtext("source", "")
        translation = message.find("translation")
        assert translation is not None
        state = translation.get("type")
        if state in ("unfinished", "vanished", "obsolete"):
            problems.append(f"{context}: {source!r} is {state}")
            continue
        for text in _translations(message):
            if not text.strip():
                problems.append(f"{context}: {source!r} has an empty translation")
            elif sorted(_PLACEHOLDER.findall(text)) != sorted(_PLACEHOLDER.findall(source)):
                problems.append(f"{context}: {source!r} → {text!r} changes the placeholders")
            elif source.count("<a ") != text.count("<a "):
                problems.append(f"{context}: {source!r} → {text!r} loses a link")
    assert not problems, "\n".join(problems)


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} is missing: it ships with PySide6-Essentials")
    return found


CATALOGS = {"zh_CN": [], "en": ["-pluralonly"]}  # language -> extra lupdate options


@pytest.mark.parametrize("language", CATALOGS)
def test_ts_lists_every_string_in_the_code(language: str, tmp_path: Path) -> None:
    """Running lupdate again would change nothing: no string is missing or stale."""
    ts = translations_dir() / f"{CATALOG}_{language}.ts"
    copy = tmp_path / ts.name
    shutil.copy(ts, copy)
    sources = [str(p) for p in _translated_sources()]
    subprocess.run([_tool("pyside6-lupdate"), *sources, "-ts", str(copy), "-no-obsolete",
                    "-locations", "none", "-target-language", language, "-silent",
                    *CATALOGS[language]], check=True, capture_output=True)

    def keys(path: Path) -> set[tuple[str, str]]:
        return {(c, m.findtext("source", "")) for c, m in _messages(path)}

    missing = keys(copy) - keys(ts)
    stale = keys(ts) - keys(copy)
    hint = "run scripts/update-translations.sh and translate the new entries"
    assert not missing, f"not in the .ts ({hint}): {sorted(missing)[:20]}"
    assert not stale, f"no longer in the code ({hint}): {sorted(stale)[:20]}"


@pytest.mark.parametrize("language", CATALOGS)
def test_qm_is_compiled_from_the_current_ts(language: str, tmp_path: Path) -> None:
    ts = translations_dir() / f"{CATALOG}_{language}.ts"
    qm = ts.with_suffix(".qm")
    compiled = tmp_path / "out.qm"
    subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(compiled)],
                   check=True, capture_output=True)
    assert qm.exists() and compiled.read_bytes() == qm.read_bytes(), (
        "the committed .qm lags its .ts: run scripts/update-translations.sh")


def test_strings_lupdate_cannot_see_are_listed_for_it() -> None:
    """Setting descriptions and literals passed to translate wrappers (failures._tr)."""
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "lupdate_strings.py"),
                             "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    from playground.ui.lupdate_strings import STRINGS

    assert "Colour theme" in STRINGS  # a setting description
    assert "Rate limited (429): too many requests or tokens per minute." in STRINGS


# ---- choosing the language --------------------------------------------------------------
@pytest.mark.parametrize(("choice", "system", "expected"), [
    ("zh_CN", ["en-US"], "zh_CN"),
    ("en", ["zh-CN"], "en"),
    ("system", ["zh-Hans-CN", "en-US"], "zh_CN"),
    ("system", ["zh_CN"], "zh_CN"),
    ("system", ["zh-SG"], "zh_CN"),
    ("system", ["zh-Hant-TW", "en-US"], "en"),
    ("system", ["zh-HK"], "en"),
    ("system", ["fr-FR", "zh-CN"], "zh_CN"),
    ("system", ["fr-FR"], "en"),
    ("system", [], "en"),
])
def test_resolve_language(choice: str, system: list[str], expected: str) -> None:
    assert resolve_language(choice, system) == expected


@pytest.fixture
def chinese(qapp: Any) -> Iterator[str]:
    from PySide6.QtCore import QLocale, QTranslator

    from playground.settings import LANGUAGE, Settings

    settings = Settings()
    settings.put(LANGUAGE, "zh_CN")
    locale = QLocale()
    language = install_translator(qapp, settings)
    yield language
    for translator in qapp.findChildren(QTranslator):
        qapp.removeTranslator(translator)
        translator.deleteLater()
    QLocale.setDefault(locale)


def test_main_window_in_chinese(chinese: str, qtbot: Any) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from playground.settings import Settings
    from playground.ui.main_window import MainWindow

    assert chinese == "zh_CN"
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert tabs == ["聊天", "图像", "语音", "转录", "语音对话"]
    # Qt's own strings come from qtbase_zh_CN.qm.
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("GalleryPanel", "%n image(s)", "", 3) == "3 张图像"


def test_english_loads_only_its_plural_forms(qapp: Any) -> None:
    from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

    from playground.settings import LANGUAGE, Settings

    settings = Settings()
    settings.put(LANGUAGE, "en")
    locale = QLocale()
    before = set(qapp.findChildren(QTranslator))
    try:
        assert install_translator(qapp, settings) == "en"
        added = set(qapp.findChildren(QTranslator)) - before
        assert len(added) == 1  # the app's plural catalog; Qt's strings are English already
        assert QCoreApplication.translate("GalleryPanel", "%n image(s)", "", 1) == "1 image"
        assert QCoreApplication.translate("GalleryPanel", "%n image(s)", "", 3) == "3 images"
    finally:
        for translator in set(qapp.findChildren(QTranslator)) - before:
            qapp.removeTranslator(translator)
            translator.deleteLater()
        QLocale.setDefault(locale)


def test_english_plural_forms_are_finished() -> None:
    messages = _messages(translations_dir() / f"{CATALOG}_en.ts")
    assert messages and all(m.get("numerus") == "yes" for _c, m in messages)
    for context, message in messages:
        forms = _translations(message)
        assert len(forms) == 2 and all("%n" in f for f in forms), (context, forms)
        assert message.find("translation").get("type") is None, context  # type: ignore[union-attr]
