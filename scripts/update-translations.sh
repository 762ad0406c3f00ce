#!/usr/bin/env bash
# Refreshes the Qt Linguist sources from the code, then compiles them:
#   scripts/update-translations.sh
# Translate new entries in playground/data/translations/*.ts (Qt Linguist or a text editor), then
# run this again. The .qm files are committed so a checkout runs without Qt's tools;
# tests/unit/test_i18n.py fails when a .ts lags the code or a .qm lags its .ts.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

BIN=${PYSIDE_BIN:-$(dirname "$(command -v python)")}
[[ -x $BIN/pyside6-lupdate ]] || BIN=/work/venv-dev/bin
CATALOG=playground/data/translations/openai_playground
LANGS=(zh_CN en)

# Strings lupdate cannot find by itself: setting descriptions (declared as plain text in
# playground.settings and the tabs) and literals passed to a module's translate wrapper
# (`def _tr(text): return QCoreApplication.translate("Ctx", text)`). They are listed as
# QT_TRANSLATE_NOOP entries in a generated module that lupdate reads.
QT_QPA_PLATFORM=offscreen "$BIN/python" scripts/lupdate_strings.py

mapfile -t SOURCES < <(find playground/ui playground/services -name '*.py' | LC_ALL=C sort)
for lang in "${LANGS[@]}"; do
    # No line numbers: they would churn the .ts on every unrelated edit.
    # English is the source language: its catalog only holds plural forms ("%n image(s)"
    # → "1 image" / "2 images").
    plural_only=()
    [[ $lang == en ]] && plural_only=(-pluralonly)
    "$BIN/pyside6-lupdate" "${SOURCES[@]}" -ts "${CATALOG}_$lang.ts" -no-obsolete \
        -locations none -target-language "$lang" "${plural_only[@]}"
    "$BIN/pyside6-lrelease" "${CATALOG}_$lang.ts" -qm "${CATALOG}_$lang.qm"
done
