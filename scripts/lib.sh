# Shared by install.sh and test.sh: timed phases, apt packages, the repo's .venv.
# Sourced, not run. Expects `set -euo pipefail` and the repo root as the current directory.

# Runtime libraries of the app (Qt on X11/Wayland via xcb, audio, keyring client).
RUNTIME_PACKAGES=(
    libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0
    libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
    libxcb-image0 libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-xkb1
    libportaudio2 libpulse0
)

_phase_name=""
_phase_start=0

now_ms() { date +%s%3N; }

# phase "name": ends the previous phase (printing its duration) and starts the next one.
phase() {
    local t
    t=$(now_ms)
    if [[ -n $_phase_name ]]; then
        printf '[%s] %s: %d.%02d s\n' "${0##*/}" "$_phase_name" \
            $(((t - _phase_start) / 1000)) $(((t - _phase_start) % 1000 / 10)) >&2
    fi
    _phase_name=${1:-}
    _phase_start=$t
}

die() { echo "${0##*/}: $*" >&2; exit 1; }

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
    if [[ $(id -u) -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null; then
        sudo "$@"
    else
        die "need root to run '$*' (no sudo found); run this script as root"
    fi
}

missing_packages() {
    local pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null | grep -q '^install ok installed$' \
            || echo "$pkg"
    done
}

# Installs the Debian/Ubuntu packages that are not installed yet; no apt at all when none.
ensure_packages() {
    command -v dpkg-query >/dev/null || die "not a Debian/Ubuntu system; install by hand: $*"
    local missing
    mapfile -t missing < <(missing_packages "$@")
    ((${#missing[@]})) || return 0
    echo "Installing system packages: ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update -qq
    as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null
}

python_ok() {
    "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null
}

# "3.11" for the given python.
python_minor() {
    "$1" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")'
}

# The apt package with the given python's shared library (PyInstaller bundles it), e.g.
# libpython3.11; nothing for a python that apt did not install (pyenv, a venv elsewhere).
libpython_package() {
    "$1" -c 'import sys; sys.exit(sys.base_prefix != "/usr")' 2>/dev/null \
        && echo "libpython$(python_minor "$1")"
    return 0
}

# Creates .venv (with python3-venv from apt when Debian's python lacks it) and installs the
# project editable with `spec` (e.g. "." or ".[test]"), skipped while pyproject.toml is
# unchanged since the last install of that spec.
ensure_venv() {
    local spec=$1 python=${PYTHON:-python3} stamp hash
    if ! [[ -x .venv/bin/python ]] || ! python_ok .venv/bin/python; then
        command -v "$python" >/dev/null || ensure_packages python3
        python_ok "$python" || die "$python is older than 3.11; set PYTHON=/path/to/python3.11+"
        # Debian ships venv without ensurepip (python3-venv): install it first, rather than
        # let `venv` fail with its long message and recover.
        if ! "$python" -c 'import ensurepip' 2>/dev/null; then
            ensure_packages python3-venv "python$(python_minor "$python")-venv"
        fi
        rm -rf .venv
        "$python" -m venv .venv
    fi
    hash=$(sha256sum pyproject.toml | cut -d' ' -f1)
    stamp=.venv/.playground-installed
    # Any extra includes the base install, so "." is satisfied by an ".[test]" line.
    if [[ -f $stamp ]] && { grep -qxF "$hash $spec" "$stamp" \
        || { [[ $spec == . ]] && grep -q "^$hash " "$stamp"; }; }; then
        return 0
    fi
    # -qq: the install's own errors still show; index warnings and notices do not.
    PIP_DISABLE_PIP_VERSION_CHECK=1 .venv/bin/python -m pip install -qq -e "$spec" </dev/null
    echo "$hash $spec" >>"$stamp"
}
