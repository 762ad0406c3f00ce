"""The files manager and the store picker with real widgets, the real SDK and the loopback
server: upload with progress (button path and drag and drop), refusals, delete with
confirmation, stores created and processed, the picker's choice, the file search card."""

from __future__ import annotations

import asyncio
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QPushButton

from playground.model.file_search import FileSearchTool
from playground.services.file_stores import file_stores_for
from playground.ui.file_stores_dialog import FileStoresDialog, open_file_stores
from playground.ui.vector_store_picker import VectorStorePicker, choose_vector_stores
from playground.ui.widgets.file_search_card import FileSearchCard
from playground.ui.widgets.upload_list import BAR_STEPS
from tests.fake_openai.routes_files import _StoreFile, files_state
from tests.gui.conftest import run_until

SHOTS = Path(os.environ.get("PLAYGROUND_SHOTS", "/tmp"))


def dialog_for(qtbot: Any, services: Any, loop: Any) -> FileStoresDialog:
    stores = file_stores_for(services)
    stores.poll_interval = 0.05
    dialog = open_file_stores(None, services)
    assert isinstance(dialog, FileStoresDialog)
    qtbot.addWidget(dialog)
    run_until(loop, lambda: stores.loaded)
    return dialog


def cell(table: Any, row: int, column: int) -> str:
    return table.item(row, column).text()


def confirm_box() -> QMessageBox:
    return next(w for w in QApplication.topLevelWidgets()
                if w.objectName() == "confirmDialog" and w.isVisible())


def test_upload_into_a_store_with_progress(qtbot: Any, make_services: Any, event_loop_qt: Any,
                                           fake_api: Any, tmp_path: Path) -> None:
    state = files_state(fake_api)
    state.options.processing_polls = 3
    old = state.add_file("handbook.pdf", b"p" * 120_000)
    state.add_file("train.jsonl", b"{}\n" * 10, purpose="fine-tune")
    services = make_services()
    dialog = dialog_for(qtbot, services, event_loop_qt)
    assert dialog.files_table.rowCount() == 2
    assert [cell(dialog.files_table, 1, c) for c in (0, 1, 2, 4)] == \
        ["handbook.pdf", "117.2 KB", "assistants", "never"]

    dialog.store_name.setText("Team docs")
    dialog.store_expiry.setValue(14)
    dialog.files_table.selectRow(1)
    event_loop_qt.run_until_complete(dialog.create_store())
    assert dialog.message.text() == "Created the vector store “Team docs”."
    assert cell(dialog.stores_table, 0, 0) == "Team docs"
    assert cell(dialog.stores_table, 0, 1) == "Processing…"
    assert cell(dialog.stores_table, 0, 2) == "1 (1 processing)"
    assert dialog.stores_table.item(0, 4).toolTip() == "Expires 14 days after its last use"

    path = tmp_path / "policy.md"
    path.write_bytes(b"# Policy\n" * 250_000)  # 2.1 MB: many progress steps
    values: list[int] = []
    stores = dialog.stores
    stores.progress.connect(lambda job: values.append(
        dialog.uploads.row(job.id).bar.value() if dialog.uploads.row(job.id) else -1))
    dialog.target.setCurrentIndex(dialog.target.findData(stores.stores[0].id))
    dialog.upload([path])
    run_until(event_loop_qt, lambda: stores.uploads and stores.uploads[-1].status == "done")
    job = stores.uploads[-1]
    row = dialog.uploads.row(job.id)
    assert row is not None and row.bar.value() == BAR_STEPS and row.state.text() == "Uploaded"
    assert len(values) > 10 and values == sorted(values) and 0 < values[2] < BAR_STEPS
    assert row.cancel.isHidden()
    # It joins the store, which processes it (re-polled) until ready.
    run_until(event_loop_qt, lambda: cell(dialog.stores_table, 0, 2) == "2 (1 processing)")
    run_until(event_loop_qt, lambda: cell(dialog.stores_table, 0, 1) == "Ready", 10)
    assert cell(dialog.stores_table, 0, 2) == "2"
    assert cell(dialog.files_table, 0, 0) == "policy.md"
    assert dialog.storage.text() == ("Vector storage: 3.4 MB in 1 store(s) · ≈ $0.00 a day "
                                     "(the first GB is free)")
    assert old.id in state.store_files[stores.stores[0].id]
    dialog.files_table.selectRow(2)  # handbook.pdf
    dialog.stores_table.selectRow(0)
    event_loop_qt.run_until_complete(dialog.remove_from_store())
    assert dialog.message.text() == "Took 1 file(s) out of the store."
    assert old.id not in state.store_files[stores.stores[0].id]
    assert cell(dialog.stores_table, 0, 2) == "1"
    dialog.resize(1024, 640)
    dialog.files_table.selectRow(0)
    dialog.stores_table.selectRow(0)
    dialog.grab().save(str(SHOTS / "file_stores_dialog.png"))


def test_drop_refuses_an_unsupported_type_and_uploads_the_rest(
        qtbot: Any, make_services: Any, event_loop_qt: Any, fake_api: Any,
        tmp_path: Path) -> None:
    state = files_state(fake_api)
    state.stores["vs_1"] = {"name": "Notes", "created_at": 0}
    dialog = dialog_for(qtbot, make_services(), event_loop_qt)
    dialog.target.setCurrentIndex(dialog.target.findData("vs_1"))
    sheet, text = tmp_path / "sheet.xlsx", tmp_path / "notes.txt"
    sheet.write_bytes(b"x")
    text.write_bytes(b"hello")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(sheet)), QUrl.fromLocalFile(str(text))])
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    dialog.dropEvent(drop)
    assert dialog.message.text().startswith("File search does not take .xlsx files "
                                            "(“sheet.xlsx”). Accepted types: .c, .cpp")
    run_until(event_loop_qt, lambda: dialog.files_table.rowCount() == 1)
    assert cell(dialog.files_table, 0, 0) == "notes.txt"
    run_until(event_loop_qt, lambda: len(state.store_files.get("vs_1", {})) == 1)


def test_delete_files_and_store_after_confirming(qtbot: Any, make_services: Any,
                                                 event_loop_qt: Any, fake_api: Any) -> None:
    state = files_state(fake_api)
    a = state.add_file("a.txt", b"a")
    state.stores["vs_1"] = {"name": "Old", "created_at": 0}
    dialog = dialog_for(qtbot, make_services(), event_loop_qt)
    assert not dialog.delete_files_button.isEnabled()
    dialog.files_table.selectRow(0)
    dialog.delete_files_button.click()
    box = confirm_box()
    assert "Delete “a.txt” from the platform?" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert a.id in state.files
    dialog.delete_files_button.click()
    box = confirm_box()
    box.findChild(QPushButton, "confirmButton").click()
    run_until(event_loop_qt, lambda: dialog.message.text() == "Deleted 1 file(s).")
    assert state.files == {} and dialog.files_table.rowCount() == 0

    dialog.stores_table.selectRow(0)
    dialog.delete_store_button.click()
    confirm_box().findChild(QPushButton, "confirmButton").click()
    run_until(event_loop_qt, lambda: dialog.stores_table.rowCount() == 0)
    assert state.stores == {}


def test_failures_show_in_the_message_line(qtbot: Any, make_services: Any,
                                           event_loop_qt: Any, fake_api: Any) -> None:
    dialog = dialog_for(qtbot, make_services(), event_loop_qt)
    event_loop_qt.run_until_complete(dialog.create_store())
    assert dialog.message.text() == "Give the vector store a name."
    state = files_state(fake_api)
    gone = state.add_file("gone.txt", b"x")
    event_loop_qt.run_until_complete(dialog.stores.refresh())
    del state.files[gone.id]  # deleted elsewhere meanwhile
    event_loop_qt.run_until_complete(dialog.stores.delete_files([gone.id]))
    assert "was not found on the server; it may have been deleted already." in \
        dialog.message.text()


def test_picker_returns_the_checked_stores(qtbot: Any, make_services: Any, event_loop_qt: Any,
                                           fake_api: Any) -> None:
    state = files_state(fake_api)
    state.options.processing_polls = 100
    f = state.add_file("a.txt", b"a")
    state.stores["vs_a"] = {"name": "Alpha", "created_at": 0}
    state.stores["vs_b"] = {"name": "Beta", "created_at": 1}
    state.store_files["vs_b"] = {f.id: _StoreFile(f.id, 100)}
    services = make_services()
    task = asyncio.ensure_future(choose_vector_stores(None, services, ["vs_a"]),
                                 loop=event_loop_qt)

    def picker() -> VectorStorePicker | None:
        return next((w for w in QApplication.topLevelWidgets()
                     if isinstance(w, VectorStorePicker) and w.isVisible()), None)

    run_until(event_loop_qt, lambda: picker() is not None and picker().list.count() == 2)
    dialog = picker()
    assert dialog is not None
    texts = [dialog.list.item(i).text() for i in range(2)]
    assert texts == ["Beta — Processing… · 1 file(s) · 0 B", "Alpha — Ready · 0 file(s) · 0 B"]
    assert dialog.list.item(1).checkState() == Qt.CheckState.Checked
    dialog.list.item(0).setCheckState(Qt.CheckState.Checked)
    assert dialog.hint.text().startswith("A checked store is still processing")
    dialog.grab().save(str(SHOTS / "vector_store_picker.png"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    run_until(event_loop_qt, task.done)
    assert task.result() == ["vs_b", "vs_a"]

    again = asyncio.ensure_future(choose_vector_stores(None, services, []), loop=event_loop_qt)
    run_until(event_loop_qt, lambda: picker() is not None)
    picker().reject()
    run_until(event_loop_qt, again.done)
    assert again.result() is None


def test_a_reply_shows_its_file_search_card(chat: Any, event_loop_qt: Any,
                                            fake_api: Any) -> None:
    state = files_state(fake_api)
    doc = state.add_file("handbook.md", b"Holidays: 25 days a year.\nSick leave: paid.")
    state.stores["vs_hr"] = {"name": "HR", "created_at": 0}
    state.store_files["vs_hr"] = {doc.id: _StoreFile(doc.id, 0, status="completed")}
    original = chat.session._controls

    def controls() -> Any:
        made = original()
        return replace(made, template=replace(made.template,
                                              file_search=FileSearchTool(("vs_hr",))),
                       options=replace(made.options, api="responses"))

    chat.session._controls = controls
    chat.params.model_picker.setEditText("gpt-4.1")
    chat.input.setPlainText("How many holidays?")
    chat.send_button.click()
    run_until(event_loop_qt, lambda: chat.findChild(FileSearchCard) is not None
              and not chat.is_running(), 15)
    card = chat.findChild(FileSearchCard)
    assert card is not None
    assert card.title.text() == "Searched your files for “How many holidays?” — $0.0025"
    assert card.toggle.text() == "Chunks used (1)" and not card.chunks.isVisible()
    card.toggle.click()
    assert "<b>handbook.md</b> · score 0.90 · cited<br>Holidays: 25 days a year.<br>Sick" \
        in card.chunks.text()
    # The chunks' label grows to its wrapped lines once the layout runs (later under X).
    run_until(event_loop_qt, lambda: card.chunks.isVisible() and card.chunks.height() > 30)
    chat.grab().save(str(SHOTS / "file_search_card.png"))
