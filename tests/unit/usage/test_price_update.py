"""Update prices: newer genai-prices data from a (loopback) URL is validated, kept for the next
start and used at once; the same data again is "already current"; a bad download, a refused
connection or a server error changes nothing and says why."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from playground.usage.price_update import (
    FILE_NAME,
    META_NAME,
    PriceUpdateError,
    UpdateResult,
    describe_in_use,
)
from playground.usage.records import UsageRecord
from playground.usage.service import UsageService
from tests.fake_openai.routes_prices import (
    LAST_MODIFIED,
    NEW_CHAT_MODEL,
    NEW_IMAGE_MODEL,
    NEWER_DATA,
    published_data,
)

NEW_MODEL = UsageRecord("chat", "gpt-7-preview", prompt_tokens=1_000_000)
KNOWN_MODEL = UsageRecord("chat", "gpt-5.5", prompt_tokens=1_000_000)


@pytest.fixture(autouse=True)
def package_snapshot() -> Iterator[None]:
    """Every test starts and ends on the package's own snapshot (the data is process-wide)."""
    from genai_prices import data_snapshot

    data_snapshot.set_custom_snapshot(None)
    yield
    data_snapshot.set_custom_snapshot(None)


def service_in(folder: Path) -> UsageService:
    return UsageService(folder / "db.sqlite3", price_folder=folder)


def update(folder: Path, url: str, announced: list[Any] | None = None) -> UpdateResult:
    async def run() -> UpdateResult:
        service = service_in(folder)
        if announced is not None:
            service.add_price_listener(announced.append)
        try:
            return await service.update_prices(url)
        finally:
            service.close()

    return asyncio.run(run())


def test_newer_data_prices_a_new_model_now_and_after_an_offline_restart(
        fake_api: Any, tmp_path: Path) -> None:
    from genai_prices import data_snapshot

    fake_api.state["price_data"] = published_data(NEW_CHAT_MODEL)
    fake_api.state["price_last_modified"] = LAST_MODIFIED
    url = fake_api.url + "/genai-prices.json"
    before = service_in(tmp_path)
    try:
        assert before.prices.cost(NEW_MODEL) is None  # the snapshot does not know it
        known = before.prices.cost(KNOWN_MODEL)
    finally:
        before.close()
    announced: list[Any] = []
    result = update(tmp_path, url, announced)
    assert result.changed and result.new_models == ("gpt-7-preview",)
    assert result.data.origin == "download" and result.data.date == "2026-11-20"
    assert len(announced) >= 1 and announced[-1].cost(NEW_MODEL) == Decimal("1.5")
    assert announced[-1].cost(KNOWN_MODEL) == known  # the rest of the data is all there
    meta = json.loads((tmp_path / META_NAME).read_text("utf-8"))
    assert meta["date"] == "2026-11-20" and meta["url"] == url

    data_snapshot.set_custom_snapshot(None)  # a new process: only the saved file remains
    fake_api.state.pop("price_data")  # and no network
    restarted = service_in(tmp_path)
    try:
        restarted._executor.submit(lambda: None).result()  # the saved data is loaded
        assert restarted.prices.cost(NEW_MODEL) == Decimal("1.5")
        assert restarted.price_data is not None
        assert (restarted.price_data.origin, restarted.price_data.date) == \
            ("download", "2026-11-20")
    finally:
        restarted.close()


def test_the_data_in_use_again_is_already_current(fake_api: Any, tmp_path: Path) -> None:
    url = fake_api.url + "/genai-prices.json"
    fake_api.state["price_data"] = published_data()  # what the package ships
    result = update(tmp_path, url)
    assert not result.changed and result.data.origin == "package"
    assert not (tmp_path / FILE_NAME).exists()  # nothing to keep
    fake_api.state["price_data"] = published_data(NEW_CHAT_MODEL)
    assert update(tmp_path, url).changed
    saved = (tmp_path / FILE_NAME).read_bytes()
    again = update(tmp_path, url)  # a restart of the service loads the saved data first
    assert not again.changed and again.data.origin == "download"
    assert (tmp_path / FILE_NAME).read_bytes() == saved


@pytest.mark.parametrize(("body", "kind", "words"), [
    (b'[{"id": "openai", "name": "Op', "invalid", "cut short"),  # truncated
    (b'{"not": "a list"}', "invalid", "not a list"),
    (b'[{"id": "openai"}]', "invalid", "not valid genai-prices data"),
    (json.dumps([{"id": "x", "name": "X", "api_pattern": "x", "models": []}]).encode(),
     "no_openai", "no prices for OpenAI"),
])
def test_a_bad_download_is_refused_and_the_saved_data_stays(
        fake_api: Any, tmp_path: Path, body: bytes, kind: str, words: str) -> None:
    url = fake_api.url + "/genai-prices.json"
    fake_api.state["price_data"] = NEWER_DATA
    update(tmp_path, url)  # good data saved first
    saved = (tmp_path / FILE_NAME).read_bytes()
    fake_api.state["price_data"] = body
    service = service_in(tmp_path)
    try:
        with pytest.raises(PriceUpdateError, match=words) as failure:
            asyncio.run(service.update_prices(url))
        assert failure.value.kind == kind and failure.value.detail
        assert (tmp_path / FILE_NAME).read_bytes() == saved
        assert service.prices.cost(NEW_MODEL) == Decimal("1.5")  # still the saved data
    finally:
        service.close()


def test_offline_and_server_errors_say_so(fake_api: Any, tmp_path: Path) -> None:
    service = service_in(tmp_path)
    try:
        with pytest.raises(PriceUpdateError, match="answered HTTP 404") as failure:
            asyncio.run(service.update_prices(fake_api.url + "/genai-prices.json"))
        assert failure.value.kind == "http" and "no price data here" in failure.value.detail
        with pytest.raises(PriceUpdateError,
                           match=r"Could not reach the price server 127\.0\.0\.1") as failure:
            asyncio.run(service.update_prices("http://127.0.0.1:9/data.json"))
        assert failure.value.kind == "network"
        assert "refused" in failure.value.detail.lower()
        assert service.price_data is not None and service.price_data.origin == "package"
    finally:
        service.close()


def test_a_damaged_saved_file_is_ignored_with_a_note(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_bytes(b"[{")
    service = service_in(tmp_path)
    try:
        service._executor.submit(lambda: None).result()
        assert service.price_data is not None and service.price_data.origin == "package"
        assert service.price_note is not None and "damaged" in service.price_note
    finally:
        service.close()


def test_data_saved_under_another_genai_prices_gives_way_to_its_snapshot(
        fake_api: Any, tmp_path: Path) -> None:
    fake_api.state["price_data"] = NEWER_DATA
    update(tmp_path, fake_api.url + "/genai-prices.json")
    meta = json.loads((tmp_path / META_NAME).read_text("utf-8"))
    (tmp_path / META_NAME).write_text(json.dumps(meta | {"package": "0.1.0"}), "utf-8")
    from genai_prices import data_snapshot

    data_snapshot.set_custom_snapshot(None)
    service = service_in(tmp_path)
    try:
        service._executor.submit(lambda: None).result()
        assert service.price_data is not None and service.price_data.origin == "package"
        assert service.price_note is not None and "0.1.0" in service.price_note
    finally:
        service.close()


def test_the_package_snapshot_is_dated_by_its_newest_price_change() -> None:
    data = describe_in_use()
    assert data.origin == "package" and data.providers > 10 and data.models > 100
    assert data.date[:4] >= "2026"


def test_an_image_model_absent_from_the_snapshot_is_priced_after_an_update(
        fake_api: Any, tmp_path: Path) -> None:
    record = UsageRecord("images", "gpt-image-2.6-flare", images=1, image_size="1024x1024",
                         image_quality="medium", prompt_tokens=20, completion_tokens=1056)
    from playground.usage.pricing import load_price_book

    assert load_price_book().cost(record) is None  # the SDK lists it; the snapshot has no price
    fake_api.state["price_data"] = published_data(NEW_IMAGE_MODEL)
    announced: list[Any] = []
    update(tmp_path, fake_api.url + "/genai-prices.json", announced)
    # $5/M for 20 text tokens in, $40/M for 1,056 image tokens out
    assert announced[-1].cost(record) == Decimal("0.04234")


def test_in_the_app_the_loaded_price_data_is_frozen_out_of_full_collections(
        tmp_path: Path) -> None:
    """A full collection over the startup heap and the price data held the GIL 60-110 ms
    (bench/pricing.py): where the app has enabled it, the service freezes both once the data
    is loaded; tests and tools that do not enable it keep every collection."""
    import gc

    from playground import heap

    plain = service_in(tmp_path)
    try:
        plain._executor.submit(lambda: None).result()  # the price data is loaded
        assert gc.get_freeze_count() == 0
    finally:
        plain.close()
    heap.enable()
    try:
        frozen_at_start = gc.get_freeze_count()
        service = UsageService(tmp_path / "db.sqlite3", price_folder=tmp_path)
        try:
            service._executor.submit(lambda: None).result()
            assert gc.get_freeze_count() > frozen_at_start  # the price data too
        finally:
            service.close()
    finally:
        heap.disable()
    assert gc.get_freeze_count() == 0
