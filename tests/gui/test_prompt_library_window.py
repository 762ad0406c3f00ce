"""The prompt library window, the variables form and "Save conversation as prompt"."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPushButton, QWidget

from playground.model.prompts import PromptContent, PromptMessage, PromptVersion
from playground.model.types import ChatMessage
from playground.services.prompt_library import PromptLibrary
from playground.ui.prompt_diff import CompareDialog
from playground.ui.prompt_library import PromptLibraryWindow, open_prompt_library
from playground.ui.prompt_save import PromptNameDialog, save_conversation_as_prompt
from playground.ui.prompt_variables import VariablesDialog
from tests.gui.conftest import run_until


@pytest.fixture
def library(event_loop_qt: asyncio.AbstractEventLoop, tmp_path: Path) -> Iterator[PromptLibrary]:
    opened = event_loop_qt.run_until_complete(PromptLibrary.open(tmp_path / "db.sqlite3"))
    yield opened
    event_loop_qt.run_until_complete(opened.close())


def seed(loop: asyncio.AbstractEventLoop, library: PromptLibrary) -> int:
    async def fill() -> int:
        v1 = await library.create("客服助手 Support", PromptContent(
            "You help {{customer}} with billing.", (PromptMessage("user", "{{问题}}"),),
            "gpt-5.4", {"temperature": 0.3}), "First draft")
        await library.save_version(v1.prompt_id, PromptContent(
            "You help {{customer}} with billing. Be brief and friendly.",
            (PromptMessage("user", "{{问题}}"),), "gpt-5.4", {"temperature": 0.5}), "Friendlier")
        await library.create("Haiku poet", PromptContent("Write a haiku about autumn."),
                             "Created")
        return v1.prompt_id

    return loop.run_until_complete(fill())


@pytest.fixture
def window(qtbot: Any, event_loop_qt: asyncio.AbstractEventLoop,
           library: PromptLibrary) -> tuple[PromptLibraryWindow, list[tuple[PromptVersion, dict]]]:
    seed(event_loop_qt, library)
    used: list[tuple[PromptVersion, dict[str, str]]] = []
    shown = PromptLibraryWindow(library, lambda v, values: used.append((v, values)))
    qtbot.addWidget(shown)
    shown.resize(1024, 640)
    shown.show()
    run_until(event_loop_qt, lambda: len(shown.versions) == 1)  # newest prompt shown
    return shown, used


def select_prompt(loop: asyncio.AbstractEventLoop, win: PromptLibraryWindow, name: str) -> None:
    items = win.prompt_list.findItems(name, Qt.MatchFlag.MatchStartsWith)
    win.prompt_list.setCurrentItem(items[0])
    run_until(loop, lambda: win.prompt is not None and win.prompt.name.startswith(name)
              and bool(win.versions))


def test_window_lists_prompts_versions_and_previews_and_looks_right(
        window: Any, event_loop_qt: asyncio.AbstractEventLoop) -> None:
    win, _used = window
    assert win.objectName() == "promptLibrary"
    assert [win.prompt_list.item(i).text() for i in range(win.prompt_list.count())] == [
        "Haiku poet", "客服助手 Support"]
    select_prompt(event_loop_qt, win, "客服")
    texts = [win.version_list.item(i).text() for i in range(win.version_list.count())]
    assert texts[0].startswith("v2 · ") and texts[0].endswith("\nFriendlier")
    assert texts[1].endswith("\nFirst draft")
    assert "Be brief and friendly." in win.preview.toPlainText()
    assert win.roll_back_button.isEnabled() is False  # the latest is selected
    win.version_list.setCurrentRow(1)
    assert "temperature: 0.3" in win.preview.toPlainText()
    assert win.roll_back_button.isEnabled()
    for widget in win.findChildren(QPushButton) + win.findChildren(QLineEdit):
        if widget.isVisible():
            assert widget.objectName() and widget.accessibleName(), widget


def test_search_finds_chinese_text_and_names(window: Any,
                                             event_loop_qt: asyncio.AbstractEventLoop) -> None:
    win, _used = window
    win.search.setText("问题")  # only in a message's text (2 characters: LIKE)
    run_until(event_loop_qt, lambda: win.prompt_list.count() == 1)
    assert win.prompt_list.item(0).text() == "客服助手 Support"
    win.search.setText("haiku autumn")
    run_until(event_loop_qt, lambda: win.prompt_list.count() == 1
              and win.prompt_list.item(0).text() == "Haiku poet")
    win.search.setText("nothing like this")
    run_until(event_loop_qt, lambda: win.prompt_list.count() == 0)
    assert win.preview.toPlainText() == ""


def test_saving_a_version_needs_a_note_and_valid_json_and_a_change(
        window: Any, event_loop_qt: asyncio.AbstractEventLoop) -> None:
    win, _used = window
    select_prompt(event_loop_qt, win, "Haiku")
    win.save_version()
    run_until(event_loop_qt, lambda: bool(detail(win)))
    assert "same as v1" in detail(win)
    win.editor.instructions.setPlainText("Write a haiku about {{season}}.")
    win.editor.settings.setPlainText('{"temperature": 0.9,}')
    win.note.setText("Any season")
    win.save_version()
    run_until(event_loop_qt, lambda: "line 1, column 21" in detail(win))
    assert "Settings is not valid JSON" in detail(win)
    win.editor.settings.setPlainText('{"temperature": 0.9}')
    win.note.clear()
    win.save_version()
    run_until(event_loop_qt, lambda: "what changed" in detail(win))
    win.note.setText("Any season")
    win.save_version()
    run_until(event_loop_qt, lambda: len(win.versions) == 2)
    assert win.selected_version().number == 2
    assert "Saved v2." in win.status.text()
    assert win.versions[0].note == "Any season"
    assert win.versions[0].content.settings == {"temperature": 0.9}


def detail(win: PromptLibraryWindow) -> str:
    from PySide6.QtWidgets import QLabel

    label = win.message.findChild(QLabel, "messageErrorDetail")
    return label.text() if win.message.isVisible() and label is not None else ""


def test_roll_back_and_compare_show_the_change(
        window: Any, event_loop_qt: asyncio.AbstractEventLoop, qtbot: Any) -> None:
    win, _used = window
    select_prompt(event_loop_qt, win, "客服")
    win.version_list.setCurrentRow(1)  # v1
    win.roll_back()
    run_until(event_loop_qt, lambda: len(win.versions) == 3)
    assert win.versions[0].note == "Rolled back to v1"
    assert win.selected_version().number == 3
    win.compare()
    dialog = win.findChild(CompareDialog, "promptCompareDialog")
    assert dialog is not None
    run_until(event_loop_qt, lambda: "+++ v3" in dialog.view.toPlainText())
    text = dialog.view.toPlainText()
    assert "-  You help {{customer}} with billing. Be brief and friendly." in text
    assert "+  You help {{customer}} with billing." in text
    block = dialog.view.document().findBlock(text.index("+  temperature"))
    added = block.blockFormat().background().color()
    removed = dialog.view.document().findBlock(
        text.index("-  temperature")).blockFormat().background().color()
    assert added.green() > added.red() and removed.red() > removed.green()
    dialog.old_picker.setCurrentIndex(dialog.old_picker.findData(1))
    dialog.new_picker.setCurrentIndex(dialog.new_picker.findData(3))
    run_until(event_loop_qt, lambda: "same content" in dialog.view.toPlainText())
    dialog.close()


def test_delete_asks_first(window: Any, event_loop_qt: asyncio.AbstractEventLoop) -> None:
    win, _used = window
    select_prompt(event_loop_qt, win, "Haiku")
    win.ask_delete()
    box = win.findChild(QMessageBox, "confirmDialog")
    assert box is not None and "Haiku poet" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert win.prompt_list.count() == 2
    win.ask_delete()
    box = next(b for b in win.findChildren(QMessageBox, "confirmDialog") if b.isVisible())
    box.findChild(QPushButton, "confirmButton").click()
    run_until(event_loop_qt, lambda: win.prompt_list.count() == 1)
    assert "Deleted “Haiku poet”." in win.status.text()


def test_use_in_chat_asks_for_every_variable_first(
        window: Any, event_loop_qt: asyncio.AbstractEventLoop) -> None:
    win, used = window
    select_prompt(event_loop_qt, win, "Haiku")
    win.use()  # no variables: straight to the callback
    assert used[-1][1] == {} and used[-1][0].content.instructions.startswith("Write a haiku")
    select_prompt(event_loop_qt, win, "客服")
    win.use()
    form = win.findChild(VariablesDialog, "promptVariablesDialog")
    assert form is not None and list(form.edits) == ["customer", "问题"]
    form.edits["customer"].setText("Acme")
    form.use_button.click()
    assert form.isVisible() and len(used) == 1  # 问题 is still empty
    assert "{{问题}}" in detail_of(form)
    form.edits["问题"].setText("账单错了")
    form.use_button.click()
    version, values = used[-1]
    assert values == {"customer": "Acme", "问题": "账单错了"}
    filled = version.content.filled(values)
    assert filled.messages[0].text == "账单错了" and "Acme" in filled.instructions


def detail_of(dialog: Any) -> str:
    from PySide6.QtWidgets import QLabel

    return dialog.findChild(QLabel, "messageErrorDetail").text()


def test_variables_form_alone_requires_every_value(qtbot: Any) -> None:
    got: list[dict[str, str]] = []
    form = VariablesDialog(["city", "日期"], got.append)
    qtbot.addWidget(form)
    form.show()
    form.edits["city"].setText("   ")
    form.try_accept()
    assert got == [] and "{{city}}, {{日期}}" in detail_of(form)
    assert QApplication.focusWidget() in (form.edits["city"], None)
    form.edits["city"].setText("Paris")
    form.edits["日期"].setText("明天")
    form.try_accept()
    assert got == [{"city": "Paris", "日期": "明天"}]


def test_import_bad_files_then_a_conflict_then_export(
        window: Any, event_loop_qt: asyncio.AbstractEventLoop, tmp_path: Path) -> None:
    win, _used = window
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "playground-prompts/1",\n "prompts": [}', encoding="utf-8")
    win.files.import_from(str(bad))
    run_until(event_loop_qt, lambda: "line 2, column 14" in detail(win))
    reference = tmp_path / "ref.json"
    reference.write_text(json.dumps({"id": "pmpt_1", "version": "2"}), encoding="utf-8")
    win.files.import_from(str(reference))
    run_until(event_loop_qt, lambda: "does not contain the prompt's text" in detail(win))

    out = tmp_path / "all.json"
    win.files.export_to(str(out), True)
    run_until(event_loop_qt, lambda: "Exported 2 prompt(s)" in win.status.text())
    win.files.import_from(str(out))
    run_until(event_loop_qt, lambda: win.files.pending is not None)
    assert "“Haiku poet”" in detail(win) and "“客服助手 Support”" in detail(win)
    win.message.findChild(QPushButton, "importCopiesActionButton").click()
    run_until(event_loop_qt, lambda: win.prompt_list.count() == 4)
    names = {win.prompt_list.item(i).text() for i in range(4)}
    assert "客服助手 Support (imported)" in names
    assert "Imported 2 prompt(s) from all.json." in win.status.text()


def test_new_prompt_with_an_empty_then_a_taken_name_offers_a_new_version(
        window: Any, event_loop_qt: asyncio.AbstractEventLoop) -> None:
    win, _used = window
    win.new_prompt()
    dialog = win.findChild(PromptNameDialog, "promptNameDialog")
    assert dialog is not None
    dialog.save_button.click()
    run_until(event_loop_qt, lambda: dialog.problem.isVisible())
    assert "Give the prompt a name" in dialog.problem.accessibleName()
    dialog.name.setText("haiku POET")
    dialog.save_button.click()
    run_until(event_loop_qt, lambda: "already exists" in dialog.problem.accessibleName())
    dialog.problem.findChild(QPushButton, "addVersionActionButton").click()
    run_until(event_loop_qt, lambda: dialog.saved is not None)
    assert dialog.saved.number == 2


def test_save_conversation_as_prompt(qtbot: Any, make_services: Any, library: PromptLibrary,
                                     event_loop_qt: asyncio.AbstractEventLoop) -> None:
    services = dataclasses.replace(make_services(), prompts=library)
    saved: list[PromptVersion] = []
    messages = [ChatMessage("system", "Be terse."), ChatMessage("user", "Name a colour"),
                ChatMessage("assistant", "Blue")]
    main = QWidget()  # the app's main window: closing the last window would end the loop
    qtbot.addWidget(main)
    main.show()
    dialog = save_conversation_as_prompt(main, services, messages,
                                         {"model": "gpt-5.4", "temperature": 0.2},
                                         saved.append)
    assert dialog is not None  # deletes itself once saved: not handed to qtbot
    dialog.name.setText("Colours")  # type: ignore[attr-defined]
    dialog.save_button.click()  # type: ignore[attr-defined]
    run_until(event_loop_qt, lambda: bool(saved))
    content = saved[0].content
    assert (content.instructions, content.model) == ("Be terse.", "gpt-5.4")
    assert [m.text for m in content.messages] == ["Name a colour", "Blue"]
    assert saved[0].note == "Saved from a conversation"

    window = open_prompt_library(main, services, lambda *_: None)
    assert window.objectName() == "promptLibrary"
    assert open_prompt_library(main, services, lambda *_: None) is window  # one per window
    run_until(event_loop_qt, lambda: window.prompt_list.count() == 1)  # type: ignore[attr-defined]
    window.close()  # deletes itself; the library must stop calling it
    QApplication.sendPostedEvents(None, 0)  # DeferredDelete
    assert main.findChild(PromptLibraryWindow) is None
    event_loop_qt.run_until_complete(library.create("After", PromptContent("x")))


def test_without_a_library_the_window_says_so(qtbot: Any, make_services: Any) -> None:
    services = make_services()
    assert services.prompts is None
    window = open_prompt_library(None, services, lambda *_: None)
    qtbot.addWidget(window)
    assert "not available" in window.message.accessibleName()  # type: ignore[attr-defined]
    assert not window.new_button.isEnabled()  # type: ignore[attr-defined]


def test_edits_survive_choosing_another_version_until_saved_or_discarded(
        window: Any, event_loop_qt: asyncio.AbstractEventLoop) -> None:
    win, _used = window
    select_prompt(event_loop_qt, win, "Haiku")
    win.editor.instructions.setPlainText("Write a haiku about winter.")
    select_prompt(event_loop_qt, win, "客服")
    assert win.editor.instructions.toPlainText() == "Write a haiku about winter."
    assert "unsaved changes to v1" in detail(win)
    win.note.setText("Winter")
    win.save_version()  # goes to the prompt the edits came from, not the one shown
    run_until(event_loop_qt, lambda: "Saved v2." in win.status.text())
    select_prompt(event_loop_qt, win, "Haiku")
    run_until(event_loop_qt, lambda: len(win.versions) == 2)
    assert win.versions[0].content.instructions == "Write a haiku about winter."
    assert win.prompt is not None and win.prompt.name == "Haiku poet"

    win.editor.instructions.setPlainText("draft")
    win.version_list.setCurrentRow(1)
    win.message.findChild(QPushButton, "discardEditsActionButton").click()
    assert win.editor.instructions.toPlainText() == "Write a haiku about autumn."
    assert not win.message.isVisible()


def test_closing_with_unsaved_edits_asks_first(
        window: Any, event_loop_qt: asyncio.AbstractEventLoop) -> None:
    win, _used = window
    select_prompt(event_loop_qt, win, "Haiku")
    win.editor.settings.setPlainText("{not json")
    win.close()
    assert win.isVisible()
    box = win.findChild(QMessageBox, "confirmDialog")
    assert box is not None and "not saved" in box.text()
    box.findChild(QPushButton, "confirmButton").click()
    assert not win.isVisible()
