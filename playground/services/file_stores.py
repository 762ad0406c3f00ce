"""`FileStores`: the user's files and vector stores on the platform, for the manager and the
chat's store picker. Widget-free: it owns the lists and the async work (uploads with
progress and cancel, refresh, re-polling stores still processing) and emits events.

Messages are plain English sentences (the view shows them in its message line); API
failures travel as `UserMessage.api_failure`, phrased by the view.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from playground.model.files import (
    FILE_SEARCH_PURPOSE,
    FileRejected,
    StoredFile,
    VectorStoreInfo,
    attach_problem,
)
from playground.model.types import ApiFailure
from playground.services.messages import UserMessage
from playground.services.observer import Emitter

if TYPE_CHECKING:
    from playground.services.container import Services

Action = Callable[[Any], Awaitable[object]]  # given the ApiClient
POLL_INTERVAL = 2.0  # seconds between reads of a store still processing its files
_ids = itertools.count(1)


@dataclass
class Upload:
    """One upload: `sent` of `total` bytes; status waiting | uploading | done | failed |
    cancelled; `store_id`: the store it goes into once uploaded (None: none)."""

    path: Path
    total: int
    purpose: str
    store_id: str | None = None
    sent: int = 0
    status: str = "waiting"
    error: str = ""
    file: StoredFile | None = None
    id: int = field(default_factory=lambda: next(_ids))

    @property
    def fraction(self) -> float:
        return self.sent / self.total if self.total else 1.0

    @property
    def active(self) -> bool:
        return self.status in ("waiting", "uploading")


class FileStores:
    def __init__(self, services: Services, *, poll_interval: float = POLL_INTERVAL) -> None:
        self.services = services
        self.poll_interval = poll_interval
        self.files: list[StoredFile] = []
        self.stores: list[VectorStoreInfo] = []
        self.uploads: list[Upload] = []
        self.loaded = False
        self.busy = False  # a refresh is running
        self.changed: Emitter[[]] = Emitter()  # files or stores changed
        self.progress: Emitter[[Upload]] = Emitter()  # an upload moved on
        self.message: Emitter[[UserMessage]] = Emitter()
        self._tasks: dict[int, asyncio.Task[None]] = {}
        self._poller: asyncio.Task[None] | None = None

    # ---- reading -------------------------------------------------------------------------

    async def refresh(self) -> bool:
        """Both lists from the server; False (and a message) when that failed."""
        from playground.api import files as api

        self.busy = True
        try:
            client = await self.services.api.client()
            self.files, self.stores = await asyncio.gather(api.list_files(client),
                                                           api.list_stores(client))
        except ApiFailure as failure:
            self.message.emit(UserMessage.api_failure(failure))
            return False
        finally:
            self.busy = False
        self.loaded = True
        self.changed.emit()
        self._poll_if_processing()
        return True

    def file(self, file_id: str) -> StoredFile | None:
        return next((f for f in self.files if f.id == file_id), None)

    def store(self, store_id: str) -> VectorStoreInfo | None:
        return next((s for s in self.stores if s.id == store_id), None)

    @property
    def storage_bytes(self) -> int:
        return sum(s.usage_bytes for s in self.stores)

    def daily_storage_cost(self) -> Decimal | None:
        from playground.usage.tool_pricing import storage_cost_per_day

        return storage_cost_per_day(self.services.usage.prices, self.storage_bytes)

    # ---- uploads -------------------------------------------------------------------------

    def upload(self, paths: list[Path], purpose: str = FILE_SEARCH_PURPOSE,
               store_id: str | None = None) -> list[Upload]:
        """Start uploading `paths` (one task each); refused files are said at once and not
        sent. With `store_id` each file joins that store once uploaded."""
        from playground.api.files import check_upload

        started: list[Upload] = []
        for path in paths:
            try:
                size = check_upload(path, for_file_search=store_id is not None)
            except FileRejected as rejected:
                self.message.emit(UserMessage.error(str(rejected)))
                continue
            job = Upload(path, size, purpose, store_id)
            self.uploads.append(job)
            self._tasks[job.id] = asyncio.ensure_future(self._run_upload(job))
            started.append(job)
        return started

    async def wait_uploads(self) -> None:
        if self._tasks:
            await asyncio.gather(*self._tasks.values(), return_exceptions=True)

    def cancel(self, upload_id: int) -> None:
        task = self._tasks.get(upload_id)
        if task is not None:
            task.cancel()

    async def _run_upload(self, job: Upload) -> None:
        from playground.api import files as api

        def moved(sent: int, total: int) -> None:
            job.sent, job.total = sent, total
            self.progress.emit(job)

        try:
            client = await self.services.api.client()
            job.status = "uploading"
            self.progress.emit(job)
            job.file = await api.upload_file(client, job.path, job.purpose, progress=moved,
                                             for_file_search=job.store_id is not None)
            job.sent, job.status = job.total, "done"
            self.files.insert(0, job.file)
            self.progress.emit(job)
            self.changed.emit()
            if job.store_id is not None:
                await self.add_to_store(job.store_id, [job.file.id])
        except asyncio.CancelledError:
            job.status = "cancelled"
            self.progress.emit(job)
        except FileRejected as rejected:  # the file changed since it was checked
            self._failed(job, str(rejected), UserMessage.error(str(rejected)))
        except ApiFailure as failure:
            self._failed(job, failure.message, UserMessage.api_failure(failure))
        finally:
            self._tasks.pop(job.id, None)

    def _failed(self, job: Upload, error: str, message: UserMessage) -> None:
        job.status, job.error = "failed", error
        self.progress.emit(job)
        self.message.emit(message)

    def clear_finished(self) -> None:
        self.uploads = [u for u in self.uploads if u.active]

    # ---- changes -------------------------------------------------------------------------

    async def delete_files(self, file_ids: list[str]) -> bool:
        from playground.api import files as api

        ok = await self._act(lambda client: asyncio.gather(
            *(api.delete_file(client, i) for i in file_ids)))
        self.files = [f for f in self.files if f.id not in file_ids]
        self.changed.emit()
        if ok:  # the stores lost them too: their sizes and counts change
            await self.refresh()
        return ok

    async def create_store(self, name: str, expires_after_days: int | None,
                           file_ids: list[str] | None = None) -> VectorStoreInfo | None:
        from playground.api import files as api

        name = name.strip()
        if not name:
            self.message.emit(UserMessage.error("Give the vector store a name."))
            return None
        for file_id in file_ids or []:
            known = self.file(file_id)
            if known is not None and (problem := attach_problem(known.filename)):
                self.message.emit(UserMessage.error(problem))
                return None
        made: list[VectorStoreInfo] = []

        async def create(client: Any) -> None:
            made.append(await api.create_store(client, name,
                                               expires_after_days=expires_after_days,
                                               file_ids=file_ids))

        if not await self._act(create):
            return None
        self.stores.insert(0, made[0])
        self.changed.emit()
        self._poll_if_processing()
        return made[0]

    async def add_to_store(self, store_id: str, file_ids: list[str]) -> bool:
        from playground.api import files as api

        chosen = [f for f in self.files if f.id in file_ids]
        if not await self._act(lambda client: api.add_files(client, store_id, chosen)):
            return False
        await self._reread_store(store_id)
        return True

    async def remove_from_store(self, store_id: str, file_id: str) -> bool:
        from playground.api import files as api

        if not await self._act(lambda client: api.remove_file(client, store_id, file_id)):
            return False
        await self._reread_store(store_id)
        return True

    async def delete_store(self, store_id: str) -> bool:
        from playground.api import files as api

        ok = await self._act(lambda client: api.delete_store(client, store_id))
        if ok:
            self.stores = [s for s in self.stores if s.id != store_id]
            self.changed.emit()
        return ok

    async def _act(self, action: Action) -> bool:
        """Run `action(client)`; a refusal or failure becomes a message and False."""
        try:
            client = await self.services.api.client()
            await action(client)
        except FileRejected as rejected:
            self.message.emit(UserMessage.error(str(rejected)))
            return False
        except ApiFailure as failure:
            self.message.emit(UserMessage.api_failure(failure))
            return False
        return True

    # ---- processing stores ---------------------------------------------------------------

    async def _reread_store(self, store_id: str) -> None:
        from playground.api import files as api

        try:
            client = await self.services.api.client()
            fresh = await api.retrieve_store(client, store_id)
        except ApiFailure as failure:
            self.message.emit(UserMessage.api_failure(failure))
            return
        self.stores = [fresh if s.id == store_id else s for s in self.stores]
        if self.store(store_id) is None:
            self.stores.insert(0, fresh)
        self.changed.emit()
        self._poll_if_processing()

    def _poll_if_processing(self) -> None:
        if any(s.processing for s in self.stores) and (self._poller is None
                                                       or self._poller.done()):
            self._poller = asyncio.ensure_future(self._poll())

    async def _poll(self) -> None:
        """Re-read every store still processing until none is (or a read fails)."""
        while processing := [s.id for s in self.stores if s.processing]:
            await asyncio.sleep(self.poll_interval)
            for store_id in processing:
                if self.store(store_id) is not None and not await self._poll_one(store_id):
                    return

    async def _poll_one(self, store_id: str) -> bool:
        """One re-read; False when it failed (said once; the next refresh polls again)."""
        from playground.api import files as api

        try:
            client = await self.services.api.client()
            fresh = await api.retrieve_store(client, store_id)
        except ApiFailure as failure:
            self.message.emit(UserMessage.api_failure(failure))
            if failure.status == 404:  # deleted elsewhere (the dashboard, another app)
                self.stores = [s for s in self.stores if s.id != store_id]
                self.changed.emit()
            return False
        self.stores = [fresh if s.id == store_id else s for s in self.stores]
        self.changed.emit()
        return True

    async def close(self) -> None:
        tasks = [*self._tasks.values(), *([self._poller] if self._poller else [])]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)


_shared: list[tuple[Services, FileStores]] = []


def file_stores_for(services: Services) -> FileStores:
    """The app's one FileStores (per Services), made on first use: the manager and the
    chat's store picker see the same lists."""
    for owner, stores in _shared:
        if owner is services:
            return stores
    stores = FileStores(services)
    _shared.append((services, stores))
    return stores
