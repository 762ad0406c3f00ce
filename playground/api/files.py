"""Files and vector stores on the platform: list, upload (with progress), delete; create
stores, attach and detach files, read a store's processing status.

Qt-free asyncio over the SDK's `files` and `vector_stores` resources. Uploads are checked
against the API's limits (model/files.py) before a byte is sent; every SDK error leaves as
ApiFailure, every result as a plain type from model/files.py.
"""

from __future__ import annotations

import io
import mimetypes
import os
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, cast

from playground.api.client import ApiClient
from playground.api.errors import to_failure
from playground.model.files import (
    MAX_EXPIRY_SECONDS,
    MIN_EXPIRY_SECONDS,
    FileCounts,
    FileRejected,
    StoredFile,
    StoreFile,
    VectorStoreInfo,
    attach_problem,
    upload_problem,
)
from playground.model.types import ApiFailure

Progress = Callable[[int, int], None]  # bytes sent, bytes in all


class ProgressReader(io.RawIOBase):
    """A binary file that reports how much of it has been read: the HTTP client reads an
    upload in 64 KiB chunks as it sends them, so reads are the bytes sent. A retry seeks back
    to 0, and the count starts again."""

    def __init__(self, raw: io.BufferedReader, total: int, progress: Progress) -> None:
        super().__init__()
        self._raw = raw
        self._total = total
        self._progress = progress
        self._sent = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._raw.fileno()  # the client takes the length from fstat

    def tell(self) -> int:
        return self._raw.tell()

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        position = self._raw.seek(offset, whence)
        self._sent = position
        return position

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(size)
        if data:
            self._sent += len(data)
            self._progress(min(self._sent, self._total), self._total)
        return data

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def close(self) -> None:
        self._raw.close()
        super().close()


def _failure(exc: Exception, missing: str = "") -> ApiFailure:
    """The SDK error as ApiFailure; a 404 on an object names it (`missing`), rather than
    reading as an endpoint the server lacks."""
    failure = to_failure(exc)
    if missing and failure.status == 404:
        failure.raw = failure.raw or failure.message
        failure.message = f"{missing} was not found on the server; it may have been " \
                          "deleted already."
    return failure


def stored_file(obj: Any) -> StoredFile:
    return StoredFile(id=obj.id, filename=obj.filename, bytes=int(obj.bytes or 0),
                      purpose=str(obj.purpose), created_at=int(obj.created_at or 0),
                      expires_at=getattr(obj, "expires_at", None))


def store_info(obj: Any) -> VectorStoreInfo:
    counts = obj.file_counts
    expires = getattr(obj, "expires_after", None)
    return VectorStoreInfo(
        id=obj.id, name=obj.name or "", status=str(obj.status),
        usage_bytes=int(obj.usage_bytes or 0),
        file_counts=FileCounts(completed=counts.completed, in_progress=counts.in_progress,
                               failed=counts.failed, cancelled=counts.cancelled,
                               total=counts.total),
        created_at=int(obj.created_at or 0), expires_at=obj.expires_at,
        expires_after_days=expires.days if expires is not None else None,
        last_active_at=obj.last_active_at)


def store_file(obj: Any) -> StoreFile:
    error = obj.last_error.message if getattr(obj, "last_error", None) else ""
    return StoreFile(file_id=obj.id, vector_store_id=obj.vector_store_id,
                     status=str(obj.status), usage_bytes=int(obj.usage_bytes or 0),
                     error=error)


async def list_files(client: ApiClient, purpose: str | None = None) -> list[StoredFile]:
    """Every file of the project, newest first (all pages)."""
    params: dict[str, Any] = {"order": "desc"}
    if purpose:
        params["purpose"] = purpose
    try:
        return [stored_file(f) async for f in client.sdk.files.list(**params)]
    except Exception as exc:
        raise _failure(exc) from exc


def check_upload(path: Path, *, for_file_search: bool) -> int:
    """The file's size, or FileRejected saying why the API would refuse it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FileRejected(f"Cannot read “{path.name}”: {exc.strerror or exc}.") from exc
    if not path.is_file():
        raise FileRejected(f"“{path.name}” is not a file.")
    problem = upload_problem(path.name, size, for_file_search=for_file_search)
    if problem:
        raise FileRejected(problem)
    return size


async def upload_file(client: ApiClient, path: Path, purpose: str, *,
                      progress: Progress | None = None, for_file_search: bool = False,
                      expires_after_seconds: int | None = None) -> StoredFile:
    """Upload `path` as `purpose`, reporting bytes sent. FileRejected before sending when
    the API's limits refuse it; ApiFailure when the server does."""
    size = check_upload(path, for_file_search=for_file_search)
    params: dict[str, Any] = {"purpose": purpose}
    if expires_after_seconds is not None:
        if not MIN_EXPIRY_SECONDS <= expires_after_seconds <= MAX_EXPIRY_SECONDS:
            raise FileRejected("A file's expiry must be between 1 hour and 30 days.")
        params["expires_after"] = {"anchor": "created_at", "seconds": expires_after_seconds}
    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    try:
        raw = path.open("rb")
    except OSError as exc:
        raise FileRejected(f"Cannot read “{path.name}”: {exc.strerror or exc}.") from exc
    reader = ProgressReader(raw, size, progress or (lambda _sent, _total: None))
    try:
        created = await client.sdk.files.create(file=(path.name, cast(IO[bytes], reader),
                                                      content_type),
                                                **params)
    except Exception as exc:
        raise _failure(exc) from exc
    finally:
        reader.close()
    return stored_file(created)


async def delete_file(client: ApiClient, file_id: str) -> None:
    try:
        await client.sdk.files.delete(file_id)
    except Exception as exc:
        raise _failure(exc, f"The file {file_id}") from exc


async def list_stores(client: ApiClient) -> list[VectorStoreInfo]:
    try:
        return [store_info(s) async for s in client.sdk.vector_stores.list(order="desc")]
    except Exception as exc:
        raise _failure(exc) from exc


async def retrieve_store(client: ApiClient, store_id: str) -> VectorStoreInfo:
    try:
        return store_info(await client.sdk.vector_stores.retrieve(store_id))
    except Exception as exc:
        raise _failure(exc, f"The vector store {store_id}") from exc


async def create_store(client: ApiClient, name: str, *, expires_after_days: int | None = None,
                       file_ids: list[str] | None = None) -> VectorStoreInfo:
    """A new store; `expires_after_days` counts from its last use (None: never expires)."""
    params: dict[str, Any] = {"name": name}
    if expires_after_days is not None:
        if not 1 <= expires_after_days <= 365:
            raise FileRejected("A store's expiry must be between 1 and 365 days after its "
                               "last use.")
        params["expires_after"] = {"anchor": "last_active_at", "days": expires_after_days}
    if file_ids:
        params["file_ids"] = file_ids
    try:
        return store_info(await client.sdk.vector_stores.create(**params))
    except Exception as exc:
        raise _failure(exc) from exc


async def delete_store(client: ApiClient, store_id: str) -> None:
    try:
        await client.sdk.vector_stores.delete(store_id)
    except Exception as exc:
        raise _failure(exc, f"The vector store {store_id}") from exc


async def add_files(client: ApiClient, store_id: str, files: list[StoredFile]) -> None:
    """Attach uploaded files to a store (one batch). FileRejected, before sending, names a
    file whose type file search does not take."""
    for file in files:
        problem = attach_problem(file.filename)
        if problem:
            raise FileRejected(problem)
    if not files:
        return
    try:
        if len(files) == 1:
            await client.sdk.vector_stores.files.create(store_id, file_id=files[0].id)
        else:
            await client.sdk.vector_stores.file_batches.create(
                store_id, file_ids=[f.id for f in files])
    except Exception as exc:
        raise _failure(exc, f"The vector store {store_id} or one of its files") from exc


async def remove_file(client: ApiClient, store_id: str, file_id: str) -> None:
    """Detach a file from a store (the file itself stays uploaded)."""
    try:
        await client.sdk.vector_stores.files.delete(file_id, vector_store_id=store_id)
    except Exception as exc:
        raise _failure(exc, f"The file {file_id} in vector store {store_id}") from exc


async def list_store_files(client: ApiClient, store_id: str) -> list[StoreFile]:
    try:
        return [store_file(f) async for f in client.sdk.vector_stores.files.list(store_id)]
    except Exception as exc:
        raise _failure(exc, f"The vector store {store_id}") from exc
