"""History store: opening a long conversation, and the streaming write.

1. load_messages(limit=50) on a 1,000-message conversation vs a 10-message one (the ratio
   the UI feels when opening a long chat), and vs a 60-message one (same 50 rows returned,
   so only the conversation's length differs: ~1× means the read is index-backed).
2. update_message_content of a streaming reply (4,000 and 20,000 characters) vs the same
   UPDATE on a bare one-table SQLite database with the same pragmas (the floor).

Medians of REPEATS timings, each the mean of a batch. Temp database; nothing else touched.

    python bench/history_store.py
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playground.storage.history import History, MessageStatus

REPEATS = 9
BATCH = 200
PARAGRAPH = ("Here is a detailed answer with some code:\n```python\nprint('hello')\n```\n"
             "和一些中文内容，用来测试全文索引。") * 3


def median_us(call: Callable[[], object], batch: int = BATCH) -> float:
    return interleaved_us([call], batch)[0]


def interleaved_us(calls: list[Callable[[], object]], batch: int = BATCH) -> list[float]:
    """Median µs per call of each; the calls take turns so that load from other processes
    on the machine hits them alike."""
    timings: list[list[float]] = [[] for _ in calls]
    for _ in range(REPEATS):
        for call, samples in zip(calls, timings, strict=True):
            start = time.perf_counter()
            for _ in range(batch):
                call()
            samples.append((time.perf_counter() - start) / batch * 1e6)
    return [statistics.median(samples) for samples in timings]


def fill(history: History, title: str, count: int) -> int:
    chat = history.create_conversation(title)
    for i in range(count):
        history.add_message(chat.id, "user" if i % 2 == 0 else "assistant", f"{i} {PARAGRAPH}")
    return chat.id


def bare_update_us(folder: Path, text: str) -> float:
    db = sqlite3.connect(folder / "bare.sqlite3", isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, content TEXT, status TEXT, at REAL)")
    db.execute("INSERT INTO t VALUES (1, '', 'streaming', 0)")
    result = median_us(lambda: db.execute(
        "UPDATE t SET content = ?, status = 'streaming', at = ? WHERE id = 1",
        (text, time.time())))
    db.close()
    return result


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        history = History(folder / "history.sqlite3")
        for n in range(20):  # other chats, so the tables are not just the two under test
            fill(history, f"other {n}", 100)
        long_chat = fill(history, "long", 1000)
        tiny_chat = fill(history, "tiny", 10)
        short_chat = fill(history, "short", 60)

        long_us, tiny_us, short_us = interleaved_us([
            lambda: history.load_messages(long_chat, limit=50),
            lambda: history.load_messages(tiny_chat, limit=50),
            lambda: history.load_messages(short_chat, limit=50),
        ])
        print(f"history_store: last 50 of 1,000 messages {long_us:7.0f} µs")
        print(f"history_store: all 10 of 10 messages     {tiny_us:7.0f} µs   "
              f"ratio {long_us / tiny_us:.2f}× (50 rows vs 10 rows decoded)")
        print(f"history_store: last 50 of 60 messages    {short_us:7.0f} µs   "
              f"ratio {long_us / short_us:.2f}× (same rows; target ≤ 1.2×: index-backed)")

        reply = history.add_message(long_chat, "assistant", status=MessageStatus.STREAMING)
        for size in (4_000, 20_000):
            text = (PARAGRAPH * (size // len(PARAGRAPH) + 1))[:size]
            ours = median_us(lambda text=text: history.update_message_content(reply.id, text))
            floor = bare_update_us(folder, text)
            (folder / "bare.sqlite3").unlink()
            print(f"history_store: streaming write of {size:6,} chars {ours:6.0f} µs; "
                  f"bare UPDATE {floor:6.0f} µs; ratio {ours / floor:.2f}× "
                  f"(budget: one write per 250 ms = 250,000 µs)")
        final = median_us(lambda: history.update_message_content(
            reply.id, PARAGRAPH * 20, MessageStatus.COMPLETE), batch=20)
        print(f"history_store: final write that indexes the reply {final:6.0f} µs (once per reply)")
        history.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
