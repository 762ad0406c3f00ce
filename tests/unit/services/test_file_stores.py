"""FileStores (widget-free) against the loopback server with the real SDK: uploads with
progress and cancel, refusals before sending, stores that stay processing and are re-polled,
failures as messages."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from playground.model.types import FailureKind
from playground.services.file_stores import FileStores, Upload, file_stores_for
from playground.services.messages import Severity, UserMessage
from tests.fake_openai import FakeOpenAI, Fault
from tests.fake_openai.routes_files import files_state
from tests.unit.services.conftest import real_services


def run(fake_api: FakeOpenAI, tmp_path: Path,
        body: Callable[[FileStores, list[UserMessage]], Awaitable[Any]]) -> Any:
    async def main() -> Any:
        async with real_services(fake_api, tmp_path) as services:
            stores = FileStores(services, poll_interval=0.01)
            messages: list[UserMessage] = []
            stores.message.connect(messages.append)
            try:
                return await body(stores, messages)
            finally:
                await stores.close()

    return asyncio.run(main())


def write(tmp_path: Path, name: str, size: int) -> Path:
    path = tmp_path / name
    path.write_bytes(b"y" * size)
    return path


def test_upload_into_a_store_then_processing_until_completed(fake_api: FakeOpenAI,
                                                              tmp_path: Path) -> None:
    files_state(fake_api).options.processing_polls = 2
    path = write(tmp_path, "guide.pdf", 200_000)
    fractions: list[float] = []

    async def body(stores: FileStores, messages: list[UserMessage]) -> Any:
        store = await stores.create_store("Guides", 30)
        assert store is not None and store.status == "completed"
        stores.progress.connect(lambda job: fractions.append(job.fraction))
        [job] = stores.upload([path], store_id=store.id)
        await stores.wait_uploads()
        assert job.status == "done" and job.file is not None
        # Attached: the store processes it; the poller re-reads it until completed.
        seen = [s.status for s in stores.stores]
        for _ in range(200):
            if not stores.stores[0].processing:
                break
            await asyncio.sleep(0.01)
        return store.id, job, seen, stores.stores[0], messages

    store_id, _job, seen, final, messages = run(fake_api, tmp_path, body)
    assert seen == ["in_progress"]
    assert final.status == "completed" and final.file_counts.completed == 1
    assert final.usage_bytes == 300_000 and messages == []
    assert fractions[0] == 0.0 and fractions[-1] == 1.0 and fractions == sorted(fractions)
    assert len(fake_api.requests_to(f"/vector_stores/{store_id}")) >= 3  # polled


def test_refused_files_are_said_and_not_sent(fake_api: FakeOpenAI, tmp_path: Path) -> None:
    csv = write(tmp_path, "sheet.csv", 5)
    ok = write(tmp_path, "ok.txt", 5)

    async def body(stores: FileStores, messages: list[UserMessage]) -> Any:
        store = await stores.create_store("S", None)
        assert store is not None
        jobs = stores.upload([csv, ok], store_id=store.id)
        await stores.wait_uploads()
        return jobs, messages

    jobs, messages = run(fake_api, tmp_path, body)
    assert [j.path.name for j in jobs] == ["ok.txt"] and jobs[0].status == "done"
    assert len(messages) == 1 and messages[0].severity == Severity.ERROR
    assert messages[0].text.startswith("File search does not take .csv files (“sheet.csv”).")
    assert [r.form["file"][0].filename for r in fake_api.requests_to("/files")] == ["ok.txt"]


def test_cancel_an_upload(fake_api: FakeOpenAI, tmp_path: Path) -> None:
    fake_api.inject(Fault(path="/files", kind="hang", delay=3))
    path = write(tmp_path, "slow.txt", 1000)

    async def body(stores: FileStores, messages: list[UserMessage]) -> Any:
        [job] = stores.upload([path], purpose="user_data")
        while job.status != "uploading":
            await asyncio.sleep(0.01)
        stores.cancel(job.id)
        await stores.wait_uploads()
        return job, stores.files, messages

    job, files, messages = run(fake_api, tmp_path, body)
    assert job.status == "cancelled" and files == [] and messages == []


def test_server_failure_during_upload_is_a_message(fake_api: FakeOpenAI,
                                                   tmp_path: Path) -> None:
    files_state(fake_api).options.max_bytes = 10
    path = write(tmp_path, "a.txt", 50)

    async def body(stores: FileStores, messages: list[UserMessage]) -> Any:
        [job] = stores.upload([path])
        await stores.wait_uploads()
        return job, messages

    job, messages = run(fake_api, tmp_path, body)
    assert job.status == "failed" and job.error == "File is too large. Maximum size is 10 bytes."
    assert messages[0].failure is not None
    assert messages[0].failure.kind == FailureKind.BAD_REQUEST


def test_refresh_delete_and_storage_cost(fake_api: FakeOpenAI, tmp_path: Path) -> None:
    state = files_state(fake_api)
    state.options.processing_polls = 0
    a = state.add_file("a.txt", b"a" * 100)
    b = state.add_file("b.md", b"b" * 100)

    async def body(stores: FileStores, messages: list[UserMessage]) -> Any:
        assert await stores.refresh()
        assert [f.id for f in stores.files] == [b.id, a.id]
        store = await stores.create_store("Notes", None, [a.id, b.id])
        assert store is not None
        assert await stores.refresh()
        used = stores.storage_bytes
        assert await stores.delete_files([a.id])
        after = stores.storage_bytes, [f.id for f in stores.files]
        assert await stores.remove_from_store(store.id, b.id)
        counts = stores.stores[0].file_counts.total
        assert await stores.delete_store(store.id)
        # Deleting what is gone: a clear message, the list unchanged otherwise.
        assert not await stores.delete_files([a.id])
        return used, after, counts, stores.stores, stores.daily_storage_cost(), messages

    used, after, counts, remaining, cost, messages = run(fake_api, tmp_path, body)
    assert used == 300 and after == (150, [b.id]) and counts == 0 and remaining == []
    assert cost == Decimal(0)  # under the free gigabyte
    assert [m.failure.kind for m in messages if m.failure] == [FailureKind.NOT_FOUND]
    assert messages[0].text == (f"The file {a.id} was not found on the server; it may have "
                                "been deleted already.")


def test_store_still_processing_is_shown_as_such_and_a_failed_poll_stops(
        fake_api: FakeOpenAI, tmp_path: Path) -> None:
    state = files_state(fake_api)
    state.options.processing_polls = 1000  # stays processing
    a = state.add_file("a.txt", b"a")

    async def body(stores: FileStores, messages: list[UserMessage]) -> Any:
        store = await stores.create_store("Busy", None, [a.id])
        assert store is not None and store.processing
        await asyncio.sleep(0.1)
        assert stores.store(store.id).processing  # type: ignore[union-attr]
        fake_api.inject(Fault(path=f"/vector_stores/{store.id}", status=404,
                              message="No vector store found", times=5))
        for _ in range(200):
            if stores.store(store.id) is None:
                break
            await asyncio.sleep(0.01)
        return stores.stores, messages

    remaining, messages = run(fake_api, tmp_path, body)
    assert remaining == [] and len(messages) == 1
    assert messages[0].failure is not None and messages[0].failure.status == 404


def test_refresh_failure_and_shared_instance(fake_api: FakeOpenAI, tmp_path: Path) -> None:
    fake_api.inject(Fault(path="/files", status=401, message="Incorrect API key provided",
                          code="invalid_api_key"))

    async def body(stores: FileStores, messages: list[UserMessage]) -> Any:
        assert file_stores_for(stores.services) is file_stores_for(stores.services)
        return await stores.refresh(), stores.loaded, messages

    ok, loaded, messages = run(fake_api, tmp_path, body)
    assert not ok and not loaded
    assert messages[0].failure is not None and messages[0].failure.kind == FailureKind.AUTH


def test_upload_fraction() -> None:
    job = Upload(Path("x"), 200, "assistants", sent=50)
    assert job.fraction == 0.25 and job.active
