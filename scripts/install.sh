#!/usr/bin/env bash
# Installs everything the app needs on Debian/Ubuntu and launches it:
# the runtime libraries (apt, as root or via sudo), a .venv in the repo with the app
# installed editable, then .venv/bin/playground. Safe to run again: it skips what is done.
#   scripts/install.sh [app arguments, e.g. --doctor]
#   scripts/install.sh --no-launch       # install only (or PLAYGROUND_NO_LAUNCH=1)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh

LAUNCH=1
[[ ${PLAYGROUND_NO_LAUNCH:-} == 1 ]] && LAUNCH=0
if [[ ${1:-} == --no-launch ]]; then
    LAUNCH=0
    shift
fi

phase "system packages"
ensure_packages "${RUNTIME_PACKAGES[@]}"
phase "venv"
ensure_venv "."
phase

# Not installed for you: a desktop already has its keyring (GNOME Keyring, KWallet).
if ! command -v gnome-keyring-daemon >/dev/null && ! command -v kwalletd5 >/dev/null \
    && ! command -v kwalletd6 >/dev/null; then
    echo "Note: no Secret Service keyring found; API keys will be kept for the session only." \
        "Install gnome-keyring (or KWallet) to store them." >&2
fi
if [[ -z ${DISPLAY:-}${WAYLAND_DISPLAY:-} && -z ${QT_QPA_PLATFORM:-} ]]; then
    echo "Note: no DISPLAY or WAYLAND_DISPLAY; start it from a desktop session." >&2
fi
if ((!LAUNCH)); then
    echo "Installed. Start it with: $PWD/.venv/bin/playground" >&2
    exit 0
fi
exec .venv/bin/playground "$@"
