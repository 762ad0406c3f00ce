"""The batch store: a run reopens as started, results land per row and replace a failure."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from playground.model.batch import BatchCheck, BatchTemplate, CheckKind, RowResult, RowStatus
from playground.model.types import ChatMessage, ChatRequest
from playground.storage import schema
from playground.storage.batch_rows import parse_csv
from playground.storage.batch_store import BatchStore
from playground.storage.history import History


def _template() -> BatchTemplate:
    return BatchTemplate("A", ChatRequest("gpt-5.5", [
        ChatMessage("system", "Be brief."), ChatMessage("user", "Capital of {{country}}?")],
        temperature=0.2, max_tokens=50))


def test_a_run_reopens_as_started_and_keeps_each_result(tmp_path: Path) -> None:
    database = tmp_path / "db.sqlite3"
    store = BatchStore(database)
    rows = parse_csv("country,answer\nFrance,Paris\nItaly,Rome\n")
    checks = [BatchCheck(CheckKind.EQUALS_COLUMN, "answer")]
    run_id = store.create_run("t", "/x/rows.csv", rows, [_template()], checks, 8, "Test")
    store.save_result(run_id, RowResult(0, 0, RowStatus.ERROR, error="boom"))
    store.save_result(run_id, RowResult(0, 0, RowStatus.DONE, "Paris", 5, 1, "0.001", 0.5,
                                        True, request_id="req_1"))
    store.save_result(run_id, RowResult(1, 0, RowStatus.DONE, "Milan", 5, 1, None, 0.4, False,
                                        ['differs from answer ("Rome")'], estimated=True))
    store.close()

    reopened = BatchStore(database)
    stored = reopened.load_run(run_id)
    assert stored is not None
    assert stored.rows.values == rows.values and stored.rows.lines == [2, 3]
    assert stored.templates[0].request == _template().request
    assert stored.checks == checks and stored.concurrency == 8 and stored.profile == "Test"
    results = reopened.results(run_id)
    assert [(r.row, r.status, r.output, r.passed) for r in results] == [
        (0, RowStatus.DONE, "Paris", True), (1, RowStatus.DONE, "Milan", False)]
    assert results[0].cost == "0.001" and results[1].cost is None and results[1].estimated
    assert results[1].problems == ['differs from answer ("Rome")']
    summary = reopened.runs()
    assert [(s.id, s.total, s.finished) for s in summary] == [(run_id, 2, 2)]
    reopened.delete_run(run_id)
    assert reopened.load_run(run_id) is None and reopened.results(run_id) == []


def test_the_store_and_the_history_share_one_migrated_database(tmp_path: Path) -> None:
    database = tmp_path / "db.sqlite3"
    History(database).close()
    BatchStore(database).close()
    connection = sqlite3.connect(database)
    assert schema.schema_version(connection) == schema.LATEST_VERSION
    tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
    assert {"batch_runs", "batch_rows", "conversations"} <= tables
