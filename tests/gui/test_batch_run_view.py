"""The batch runs view driven through its widgets against the loopback server."""

from __future__ import annotations

import asyncio
import csv
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QTableView

from playground.model.batch import RowResult, RowStatus
from playground.ui.batch_run_view import BatchRunView, open_batch_runs
from tests.fake_openai.routes_chat import PATH, ChatOptions
from tests.gui.conftest import run_until


@pytest.fixture
def view(qtbot: Any, make_services: Any, event_loop_qt: asyncio.AbstractEventLoop) -> Any:
    view = BatchRunView(make_services())
    qtbot.addWidget(view)
    view.resize(1024, 640)
    view.show()
    yield view
    event_loop_qt.run_until_complete(view.aclose())


def _rows_file(tmp_path: Path, text: str, name: str = "rows.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _set_prompt(view: BatchRunView, text: str, editor: str = "batchTemplateA") -> None:
    edit = view.findChild(QPlainTextEdit, f"{editor}Message1Text")
    assert edit is not None
    edit.setPlainText(text)


def _summary(view: BatchRunView) -> str:
    label = view.findChild(QLabel, "batchSummary")
    assert label is not None
    return str(label.text())


def _click(qtbot: Any, view: BatchRunView, name: str) -> None:
    button = view.findChild(QPushButton, name)
    assert button is not None and button.isEnabled(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_run_fills_the_table_checks_and_exports(
        qtbot: Any, view: BatchRunView, event_loop_qt: Any, fake_api: Any,
        tmp_path: Path) -> None:
    path = _rows_file(tmp_path, "city,expected\nParis,Echo: Paris\nRome,Echo: Rome\n"
                                "Oslo,Echo: Bergen\n")
    assert event_loop_qt.run_until_complete(view.load_rows(path))
    _set_prompt(view, "{{city}}")
    view.concurrency.setValue(2)
    view.checks.equals.setCurrentIndex(view.checks.equals.findData("expected"))
    _click(qtbot, view, "batchRunButton")
    run_until(event_loop_qt, lambda: "3 / 3 done" in _summary(view)
              and view.run is not None and not view.run.is_running())
    assert "pass rate 67% (2 of 3)" in _summary(view)
    table = view.findChild(QTableView, "batchResults")
    model = table.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["city", "expected", "output", "tokens", "cost", "time", "pass"]
    run_until(event_loop_qt, lambda: model.data(model.index(2, 2)) == "Echo: Oslo")
    assert model.data(model.index(2, 6)) == "fail" and model.data(model.index(0, 6)) == "pass"
    assert 'differs from expected ("Echo: Bergen")' in model.data(
        model.index(2, 6), Qt.ItemDataRole.ToolTipRole)
    view.grab().save(str(tmp_path / "batch.png"))

    out = tmp_path / "out.csv"
    event_loop_qt.run_until_complete(view.export_to(str(out)))
    with open(out, encoding="utf-8-sig", newline="") as file:
        exported = list(csv.DictReader(file))
    assert [r["output"] for r in exported] == ["Echo: Paris", "Echo: Rome", "Echo: Oslo"]
    assert [r["passed"] for r in exported] == ["pass", "pass", "fail"]


def test_a_missing_column_is_shown_before_anything_is_sent(
        qtbot: Any, view: BatchRunView, event_loop_qt: Any, fake_api: Any,
        tmp_path: Path) -> None:
    assert event_loop_qt.run_until_complete(view.load_rows(_rows_file(tmp_path, "city\nParis\n")))
    _set_prompt(view, "{{city}} in {{country}} ({{tone}})")
    event_loop_qt.run_until_complete(view.start())
    assert view.errors.isVisible()
    assert "no column for country, tone" in view.errors.accessibleName()
    assert fake_api.requests_to(PATH) == []


def test_a_malformed_file_is_shown(view: BatchRunView, event_loop_qt: Any,
                                   tmp_path: Path) -> None:
    path = _rows_file(tmp_path, '{"city": "Paris"}\n{"city": \n', "rows.jsonl")
    assert not event_loop_qt.run_until_complete(view.load_rows(path))
    assert view.errors.accessibleName().startswith("Line 2 is not valid JSON")


def test_compare_stop_reopen_and_resume(qtbot: Any, view: BatchRunView, event_loop_qt: Any,
                                        fake_api: Any, tmp_path: Path) -> None:
    fake_api.state["chat"] = ChatOptions(delay=0.02)
    path = _rows_file(tmp_path, "n\n" + "".join(f"{i}\n" for i in range(12)))
    assert event_loop_qt.run_until_complete(view.load_rows(path))
    view.compare.setChecked(True)
    _set_prompt(view, "row {{n}}")
    _set_prompt(view, "other {{n}}", "batchTemplateB")
    view.editor_b.model.setEditText("gpt-4.1")
    view.concurrency.setValue(2)
    task = view.start()
    run_until(event_loop_qt, lambda: view.run is not None and len(view.run.results) >= 4)
    _click(qtbot, view, "batchStopButton")
    event_loop_qt.run_until_complete(task)
    assert view.run is not None and view.run.run_id is not None
    run_id, done = view.run.run_id, len(view.run.results)
    assert done < 24
    headers = [view.model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(view.model.columnCount())]
    assert headers[1:5] == ["A: output", "B: output", "A: tokens", "B: tokens"]
    assert headers[-2:] == ["A: pass", "B: pass"]

    assert event_loop_qt.run_until_complete(view.open_run(run_id))
    assert view.compare.isChecked() and view.editor_b.model.currentText() == "gpt-4.1"
    assert view.runs_picker.count() >= 1
    fake_api.requests.clear()
    _click(qtbot, view, "batchResumeButton")
    run_until(event_loop_qt, lambda: "24 / 24 done" in _summary(view)
              and not view.run.is_running())  # type: ignore[union-attr]
    assert len(fake_api.requests_to(PATH)) == 24 - done
    view.grab().save(str(tmp_path / "compare.png"))


def test_ten_thousand_rows_update_in_batches_without_stalling(
        view: BatchRunView, event_loop_qt: Any, tmp_path: Path) -> None:
    path = _rows_file(tmp_path, "n,word\n" + "".join(f"{i},w{i}\n" for i in range(10_000)))
    assert event_loop_qt.run_until_complete(view.load_rows(path))
    changed: list[tuple[int, int]] = []
    view.model.dataChanged.connect(lambda a, b: changed.append((a.row(), b.row())))
    start = time.perf_counter()
    for i in range(10_000):
        view.model.add_result(RowResult(i, 0, RowStatus.DONE, f"out {i}", 3, 4, "0.001", 0.1))
    queued = time.perf_counter() - start
    run_until(event_loop_qt, lambda: bool(changed))
    assert changed == [(0, 9_999)]  # one update for all that arrived between two ticks
    assert queued < 0.5, queued
    assert view.model.data(view.model.index(9_999, 2)) == "out 9999"


def test_open_batch_runs_gives_a_window(qtbot: Any, make_services: Any,
                                        event_loop_qt: Any) -> None:
    window = open_batch_runs(None, make_services())
    qtbot.addWidget(window)
    assert window.objectName() == "batchRunView" and window.isWindow() and window.isVisible()
    for name in ("batchFileButton", "batchRunButton", "batchStopButton", "batchExportButton",
                 "batchResumeButton", "batchConcurrency", "batchCompareToggle", "batchResults",
                 "batchTemplateAModel", "batchCheckRegex", "batchRunsPicker"):
        found = window.findChild(object, name)  # type: ignore[arg-type]
        assert found is not None, name
        assert found.accessibleName(), name
    run_until(event_loop_qt, lambda: window._store is not None)  # type: ignore[attr-defined]
    event_loop_qt.run_until_complete(window.aclose())  # type: ignore[attr-defined]


def test_choosing_a_file_in_the_dialog_loads_its_rows(
        qtbot: Any, view: BatchRunView, event_loop_qt: Any, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QFileDialog

    path = _rows_file(tmp_path, "city\nParis\nRome\n")
    _click(qtbot, view, "batchFileButton")
    dialog = view.findChild(QFileDialog, "batchFileDialog")
    assert dialog is not None and dialog.isVisible()
    dialog.fileSelected.emit(path)
    dialog.close()
    run_until(event_loop_qt, lambda: view.rows is not None)
    assert "rows.csv: 2 rows, columns city" in view.file_label.text()
    assert view.checks.equals.findData("city") > 0
