"""`playground --doctor` against the loopback server, a closed port and a missing keyring."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from playground.doctor import Finding, check_api, check_data_dir, check_keyring, run_doctor
from playground.model.types import Profile
from tests.fake_openai import FakeOpenAI, Fault

KEY = "sk-doctor-secret-0123456789-WXYZ"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_reachable_server_counts_its_models(fake_api: FakeOpenAI) -> None:
    found = check_api(Profile(name="Local", base_url=fake_api.url), KEY)
    assert found.ok, found.line()
    from tests.fake_openai.routes_models import DEFAULT_MODELS

    assert f"{len(DEFAULT_MODELS)} models" in found.finding
    assert fake_api.requests_to("/models")[0].headers["authorization"] == f"Bearer {KEY}"


def test_rejected_key_is_reported_as_401(fake_api: FakeOpenAI) -> None:
    fake_api.valid_keys = {"sk-the-right-one"}
    found = check_api(Profile(base_url=fake_api.url), KEY)
    assert not found.ok
    assert "rejected (401)" in found.finding
    assert "valid key" in found.fix


def test_unreachable_port_is_reported(fake_api: FakeOpenAI) -> None:
    found = check_api(Profile(base_url=f"http://127.0.0.1:{_closed_port()}/v1"), KEY)
    assert not found.ok
    assert "cannot connect" in found.finding
    assert "network" in found.fix


def test_server_error_is_reported_with_its_message(fake_api: FakeOpenAI) -> None:
    fake_api.inject(Fault(path="/models", status=503, message="Overloaded right now"))
    found = check_api(Profile(base_url=fake_api.url), KEY)
    assert not found.ok
    assert "Overloaded right now" in found.finding


def test_server_without_models_list_still_counts_as_reachable(fake_api: FakeOpenAI) -> None:
    fake_api.disabled_paths.add("/models")
    found = check_api(Profile(base_url=fake_api.url), None)
    assert found.ok, found.line()
    assert "no /models" in found.finding


def test_environment_overrides_are_shown_without_the_key(
    fake_api: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", fake_api.url)
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    found = check_api(Profile(base_url="http://127.0.0.1:1/v1"), "sk-profile-key-AAAA")
    assert found.ok, found.line()
    assert f"OPENAI_BASE_URL={fake_api.url}" in found.finding
    assert "OPENAI_API_KEY=…WXYZ" in found.finding
    assert KEY not in found.line()
    assert fake_api.requests_to("/models")[0].headers["authorization"] == f"Bearer {KEY}"


def test_full_report_never_prints_the_key(fake_api: FakeOpenAI, tmp_path: Path) -> None:
    fake_api.valid_keys = {"sk-something-else"}
    out = io.StringIO()
    run_doctor(Profile(base_url=fake_api.url), KEY, data_dir=tmp_path / "data", out=out)
    report = out.getvalue()
    assert KEY not in report
    assert KEY[:-4] not in report
    assert "…WXYZ" in report
    assert all(line[0] in "✓✗" for line in report.splitlines()[:-1])


def test_exit_code_follows_essential_checks(fake_api: FakeOpenAI, tmp_path: Path) -> None:
    profile = Profile(base_url=fake_api.url)
    assert run_doctor(profile, KEY, data_dir=tmp_path / "data", out=io.StringIO()) == 0
    fake_api.valid_keys = {"sk-something-else"}
    assert run_doctor(profile, KEY, data_dir=tmp_path / "data", out=io.StringIO()) == 1


def test_data_dir_that_is_a_file_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    found = check_data_dir(blocker)
    assert not found.ok
    assert "not writable" in found.finding and "XDG_DATA_HOME" in found.fix


def test_missing_keyring_is_reported(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"}
    env["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=/nonexistent"
    env["HOME"] = str(tmp_path)
    code = ("from playground.doctor import check_keyring; "
            "print(check_keyring().line())")
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, timeout=60, check=True)
    line = result.stdout.strip()
    assert line.startswith("✗ Keyring:"), line
    assert "install gnome-keyring" in line


@pytest.mark.keyring
def test_working_keyring_is_reported(real_env: bool) -> None:
    found = check_keyring()
    if not found.ok and not real_env:
        pytest.skip(f"no keyring here: {found.finding}")
    assert found == Finding("Keyring", True, "SecretService")


@pytest.mark.audio
def test_audio_devices_are_counted(real_env: bool) -> None:
    from playground.doctor import check_audio

    found = check_audio()
    if not found.ok and not real_env:
        pytest.skip(f"no audio here: {found.finding}")
    assert found.ok, found.line()
    inputs, outputs = (int(word) for word in found.finding.split() if word.isdigit())
    assert inputs >= 1 and outputs >= 1


@pytest.fixture
def real_env() -> bool:
    return os.environ.get("PLAYGROUND_REAL_ENV") == "1"



def test_without_a_profile_the_active_one_is_checked(
    fake_api: FakeOpenAI, tmp_path: Path
) -> None:
    profiles = pytest.importorskip("playground.storage.profiles")
    from playground.settings import Settings

    store = profiles.ProfileStore(Settings().raw())
    store.save(Profile(name="Loopback", base_url=fake_api.url), is_new=True)
    store.set_active("Loopback")
    out = io.StringIO()
    assert run_doctor(None, KEY, data_dir=tmp_path / "data", out=out) == 0
    assert f"✓ API (Loopback): {fake_api.url}" in out.getvalue()


def test_an_unknown_profile_is_named_not_swapped(isolated_home: Path) -> None:
    """`--doctor --profile Typo` must not quietly check the active profile instead."""
    from playground.settings import Settings
    from playground.storage.profiles import ProfileStore

    store = ProfileStore(Settings().raw())
    store.save(Profile(name="Work", base_url=f"http://127.0.0.1:{_closed_port()}/v1"),
               is_new=True)
    env = {**os.environ, "XDG_CONFIG_HOME": str(isolated_home / "config"),
           "XDG_DATA_HOME": str(isolated_home / "data"), "PYTHON_KEYRING_BACKEND":
           "keyring.backends.fail.Keyring", "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", "playground", "--doctor", "--profile",
                             "Wrok"], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "No profile is named “Wrok”" in result.stderr
    assert "Work" in result.stderr  # the names there are
    assert "API (" not in result.stdout  # nothing was checked
