"""Shared fixtures: an isolated home, the loopback API server, a qasync loop."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.fake_openai import FakeOpenAI
from tests.memory_keyring import memory  # noqa: F401  (a fixture for every test: an in-memory keyring)

_OPENAI_ENV = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own config/data dirs, so nothing touches the user's files."""
    home = tmp_path / "home"
    for sub in ("config", "data", "cache"):
        (home / sub).mkdir(parents=True)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    for name in _OPENAI_ENV:
        monkeypatch.delenv(name, raising=False)
    # Qt resolves the QSettings user path once per process: point it at this test's dir.
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(home / "config"))
    return home


@pytest.fixture(scope="session")
def _fake_server() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server


@pytest.fixture
def fake_api(_fake_server: FakeOpenAI) -> Iterator[FakeOpenAI]:
    """The loopback OpenAI-compatible server, reset before each test."""
    _fake_server.reset()
    yield _fake_server
    _fake_server.reset()


# Tasks a fixture keeps running through the test (e.g. the app's services); not settled.
LONG_LIVED: set[asyncio.Future[object]] = set()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):  # type: ignore[no-untyped-def]
    """Finish the test's own tasks inside the loop before pytest-qt processes events: Qt
    would otherwise run their next steps with no asyncio loop running."""
    result = yield
    if "event_loop_qt" in getattr(item, "fixturenames", ()):
        _settle(asyncio.get_event_loop())
    return result


def _settle(loop: asyncio.AbstractEventLoop, timeout: float = 5.0) -> None:
    async def settle() -> None:
        me = asyncio.current_task()
        end = loop.time() + timeout
        while True:
            pending = [t for t in asyncio.all_tasks(loop)
                       if not t.done() and t is not me and t not in LONG_LIVED]
            if not pending:
                return
            if loop.time() > end:
                for task in pending:
                    task.cancel()
                await asyncio.gather(*pending, return_exceptions=True)
                return
            await asyncio.sleep(0.01)

    loop.run_until_complete(settle())


@pytest.fixture(scope="session")
def _session_loop(qapp):  # type: ignore[no-untyped-def]
    """One qasync loop for the whole run: creating and closing one per test crashes qasync."""
    import qasync

    from playground.ui.event_loop import install_asyncgen_hooks

    class TestLoop(qasync.QEventLoop):  # type: ignore[misc]
        def _before_run_forever(self) -> None:
            install_asyncgen_hooks(self)  # as the app does when its services start

        def _add_callback(self, handle, delay=0):  # type: ignore[no-untyped-def]
            # pytest-qt processes Qt events between a test's phases, outside any loop run,
            # and qasync's timers then fire callbacks with no asyncio loop marked running.
            # Run them as the loop would: marked running for their duration.
            callback = handle._callback
            loop = self

            def in_loop(*args):  # type: ignore[no-untyped-def]
                if asyncio.events._get_running_loop() is not None:
                    return callback(*args)
                asyncio.events._set_running_loop(loop)
                try:
                    return callback(*args)
                finally:
                    asyncio.events._set_running_loop(None)

            handle._callback = in_loop
            return super()._add_callback(handle, delay)

        def run_until_complete(self, future):  # type: ignore[no-untyped-def]
            # qasync's own version processes Qt events once more after the loop has
            # stopped, when no asyncio loop is marked running, so task steps fail there.
            # Without that pass, those events wait for the next run of the loop.
            future = asyncio.ensure_future(future, loop=self)
            future.add_done_callback(lambda _f: self.stop())
            self.run_forever()
            if not future.done():
                raise RuntimeError("Event loop stopped before Future completed.")
            return future.result()

    loop = TestLoop(qapp, already_running=False)
    yield loop
    loop.close()  # joins qasync's executor threads: a live QThread at exit aborts Python


@pytest.fixture
def event_loop_qt(_session_loop):  # type: ignore[no-untyped-def]
    """The qasync loop on the test's QApplication; run coroutines with loop.run_until_complete.

    After the test, its leftover tasks are cancelled and their callbacks drained inside the
    loop: later, Qt would fire them during widget teardown with no asyncio loop running."""
    loop = _session_loop
    asyncio.set_event_loop(loop)
    yield loop
    try:
        pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
        for task in pending:
            task.cancel()
        if pending:
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        loop.run_until_complete(asyncio.sleep(0.05))
    finally:
        asyncio.set_event_loop(None)
