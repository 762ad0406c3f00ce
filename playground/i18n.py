"""Interface language: the user's choice or the system's, loaded as compiled Qt translations.

The app's own `.qm` files live in playground/data/translations, compiled from the `.ts` sources
by scripts/update-translations.sh and committed, so a checkout and `pip install -e .` work
without Qt's tools. English's catalog holds only plural forms ("%n image(s)" → "1 image",
"2 images"). For other languages Qt's own `qtbase_<lang>.qm` is loaded too, so standard buttons and
dialogs (OK, Cancel, file dialogs) speak the same language. Call before building widgets:
strings are translated when a widget is constructed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from playground import settings as prefs
from playground.resources import resources_dir
from playground.settings import Settings

CATALOG = "openai_playground"  # playground/data/translations/openai_playground_<lang>.qm
SOURCE_LANGUAGE = "en"  # the language the source strings are written in
LANGUAGES = ("en", "zh_CN")  # what `general/language` may name besides "system"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def resolve_language(choice: str, ui_languages: list[str] | None = None) -> str:
    """The language to show: `choice` unless it is "system", then the first of the system's
    preferred languages we ship ("zh-Hans-CN", "zh_CN", "zh-SG" → zh_CN), else English."""
    if choice in LANGUAGES:
        return choice
    preferred = QLocale.system().uiLanguages() if ui_languages is None else ui_languages
    for tag in preferred:
        language = _shipped_language(tag)
        if language:
            return language
    return SOURCE_LANGUAGE


def _shipped_language(tag: str) -> str:
    parts = tag.replace("_", "-").split("-")
    if parts[0].lower() == "en":
        return "en"
    if parts[0].lower() != "zh":
        return ""
    rest = {part.lower() for part in parts[1:]}
    # Traditional-script locales (Taiwan, Hong Kong, Macau) are not served by zh_CN.
    if rest & {"hant", "tw", "hk", "mo"}:
        return ""
    return "zh_CN"


def install_translator(app: QCoreApplication, settings: Settings) -> str:
    """Load the translations for the chosen (or system) language; returns the language in
    use ("en" or "zh_CN"). A missing `.qm` leaves that part in English, never fails."""
    choice = settings.value(prefs.LANGUAGE)
    language = resolve_language(choice)
    if choice != "system":
        # A chosen language formats numbers and dates its way too; following the system
        # keeps the system's formats (a German system shows English text, German numbers).
        QLocale.setDefault(QLocale(language))
    catalogs = [(f"{CATALOG}_{language}", str(translations_dir()))]
    if language != SOURCE_LANGUAGE:  # Qt's own strings are English already
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        catalogs.insert(0, (f"qtbase_{language}", qt_dir))
    for name, folder in catalogs:
        translator = QTranslator(app)  # parented: it must outlive this function
        if translator.load(name, folder):
            app.installTranslator(translator)
        else:
            translator.deleteLater()
    return language
