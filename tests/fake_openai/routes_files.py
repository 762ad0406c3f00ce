"""/files and /vector_stores (+ files, file_batches): what the files manager uses, answered
with the openai SDK's own types so they are what the SDK parses.

State lives in `server.state["files"]` (a FilesState). A store's files stay `in_progress` for
`FilesOptions.processing_polls` reads of the store (or its file list), then complete; the
store is `in_progress` while any file is. Errors are the API's own: an upload over
`max_bytes` (400), a type file search does not take when attached (400 unsupported_file),
an unknown id (404).
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from openai.types import FileDeleted, FileObject, VectorStore, VectorStoreDeleted
from openai.types.vector_store import ExpiresAfter, FileCounts
from openai.types.vector_stores import (
    VectorStoreFile,
    VectorStoreFileBatch,
    VectorStoreFileDeleted,
)
from openai.types.vector_stores import vector_store_file_batch as batch_types

from tests.fake_openai.server import Exchange, route

# The file search guide's "Supported files" table (kept apart from the app's copy on purpose:
# the fake plays the server).
RETRIEVAL_EXTENSIONS = {".c", ".cpp", ".cs", ".css", ".doc", ".docx", ".go", ".html", ".java",
                        ".js", ".json", ".md", ".pdf", ".php", ".pptx", ".py", ".rb", ".sh",
                        ".tex", ".ts", ".txt"}


@dataclass
class FilesOptions:
    processing_polls: int = 1  # reads of a store during which a new file is still in_progress
    max_bytes: int = 512 * 1024 * 1024
    chunk_bytes_factor: float = 1.5  # usage bytes of a processed file per byte of the file


@dataclass
class _StoreFile:
    file_id: str
    polls_left: int
    status: str = "in_progress"
    usage_bytes: int = 0


@dataclass
class FilesState:
    options: FilesOptions = field(default_factory=FilesOptions)
    files: dict[str, FileObject] = field(default_factory=dict)
    contents: dict[str, bytes] = field(default_factory=dict)
    stores: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> fields
    store_files: dict[str, dict[str, _StoreFile]] = field(default_factory=dict)

    def add_file(self, filename: str, data: bytes, purpose: str = "assistants",
                 expires_at: int | None = None) -> FileObject:
        """Put a file on the server directly (tests set the scene with it)."""
        # model_construct: the server takes purposes newer than the SDK's Literal ("evals").
        file = FileObject.model_construct(
            id=f"file-{uuid.uuid4().hex[:22]}", bytes=len(data),
            created_at=int(time.time()), filename=filename, object="file",
            purpose=purpose, status="processed", expires_at=expires_at)
        self.files[file.id] = file
        self.contents[file.id] = data
        return file


def files_state(ex_or_server: Any) -> FilesState:
    server = getattr(ex_or_server, "server", ex_or_server)
    state = server.state.setdefault("files", FilesState())
    assert isinstance(state, FilesState)
    return state


def _page(items: list[Any]) -> dict[str, Any]:
    data = [i.model_dump(mode="json") for i in items]
    return {"object": "list", "data": data, "has_more": False,
            "first_id": data[0]["id"] if data else None,
            "last_id": data[-1]["id"] if data else None}


# ---- files ---------------------------------------------------------------------------------


@route("POST", "/files")
def upload(ex: Exchange) -> None:
    state = files_state(ex)
    form = ex.form()
    part = (form.get("file") or [None])[0]
    purpose = (form.get("purpose") or [None])[0]
    if part is None or purpose is None:
        ex.send_error(400, "Missing required parameter: 'file'." if part is None
                      else "Missing required parameter: 'purpose'.", param="file")
        return
    if len(part.data) > state.options.max_bytes:
        ex.send_error(400, f"File is too large. Maximum size is {state.options.max_bytes} "
                      "bytes.", code="file_too_large", param="file")
        return
    expires_at = None
    seconds = form.get("expires_after[seconds]")
    if seconds:
        expires_at = int(time.time()) + int(seconds[0].text)
    file = state.add_file(part.filename or "upload", part.data, purpose.text, expires_at)
    ex.send_json(file.model_dump(mode="json"))


@route("GET", "/files")
def list_files(ex: Exchange) -> None:
    files = list(files_state(ex).files.values())  # in upload order
    if ex.query.get("order", "desc") == "desc":
        files.reverse()
    purpose = ex.query.get("purpose")
    ex.send_json(_page([f for f in files if purpose in (None, f.purpose)]))


@route("GET", "/files/{file_id}")
def retrieve_file(ex: Exchange) -> None:
    file = files_state(ex).files.get(ex.params["file_id"])
    if file is None:
        _no_file(ex)
        return
    ex.send_json(file.model_dump(mode="json"))


@route("DELETE", "/files/{file_id}")
def delete_file(ex: Exchange) -> None:
    state = files_state(ex)
    file_id = ex.params["file_id"]
    if state.files.pop(file_id, None) is None:
        _no_file(ex)
        return
    state.contents.pop(file_id, None)
    for attached in state.store_files.values():
        attached.pop(file_id, None)  # the platform drops it from every store too
    ex.send_json(FileDeleted(id=file_id, deleted=True, object="file").model_dump(mode="json"))


def _no_file(ex: Exchange) -> None:
    ex.send_error(404, f"No such File object: {ex.params['file_id']}", param="id")


# ---- vector stores -------------------------------------------------------------------------


def _advance(state: FilesState, store_id: str) -> None:
    """One read of the store: files still processing get one poll closer to done."""
    for attached in state.store_files.get(store_id, {}).values():
        if attached.status != "in_progress":
            continue
        if attached.polls_left > 0:
            attached.polls_left -= 1
            continue
        attached.status = "completed"
        size = state.files[attached.file_id].bytes if attached.file_id in state.files else 0
        attached.usage_bytes = int(size * state.options.chunk_bytes_factor)


def _store(state: FilesState, store_id: str) -> VectorStore:
    fields = state.stores[store_id]
    attached = list(state.store_files.get(store_id, {}).values())
    counts = {s: sum(1 for a in attached if a.status == s)
              for s in ("completed", "in_progress", "failed", "cancelled")}
    expires = fields.get("expires_after")
    expires_at = None
    if expires:
        expires_at = (fields.get("last_active_at") or fields["created_at"]) \
            + int(expires["days"]) * 86400
    return VectorStore(
        id=store_id, created_at=fields["created_at"], name=fields["name"],
        object="vector_store", status="in_progress" if counts["in_progress"] else "completed",
        usage_bytes=sum(a.usage_bytes for a in attached),
        file_counts=FileCounts(total=len(attached), **counts),
        last_active_at=fields.get("last_active_at"),
        expires_after=ExpiresAfter(anchor="last_active_at", days=int(expires["days"]))
        if expires else None, expires_at=expires_at)


def _attach(ex: Exchange, state: FilesState, store_id: str, file_ids: list[str]) -> bool:
    for file_id in file_ids:
        file = state.files.get(file_id)
        if file is None:
            ex.send_error(404, f"No such File object: {file_id}", param="file_id")
            return False
        suffix = PurePath(file.filename).suffix.lower()
        if suffix not in RETRIEVAL_EXTENSIONS:
            ex.send_error(400, f"Files with extensions [{suffix or 'none'}] are not supported "
                          "for retrieval. See https://platform.openai.com/docs/assistants/"
                          "tools/file-search#supported-files", code="unsupported_file",
                          param="file_id")
            return False
    attached = state.store_files.setdefault(store_id, {})
    for file_id in file_ids:
        attached[file_id] = _StoreFile(file_id, state.options.processing_polls)
    return True


def _known_store(ex: Exchange) -> str | None:
    store_id = ex.params["store_id"]
    if store_id not in files_state(ex).stores:
        ex.send_error(404, f"No vector store found with id '{store_id}'.", param="id")
        return None
    return store_id


@route("POST", "/vector_stores")
def create_store(ex: Exchange) -> None:
    state = files_state(ex)
    body = ex.json() or {}
    store_id = f"vs_{uuid.uuid4().hex[:24]}"
    state.stores[store_id] = {"name": body.get("name", ""), "created_at": int(time.time()),
                              "expires_after": body.get("expires_after"),
                              "last_active_at": int(time.time())}
    if not _attach(ex, state, store_id, list(body.get("file_ids") or [])):
        del state.stores[store_id]
        return
    ex.send_json(_store(state, store_id).model_dump(mode="json"))


@route("GET", "/vector_stores")
def list_stores(ex: Exchange) -> None:
    state = files_state(ex)
    for store_id in state.stores:
        _advance(state, store_id)
    stores = [_store(state, s) for s in reversed(state.stores)]  # newest first
    ex.send_json(_page(stores))


@route("GET", "/vector_stores/{store_id}")
def retrieve_store(ex: Exchange) -> None:
    if (store_id := _known_store(ex)) is None:
        return
    state = files_state(ex)
    _advance(state, store_id)
    ex.send_json(_store(state, store_id).model_dump(mode="json"))


@route("DELETE", "/vector_stores/{store_id}")
def delete_store(ex: Exchange) -> None:
    if (store_id := _known_store(ex)) is None:
        return
    state = files_state(ex)
    del state.stores[store_id]
    state.store_files.pop(store_id, None)
    ex.send_json(VectorStoreDeleted(id=store_id, deleted=True, object="vector_store.deleted")
                 .model_dump(mode="json"))


def _store_file(store_id: str, attached: _StoreFile) -> VectorStoreFile:
    return VectorStoreFile(id=attached.file_id, created_at=int(time.time()),
                           object="vector_store.file", status=attached.status,  # type: ignore[arg-type]
                           usage_bytes=attached.usage_bytes, vector_store_id=store_id)


@route("POST", "/vector_stores/{store_id}/files")
def attach_file(ex: Exchange) -> None:
    if (store_id := _known_store(ex)) is None:
        return
    state = files_state(ex)
    file_id = str((ex.json() or {}).get("file_id", ""))
    if _attach(ex, state, store_id, [file_id]):
        ex.send_json(_store_file(store_id, state.store_files[store_id][file_id])
                     .model_dump(mode="json"))


@route("GET", "/vector_stores/{store_id}/files")
def list_store_files(ex: Exchange) -> None:
    if (store_id := _known_store(ex)) is None:
        return
    state = files_state(ex)
    _advance(state, store_id)
    ex.send_json(_page([_store_file(store_id, a)
                        for a in state.store_files.get(store_id, {}).values()]))


@route("DELETE", "/vector_stores/{store_id}/files/{file_id}")
def detach_file(ex: Exchange) -> None:
    if (store_id := _known_store(ex)) is None:
        return
    file_id = ex.params["file_id"]
    if files_state(ex).store_files.get(store_id, {}).pop(file_id, None) is None:
        ex.send_error(404, f"No file found with id '{file_id}' in vector store '{store_id}'.",
                      param="file_id")
        return
    ex.send_json(VectorStoreFileDeleted(id=file_id, deleted=True,
                                        object="vector_store.file.deleted")
                 .model_dump(mode="json"))


@route("POST", "/vector_stores/{store_id}/file_batches")
def attach_batch(ex: Exchange) -> None:
    if (store_id := _known_store(ex)) is None:
        return
    state = files_state(ex)
    file_ids = [str(f) for f in (ex.json() or {}).get("file_ids") or []]
    if not _attach(ex, state, store_id, file_ids):
        return
    batch = VectorStoreFileBatch(
        id=f"vsfb_{uuid.uuid4().hex[:20]}", created_at=int(time.time()),
        object="vector_store.files_batch", status="in_progress", vector_store_id=store_id,
        file_counts=batch_types.FileCounts(cancelled=0, completed=0, failed=0,
                                           in_progress=len(file_ids), total=len(file_ids)))
    ex.send_json(batch.model_dump(mode="json"))
