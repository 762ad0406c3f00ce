"""ImageJob with no display: a run against the loopback server stores each image in the
gallery, announces drafts and deliveries, and reports usage."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from playground.api.images import ImageRequest
from playground.model.types import Profile
from playground.services import ApiProvider, Services
from playground.services.image_job import ImageJob
from playground.settings import Settings
from playground.storage.gallery import Gallery
from playground.storage.history_async import AsyncHistory
from playground.storage.profiles import ProfileStore
from playground.storage.secrets import SecretStore
from playground.usage.records import UsageRecord
from playground.usage.service import UsageService


def test_a_generation_is_stored_announced_and_reported(fake_api: Any, tmp_path: Path) -> None:
    async def body() -> None:
        database = tmp_path / "db.sqlite3"
        history = await AsyncHistory.open(database)
        usage = UsageService(database, loop=asyncio.get_running_loop())
        reported: list[UsageRecord] = []
        real_report = usage.report
        usage.report = lambda record: (reported.append(record), real_report(record))[1]  # type: ignore[method-assign]
        profile = Profile(name="Test", base_url=fake_api.url, timeout=5, max_retries=0)

        async def key(_name: str) -> str:
            return "sk-test"

        gallery = Gallery(database, tmp_path / "media")
        services = Services(api=ApiProvider(lambda: profile, key), usage=usage,
                            history=history, secrets=SecretStore(timeout=2),
                            settings=Settings(), profiles=ProfileStore(Settings().raw()),
                            gallery=gallery)
        job = ImageJob(services)
        delivered: list[tuple[int, Any]] = []
        job.delivered.connect(lambda index, entry, _data, _mime: delivered.append((index, entry)))
        try:
            count = await job.run("generate", ImageRequest(
                "dall-e-2", "a red fox", size="256x256", n=2, response_format="b64_json"), None)
            assert count == 2 and [i for i, _e in delivered] == [0, 1]
            entries = await asyncio.to_thread(gallery.entries, "")
            assert sorted(e.prompt for e in entries) == ["a red fox", "a red fox"]
            assert all(e.path.exists() for e in entries)
            assert reported and reported[0].images == 2 and reported[0].image_size == "256x256"
        finally:
            await services.api.aclose()
            await history.close()
            usage.close()
            job.close()

    asyncio.run(body())
