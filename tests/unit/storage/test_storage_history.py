"""storage.history: CRUD, paging, truncation, search (incl. Chinese), recovery, async use."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from playground.model.types import ApiFailure, FailureKind, ImageInput, Usage
from playground.storage.history import History, MessageStatus, auto_title
from playground.storage.history_async import AsyncHistory
from playground.storage.paths import StorageUnavailable, database_path


@pytest.fixture
def history(tmp_path: Path) -> Iterator[History]:
    store = History(tmp_path / "history.sqlite3")
    yield store
    store.close()


def _vm_steps(history: History, call: Callable[[], object]) -> int:
    """SQLite virtual-machine instructions spent by `call`: a measure of work that does
    not depend on the machine's speed."""
    steps = 0

    def count() -> int:
        nonlocal steps
        steps += 1
        return 0

    history._db.set_progress_handler(count, 1)
    try:
        call()
    finally:
        history._db.set_progress_handler(None, 1)
    return steps


def _fts_integrity(history: History) -> None:
    # FTS5 compares its index with the content tables; raises on any drift.
    history._db.execute("INSERT INTO message_search(message_search) VALUES ('integrity-check')")
    history._db.execute("INSERT INTO title_search(title_search) VALUES ('integrity-check')")


def test_conversation_crud_and_recency_order(history: History) -> None:
    first = history.create_conversation("First", model="gpt-4o", system_prompt="Be brief.",
                                        params={"temperature": 0.2})
    second = history.create_conversation("Second")
    assert [c.id for c in history.list_conversations()] == [second.id, first.id]

    history.add_message(first.id, "user", "hello")  # activity moves it to the top
    assert [c.id for c in history.list_conversations()] == [first.id, second.id]
    assert [c.id for c in history.list_conversations(limit=1, offset=1)] == [second.id]

    history.rename_conversation(second.id, "Renamed")
    assert history.list_conversations()[0].title == "Renamed"  # an edit counts as activity
    history.update_conversation(first.id, model="o3-mini", params={"reasoning_effort": "low"})
    loaded = history.get_conversation(first.id)
    assert loaded is not None
    assert (loaded.model, loaded.system_prompt, loaded.params) == (
        "o3-mini", "Be brief.", {"reasoning_effort": "low"})

    history.delete_conversation(first.id)
    assert history.get_conversation(first.id) is None
    assert history.count_messages(first.id) == 0  # messages went with it
    assert [c.id for c in history.list_conversations()] == [second.id]
    with pytest.raises(KeyError):
        history.rename_conversation(first.id, "gone")
    with pytest.raises(KeyError):
        history.add_message(first.id, "user", "to nowhere")
    _fts_integrity(history)


def test_messages_round_trip_every_field(history: History) -> None:
    chat = history.create_conversation()
    image = ImageInput("data:image/png;base64,iVBORw0KGgo=", "low", 64, 32)
    user = history.add_message(chat.id, "user", "What is this?", images=[image])
    reply = history.add_message(chat.id, "assistant", status=MessageStatus.STREAMING,
                                model="gpt-4o")
    history.update_message_content(reply.id, "A tiny")
    history.update_message_content(reply.id, "A tiny PNG.", MessageStatus.COMPLETE,
                                   usage=Usage(12, 4, cached_tokens=2), request_id="req_9")

    messages = history.load_messages(chat.id)
    assert [m.position for m in messages] == [0, 1]
    assert messages[0].images == [image] and messages[0].id == user.id
    stored = messages[1]
    assert (stored.content, stored.status, stored.model, stored.request_id) == (
        "A tiny PNG.", MessageStatus.COMPLETE, "gpt-4o", "req_9")
    assert stored.usage == Usage(12, 4, cached_tokens=2)
    assert history.get_message(reply.id) == stored

    failure = ApiFailure(FailureKind.RATE_LIMIT, "Slow down", "req_10", True, 429, 2.5,
                         "rate_limit_exceeded")
    history.set_message_error(reply.id, failure)
    errored = history.get_message(reply.id)
    assert errored is not None
    assert errored.status == MessageStatus.ERROR and errored.content == "A tiny PNG."
    assert errored.error is not None
    assert (errored.error.kind, errored.error.message, errored.error.retry_after,
            errored.error.code) == (FailureKind.RATE_LIMIT, "Slow down", 2.5,
                                    "rate_limit_exceeded")
    assert errored.usage == Usage(12, 4, cached_tokens=2)  # kept
    with pytest.raises(KeyError):
        history.update_message_content(9999, "x")


def test_paging_loads_the_last_messages_and_pages_back(history: History) -> None:
    chat = history.create_conversation()
    for i in range(120):
        history.add_message(chat.id, "user" if i % 2 == 0 else "assistant", f"message {i}")
    assert history.count_messages(chat.id) == 120

    last = history.load_messages(chat.id, limit=50)
    assert [m.position for m in last] == list(range(70, 120))
    older = history.load_messages(chat.id, limit=50, before_position=last[0].position)
    assert [m.position for m in older] == list(range(20, 70))
    oldest = history.load_messages(chat.id, limit=50, before_position=older[0].position)
    assert [m.position for m in oldest] == list(range(20))
    assert history.load_messages(chat.id, limit=50, before_position=0) == []


def test_paging_cost_does_not_grow_with_conversation_length(history: History) -> None:
    long_chat = history.create_conversation("long")
    short_chat = history.create_conversation("short")
    for i in range(2000):
        history.add_message(long_chat.id, "user", f"long {i}")
    for i in range(60):
        history.add_message(short_chat.id, "user", f"short {i}")

    long_steps = _vm_steps(history, lambda: history.load_messages(long_chat.id, limit=50))
    short_steps = _vm_steps(history, lambda: history.load_messages(short_chat.id, limit=50))
    middle_steps = _vm_steps(
        history, lambda: history.load_messages(long_chat.id, limit=50, before_position=1000))
    # A scan of the 2,060 rows would cost ~30x more for the long conversation.
    assert long_steps < 1.3 * short_steps, (long_steps, short_steps)
    assert middle_steps < 1.3 * short_steps, (middle_steps, short_steps)


def test_streaming_update_does_not_touch_the_search_index(history: History) -> None:
    chat = history.create_conversation()
    reply = history.add_message(chat.id, "assistant", status=MessageStatus.STREAMING)
    small = _vm_steps(history, lambda: history.update_message_content(reply.id, "x"))
    text = "streamed words " * 2000
    large = _vm_steps(history, lambda: history.update_message_content(reply.id, text))
    # Re-indexing 30,000 characters would take tens of thousands of steps.
    assert large < 2 * small, (small, large)
    assert history.search("streamed") == []  # not indexed while streaming...
    history.update_message_content(reply.id, text, MessageStatus.COMPLETE)
    assert [hit.message_id for hit in history.search("streamed")] == [reply.id]  # ...then yes
    _fts_integrity(history)


def test_truncate_after_keeps_up_to_the_edited_message(history: History) -> None:
    chat = history.create_conversation()
    for i in range(6):
        history.add_message(chat.id, "user" if i % 2 == 0 else "assistant", f"turn {i}")
    edited = history.load_messages(chat.id)[2]
    history.update_message_content(edited.id, "turn 2, edited", MessageStatus.COMPLETE)

    assert history.truncate_after(chat.id, edited.position) == 3
    assert [m.content for m in history.load_messages(chat.id)] == [
        "turn 0", "turn 1", "turn 2, edited"]
    regenerated = history.add_message(chat.id, "assistant", "new answer")
    assert regenerated.position == 3
    assert history.search("turn 5") == []
    _fts_integrity(history)


def test_search_titles_and_messages_with_snippets(history: History) -> None:
    recipes = history.create_conversation("Bread recipes")
    history.add_message(recipes.id, "user", "How long should sourdough proof overnight?")
    code = history.create_conversation("Python help")
    history.add_message(code.id, "user", "Explain asyncio.gather with an example " + "x" * 300)
    history.add_message(code.id, "assistant", "Use gather to run coroutines concurrently.")

    hits = history.search("gather")
    assert [h.conversation_id for h in hits] == [code.id]
    assert hits[0].snippet == "Use gather to run coroutines concurrently."  # latest match
    assert hits[0].title == "Python help"

    long_hit = history.search("asyncio example")[0]
    assert long_hit.snippet.startswith("Explain asyncio.gather") and long_hit.snippet.endswith("…")

    title_only = history.search("recipes")
    assert [(h.conversation_id, h.message_id, h.snippet) for h in title_only] == [
        (recipes.id, None, "Bread recipes")]
    assert [h.conversation_id for h in history.search("SOURDOUGH")] == [recipes.id]
    assert history.search("sourdough gather") == []  # every term must match
    assert history.search("   ") == []
    assert history.search('50% "quoted"') == []  # LIKE and FTS syntax are escaped


def test_search_chinese_substrings_of_any_length(history: History) -> None:
    chat = history.create_conversation("学习计划")
    history.add_message(chat.id, "user", "请帮我制定一个机器学习的学习计划，每天两个小时。")
    history.add_message(chat.id, "assistant", "好的！第一周：线性代数和概率论。")
    other = history.create_conversation("Weather")
    history.add_message(other.id, "user", "今天天气怎么样？")

    assert [h.conversation_id for h in history.search("机器学习")] == [chat.id]  # trigram
    assert [h.conversation_id for h in history.search("线性代数")] == [chat.id]
    assert [h.conversation_id for h in history.search("天气")] == [other.id]  # 2 chars: LIKE
    assert [h.conversation_id for h in history.search("周")] == [chat.id]  # 1 char
    assert [h.conversation_id for h in history.search("计划 小时")] == [chat.id]  # title+msg
    hit = history.search("概率论")[0]
    assert "概率论" in hit.snippet and hit.message_id is not None
    assert history.search("深度学习") == []


def test_open_marks_streaming_replies_interrupted(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    first = History(path)
    chat = first.create_conversation()
    reply = first.add_message(chat.id, "assistant", "half a rep", status=MessageStatus.STREAMING)
    done = first.add_message(chat.id, "assistant", "whole reply")
    first.close()

    reopened = History(path)
    try:
        assert reopened.recovered_interrupted == 1
        statuses = {m.id: m.status for m in reopened.load_messages(chat.id)}
        assert statuses == {reply.id: MessageStatus.INTERRUPTED, done.id: MessageStatus.COMPLETE}
        assert [h.message_id for h in reopened.search("half a rep")] == [reply.id]
        _fts_integrity(reopened)
    finally:
        reopened.close()


def test_database_is_wal_with_foreign_keys(history: History) -> None:
    assert history._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert history._db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert history._db.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL


def test_in_memory_history_works_without_a_file() -> None:
    memory = History(None)
    chat = memory.create_conversation("temporary")
    memory.add_message(chat.id, "user", "kept for this session")
    assert memory.search("session")[0].conversation_id == chat.id
    memory.close()


def test_default_location_is_the_data_dir(isolated_home: Path) -> None:
    store = History(database_path())
    store.close()
    assert (isolated_home / "data" / "openai-playground" / "playground.sqlite3").is_file()


def test_unreadable_database_raises_and_is_left_alone(tmp_path: Path) -> None:
    corrupt = tmp_path / "history.sqlite3"
    garbage = b"this is not a database" * 100
    corrupt.write_bytes(garbage)
    with pytest.raises(StorageUnavailable) as caught:
        History(corrupt)
    assert str(corrupt) in str(caught.value)
    assert corrupt.read_bytes() == garbage

    with pytest.raises(StorageUnavailable, match="Cannot"):
        History(tmp_path)  # a folder where the file should be


def test_concurrent_writers_from_threads_keep_positions_unique(history: History) -> None:
    chat = history.create_conversation()

    def write(n: int) -> None:
        for i in range(25):
            history.add_message(chat.id, "user", f"{n}-{i}")

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [m.position for m in history.load_messages(chat.id)] == list(range(100))


def test_async_history_runs_every_call_on_one_worker_thread(tmp_path: Path) -> None:
    threads: set[str] = set()

    async def main() -> None:
        store = History(tmp_path / "history.sqlite3")
        store._db.set_trace_callback(lambda _sql: threads.add(threading.current_thread().name))
        history = AsyncHistory(store, ThreadPoolExecutor(1, thread_name_prefix="history-test"))
        chat = await history.create_conversation("async")
        reply = await history.add_message(chat.id, "assistant", status=MessageStatus.STREAMING)
        await asyncio.gather(*(history.update_message_content(reply.id, "x" * n)
                               for n in range(1, 20)))
        await history.update_message_content(reply.id, "final", MessageStatus.COMPLETE)
        assert [m.content for m in await history.load_messages(chat.id, limit=5)] == ["final"]
        assert await history.count_messages(chat.id) == 1
        assert (await history.search("final"))[0].conversation_id == chat.id
        assert (await history.list_conversations())[0].title == "async"
        await history.close()

    asyncio.run(main())
    assert threads == {"history-test_0"}


def test_async_open_reports_storage_errors(tmp_path: Path) -> None:
    async def main() -> None:
        with pytest.raises(StorageUnavailable):
            await AsyncHistory.open(tmp_path)  # a folder, not a database
        history = await AsyncHistory.open(tmp_path / "ok.sqlite3")
        assert await history.list_conversations() == []
        await history.close()

    asyncio.run(main())


def test_open_default_falls_back_to_memory_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))

    async def main() -> None:
        history, problem = await AsyncHistory.open_default()
        assert problem is not None and str(blocker) in str(problem)
        assert history.history.path is None  # in memory: the session still works
        chat = await history.create_conversation("unsaved")
        assert (await history.get_conversation(chat.id)) == chat
        await history.close()

    asyncio.run(main())


def test_open_default_uses_the_data_folder(isolated_home: Path) -> None:
    async def main() -> None:
        history, problem = await AsyncHistory.open_default()
        assert problem is None and history.history.path == database_path()
        await history.close()

    asyncio.run(main())


@pytest.mark.parametrize(("text", "title"), [
    ("  Explain   the difference\nbetween TCP and UDP  ",
     "Explain the difference between TCP and…"),
    ("Short question", "Short question"),
    ("", "New chat"),
    ("   \n ", "New chat"),
    ("请用简单的语言解释一下量子纠缠是什么意思以及它有什么用",
     "请用简单的语言解释一下量子纠缠是什么意…"),  # CJK counts two columns
    ("a" * 100, "a" * 39 + "…"),
    # Markdown syntax is not part of the title.
    ("# **Fix** my `parse()` function", "Fix my parse() function"),
    ("> quoted *emphasis* and __strong__", "quoted emphasis and strong"),
    ("- [docs](https://example.com/a) and ![img](x.png)", "docs and img"),
    ("```python\nprint('hi')\n```", "print('hi')"),
    ("1. first ~~old~~ step", "first old step"),
    ("snake_case_name stays, 2*3*4 too", "snake_case_name stays, 2*3*4 too"),
    ("```\n```", "New chat"),
])
def test_auto_title(text: str, title: str) -> None:
    assert auto_title(text) == title


def test_schema_rejects_unknown_status(history: History) -> None:
    chat = history.create_conversation()
    with pytest.raises(sqlite3.IntegrityError):
        history._db.execute(
            "INSERT INTO messages (conversation_id, position, role, status, created_at,"
            " updated_at) VALUES (?, 0, 'user', 'bogus', 0, 0)", (chat.id,))


def test_failure_keeps_the_raw_server_body(history: History) -> None:
    chat = history.create_conversation()
    reply = history.add_message(chat.id, "assistant", "")
    raw = '{"error": {"message": "1 validation error: {\'loc\': (\'body\', \'top_p\')}"}}'
    history.set_message_error(reply.id, ApiFailure(
        FailureKind.BAD_REQUEST, "top_p: Input should be less than or equal to 1", status=500,
        raw=raw))
    stored = history.get_message(reply.id)
    assert stored is not None and stored.error is not None
    assert stored.error.raw == raw and stored.error.status == 500
