"""Conversations and their messages in one SQLite database (WAL), with full-text search.

`History` is synchronous and thread-safe (one connection, one lock). The UI never calls it
on the Qt thread: it uses `AsyncHistory`, which runs every call on one dedicated worker
thread, so calls stay in order and SQLite never sees two threads at once.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from playground.model.types import ApiFailure, FailureKind, ImageInput, MessageStatus, Usage
from playground.storage import branches, schema
from playground.storage.paths import StorageUnavailable
from playground.storage.plain_text import plain_text
from playground.storage.search import SearchHit, search

_T = TypeVar("_T")

NEW_CHAT_TITLE = "New chat"


@dataclass(frozen=True)
class Conversation:
    id: int
    title: str
    created_at: float  # Unix seconds
    updated_at: float
    model: str = ""
    system_prompt: str = ""
    params: dict[str, Any] = field(default_factory=dict)  # sampling controls, as the tab sets them


@dataclass(frozen=True)
class StoredMessage:
    id: int
    conversation_id: int
    position: int  # 0-based order within the conversation
    role: str
    content: str
    status: MessageStatus
    created_at: float
    updated_at: float
    images: list[ImageInput] = field(default_factory=list)
    error: ApiFailure | None = None
    model: str = ""
    usage: Usage | None = None
    request_id: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # reasoning, tool calls, timing…


class History:
    """The conversation store. `path=None` keeps everything in memory (the fallback when
    the data folder is unusable: the session still works, nothing is saved)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.RLock()
        target = ":memory:" if path is None else str(path)
        try:
            self._db = sqlite3.connect(target, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StorageUnavailable(f"Cannot open the history database {path}: {exc}.") from exc
        try:
            self._db.row_factory = sqlite3.Row
            schema.ensure_supported(self._db)  # even the journal mode switch writes the file
            if path is not None:
                self._db.execute("PRAGMA journal_mode = WAL")
            # With WAL, NORMAL survives an app crash (only a power cut can drop the last
            # commits) and keeps the 250 ms streaming writes free of fsyncs.
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA busy_timeout = 5000")
            self.migrated_from = schema.migrate(self._db)
            self.recovered_interrupted = self._mark_interrupted()
        except (sqlite3.Error, schema.NewerSchema) as exc:
            self._db.close()
            raise StorageUnavailable(
                f"Cannot use the history database {path or '(in memory)'}: {exc}."
            ) from exc

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # ---- conversations ------------------------------------------------------------------

    def create_conversation(
        self, title: str = NEW_CHAT_TITLE, *, model: str = "", system_prompt: str = "",
        params: dict[str, Any] | None = None,
    ) -> Conversation:
        now = time.time()
        params_json = json.dumps(params or {}, ensure_ascii=False)
        with self._lock:
            cursor = self._db.execute(
                "INSERT INTO conversations (title, created_at, updated_at, model, system_prompt,"
                " params_json) VALUES (?, ?, ?, ?, ?, ?)",
                (title, now, now, model, system_prompt, params_json),
            )
            conversation_id = cursor.lastrowid
        assert conversation_id is not None
        return Conversation(conversation_id, title, now, now, model, system_prompt,
                            dict(params or {}))

    def get_conversation(self, conversation_id: int) -> Conversation | None:
        with self._lock:
            row = self._db.execute(
                "SELECT * FROM conversations WHERE id = ?", (conversation_id,)
            ).fetchone()
        return None if row is None else _conversation(row)

    def rename_conversation(self, conversation_id: int, title: str) -> None:
        self._update_conversation(conversation_id, "title = ?", (title,))

    def update_conversation(
        self, conversation_id: int, *, model: str | None = None,
        system_prompt: str | None = None, params: dict[str, Any] | None = None,
    ) -> None:
        """Store the tab's current model, system prompt and sampling controls."""
        assignments, values = [], []
        if model is not None:
            assignments.append("model = ?")
            values.append(model)
        if system_prompt is not None:
            assignments.append("system_prompt = ?")
            values.append(system_prompt)
        if params is not None:
            assignments.append("params_json = ?")
            values.append(json.dumps(params, ensure_ascii=False))
        if assignments:
            self._update_conversation(conversation_id, ", ".join(assignments), tuple(values))

    def delete_conversation(self, conversation_id: int) -> None:
        with self._lock:
            self._db.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))

    def list_conversations(self, limit: int | None = None, offset: int = 0) -> list[Conversation]:
        """Most recently updated first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT * FROM conversations ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?",
                (-1 if limit is None else limit, offset),
            ).fetchall()
        return [_conversation(row) for row in rows]

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Conversations whose title or messages contain every whitespace-separated term
        (substring match, any language), most recently updated first, each with a snippet."""
        with self._lock:
            return search(self._db, query, limit)

    # ---- messages -----------------------------------------------------------------------

    def add_message(
        self, conversation_id: int, role: str, content: str = "", *,
        status: MessageStatus = MessageStatus.COMPLETE, images: Sequence[ImageInput] = (),
        model: str = "", usage: Usage | None = None, request_id: str | None = None,
        meta: dict[str, Any] | None = None,
    ) -> StoredMessage:
        """Append a message at the end of the conversation (and mark it as updated)."""
        now = time.time()
        images_json = json.dumps([asdict(image) for image in images])
        usage_json = _usage_json(usage)
        with self._lock, self._transaction():
            if not self._exists(conversation_id):
                raise KeyError(f"no conversation with id {conversation_id}")
            position = self._db.execute(
                "SELECT coalesce(max(position) + 1, 0) FROM messages WHERE conversation_id = ?"
                " AND branch_id IS NULL", (conversation_id,),
            ).fetchone()[0]
            cursor = self._db.execute(
                "INSERT INTO messages (conversation_id, position, role, content, images_json,"
                " status, model, usage_json, request_id, created_at, updated_at, meta_json)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (conversation_id, position, role, content, images_json, str(status), model,
                 usage_json, request_id, now, now, _meta_json(meta)),
            )
            self._touch(conversation_id, now)
        assert cursor.lastrowid is not None
        return StoredMessage(cursor.lastrowid, conversation_id, position, role, content,
                             MessageStatus(status), now, now, list(images), None, model, usage,
                             request_id, dict(meta or {}))

    def update_message_content(
        self, message_id: int, content: str, status: MessageStatus = MessageStatus.STREAMING,
        *, usage: Usage | None = None, request_id: str | None = None,
        meta: dict[str, Any] | None = None,
    ) -> None:
        """Rewrite a (streaming) reply. One primary-key UPDATE: the search index is not
        touched while the status stays `streaming`. usage/request_id/meta kept when None."""
        with self._lock:
            cursor = self._db.execute(
                "UPDATE messages SET content = ?, status = ?, updated_at = ?,"
                " usage_json = coalesce(?, usage_json), request_id = coalesce(?, request_id),"
                " meta_json = coalesce(?, meta_json) WHERE id = ?",
                (content, str(status), time.time(), _usage_json(usage), request_id,
                 _meta_json(meta), message_id),
            )
        if cursor.rowcount == 0:
            raise KeyError(f"no message with id {message_id}")

    def set_message_error(self, message_id: int, failure: ApiFailure,
                          status: MessageStatus = MessageStatus.ERROR) -> None:
        """Store why a reply failed; its partial content stays (`status` INTERRUPTED when
        some of it arrived, so it can be continued)."""
        error_json = json.dumps({
            "kind": str(failure.kind), "message": failure.message,
            "request_id": failure.request_id, "retryable": failure.retryable,
            "status": failure.status, "retry_after": failure.retry_after, "code": failure.code,
            "raw": failure.raw,
        }, ensure_ascii=False)
        with self._lock:
            cursor = self._db.execute(
                "UPDATE messages SET status = ?, error_json = ?, updated_at = ?,"
                " request_id = coalesce(?, request_id) WHERE id = ?",
                (str(status), error_json, time.time(), failure.request_id, message_id),
            )
        if cursor.rowcount == 0:
            raise KeyError(f"no message with id {message_id}")

    def truncate_after(self, conversation_id: int, position: int) -> int:
        """Delete every message after `position` (to regenerate from an edited message);
        returns how many were deleted."""
        with self._lock, self._transaction():
            cursor = self._db.execute(
                "DELETE FROM messages WHERE conversation_id = ? AND position > ?"
                " AND branch_id IS NULL", (conversation_id, position),
            )
            self._touch(conversation_id, time.time())
        return cursor.rowcount

    def archive_from(self, conversation_id: int, position: int) -> int | None:
        """Move the shown messages from `position` on into a new archived branch (edit and
        regenerate start over from there); None when there was nothing to move."""
        with self._lock, self._transaction():
            branch = branches.archive_from(self._db, conversation_id, position, time.time())
            self._touch(conversation_id, time.time())
        return branch

    def switch_branch(self, conversation_id: int, branch_id: int) -> None:
        """Show an archived branch instead of what is shown from its fork on (which is
        archived in turn, so switching back and forth loses nothing)."""
        with self._lock, self._transaction():
            branches.activate(self._db, conversation_id, branch_id, time.time())
            self._touch(conversation_id, time.time())

    def alternatives(self, conversation_id: int) -> dict[int, list[branches.Alternative]]:
        """Per position of the shown conversation that has archived alternatives: all of
        them and the shown one, oldest first."""
        with self._lock:
            return branches.alternatives(self._db, conversation_id)

    def get_message(self, message_id: int) -> StoredMessage | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM messages WHERE id = ?", (message_id,)).fetchone()
        return None if row is None else _message(row)

    def load_messages(
        self, conversation_id: int, limit: int | None = None,
        before_position: int | None = None,
    ) -> list[StoredMessage]:
        """Messages in order. With `limit`, only the last `limit` of them (before
        `before_position` when given): open a long chat with the last ~50, then page back."""
        upper = before_position if before_position is not None else 2**62
        with self._lock:
            # Walks messages_by_position backwards from `upper`: cost depends on `limit`,
            # not on the conversation's length.
            rows = self._db.execute(
                "SELECT * FROM messages WHERE conversation_id = ? AND position < ?"
                " AND branch_id IS NULL ORDER BY position DESC LIMIT ?",
                (conversation_id, upper, -1 if limit is None else limit),
            ).fetchall()
        return [_message(row) for row in reversed(rows)]

    def count_messages(self, conversation_id: int) -> int:
        with self._lock:
            return int(self._db.execute(
                "SELECT count(*) FROM messages WHERE conversation_id = ? AND branch_id IS NULL",
                (conversation_id,)
            ).fetchone()[0])

    # ---- internals ----------------------------------------------------------------------

    def _mark_interrupted(self) -> int:
        with self._lock:
            cursor = self._db.execute(
                "UPDATE messages SET status = 'interrupted' WHERE status = 'streaming'"
            )
        return cursor.rowcount

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _exists(self, conversation_id: int) -> bool:
        return self._db.execute(
            "SELECT 1 FROM conversations WHERE id = ?", (conversation_id,)
        ).fetchone() is not None

    def _touch(self, conversation_id: int, now: float) -> None:
        self._db.execute(
            "UPDATE conversations SET updated_at = ? WHERE id = ?", (now, conversation_id)
        )

    def _update_conversation(
        self, conversation_id: int, assignments: str, values: tuple[Any, ...]
    ) -> None:
        with self._lock:
            cursor = self._db.execute(
                f"UPDATE conversations SET {assignments}, updated_at = ? WHERE id = ?",
                (*values, time.time(), conversation_id),
            )
        if cursor.rowcount == 0:
            raise KeyError(f"no conversation with id {conversation_id}")


def auto_title(first_user_text: str, max_width: int = 40) -> str:
    """A conversation title from its first prompt: whitespace collapsed, cut to about
    `max_width` columns (CJK characters count two) at a word boundary where there is one.
    Markdown syntax (headings, emphasis, code marks, links, list markers) is dropped."""
    text = " ".join(plain_text(first_user_text).split())
    if not text:
        return NEW_CHAT_TITLE
    widths = [2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text]
    if sum(widths) <= max_width:
        return text
    used, cut = 0, 0
    while used + widths[cut] <= max_width - 1:  # leave a column for the ellipsis
        used += widths[cut]
        cut += 1
    head = text[:cut]
    space = head.rfind(" ")
    if space > len(head) // 2:  # a word boundary not too far back: do not split the word
        head = head[:space]
    return head.rstrip(" ,.;:-") + "…"


def _meta_json(meta: dict[str, Any] | None) -> str | None:
    return None if meta is None else json.dumps(meta, ensure_ascii=False)


def _usage_json(usage: Usage | None) -> str | None:
    return None if usage is None else json.dumps(asdict(usage))


def _conversation(row: sqlite3.Row) -> Conversation:
    return Conversation(row["id"], row["title"], row["created_at"], row["updated_at"],
                        row["model"], row["system_prompt"], _json_object(row["params_json"]))


def _message(row: sqlite3.Row) -> StoredMessage:
    return StoredMessage(
        id=row["id"], conversation_id=row["conversation_id"], position=row["position"],
        role=row["role"], content=row["content"], status=MessageStatus(row["status"]),
        created_at=row["created_at"], updated_at=row["updated_at"],
        images=[ImageInput(**image) for image in json.loads(row["images_json"] or "[]")],
        error=_failure(row["error_json"]), model=row["model"],
        usage=Usage(**json.loads(row["usage_json"])) if row["usage_json"] else None,
        request_id=row["request_id"], meta=_json_object(row["meta_json"] or "{}"),
    )


def _failure(error_json: str | None) -> ApiFailure | None:
    if not error_json:
        return None
    data = json.loads(error_json)
    try:
        kind = FailureKind(data.get("kind"))
    except ValueError:  # a kind a later version added
        kind = FailureKind.UNKNOWN
    return ApiFailure(kind, data.get("message", ""), data.get("request_id"),
                      bool(data.get("retryable")), data.get("status"), data.get("retry_after"),
                      data.get("code"), str(data.get("raw") or ""))


def _json_object(text: str) -> dict[str, Any]:
    value = json.loads(text or "{}")
    return value if isinstance(value, dict) else {}
