#!/bin/sh
# Adds OpenAI Playground to the desktop's launcher: writes the .desktop entry and icons under
# ${XDG_DATA_HOME:-~/.local/share}, pointing at the executable in this folder.
#   ./install.sh              install (run again after moving this folder)
#   ./install.sh --uninstall  remove them again
set -eu
here=$(cd "$(dirname "$0")" && pwd)
app=$here/openai-playground
case "${1:-}" in
    "") flag=--install-desktop-entry ;;
    --uninstall) flag=--uninstall-desktop-entry ;;
    *) echo "usage: $0 [--uninstall]" >&2; exit 2 ;;
esac
# An app without the option would ignore it and open its window instead.
if ! "$app" --help 2>/dev/null | grep -q -e "$flag"; then
    echo "$0: $app does not know $flag; rebuild the bundle" >&2
    exit 1
fi
exec "$app" "$flag"
