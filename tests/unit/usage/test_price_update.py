"""Update prices: newer genai-prices data from a (loopback) URL is validated, kept for the next
start and used at once; a bad download or no network changes nothing and says why."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from playground.usage.price_update import FILE_NAME, PriceUpdateError
from playground.usage.records import UsageRecord
from playground.usage.service import UsageService
from tests.fake_openai.routes_prices import NEWER_DATA

NEW_MODEL = UsageRecord("chat", "gpt-7-preview", prompt_tokens=1_000_000)


@pytest.fixture(autouse=True)
def package_snapshot() -> Iterator[None]:
    """Every test starts and ends on the package's own snapshot (the data is process-wide)."""
    from genai_prices import data_snapshot

    data_snapshot.set_custom_snapshot(None)
    yield
    data_snapshot.set_custom_snapshot(None)


def service_in(folder: Path) -> UsageService:
    return UsageService(folder / "db.sqlite3", price_folder=folder)


def test_newer_data_prices_a_new_model_now_and_after_a_restart(fake_api: Any,
                                                               tmp_path: Path) -> None:
    from genai_prices import data_snapshot

    fake_api.state["price_data"] = NEWER_DATA
    announced: list[Any] = []

    async def update() -> Any:
        service = service_in(tmp_path)
        service.add_price_listener(announced.append)
        assert service.prices.cost(NEW_MODEL) is None  # the snapshot does not know it
        try:
            return await service.update_prices(fake_api.url + "/genai-prices.json")
        finally:
            service.close()

    data = asyncio.run(update())
    assert data.providers == 1 and len(announced) == 1
    assert announced[0].cost(NEW_MODEL) == Decimal("1.5")
    assert (tmp_path / FILE_NAME).exists()

    data_snapshot.set_custom_snapshot(None)  # a new process: only the saved file remains
    restarted = service_in(tmp_path)
    try:
        assert restarted.prices.cost(NEW_MODEL) == Decimal("1.5")
        assert restarted.price_data is not None and restarted.price_data.fetched
    finally:
        restarted.close()


@pytest.mark.parametrize("body", [b'{"truncated": ', b'{"not": "a list"}',
                                  b'[{"id": "openai"}]'])
def test_a_bad_download_is_refused_and_the_saved_data_stays(fake_api: Any, tmp_path: Path,
                                                            body: bytes) -> None:
    saved = tmp_path / FILE_NAME
    saved.write_text('[{"kept": true}]', "utf-8")
    fake_api.state["price_data"] = body
    service = service_in(tmp_path)
    try:
        with pytest.raises(PriceUpdateError, match="not"):
            asyncio.run(service.update_prices(fake_api.url + "/genai-prices.json"))
        assert saved.read_text("utf-8") == '[{"kept": true}]'
        assert service.prices.cost(NEW_MODEL) is None
    finally:
        service.close()


def test_no_network_and_a_missing_file_say_so(fake_api: Any, tmp_path: Path) -> None:
    service = service_in(tmp_path)
    try:
        with pytest.raises(PriceUpdateError, match="HTTP 404"):
            asyncio.run(service.update_prices(fake_api.url + "/genai-prices.json"))
        with pytest.raises(PriceUpdateError, match="could not be downloaded"):
            asyncio.run(service.update_prices("http://127.0.0.1:9/data.json"))
    finally:
        service.close()
