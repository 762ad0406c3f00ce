"""The MCP servers dialog with real widgets and the tests' own MCP server: add, start, see the
tools, trust one, stop; a failing server; import; the approval prompt."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from playground.services.mcp_servers import McpServers
from playground.storage.mcp_config import McpConfigFile
from playground.ui.mcp_approval import McpApprovalDialog, ask_approval
from playground.ui.mcp_servers_dialog import McpServersDialog, open_mcp_servers
from tests.gui.conftest import run_until
from tests.mcp_server.launch import ROOT, children

SHOTS = Path(os.environ.get("PLAYGROUND_SHOTS", "/tmp"))


def make_dialog(qtbot: Any, tmp_path: Path, loop: Any) -> McpServersDialog:
    servers = McpServers(McpConfigFile(tmp_path / "mcp_servers.json"))
    dialog = McpServersDialog(servers)
    qtbot.addWidget(dialog)
    dialog.show()
    run_until(loop, lambda: servers._loaded)
    return dialog


def fill_test_server(dialog: McpServersDialog, name: str = "tests") -> None:
    dialog.add_button.click()
    dialog.name.setText(name)
    dialog.command.setText(sys.executable)
    dialog.args.setText("-m tests.mcp_server.server")
    dialog.cwd.setText(str(ROOT))
    dialog.add_env_button.click()
    row = dialog.env.rowCount() - 1
    dialog.env.cellWidget(row, 0).setText("PYTHONPATH")
    dialog.env.cellWidget(row, 1).setText(str(ROOT))


def test_add_start_trust_and_stop_a_server(qtbot: Any, tmp_path: Path,
                                           event_loop_qt: Any) -> None:
    before = children()
    dialog = make_dialog(qtbot, tmp_path, event_loop_qt)
    assert dialog.status.text() == "Not saved yet" and not dialog.start_button.isEnabled()
    fill_test_server(dialog)
    event_loop_qt.run_until_complete(dialog.save())
    assert dialog.list.count() == 1 and dialog.list.item(0).text() == "tests — Stopped"
    assert dialog.message.text() == "Saved “tests”."

    dialog.start_button.click()
    run_until(event_loop_qt, lambda: dialog.status.text() == "Running — 6 tools", 30)
    assert dialog.list.item(0).text() == "tests — Running"
    assert dialog.start_button.text() == "Stop"
    names = [dialog.tools.item(i).data(Qt.ItemDataRole.UserRole)
             for i in range(dialog.tools.count())]
    assert names == ["add", "echo", "fail", "picture", "env", "spawn"]
    assert dialog.tools.item(0).text() == "add — Add two integers."
    assert dialog.message.text() == "“tests” is running with 6 tools."
    dialog.resize(1024, 640)
    dialog.grab().save(str(SHOTS / "mcp_servers_dialog.png"))

    dialog.tools.item(1).setCheckState(Qt.CheckState.Checked)  # trust echo
    run_until(event_loop_qt, lambda: dialog.servers.is_trusted("tests", "echo"))
    stored = json.loads((tmp_path / "mcp_servers.json").read_text())
    assert stored["servers"][0]["trusted_tools"] == ["echo"]
    assert stored["servers"][0]["args"] == ["-m", "tests.mcp_server.server"]

    dialog.start_button.click()
    run_until(event_loop_qt, lambda: dialog.status.text() == "Stopped", 15)
    assert dialog.tools.count() == 0 and dialog.start_button.text() == "Start"
    assert children() <= before


def test_a_server_that_cannot_start_shows_why(qtbot: Any, tmp_path: Path,
                                              event_loop_qt: Any) -> None:
    dialog = make_dialog(qtbot, tmp_path, event_loop_qt)
    dialog.add_button.click()
    dialog.name.setText("broken")
    dialog.command.setText("no-such-mcp-server")
    event_loop_qt.run_until_complete(dialog.save())
    dialog.start_button.click()
    expected = ("Could not start the MCP server “broken”: the command “no-such-mcp-server” "
                "was not found. Check the command, or give its full path.")
    run_until(event_loop_qt, lambda: dialog.message.text() == expected)
    assert dialog.status.text() == "Failed — " + expected
    assert dialog.list.item(0).text() == "broken — Failed"


def test_incomplete_server_is_not_saved(qtbot: Any, tmp_path: Path, event_loop_qt: Any) -> None:
    dialog = make_dialog(qtbot, tmp_path, event_loop_qt)
    dialog.name.setText("web")
    dialog.transport.setCurrentIndex(1)
    assert dialog.url.isVisibleTo(dialog) and not dialog.command.isVisibleTo(dialog)
    dialog.url.setText("localhost:8000")
    event_loop_qt.run_until_complete(dialog.save())
    assert dialog.message.text() == ("The server “web” needs a URL starting with http:// or "
                                     "https://.")
    assert dialog.list.count() == 0 and not (tmp_path / "mcp_servers.json").exists()


def test_import_json_adds_servers_and_a_malformed_file_says_where(
        qtbot: Any, tmp_path: Path, event_loop_qt: Any) -> None:
    dialog = make_dialog(qtbot, tmp_path, event_loop_qt)
    bad = tmp_path / "claude_desktop_config.json"
    bad.write_text('{\n  "mcpServers": {\n    "a": {"command": "x",}\n  }\n}')
    event_loop_qt.run_until_complete(dialog.import_file(str(bad)))
    assert dialog.message.text() == (
        "claude_desktop_config.json is not valid JSON: Expecting property name enclosed in "
        "double quotes at line 3, column 26.")
    assert dialog.message.severity().name == "ERROR" and dialog.list.count() == 0

    good = tmp_path / "cursor.json"
    good.write_text(json.dumps({"mcpServers": {
        "fs": {"command": "npx", "args": ["-y", "server-filesystem", "/my notes"]},
        "web": {"url": "http://127.0.0.1:8931/mcp"}}}))
    event_loop_qt.run_until_complete(dialog.import_file(str(good)))
    assert dialog.message.text() == "Imported 2 MCP server(s): fs, web."
    assert [dialog.list.item(i).text() for i in range(2)] == ["fs — Stopped", "web — Stopped"]
    dialog.list.setCurrentRow(0)
    assert dialog.command.text() == "npx"
    assert dialog.args.text() == "-y server-filesystem '/my notes'"

    event_loop_qt.run_until_complete(dialog.import_file(str(tmp_path / "missing.json")))
    assert dialog.message.text().startswith("Cannot read ")


@pytest.mark.keyring
def test_secret_rows_are_masked_and_kept_out_of_the_file(qtbot: Any, tmp_path: Path,
                                                        event_loop_qt: Any) -> None:
    from playground.storage.mcp_config import SECRET_SERVICE
    from playground.storage.secrets import SecretStore
    from tests.unit.storage.real_env import require

    status = event_loop_qt.run_until_complete(SecretStore(timeout=15).check())
    require(status.ok and "SecretService" in status.backend, "an unlocked Secret Service")
    dialog = make_dialog(qtbot, tmp_path, event_loop_qt)
    fill_test_server(dialog, "secretive")
    row = dialog.env.add_row()
    dialog.env.cellWidget(row, 0).setText("API_TOKEN")
    value: QLineEdit = dialog.env.cellWidget(row, 1)
    value.setText("tok-gui-123")
    dialog.env.cellWidget(row, 2).setChecked(True)
    assert value.echoMode() == QLineEdit.EchoMode.Password
    event_loop_qt.run_until_complete(dialog.save())
    text = (tmp_path / "mcp_servers.json").read_text()
    assert "tok-gui-123" not in text and f'"keyring": "{SECRET_SERVICE}:' in text
    config = dialog.servers.server("secretive")
    assert config is not None
    store = SecretStore(timeout=15, service=SECRET_SERVICE)
    assert event_loop_qt.run_until_complete(store.get(config.secret_key("API_TOKEN"))) == \
        "tok-gui-123"
    event_loop_qt.run_until_complete(dialog.remove("secretive"))
    assert event_loop_qt.run_until_complete(store.get(config.secret_key("API_TOKEN"))) is None


def _approval_dialog() -> McpApprovalDialog | None:
    return next((w for w in QApplication.topLevelWidgets()
                 if isinstance(w, McpApprovalDialog) and w.isVisible()), None)


def test_approval_asks_and_deny_refuses(qtbot: Any, event_loop_qt: Any) -> None:
    trusted: list[bool] = []

    async def trust() -> None:
        trusted.append(True)

    task = asyncio.ensure_future(ask_approval(None, "files", "delete", {"path": "/tmp/x"},
                                              trust))
    run_until(event_loop_qt, lambda: _approval_dialog() is not None)
    dialog = _approval_dialog()
    assert dialog is not None
    assert json.loads(dialog.arguments.toPlainText()) == {"path": "/tmp/x"}
    assert dialog.deny_button.isDefault()
    dialog.grab().save(str(SHOTS / "mcp_approval.png"))
    dialog.deny_button.click()
    run_until(event_loop_qt, task.done)
    assert task.result() is False and trusted == []

    task = asyncio.ensure_future(ask_approval(None, "files", "read", {}, trust))
    run_until(event_loop_qt, lambda: _approval_dialog() is not None)
    dialog = _approval_dialog()
    assert dialog is not None
    dialog.trust.setChecked(True)
    dialog.run_button.click()
    run_until(event_loop_qt, task.done)
    assert task.result() is True and trusted == [True]


def test_open_mcp_servers_reuses_the_open_dialog(qtbot: Any, make_services: Any,
                                                 event_loop_qt: Any) -> None:
    from PySide6.QtWidgets import QWidget

    window = QWidget()
    qtbot.addWidget(window)
    services = make_services()
    first = open_mcp_servers(window, services)
    assert first.objectName() == "mcpServersDialog" and first.isVisible()
    assert open_mcp_servers(window, services) is first
    run_until(event_loop_qt, lambda: first.servers._loaded)
    first.close()
