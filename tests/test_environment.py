"""The test environment is real: Secret Service keyring, PulseAudio devices, an X server.

scripts/test.sh starts all three and sets PLAYGROUND_REAL_ENV=1; then a missing facility
fails here first, instead of surfacing as skips or odd failures elsewhere.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

import pytest

pytestmark = pytest.mark.skipif(
    os.environ.get("PLAYGROUND_REAL_ENV") != "1",
    reason="needs the real environment of scripts/test.sh (PLAYGROUND_REAL_ENV=1)",
)


@pytest.mark.keyring
def test_keyring_is_secret_service_and_round_trips() -> None:
    import keyring
    from keyring.backends import SecretService

    assert isinstance(keyring.get_keyring(), SecretService.Keyring), keyring.get_keyring()
    service, user, secret = "playground-env-test", uuid.uuid4().hex, "sk-" + uuid.uuid4().hex
    keyring.set_password(service, user, secret)
    try:
        assert keyring.get_password(service, user) == secret
    finally:
        keyring.delete_password(service, user)
    assert keyring.get_password(service, user) is None


@pytest.mark.audio
def test_sounddevice_sees_pulseaudio() -> None:
    import sounddevice as sd

    names = [device["name"] for device in sd.query_devices()]
    assert "pulse" in names, names


@pytest.mark.audio
def test_null_sinks_exist() -> None:
    sinks = subprocess.run(["pactl", "list", "short", "sinks"], capture_output=True,
                           text=True, timeout=10, check=True).stdout
    names = {line.split("\t")[1] for line in sinks.splitlines()}
    assert {"virt", "mic"} <= names, sinks


@pytest.mark.xvfb
def test_x_server_answers() -> None:
    assert os.environ.get("DISPLAY"), "DISPLAY is not set"
    probe = (
        "from PySide6.QtGui import QGuiApplication\n"
        "app = QGuiApplication([])\n"
        "size = app.primaryScreen().size()\n"
        "print(app.platformName(), size.width(), size.height())\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
    result = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["xcb", "1280", "1024"], result.stdout
