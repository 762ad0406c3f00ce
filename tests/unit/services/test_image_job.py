"""ImageJob with no display: a run against the loopback server stores each image in the
gallery, announces drafts and deliveries, and reports usage."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from playground.api.images import ImageRequest
from playground.services.image_job import ImageJob
from playground.usage.records import UsageRecord
from tests.unit.services.conftest import real_services


def test_a_generation_is_stored_announced_and_reported(fake_api: Any, tmp_path: Path) -> None:
    async def body() -> None:
        reported: list[UsageRecord] = []
        async with real_services(fake_api, tmp_path, reported=reported) as services:
            gallery = services.gallery
            assert gallery is not None
            job = ImageJob(services)
            delivered: list[tuple[int, Any]] = []
            job.delivered.connect(
                lambda index, entry, _data, _mime: delivered.append((index, entry)))
            try:
                count = await job.run("generate", ImageRequest(
                    "dall-e-2", "a red fox", size="256x256", n=2, response_format="b64_json"),
                    None)
                assert count == 2 and [i for i, _e in delivered] == [0, 1]
                entries = await asyncio.to_thread(gallery.entries, "")
                assert sorted(e.prompt for e in entries) == ["a red fox", "a red fox"]
                assert all(e.path.exists() for e in entries)
                assert reported and reported[0].images == 2
                assert reported[0].image_size == "256x256"
            finally:
                job.close()

    asyncio.run(body())
