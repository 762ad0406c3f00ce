#!/bin/sh
# Adds OpenAI Playground to the desktop's launcher: writes the .desktop entry and icons under
# ${XDG_DATA_HOME:-~/.local/share}, pointing at the executable in this folder.
#   ./install.sh              install (run again after moving this folder)
#   ./install.sh --uninstall  remove them again
set -eu
here=$(cd "$(dirname "$0")" && pwd)
case "${1:-}" in
    "") exec "$here/openai-playground" --install-desktop-entry ;;
    --uninstall) exec "$here/openai-playground" --uninstall-desktop-entry ;;
    *) echo "usage: $0 [--uninstall]" >&2; exit 2 ;;
esac
