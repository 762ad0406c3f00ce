#!/usr/bin/env bash
# Builds the self-contained Linux bundle dist/openai-playground/ with PyInstaller:
#   scripts/build-bundle.sh
# Then: dist/openai-playground/openai-playground (run it), dist/openai-playground/install.sh
# (adds it to the desktop's launcher). Everything it builds or caches stays in this clone
# (build/, dist/, .venv/). Needs Debian/Ubuntu for the system packages (see scripts/lib.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh

START_MS=$(now_ms)
phase "venv"
ensure_venv ".[bundle]"
VENV=$PWD/.venv/bin

phase "system packages"
# binutils: PyInstaller reads and strips the shared libraries; libpython3.X: the shared
# library of the venv's python, which PyInstaller bundles (Debian's python3 links it
# statically, so nothing else installs it); desktop-file-utils checks the .desktop entry.
mapfile -t LIBPYTHON < <(libpython_package "$VENV/python")
ensure_packages "${RUNTIME_PACKAGES[@]}" binutils desktop-file-utils "${LIBPYTHON[@]}"

phase "desktop entry"
desktop-file-validate playground/data/desktop/openai-playground.desktop

phase "translations"
# .qm files are build output: compile every .ts source, if there are any yet.
QM_DIR=$PWD/build/translations
rm -rf "$QM_DIR"
mkdir -p "$QM_DIR"
shopt -s nullglob
for ts in playground/data/translations/*.ts; do
    "$VENV/pyside6-lrelease" -silent "$ts" -qm "$QM_DIR/$(basename "${ts%.ts}").qm"
done
shopt -u nullglob

phase "pyinstaller"
# PyInstaller's cache of processed libraries goes under build/, not ~/.cache.
PYINSTALLER_CONFIG_DIR=$PWD/build/pyinstaller-cache PLAYGROUND_QM_DIR=$QM_DIR \
    "$VENV/pyinstaller" --noconfirm --log-level WARN --distpath dist \
    --workpath build/pyinstaller packaging/playground.spec </dev/null

phase "check"
BUNDLE=dist/openai-playground
"$BUNDLE/openai-playground" --version
phase
size=$(du -sm "$BUNDLE" | cut -f1)
echo "Built $BUNDLE: ${size} MB in $((($(now_ms) - START_MS) / 1000)) s" >&2
