#!/usr/bin/env bash
# Runs the whole test suite (ruff, import-linter, mypy, pytest) under one real environment:
# a private D-Bus session with an unlocked gnome-keyring, PulseAudio with null sinks `virt`
# and `mic`, an Xvfb display, and a throwaway HOME. Extra arguments go to pytest:
#   scripts/test.sh tests/unit -k doctor
# Needs Debian/Ubuntu; installs missing system packages with apt (as root or via sudo).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh

TEST_PACKAGES=(
    "${RUNTIME_PACKAGES[@]}"
    xvfb xauth pulseaudio pulseaudio-utils libasound2-plugins espeak-ng sox
    dbus gnome-keyring fonts-noto-cjk xdotool
    # tests skip without these: desktop entry validation and the icon cache refresh
    desktop-file-utils gtk-update-icon-cache
)

START_MS=$(now_ms)
phase "system packages"
ensure_packages "${TEST_PACKAGES[@]}"

phase "venv"
ensure_venv ".[test]"
VENV=$PWD/.venv/bin

# ---- the environment: everything below is ours and is stopped on exit ----------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/playground-test.XXXXXX")
PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# wait_for "what" log command...: polls for up to 10 s; on failure shows the service's log.
wait_for() {
    local what=$1 log=$2 i
    shift 2
    for ((i = 0; i < 200; i++)); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.05
    done
    tail -n 20 "$log" >&2
    die "$what did not start"
}

export HOME=$WORK/home XDG_RUNTIME_DIR=$WORK/run
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
unset DISPLAY WAYLAND_DISPLAY PULSE_SERVER PULSE_SINK PULSE_SOURCE \
    DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL SSH_AUTH_SOCK

phase "dbus + gnome-keyring"
dbus-daemon --session --nofork --nopidfile --address="unix:path=$XDG_RUNTIME_DIR/bus" \
    </dev/null >"$WORK/dbus.log" 2>&1 &
PIDS+=($!)
export DBUS_SESSION_BUS_ADDRESS=unix:path=$XDG_RUNTIME_DIR/bus
wait_for "dbus-daemon" "$WORK/dbus.log" dbus-send --session --dest=org.freedesktop.DBus \
    /org/freedesktop/DBus org.freedesktop.DBus.GetId
# --unlock reads the login keyring's password from stdin and creates it on first use.
gnome-keyring-daemon --foreground --unlock --components=secrets \
    < <(printf pw) >"$WORK/keyring.log" 2>&1 &
PIDS+=($!)
wait_for "gnome-keyring-daemon (org.freedesktop.secrets)" "$WORK/keyring.log" bash -c \
    'dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
     org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets | grep -q "boolean true"'

phase "pulseaudio"
pulseaudio --daemonize=no --exit-idle-time=-1 -n --use-pid-file=no \
    -L 'module-native-protocol-unix auth-anonymous=1' \
    -L 'module-null-sink sink_name=virt' -L 'module-null-sink sink_name=mic' \
    </dev/null >"$WORK/pulse.log" 2>&1 &
PIDS+=($!)
export PULSE_SERVER=unix:$XDG_RUNTIME_DIR/pulse/native
wait_for "pulseaudio" "$WORK/pulse.log" pactl info
# Played audio goes to `virt`; recording hears it back from its monitor unless a test
# chooses the fake microphone (PULSE_SOURCE=mic.monitor).
pactl set-default-sink virt
pactl set-default-source virt.monitor

phase "xvfb"
# -displayfd: Xvfb picks a free display itself and writes its number when it is ready.
Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp 3>"$WORK/display" \
    </dev/null >"$WORK/xvfb.log" 2>&1 &
PIDS+=($!)
wait_for "Xvfb" "$WORK/xvfb.log" grep -q . "$WORK/display"
export DISPLAY=:$(head -n1 "$WORK/display")

export QT_QPA_PLATFORM=offscreen PLAYGROUND_REAL_ENV=1 PYTHONDONTWRITEBYTECODE=1
export PATH=$VENV:$PATH

# ---- the checks: all run, any failure fails the script ---------------------------------
failed=()
phase "ruff"
ruff check --no-cache . || failed+=(ruff)
phase "import-linter"
lint-imports --no-cache --no-logo || failed+=(import-linter)
phase "mypy"
mypy || failed+=(mypy)  # config in pyproject.toml: strict below the UI, default in it
phase "pytest"
# In the background so that Ctrl+C or a CI cancel stops it and the services at once.
python -m pytest -p no:cacheprovider "$@" </dev/null &
PIDS=("$!" "${PIDS[@]}")
set +e
wait "${PIDS[0]}"
status=$?
set -e
phase
case $status in
    0) ;;
    5) echo "pytest collected no tests" >&2; failed+=(pytest) ;;
    *) failed+=(pytest) ;;
esac

total=$(($(now_ms) - START_MS))
if ((${#failed[@]})); then
    echo "FAILED: ${failed[*]} (total $((total / 1000)) s)" >&2
    exit 1
fi
echo "All checks passed (total $((total / 1000)) s)." >&2
