"""GUI fixtures: real services (history, ledger, API client) against the loopback server."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from playground.model.types import Profile
from playground.services import ApiProvider, Services

TEST_KEY = "sk-test-0123456789abcdef"


def run_until(loop: asyncio.AbstractEventLoop, condition: Callable[[], Any],
              timeout: float = 10.0) -> None:
    """Run the qasync loop until `condition()` is true; fail after `timeout` seconds."""

    async def wait() -> None:
        end = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > end:
                raise AssertionError(f"condition not met within {timeout} s")
            await asyncio.sleep(0.01)

    loop.run_until_complete(wait())


@pytest.fixture
def make_services(event_loop_qt: asyncio.AbstractEventLoop, tmp_path: Path, fake_api: Any,
                  ) -> Iterator[Callable[..., Services]]:
    """Build Services pointing at the loopback server; all are closed after the test."""
    from playground.settings import Settings
    from playground.storage.history_async import AsyncHistory
    from playground.storage.profiles import ProfileStore
    from playground.storage.secrets import SecretStore
    from playground.usage.service import UsageService

    made: list[Services] = []

    def make(profile: Profile | None = None, key: str | None = TEST_KEY,
             database: Path | None = None) -> Services:
        profile = profile or Profile(name="Test", base_url=fake_api.url, timeout=5,
                                     max_retries=2)
        database = database or tmp_path / "playground.sqlite3"
        history = event_loop_qt.run_until_complete(AsyncHistory.open(database))
        usage = UsageService(database, loop=event_loop_qt)

        async def load_key(_name: str) -> str | None:
            return key

        services = Services(api=ApiProvider(lambda: profile, load_key), usage=usage,
                            history=history, secrets=SecretStore(timeout=2),
                            settings=Settings(), profiles=ProfileStore(Settings().raw()))
        made.append(services)
        return services

    yield make
    for services in made:
        event_loop_qt.run_until_complete(services.api.aclose())
        event_loop_qt.run_until_complete(services.history.close())
        services.usage.close()


@pytest.fixture
def chat(qtbot: Any, make_services: Any, event_loop_qt: asyncio.AbstractEventLoop) -> Any:
    """A chat tab on the loopback server, its model list loaded."""
    from playground.settings import Settings
    from playground.ui.tabs.chat import ChatTab

    tab = ChatTab(Settings())
    qtbot.addWidget(tab)
    tab.resize(1100, 700)
    tab.show()
    tab.params.model_picker.setEditText("gpt-4o-mini")
    tab.services = make_services()
    tab.attach(tab.services)
    run_until(event_loop_qt, lambda: tab.params.refresh_models.isEnabled())
    return tab
