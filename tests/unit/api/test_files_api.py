"""api.files against the loopback server with the real SDK: upload with progress, list,
delete, stores and their processing status, and every refusal (ours before sending, the
server's after)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from playground.api import files
from playground.api.client import ApiClient
from playground.model.files import MAX_FILE_BYTES, FileRejected, StoredFile
from playground.model.types import ApiFailure, FailureKind
from tests.fake_openai import FakeOpenAI, Fault
from tests.fake_openai.routes_files import files_state


def write(tmp_path: Path, name: str, size: int) -> Path:
    path = tmp_path / name
    path.write_bytes(b"x" * size)
    return path


def test_upload_reports_progress_and_lists(api_run: Callable[..., Any], fake_api: FakeOpenAI,
                                           tmp_path: Path) -> None:
    path = write(tmp_path, "notes.md", 300_000)
    seen: list[tuple[int, int]] = []

    async def body(client: ApiClient) -> tuple[StoredFile, list[StoredFile]]:
        uploaded = await files.upload_file(client, path, "assistants",
                                           progress=lambda s, t: seen.append((s, t)),
                                           for_file_search=True)
        return uploaded, await files.list_files(client)

    uploaded, listed = api_run(body)
    assert uploaded.filename == "notes.md" and uploaded.bytes == 300_000
    assert uploaded.purpose == "assistants"
    assert listed == [uploaded]
    # 64 KiB reads: 5 steps, rising, ending at the whole file.
    assert [s for s, _ in seen] == [65536, 131072, 196608, 262144, 300_000]
    assert {t for _, t in seen} == {300_000}
    form = fake_api.requests_to("/files")[0].form
    assert form["file"][0].filename == "notes.md" and len(form["file"][0].data) == 300_000
    assert form["purpose"][0].text == "assistants"


def test_upload_with_expiry_sends_the_policy(api_run: Callable[..., Any], fake_api: FakeOpenAI,
                                             tmp_path: Path) -> None:
    path = write(tmp_path, "data.jsonl", 10)
    result = api_run(lambda c: files.upload_file(c, path, "batch",
                                                 expires_after_seconds=7200))
    form = fake_api.requests_to("/files")[0].form
    assert form["expires_after[anchor]"][0].text == "created_at"
    assert form["expires_after[seconds]"][0].text == "7200"
    assert result.expires_at is not None and result.expires_at > result.created_at


def test_too_large_refused_before_sending(api_run: Callable[..., Any], fake_api: FakeOpenAI,
                                          tmp_path: Path) -> None:
    path = tmp_path / "big.pdf"
    with path.open("wb") as f:  # sparse: no 512 MB written to disk
        f.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(FileRejected) as caught:
        api_run(lambda c: files.upload_file(c, path, "assistants"))
    assert str(caught.value) == ("“big.pdf” is 512.0 MB; the API accepts files up to "
                                 "512 MB.")
    assert fake_api.requests_to("/files") == []


def test_unsupported_type_for_file_search_names_the_accepted_types(
        api_run: Callable[..., Any], fake_api: FakeOpenAI, tmp_path: Path) -> None:
    path = write(tmp_path, "table.csv", 10)
    with pytest.raises(FileRejected) as caught:
        api_run(lambda c: files.upload_file(c, path, "assistants", for_file_search=True))
    message = str(caught.value)
    assert message.startswith("File search does not take .csv files (“table.csv”). "
                              "Accepted types: .c, .cpp,")
    assert ".pdf" in message and message.endswith(".txt.")
    assert fake_api.requests_to("/files") == []
    # Without file search the same file goes up (code interpreter takes CSV).
    assert api_run(lambda c: files.upload_file(c, path, "assistants")).filename == "table.csv"


def test_empty_and_missing_files_are_refused(api_run: Callable[..., Any],
                                             tmp_path: Path) -> None:
    with pytest.raises(FileRejected, match=r"“empty\.txt” is empty"):
        api_run(lambda c: files.upload_file(c, write(tmp_path, "empty.txt", 0), "assistants"))
    with pytest.raises(FileRejected, match=r"Cannot read “gone\.txt”: No such file"):
        api_run(lambda c: files.upload_file(c, tmp_path / "gone.txt", "assistants"))


def test_server_refusing_the_size_is_an_api_failure(api_run: Callable[..., Any],
                                                    fake_api: FakeOpenAI,
                                                    tmp_path: Path) -> None:
    files_state(fake_api).options.max_bytes = 100
    with pytest.raises(ApiFailure) as caught:
        api_run(lambda c: files.upload_file(c, write(tmp_path, "a.txt", 200), "assistants"))
    assert caught.value.kind == FailureKind.BAD_REQUEST
    assert caught.value.message == "File is too large. Maximum size is 100 bytes."


def test_delete_and_404(api_run: Callable[..., Any], fake_api: FakeOpenAI) -> None:
    file = files_state(fake_api).add_file("a.txt", b"hello")
    api_run(lambda c: files.delete_file(c, file.id))
    assert files_state(fake_api).files == {}
    with pytest.raises(ApiFailure) as caught:
        api_run(lambda c: files.delete_file(c, file.id))
    assert caught.value.kind == FailureKind.NOT_FOUND
    assert caught.value.message == (f"The file {file.id} was not found on the server; it may "
                                    "have been deleted already.")
    assert "No such File object" in caught.value.raw


def test_store_processing_then_completed(api_run: Callable[..., Any],
                                         fake_api: FakeOpenAI) -> None:
    state = files_state(fake_api)
    state.options.processing_polls = 2
    a = state.add_file("a.txt", b"a" * 1000)
    b = state.add_file("b.md", b"b" * 3000)

    async def body(client: ApiClient) -> list[Any]:
        created = await files.create_store(client, "Docs", expires_after_days=7,
                                           file_ids=[a.id])
        await files.add_files(client, created.id, [files.stored_file(b)])
        seen = [created]
        for _ in range(3):
            seen.append(await files.retrieve_store(client, created.id))
        seen.append(await files.list_store_files(client, created.id))
        return seen

    created, first, second, third, attached = api_run(body)
    assert created.name == "Docs" and created.status == "in_progress" and created.processing
    assert created.expires_after_days == 7 and created.expires_at is not None
    assert (first.status, second.status, third.status) == ("in_progress", "in_progress",
                                                           "completed")
    assert third.file_counts.completed == 2 and third.file_counts.total == 2
    assert third.usage_bytes == 6000 and not third.processing
    assert sorted(f.file_id for f in attached) == sorted([a.id, b.id])
    assert fake_api.requests_to(f"/vector_stores/{created.id}/files")[0].json == \
        {"file_id": b.id}


def test_batch_attach_remove_and_delete_store(api_run: Callable[..., Any],
                                              fake_api: FakeOpenAI) -> None:
    state = files_state(fake_api)
    a, b = state.add_file("a.txt", b"1"), state.add_file("b.pdf", b"2")

    async def body(client: ApiClient) -> Any:
        store = await files.create_store(client, "Batch")
        await files.add_files(client, store.id, [files.stored_file(a), files.stored_file(b)])
        await files.remove_file(client, store.id, a.id)
        remaining = await files.list_store_files(client, store.id)
        listed = await files.list_stores(client)
        await files.delete_store(client, store.id)
        return store, remaining, listed, await files.list_stores(client)

    store, remaining, listed, after = api_run(body)
    batch = fake_api.requests_to(f"/vector_stores/{store.id}/file_batches")[0].json
    assert batch == {"file_ids": [a.id, b.id]}
    assert [f.file_id for f in remaining] == [b.id]
    assert [s.id for s in listed] == [store.id] and after == []
    assert store.expires_after_days is None and store.expires_at is None


def test_attach_refusals(api_run: Callable[..., Any], fake_api: FakeOpenAI) -> None:
    state = files_state(fake_api)
    csv = state.add_file("t.csv", b"a,b")
    store = api_run(lambda c: files.create_store(c, "S"))
    with pytest.raises(FileRejected, match=r"File search does not take \.csv files"):
        api_run(lambda c: files.add_files(c, store.id, [files.stored_file(csv)]))
    assert fake_api.requests_to(f"/vector_stores/{store.id}/files") == []
    # The server's own refusal (a file named differently here than there) reads the same way.
    state.files[csv.id].filename = "t.csv"
    renamed = StoredFile(csv.id, "t.txt", 3, "assistants", 0)
    with pytest.raises(ApiFailure) as caught:
        api_run(lambda c: files.add_files(c, store.id, [renamed]))
    assert caught.value.kind == FailureKind.BAD_REQUEST and caught.value.code == \
        "unsupported_file"
    assert caught.value.message.startswith("Files with extensions [.csv] are not supported")
    with pytest.raises(ApiFailure) as missing:
        api_run(lambda c: files.remove_file(c, store.id, "file-nope"))
    assert missing.value.kind == FailureKind.NOT_FOUND
    with pytest.raises(ApiFailure) as gone:
        api_run(lambda c: files.delete_store(c, "vs_nope"))
    assert gone.value.message == ("The vector store vs_nope was not found on the server; it "
                                  "may have been deleted already.")


def test_injected_fault_on_list(api_run: Callable[..., Any], fake_api: FakeOpenAI) -> None:
    fake_api.inject(Fault(path="/vector_stores", status=500, times=3))
    with pytest.raises(ApiFailure) as caught:
        api_run(lambda c: files.list_stores(c), max_retries=0)
    assert caught.value.kind == FailureKind.SERVER


def test_store_expiry_out_of_range(api_run: Callable[..., Any]) -> None:
    with pytest.raises(FileRejected, match="between 1 and 365 days"):
        api_run(lambda c: files.create_store(c, "S", expires_after_days=0))
