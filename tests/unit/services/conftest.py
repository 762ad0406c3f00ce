"""Real services for widget-free session tests: a loopback profile, a temporary database."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from playground.model.types import Profile
from playground.services import ApiProvider, Services
from playground.settings import Settings
from playground.storage.gallery import Gallery
from playground.storage.history_async import AsyncHistory
from playground.storage.profiles import ProfileStore
from playground.storage.secrets import SecretStore
from playground.usage.records import UsageRecord
from playground.usage.service import UsageService


@asynccontextmanager
async def real_services(fake_api: Any, tmp_path: Path, *, key: str = "sk-test",
                        reported: list[UsageRecord] | None = None,
                        user_pricing: Path | None = None) -> AsyncIterator[Services]:
    """Services against the loopback server; `reported` collects every usage record;
    `user_pricing`: a pricing.toml of the user's (e.g. to price a loopback model)."""
    database = tmp_path / "db.sqlite3"
    history = await AsyncHistory.open(database)
    usage = UsageService(database, loop=asyncio.get_running_loop(), user_pricing=user_pricing)
    if reported is not None:
        real_report = usage.report

        def report(record: UsageRecord) -> None:
            reported.append(record)
            real_report(record)

        usage.report = report  # type: ignore[method-assign]
    profile = Profile(name="Test", base_url=fake_api.url, timeout=5, max_retries=0)

    async def read_key(_name: str) -> str:
        return key

    services = Services(api=ApiProvider(lambda: profile, read_key), usage=usage,
                        history=history, secrets=SecretStore(timeout=2), settings=Settings(),
                        profiles=ProfileStore(Settings().raw()),
                        gallery=Gallery(database, tmp_path / "media"))
    try:
        yield services
    finally:
        await services.api.aclose()
        await history.close()
        usage.close()
