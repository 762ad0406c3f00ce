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


def test_a_gpt_image_run_reports_its_image_and_text_tokens(fake_api: Any,
                                                          tmp_path: Path) -> None:
    """The usage the server returns (input image tokens, output text tokens) reaches the
    record, so gpt-image-2.x is priced from it at each kind's rate."""
    from decimal import Decimal

    from playground.usage.pricing import load_price_book

    fake_api.state["images_usage"] = {
        "input_tokens": 1_000, "output_tokens": 1_156, "total_tokens": 2_156,
        "input_tokens_details": {"text_tokens": 200, "image_tokens": 800},
        "output_tokens_details": {"text_tokens": 100, "image_tokens": 1_056}}

    async def body() -> UsageRecord:
        reported: list[UsageRecord] = []
        async with real_services(fake_api, tmp_path, reported=reported) as services:
            job = ImageJob(services)
            try:
                await job.run("generate", ImageRequest(
                    "gpt-image-1.5", "a red fox", size="1024x1024", quality="medium"), None)
            finally:
                job.close()
        return reported[0]

    record = asyncio.run(body())
    assert (record.prompt_tokens, record.image_input_tokens) == (1_000, 800)
    assert (record.completion_tokens, record.text_output_tokens) == (1_156, 100)
    record.free = False  # as if from OpenAI, not the loopback server
    # 200 x $5 + 800 x $8 + 100 x $10 + 1,056 x $32 (per 1M tokens)
    assert load_price_book().cost(record) == Decimal("0.042192")
