"""storage.secrets against the real Secret Service, a missing one, a locked one, a hung one."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

import keyring
import pytest

from playground.storage.secrets import SERVICE, SecretStore, SecretsUnavailable
from tests.unit.storage.blocking_keyring import BlockingKeyring
from tests.unit.storage.real_env import require

ROOT = Path(__file__).resolve().parents[3]

# Runs SecretStore in a fresh process and prints what check() and set() reported.
_PROBE = textwrap.dedent("""
    import asyncio, json, sys, time
    from playground.storage.secrets import SecretStore, SecretsUnavailable

    async def main():
        store = SecretStore(timeout=float(sys.argv[1]))
        start = time.monotonic()
        status = await store.check()
        try:
            await store.set("probe-profile", "sk-test")
            outcome = "stored"
        except SecretsUnavailable as exc:
            outcome = {"message": exc.message, "hint": exc.hint}
        print(json.dumps({"ok": status.ok, "message": status.message, "hint": status.hint,
                          "set": outcome, "seconds": time.monotonic() - start}))

    asyncio.run(main())
""")


def _probe(env: dict[str, str], timeout: float, prefix: list[str] | None = None,
           ) -> dict[str, object]:
    command = [*(prefix or []), sys.executable, "-c", _PROBE, str(timeout)]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def _clean_env(home: Path) -> dict[str, str]:
    home.mkdir(exist_ok=True)
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHON_KEYRING_BACKEND", "DISPLAY", "WAYLAND_DISPLAY")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"), PYTHONPATH=str(ROOT))
    return env


@pytest.mark.keyring
def test_round_trip_in_the_real_secret_service(real_keyring: SecretStore) -> None:
    profile, renamed = f"test-{uuid.uuid4().hex}", f"test-{uuid.uuid4().hex}"

    async def main() -> None:
        assert await real_keyring.get(profile) is None
        await real_keyring.set(profile, "sk-first")
        await real_keyring.set(profile, "sk-second")  # replaces, no duplicate entry
        assert await real_keyring.get(profile) == "sk-second"
        assert keyring.get_password(SERVICE, profile) == "sk-second"  # the OS entry itself
        await real_keyring.move(profile, renamed)
        assert await real_keyring.get(profile) is None
        assert await real_keyring.get(renamed) == "sk-second"
        await real_keyring.delete(renamed)
        await real_keyring.delete(renamed)  # deleting a missing key is fine
        assert await real_keyring.get(renamed) is None

    try:
        asyncio.run(main())
    finally:
        for name in (profile, renamed):
            if keyring.get_password(SERVICE, name) is not None:
                keyring.delete_password(SERVICE, name)


def test_no_dbus_gives_a_clear_message_quickly(tmp_path: Path) -> None:
    env = _clean_env(tmp_path / "home")
    env["DBUS_SESSION_BUS_ADDRESS"] = f"unix:path={tmp_path}/no-such-bus"
    report = _probe(env, timeout=20)
    assert report["ok"] is False
    assert report["message"] == "No system keyring is available."
    assert "Secret Service" in str(report["hint"]) and "session only" in str(report["hint"])
    assert report["set"] == {"message": report["message"], "hint": report["hint"]}
    assert float(str(report["seconds"])) < 10  # an answer, not a wait for the timeout


@pytest.mark.keyring
def test_locked_keyring_gives_a_clear_message(tmp_path: Path) -> None:
    tools = [shutil.which("dbus-run-session"), shutil.which("gnome-keyring-daemon")]
    require(all(tools), "dbus-run-session and gnome-keyring-daemon")
    # A fresh HOME has no login keyring; creating one needs a prompt that cannot be shown.
    env = _clean_env(tmp_path / "home")
    launcher = ["dbus-run-session", "--", "sh", "-c",
                'gnome-keyring-daemon --start --components=secrets >/dev/null; exec "$@"', "sh"]
    report = _probe(env, timeout=8, prefix=launcher)
    assert report["ok"] is False
    assert "locked" in str(report["message"]) or "did not answer" in str(report["message"])
    assert "nlock" in str(report["hint"]) or "prompt" in str(report["hint"])
    assert report["set"] != "stored"


def test_hung_keyring_times_out_with_a_clear_message(blocking_keyring: BlockingKeyring) -> None:
    store = SecretStore(timeout=0.3)

    async def main() -> None:
        for call in (store.get("p"), store.set("p", "sk-x"), store.delete("p")):
            start = time.monotonic()
            with pytest.raises(SecretsUnavailable) as caught:
                await call
            assert time.monotonic() - start < 2
            assert "did not answer within 0.3 s" in caught.value.message
            assert "prompt" in caught.value.hint
        status = await store.check()
        assert not status.ok and "did not answer" in status.message

    asyncio.run(main())
    assert blocking_keyring.calls >= 3


def test_hung_keyring_call_does_not_keep_the_app_from_exiting(tmp_path: Path) -> None:
    script = textwrap.dedent("""
        import asyncio, keyring
        from playground.storage.secrets import SecretStore, SecretsUnavailable
        from tests.unit.storage.blocking_keyring import BlockingKeyring

        keyring.set_keyring(BlockingKeyring())  # never released
        try:
            asyncio.run(SecretStore(timeout=0.3).set("p", "sk-x"))
        except SecretsUnavailable as exc:
            print(exc.message)
    """)
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-c", script], env=_clean_env(tmp_path / "home"),
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert "did not answer" in result.stdout
    assert time.monotonic() - start < 15


def test_empty_key_is_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        asyncio.run(SecretStore().set("p", ""))
