"""Schema migrations: an older database is brought forward without losing anything."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from playground.storage import schema
from playground.storage.history import History, MessageStatus
from playground.storage.paths import StorageUnavailable

# The version-1 schema exactly as released; frozen here so later edits cannot hide a
# migration that breaks old databases.
_V1_SCHEMA = """
CREATE TABLE conversations (
    id INTEGER PRIMARY KEY, title TEXT NOT NULL, created_at REAL NOT NULL,
    updated_at REAL NOT NULL, model TEXT NOT NULL DEFAULT '',
    system_prompt TEXT NOT NULL DEFAULT '', params_json TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX conversations_by_recency ON conversations(updated_at, id);
CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    position INTEGER NOT NULL, role TEXT NOT NULL, content TEXT NOT NULL DEFAULT '',
    images_json TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL DEFAULT 'complete'
        CHECK (status IN ('complete', 'streaming', 'interrupted', 'error')),
    error_json TEXT, model TEXT NOT NULL DEFAULT '', usage_json TEXT, request_id TEXT,
    created_at REAL NOT NULL, updated_at REAL NOT NULL
);
CREATE UNIQUE INDEX messages_by_position ON messages(conversation_id, position);
CREATE INDEX messages_streaming ON messages(id) WHERE status = 'streaming';
PRAGMA user_version = 1;
"""


def _version_1_database(path: Path) -> None:
    db = sqlite3.connect(path)
    db.executescript(_V1_SCHEMA)
    db.execute("INSERT INTO conversations VALUES (1, '旧的对话', 100, 200, 'gpt-4', 'Be kind.',"
               " '{\"temperature\": 0.5}')")
    db.executemany(
        "INSERT INTO messages (conversation_id, position, role, content, status, model,"
        " usage_json, created_at, updated_at) VALUES (1, ?, ?, ?, ?, 'gpt-4', ?, 150, 150)",
        [(0, "user", "什么是递归？", "complete", None),
         (1, "assistant", "递归是函数调用自身。", "complete",
          '{"prompt_tokens": 9, "completion_tokens": 12, "cached_tokens": 0,'
          ' "reasoning_tokens": 0, "estimated": false}'),
         (2, "assistant", "a reply cut short by a crash", "streaming", None)],
    )
    db.commit()
    db.close()


def test_version_1_database_is_migrated_with_all_history(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _version_1_database(path)

    history = History(path)
    try:
        assert history.migrated_from == 1
        assert schema.schema_version(history._db) == schema.LATEST_VERSION
        chat = history.get_conversation(1)
        assert chat is not None
        assert (chat.title, chat.model, chat.system_prompt, chat.params, chat.updated_at) == (
            "旧的对话", "gpt-4", "Be kind.", {"temperature": 0.5}, 200)
        messages = history.load_messages(1)
        assert [m.content for m in messages] == [
            "什么是递归？", "递归是函数调用自身。", "a reply cut short by a crash"]
        assert messages[1].usage is not None and messages[1].usage.completion_tokens == 12
        assert messages[2].status == MessageStatus.INTERRUPTED
        # Old rows are searchable: the migration indexed them.
        assert [h.conversation_id for h in history.search("函数调用")] == [1]
        assert [h.conversation_id for h in history.search("旧的对话")] == [1]
        assert [h.message_id for h in history.search("cut short")] == [messages[2].id]
        history._db.execute("INSERT INTO message_search(message_search) VALUES ('integrity-check')")
    finally:
        history.close()


def test_fresh_database_starts_at_the_latest_version(tmp_path: Path) -> None:
    history = History(tmp_path / "new.sqlite3")
    assert history.migrated_from == 0
    assert schema.schema_version(history._db) == schema.LATEST_VERSION
    history.close()
    reopened = History(tmp_path / "new.sqlite3")
    assert reopened.migrated_from == schema.LATEST_VERSION  # nothing to do the second time
    reopened.close()


def test_failed_migration_step_leaves_the_previous_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.sqlite3"
    _version_1_database(path)
    broken = (*schema.MIGRATIONS, "CREATE TABLE messages (id INTEGER);")  # clashes: fails
    monkeypatch.setattr(schema, "MIGRATIONS", broken)
    monkeypatch.setattr(schema, "LATEST_VERSION", len(broken))
    with pytest.raises(StorageUnavailable, match="already exists"):
        History(path)
    db = sqlite3.connect(path)
    # The real steps committed on their own; the failed last step left nothing behind.
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(broken) - 1
    assert db.execute("SELECT count(*) FROM messages").fetchone()[0] == 3
    db.close()


def test_database_from_a_newer_app_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    _version_1_database(path)
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.close()
    before = path.read_bytes()
    with pytest.raises(StorageUnavailable, match="newer version of the app"):
        History(path)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 99
    assert db.execute("SELECT status FROM messages WHERE position = 2").fetchone()[0] == (
        "streaming")  # not "recovered" by a version that does not understand the schema
    db.close()
    assert path.read_bytes() == before
