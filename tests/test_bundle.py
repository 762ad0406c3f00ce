"""The built PyInstaller bundle, run as a user would: no Python of ours, no source tree.

Needs PLAYGROUND_BUNDLE_DIR (e.g. dist/openai-playground, built by scripts/build-bundle.sh);
scripts/test.sh builds it and sets it. Under PLAYGROUND_REAL_ENV=1 a set but missing or
broken bundle fails; without PLAYGROUND_BUNDLE_DIR these tests skip.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from playground import APP_ID, APP_NAME, __version__
from playground.desktop_entry import exec_value
from tests.fake_openai import FakeOpenAI

pytestmark = pytest.mark.bundle

REAL_ENV = os.environ.get("PLAYGROUND_REAL_ENV") == "1"
TIMEOUT = 60


def _require(ok: bool, what: str) -> None:
    if not ok:
        if REAL_ENV:
            pytest.fail(f"PLAYGROUND_REAL_ENV=1 but {what}")
        pytest.skip(f"needs {what} (run under scripts/test.sh)")


@pytest.fixture
def executable() -> Path:
    folder = os.environ.get("PLAYGROUND_BUNDLE_DIR")
    if not folder:
        pytest.skip("PLAYGROUND_BUNDLE_DIR is not set (build with scripts/build-bundle.sh)")
    exe = Path(folder).resolve() / APP_ID
    _require(os.access(exe, os.X_OK), f"{exe} is not an executable bundle")
    return exe


@pytest.fixture
def env(isolated_home: Path, tmp_path: Path) -> dict[str, str]:
    """The test's isolated XDG dirs; no Python paths of ours leak into the bundle, and it
    starts from a folder that is not the source tree."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "VIRTUAL_ENV", "OPENAI_"))}
    env["PATH"] = "/usr/bin:/bin"
    env.pop("PLAYGROUND_EXIT_AFTER_FIRST_PAINT", None)
    return env


def _run(argv: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=TIMEOUT, stdin=subprocess.DEVNULL)


def _x_display() -> str:
    display = os.environ.get("DISPLAY", "")
    _require(bool(display), "an X server on DISPLAY")
    return display


def test_version(executable: Path, env: dict[str, str], tmp_path: Path) -> None:
    done = _run([str(executable), "--version"], env, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{APP_NAME} {__version__}"


def test_doctor_finds_everything_in_a_full_desktop(executable: Path, env: dict[str, str],
                                                   tmp_path: Path, fake_api: FakeOpenAI) -> None:
    """Keyring, PortAudio (the bundled one, through PulseAudio), Qt's xcb plugin, the SDK's
    metadata and the vocabularies are all found from inside the bundle."""
    _require(bool(env.get("DBUS_SESSION_BUS_ADDRESS")), "a D-Bus session with a keyring")
    _require(bool(env.get("PULSE_SERVER")), "PulseAudio (PULSE_SERVER)")
    env.update(DISPLAY=_x_display(), QT_QPA_PLATFORM="xcb",
               OPENAI_BASE_URL=fake_api.url, OPENAI_API_KEY="sk-bundle-test")
    done = _run([str(executable), "--doctor"], env, tmp_path)
    for check in ("Python", "SDK", "Qt", "Data folder", "Keyring", "Audio", "Token counting",
                  "API"):
        assert re.search(rf"^✓ {check}", done.stdout, re.MULTILINE), done.stdout + done.stderr
    assert done.returncode == 0, done.stdout + done.stderr


def test_window_paints_under_x(executable: Path, env: dict[str, str], tmp_path: Path) -> None:
    env.update(DISPLAY=_x_display(), QT_QPA_PLATFORM="xcb", PLAYGROUND_EXIT_AFTER_FIRST_PAINT="1")
    done = _run([str(executable)], env, tmp_path)
    assert done.returncode == 0, done.stderr
    assert re.search(r"^first-paint-ms \d+(\.\d+)?$", done.stdout, re.MULTILINE), done.stdout


def test_window_class_matches_the_desktop_entry(executable: Path, env: dict[str, str],
                                                tmp_path: Path) -> None:
    """The launcher groups the window under the entry through StartupWMClass."""
    _require(shutil.which("xdotool") is not None, "xdotool")
    env.update(DISPLAY=_x_display(), QT_QPA_PLATFORM="xcb")
    app = subprocess.Popen([str(executable)], env=env, cwd=tmp_path,
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
    try:
        windows = ""
        deadline = time.monotonic() + TIMEOUT
        while not windows and time.monotonic() < deadline and app.poll() is None:
            windows = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--class", f"^{APP_ID}$"],
                env=env, capture_output=True, text=True, timeout=10).stdout.strip()
            time.sleep(0.2)
        assert app.poll() is None, f"the bundle exited: {app.stderr.read().decode()[-2000:]}"
        assert windows, f"no visible window of class {APP_ID}"
        entry = (executable.parent / "_internal" / "playground" / "data" / "desktop"
                 / f"{APP_ID}.desktop").read_text(encoding="utf-8")
        assert f"StartupWMClass={APP_ID}\n" in entry
    finally:
        app.send_signal(signal.SIGTERM)
        try:
            app.wait(timeout=20)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait()
        if app.stderr is not None:
            app.stderr.close()  # an open pipe is a ResourceWarning, which fails the test


def test_opens_without_data_dir_keyring_or_audio(executable: Path, env: dict[str, str],
                                                 tmp_path: Path) -> None:
    """A bare machine: the data folder cannot be created, no D-Bus session, PulseAudio
    unreachable. The window still paints, and --doctor names each missing piece."""
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the data folder's parent should be")
    # A path below a regular file cannot be created even by root (CI runs as root, to whom
    # a chmod 0555 folder is writable).
    env["XDG_DATA_HOME"] = str(blocker / "share")
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    env["PULSE_SERVER"] = f"unix:{tmp_path / 'no-pulse' / 'native'}"
    env.update(DISPLAY=_x_display(), QT_QPA_PLATFORM="xcb")

    painted = _run([str(executable)], dict(env, PLAYGROUND_EXIT_AFTER_FIRST_PAINT="1"), tmp_path)
    assert painted.returncode == 0, painted.stderr
    assert "first-paint-ms " in painted.stdout

    doctor = _run([str(executable), "--doctor"], env, tmp_path)
    assert doctor.returncode == 1, doctor.stdout + doctor.stderr
    assert re.search(r"^✗ Data folder: .* is not writable", doctor.stdout, re.MULTILINE)
    assert re.search(r"^✗ Keyring: .* — ", doctor.stdout, re.MULTILINE), doctor.stdout
    assert re.search(r"^✗ Audio: .* — ", doctor.stdout, re.MULTILINE), doctor.stdout


def test_install_script_points_the_launcher_at_the_bundle(executable: Path,
                                                          env: dict[str, str],
                                                          tmp_path: Path) -> None:
    data = tmp_path / "share"
    env["XDG_DATA_HOME"] = str(data)
    done = _run([str(executable.parent / "install.sh")], env, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    entry = (data / "applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    assert f"\nExec={exec_value([str(executable)])}\n" in entry
    assert (data / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png").is_file()

    done = _run([str(executable.parent / "install.sh"), "--uninstall"], env, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert not (data / "applications" / f"{APP_ID}.desktop").exists()


def test_translations_are_shipped(executable: Path) -> None:
    """Every catalog with a .ts source is in the bundle compiled, with Qt's own Chinese."""
    internal = executable.parent / "_internal"
    sources = sorted((Path(__file__).resolve().parents[1] / "playground" / "data" / "translations")
                     .glob("*.ts"))
    for ts in sources:
        qm = internal / "playground" / "data" / "translations" / f"{ts.stem}.qm"
        assert qm.is_file(), ts.name
    assert (internal / "PySide6" / "Qt" / "translations" / "qtbase_zh_CN.qm").is_file()
