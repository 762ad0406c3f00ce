"""The real app as a process under Xvfb: its key in the real Secret Service, typed into by
xdotool like a user, talking to the loopback server; the reply must land in the database."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.fake_openai.routes_chat import ChatOptions

REAL_ENV = os.environ.get("PLAYGROUND_REAL_ENV") == "1"
ROOT = Path(__file__).resolve().parents[2]
PROFILE = "E2E relay"

pytestmark = [pytest.mark.e2e, pytest.mark.xvfb, pytest.mark.keyring]


def _require(ok: bool, what: str) -> None:
    if not ok:
        if REAL_ENV:
            pytest.fail(f"PLAYGROUND_REAL_ENV=1 but {what}")
        pytest.skip(f"needs {what} (run under scripts/test.sh)")


@pytest.fixture
def desktop(isolated_home: Path) -> dict[str, str]:
    _require(bool(os.environ.get("DISPLAY")), "an X server on DISPLAY")
    _require(shutil.which("xdotool") is not None, "xdotool")
    _require(bool(os.environ.get("DBUS_SESSION_BUS_ADDRESS")), "a D-Bus session with a keyring")
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT))
    env.pop("OPENAI_API_KEY", None)
    return env


def _run_python(code: str, env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _configure(env: dict[str, str], base_url: str, key: str) -> None:
    """As a user would have it: a profile for the relay, its key in the system keyring."""
    _run_python(
        "import asyncio\n"
        "from playground.model.types import Profile\n"
        "from playground.settings import CHAT_MODEL, Settings\n"
        "from playground.storage.profiles import ProfileStore\n"
        "from playground.storage.secrets import SecretStore\n"
        "settings = Settings()\n"
        "store = ProfileStore(settings.raw())\n"
        f"store.save(Profile(name={PROFILE!r}, base_url={base_url!r}, timeout=20), is_new=True)\n"
        f"store.set_active({PROFILE!r})\n"
        "settings.put(CHAT_MODEL, 'gpt-4o-mini')\n"
        "settings.sync()\n"
        f"asyncio.run(SecretStore().set({PROFILE!r}, {key!r}))\n"
        f"assert asyncio.run(SecretStore().get({PROFILE!r})) == {key!r}\n"
        "import keyring; print(type(keyring.get_keyring()).__name__)\n",
        env,
    )


def _xdotool(*args: str, env: dict[str, str]) -> str:
    done = subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True,
                          timeout=30)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _start(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    app = subprocess.Popen([sys.executable, "-m", "playground"], env=env, cwd=ROOT,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    window = _xdotool("search", "--sync", "--onlyvisible", "--name", "OpenAI Playground",
                      env=env).splitlines()[0]
    return app, window


def _messages(database: Path) -> list[tuple[str, str, str]]:
    if not database.exists():
        return []
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
            return db.execute("SELECT role, content, status FROM messages ORDER BY id").fetchall()
    except sqlite3.OperationalError:  # the app created the file, its schema is on the way
        return []


def _wait(condition: Any, timeout: float, what: str) -> Any:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def _type_and_send(window: str, text: str, env: dict[str, str]) -> None:
    _xdotool("windowfocus", "--sync", window, env=env)
    _xdotool("type", "--delay", "15", "--window", window, text, env=env)
    _xdotool("key", "--window", window, "ctrl+Return", env=env)


def test_typed_message_streams_a_reply_into_the_database(desktop: dict[str, str],
                                                         fake_api: Any,
                                                         isolated_home: Path) -> None:
    key = f"sk-e2e-{os.getpid()}-{time.time_ns()}"
    fake_api.valid_keys = {key}  # only the key stored in the keyring is accepted
    fake_api.state["chat"] = ChatOptions(reply="Six times seven is 42.", chunks=8, delay=0.02,
                                         batch=1)
    _configure(desktop, fake_api.url, key)
    database = isolated_home / "data" / "openai-playground" / "playground.sqlite3"

    app, window = _start(desktop)
    try:
        _type_and_send(window, "What is six times seven?", desktop)
        rows = _wait(lambda: [r for r in _messages(database)
                              if r[0] == "assistant" and r[2] == "complete"], 30,
                     "the reply in the database")
        assert rows[0][1] == "Six times seven is 42."
        assert ("user", "What is six times seven?", "complete") in _messages(database)
        sent = fake_api.requests_to("/chat/completions")[0]
        assert sent.headers["authorization"] == f"Bearer {key}"
        assert sent.json["stream"] is True
        window = _xdotool("search", "--onlyvisible", "--name", "OpenAI Playground",
                          env=desktop).splitlines()[0]
        _xdotool("windowfocus", "--sync", window, env=desktop)
        _xdotool("key", "ctrl+q", env=desktop)
        code = app.wait(timeout=20)
        output = app.stdout.read().decode(errors="replace") if app.stdout else ""
        assert code == 0, output
        assert "Traceback" not in output, output
    finally:
        _end(app)


def _end(app: subprocess.Popen[bytes]) -> None:
    """The app process is gone and its output pipe closed (an open pipe is a ResourceWarning,
    which fails the test)."""
    if app.poll() is None:
        app.kill()
        app.wait()
    if app.stdout is not None:
        app.stdout.close()


def test_sigkill_mid_stream_keeps_what_was_streamed(desktop: dict[str, str], fake_api: Any,
                                                     isolated_home: Path) -> None:
    key = f"sk-e2e-kill-{os.getpid()}"
    words = [f"w{i}" for i in range(400)]
    fake_api.state["chat"] = ChatOptions(reply=" ".join(words), chunks=400, delay=0.02,
                                         batch=1)
    _configure(desktop, fake_api.url, key)
    database = isolated_home / "data" / "openai-playground" / "playground.sqlite3"

    app, window = _start(desktop)
    try:
        _type_and_send(window, "Count slowly", desktop)
        streaming = _wait(lambda: [r for r in _messages(database)
                                   if r[0] == "assistant" and len(r[1]) > 200], 30,
                          "part of the reply in the database")
        assert streaming[0][2] == "streaming"
        os.kill(app.pid, signal.SIGKILL)
        app.wait(timeout=10)
        written = next(r for r in _messages(database) if r[0] == "assistant")[1]
        # Persisted at least every 250 ms while streaming: at most ~0.25 s of words lost.
        assert len(written) > 200 and " ".join(words).startswith(written)
    finally:
        _end(app)
    # Reopened, the cut reply is marked interrupted, not left "streaming" forever.
    status = _run_python(
        "from pathlib import Path\n"
        "from playground.storage.history import History\n"
        f"h = History(Path({str(database)!r}))\n"
        "m = [m for m in h.load_messages(1) if m.role == 'assistant'][0]\n"
        "print(m.status, len(m.content))\n",
        desktop,
    ).split()
    assert status[0] == "interrupted" and int(status[1]) >= len(written)
