"""Batch runs in the app's SQLite database: the run as started and each row's result, written
as each row finishes (WAL, one commit per row: a crash or kill -9 loses no finished row).

`BatchStore` blocks; `AsyncBatchStore` runs every call on one worker thread, in order.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playground.model.batch import (
    BatchCheck,
    BatchTemplate,
    CheckKind,
    RowResult,
    RowStatus,
    request_from_json,
    request_to_json,
)
from playground.storage import schema
from playground.storage.batch_rows import Rows


@dataclass
class StoredRun:
    id: int
    title: str
    created_at: float
    source: str
    rows: Rows
    templates: list[BatchTemplate]
    checks: list[BatchCheck]
    concurrency: int
    profile: str = ""


@dataclass(frozen=True)
class RunSummary:
    """One run in a list of runs: how far it got."""

    id: int
    title: str
    created_at: float
    total: int  # rows x templates
    finished: int


class BatchStore:
    def __init__(self, database: Path | str | None) -> None:
        target = ":memory:" if database is None else str(database)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(target, isolation_level=None, check_same_thread=False)
        if database is not None:
            self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")  # with WAL: survives an app crash
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.execute("PRAGMA busy_timeout=5000")
        # One schema for the whole database: whichever store opens it first migrates it.
        schema.migrate(self._db)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def create_run(self, title: str, source: str, rows: Rows, templates: list[BatchTemplate],
                   checks: list[BatchCheck], concurrency: int, profile: str = "") -> int:
        now = time.time()
        data = (
            json.dumps(rows.columns, ensure_ascii=False),
            json.dumps({"values": rows.values, "lines": rows.lines}, ensure_ascii=False),
            json.dumps([{"label": t.label, "request": request_to_json(t.request)}
                        for t in templates], ensure_ascii=False),
            json.dumps([{"kind": str(c.kind), "value": c.value} for c in checks],
                       ensure_ascii=False),
        )
        with self._lock:
            cursor = self._db.execute(
                "INSERT INTO batch_runs (created_at, updated_at, title, source, columns_json,"
                " rows_json, templates_json, checks_json, concurrency, profile)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (now, now, title, source, *data, concurrency, profile))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def load_run(self, run_id: int) -> StoredRun | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM batch_runs WHERE id = ?", (run_id,)).fetchone()
            names = [d[0] for d in self._db.execute(
                "SELECT * FROM batch_runs LIMIT 0").description]
        if row is None:
            return None
        item = dict(zip(names, row, strict=True))
        stored_rows = json.loads(item["rows_json"])
        return StoredRun(
            id=item["id"], title=item["title"], created_at=item["created_at"],
            source=item["source"],
            rows=Rows(json.loads(item["columns_json"]), stored_rows["values"],
                      stored_rows["lines"]),
            templates=[BatchTemplate(t["label"], request_from_json(t["request"]))
                       for t in json.loads(item["templates_json"])],
            checks=[BatchCheck(CheckKind(c["kind"]), c["value"])
                    for c in json.loads(item["checks_json"])],
            concurrency=item["concurrency"], profile=item["profile"])

    def runs(self) -> list[RunSummary]:
        """Every run, newest first, with how many of its requests finished."""
        with self._lock:
            found = self._db.execute(
                "SELECT r.id, r.title, r.created_at, r.rows_json, r.templates_json,"
                " (SELECT COUNT(*) FROM batch_rows b WHERE b.run_id = r.id"
                "  AND b.status = 'done')"
                " FROM batch_runs r ORDER BY r.created_at DESC, r.id DESC").fetchall()
        return [RunSummary(i, title, created,
                           len(json.loads(rows)["values"]) * len(json.loads(templates)), done)
                for i, title, created, rows, templates, done in found]

    def delete_run(self, run_id: int) -> None:
        with self._lock:
            self._db.execute("DELETE FROM batch_runs WHERE id = ?", (run_id,))

    def save_result(self, run_id: int, result: RowResult) -> None:
        """One finished request; a retried row replaces its earlier (failed) result."""
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO batch_rows (run_id, variant, row_index, status, output,"
                " prompt_tokens, completion_tokens, estimated, cost, seconds, passed,"
                " problems_json, error, request_id, finished_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (run_id, result.variant, result.row, str(result.status), result.output,
                 result.prompt_tokens, result.completion_tokens, int(result.estimated),
                 result.cost, result.seconds,
                 None if result.passed is None else int(result.passed),
                 json.dumps(result.problems, ensure_ascii=False), result.error,
                 result.request_id, time.time()))

    def results(self, run_id: int) -> list[RowResult]:
        with self._lock:
            found = self._db.execute(
                "SELECT variant, row_index, status, output, prompt_tokens, completion_tokens,"
                " estimated, cost, seconds, passed, problems_json, error, request_id"
                " FROM batch_rows WHERE run_id = ? ORDER BY variant, row_index",
                (run_id,)).fetchall()
        return [RowResult(row=r[1], variant=r[0], status=RowStatus(r[2]), output=r[3],
                          prompt_tokens=r[4], completion_tokens=r[5], estimated=bool(r[6]),
                          cost=r[7], seconds=r[8], passed=None if r[9] is None else bool(r[9]),
                          problems=json.loads(r[10]), error=r[11], request_id=r[12])
                for r in found]


class AsyncBatchStore:
    """`BatchStore` for coroutines: one worker thread, so writes land in the order made."""

    def __init__(self, store: BatchStore) -> None:
        self.store = store
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="batch-store")

    @classmethod
    async def open(cls, database: Path | str | None) -> AsyncBatchStore:
        store = await asyncio.to_thread(BatchStore, database)
        return cls(store)

    async def _run(self, fn: Any, *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn, *args)

    async def create_run(self, title: str, source: str, rows: Rows,
                         templates: list[BatchTemplate], checks: list[BatchCheck],
                         concurrency: int, profile: str = "") -> int:
        result: int = await self._run(lambda: self.store.create_run(
            title, source, rows, templates, checks, concurrency, profile))
        return result

    async def load_run(self, run_id: int) -> StoredRun | None:
        result: StoredRun | None = await self._run(self.store.load_run, run_id)
        return result

    async def runs(self) -> list[RunSummary]:
        result: list[RunSummary] = await self._run(self.store.runs)
        return result

    async def delete_run(self, run_id: int) -> None:
        await self._run(self.store.delete_run, run_id)

    async def save_result(self, run_id: int, result: RowResult) -> None:
        await self._run(self.store.save_result, run_id, result)

    async def results(self, run_id: int) -> list[RowResult]:
        found: list[RowResult] = await self._run(self.store.results, run_id)
        return found

    async def close(self) -> None:
        await self._run(self.store.close)
        self._executor.shutdown(wait=False)
