"""The local MCP servers: add, edit and remove them (a command to start, or a local URL),
start and stop them, see their tools and choose which run without asking; import the
`mcpServers` JSON other desktop apps use.

A view over `services.mcp_servers.McpServers`; everything slow (files, keyring, servers)
runs in async slots. Entry point: `open_mcp_servers(parent, services)`.
"""

from __future__ import annotations

import asyncio
import shlex
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from playground.services.mcp_connection import ServerState
from playground.services.mcp_servers import McpServers, mcp_servers_for
from playground.services.messages import UserMessage
from playground.storage.mcp_config import HTTP, STDIO, McpServerConfig
from playground.ui.async_slot import async_slot
from playground.ui.confirm import confirm
from playground.ui.widgets.mcp_env_table import McpEnvTable
from playground.ui.widgets.tab_message import TabMessage

if TYPE_CHECKING:
    from playground.services.container import Services


class McpServersDialog(QDialog):
    def __init__(self, servers: McpServers, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mcpServersDialog")
        self.setWindowTitle(self.tr("MCP servers"))
        self.servers = servers
        self._editing: str | None = None  # name of the server in the editor; None = new
        self._states = {ServerState.STOPPED: self.tr("Stopped"),
                        ServerState.STARTING: self.tr("Starting…"),
                        ServerState.RUNNING: self.tr("Running"),
                        ServerState.FAILED: self.tr("Failed")}

        self.list = QListWidget()
        self.list.setObjectName("mcpServerList")
        self.list.setAccessibleName(self.tr("Local MCP servers"))
        self.add_button = self._button("addMcpServerButton", self.tr("Add"),
                                       self.tr("Add a server"))
        self.remove_button = self._button("removeMcpServerButton", self.tr("Remove"),
                                          self.tr("Remove the server"))
        self.import_button = self._button("importMcpJsonButton", self.tr("Import JSON…"),
                                          self.tr("Import servers from an mcpServers JSON "
                                                  "file"))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        left_layout.addLayout(row)
        left_layout.addWidget(self.import_button)

        self.name = self._line("mcpServerName", self.tr("Name"), "filesystem")
        self.transport = QComboBox()
        self.transport.setObjectName("mcpServerTransport")
        self.transport.setAccessibleName(self.tr("How the app reaches the server"))
        self.transport.addItem(self.tr("Command (stdio)"), STDIO)
        self.transport.addItem(self.tr("Local URL (streamable HTTP)"), HTTP)
        self.command = self._line("mcpServerCommand", self.tr("Command"), "npx")
        self.args = self._line("mcpServerArgs", self.tr("Arguments"),
                               "-y @modelcontextprotocol/server-filesystem ~/notes")
        self.args.setToolTip(self.tr("Separated by spaces; quote an argument that has spaces"))
        self.cwd = self._line("mcpServerCwd", self.tr("Working folder"), self.tr("Optional"))
        self.url = self._line("mcpServerUrl", self.tr("URL"), "http://127.0.0.1:8000/mcp")
        self.env = McpEnvTable()
        self.add_env_button = self._button("addMcpEnvButton", self.tr("Add variable"),
                                           self.tr("Add an environment variable"))
        self.remove_env_button = self._button("removeMcpEnvButton",
                                              self.tr("Remove variable"),
                                              self.tr("Remove the environment variable"))
        self.save_button = self._button("saveMcpServerButton", self.tr("Save"),
                                        self.tr("Save the server"))
        self.form = QFormLayout()
        self.form.addRow(self.tr("Name"), self.name)
        self.form.addRow(self.tr("Type"), self.transport)
        self.form.addRow(self.tr("Command"), self.command)
        self.form.addRow(self.tr("Arguments"), self.args)
        self.form.addRow(self.tr("Working folder"), self.cwd)
        self.form.addRow(self.tr("URL"), self.url)
        env_buttons = QHBoxLayout()
        env_buttons.addWidget(self.add_env_button)
        env_buttons.addWidget(self.remove_env_button)
        env_buttons.addStretch(1)
        env_buttons.addWidget(self.save_button)

        self.status = QLabel()
        self.status.setObjectName("mcpServerStatus")
        self.status.setAccessibleName(self.tr("Server status"))
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.start_button = self._button("mcpServerStartButton", self.tr("Start"),
                                         self.tr("Start or stop the server"))
        self.tools = QListWidget()
        self.tools.setObjectName("mcpServerTools")
        self.tools.setAccessibleName(self.tr("Tools of the server; checked ones run without "
                                             "asking"))
        tools_box = QGroupBox(self.tr("Tools (checked: run without asking)"))
        tools_layout = QVBoxLayout(tools_box)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.start_button)
        tools_layout.addLayout(status_row)
        tools_layout.addWidget(self.tools, 1)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(self.form)
        right_layout.addWidget(QLabel(self.tr("Environment")))
        right_layout.addWidget(self.env, 1)
        right_layout.addLayout(env_buttons)
        right_layout.addWidget(tools_box, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 740])

        self.message = TabMessage("mcpServersMessage", self.tr("MCP servers message"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("mcpServersClose")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addWidget(close)

        self.list.currentRowChanged.connect(self._select)
        self.transport.currentIndexChanged.connect(self._show_transport)
        self.add_button.clicked.connect(self.new_server)
        self.remove_button.clicked.connect(self._ask_remove)
        self.import_button.clicked.connect(self._choose_import)
        self.add_env_button.clicked.connect(lambda: self.env.add_row())
        self.remove_env_button.clicked.connect(self.env.remove_selected)
        self.save_button.clicked.connect(self.save)
        self.start_button.clicked.connect(self.start_or_stop)
        self.tools.itemChanged.connect(self._trust_changed)
        self._unsubscribe = [servers.changed.connect(self._refresh),
                             servers.message.connect(self.message.show_message)]
        self.finished.connect(self._unsubscribe_all)
        self.resize(1024, 640)
        self.new_server()
        self.load()

    def _unsubscribe_all(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []

    # ---- building ----------------------------------------------------------------------

    def _line(self, name: str, accessible: str, placeholder: str) -> QLineEdit:
        line = QLineEdit()
        line.setObjectName(name)
        line.setAccessibleName(accessible)
        line.setPlaceholderText(placeholder)
        return line

    def _button(self, name: str, text: str, accessible: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        return button

    # ---- the list ----------------------------------------------------------------------

    @async_slot()
    async def load(self) -> None:
        await self.servers.load()
        self._refresh()

    def _refresh(self) -> None:
        """Rebuild the list (states change under us) and the selected server's status."""
        names = [s.name for s in self.servers.servers]
        self.list.blockSignals(True)
        self.list.clear()
        for name in names:
            item = QListWidgetItem(f"{name} — {self._states[self.servers.state(name)]}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.list.addItem(item)
        if self._editing in names:
            self.list.setCurrentRow(names.index(self._editing))
        self.list.blockSignals(False)
        self._show_status()

    def _select(self, row: int) -> None:
        item = self.list.item(row)
        config = self.servers.server(item.data(Qt.ItemDataRole.UserRole)) if item else None
        if config is None:
            return
        self._editing = config.name
        self.name.setText(config.name)
        self.transport.setCurrentIndex(self.transport.findData(config.transport))
        self.command.setText(config.command)
        self.args.setText(shlex.join(config.args))
        self.cwd.setText(config.cwd)
        self.url.setText(config.url)
        self.env.set_variables(config.env)
        self._show_transport()
        self._show_status()

    def new_server(self) -> None:
        self._editing = None
        self.list.clearSelection()
        self.list.setCurrentRow(-1)
        for line in (self.name, self.command, self.args, self.cwd, self.url):
            line.clear()
        self.transport.setCurrentIndex(0)
        self.env.set_variables(())
        self._show_transport()
        self._show_status()
        self.name.setFocus()

    def _show_transport(self) -> None:
        stdio = self.transport.currentData() == STDIO
        for widget in (self.command, self.args, self.cwd):
            widget.setVisible(stdio)
            self.form.labelForField(widget).setVisible(stdio)
        self.url.setVisible(not stdio)
        self.form.labelForField(self.url).setVisible(not stdio)

    def _show_status(self) -> None:
        name = self._editing
        saved = name is not None and self.servers.server(name) is not None
        state = self.servers.state(name) if saved and name else ServerState.STOPPED
        error = self.servers.error(name) if saved and name else None
        if not saved:
            self.status.setText(self.tr("Not saved yet"))
        elif error is not None:
            self.status.setText(self._states[state] + " — " + error.message)
        else:
            count = len(self.servers.tools(name))
            self.status.setText(self._states[state] if state != ServerState.RUNNING else
                                self.tr("Running — %1 tools").replace("%1", str(count)))
        running = state in (ServerState.RUNNING, ServerState.STARTING)
        self.start_button.setText(self.tr("Stop") if running else self.tr("Start"))
        self.start_button.setEnabled(saved and state != ServerState.STARTING)
        self.remove_button.setEnabled(saved)
        self._show_tools(name if saved else None)

    def _show_tools(self, name: str | None) -> None:
        self.tools.blockSignals(True)
        self.tools.clear()
        for tool in self.servers.tools(name) if name else []:
            text = tool.name + (f" — {tool.description.strip().splitlines()[0]}"
                                if tool.description.strip() else "")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, tool.name)
            item.setToolTip(tool.description)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            trusted = self.servers.is_trusted(tool.server, tool.name)
            item.setCheckState(Qt.CheckState.Checked if trusted else Qt.CheckState.Unchecked)
            self.tools.addItem(item)
        self.tools.blockSignals(False)

    # ---- actions -----------------------------------------------------------------------

    def edited_config(self) -> McpServerConfig:
        old = self.servers.server(self._editing) if self._editing else None
        try:
            args = tuple(shlex.split(self.args.text()))
        except ValueError:  # an unclosed quote: keep the text as one argument list
            args = tuple(self.args.text().split())
        config = McpServerConfig(
            name=self.name.text().strip(), transport=self.transport.currentData(),
            command=self.command.text().strip(), args=args, env=self.env.variables(),
            cwd=self.cwd.text().strip(), url=self.url.text().strip())
        if old is not None:
            config = replace(config, id=old.id, trusted_tools=old.trusted_tools,
                             timeout=old.timeout)
        return config

    @async_slot()
    async def save(self) -> None:
        config = self.edited_config()
        problem = await self.servers.save_server(config, self._editing)
        if problem:
            self.message.show_message(UserMessage.error(problem))
            return
        self._editing = config.name
        self.message.show_message(UserMessage.info(
            self.tr("Saved “%1”.").replace("%1", config.name)))
        self._refresh()

    @async_slot()
    async def start_or_stop(self) -> None:
        name = self._editing
        if name is None:
            return
        if self.servers.state(name) in (ServerState.RUNNING, ServerState.STARTING):
            await self.servers.stop(name)
            self.message.clear()
            return
        self.message.clear()
        if await self.servers.start(name):
            self.message.show_message(UserMessage.info(
                self.tr("“%1” is running with %2 tools.").replace("%1", name)
                .replace("%2", str(len(self.servers.tools(name))))))

    @async_slot()
    async def _trust_changed(self, item: QListWidgetItem) -> None:
        if self._editing is None:
            return
        trusted = item.checkState() == Qt.CheckState.Checked
        problem = await self.servers.set_trusted(self._editing,
                                                 item.data(Qt.ItemDataRole.UserRole), trusted)
        if problem:
            self.message.show_message(UserMessage.error(problem))

    def _ask_remove(self) -> None:
        name = self._editing
        if name is None:
            return
        confirm(self, self.tr("Remove server"),
                self.tr("Remove the MCP server “%1”? Its secrets are deleted from the "
                        "keyring.").replace("%1", name),
                self.tr("Remove"), lambda: self.remove(name))

    @async_slot(str)
    async def remove(self, name: str) -> None:
        problem = await self.servers.remove_server(name)
        if problem:
            self.message.show_message(UserMessage.error(problem))
            return
        self.new_server()
        self._refresh()

    def _choose_import(self) -> None:
        dialog = QFileDialog(self, self.tr("Import MCP servers"), str(Path.home()),
                             self.tr("JSON (*.json);;All files (*)"))
        dialog.setObjectName("mcpImportFileDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.import_file)
        dialog.open()

    @async_slot(str)
    async def import_file(self, path: str) -> None:
        try:
            text = await asyncio.to_thread(Path(path).read_text, encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.message.show_message(UserMessage.error(
                self.tr("Cannot read %1: %2").replace("%1", path)
                .replace("%2", getattr(exc, "strerror", None) or str(exc))))
            return
        message = await self.servers.import_json(text, Path(path).name)
        self.message.show_message(message)
        self._refresh()


def open_mcp_servers(parent: QWidget | None, services: Services) -> QWidget:
    """Show the MCP servers dialog (one per parent window); servers keep running when it
    closes. The chat's tools menu opens it from `mcpServersButton`."""
    if parent is not None:
        existing = parent.findChild(McpServersDialog)
        if existing is not None and existing.isVisible():
            existing.raise_()
            existing.activateWindow()
            return existing
    dialog = McpServersDialog(mcp_servers_for(services), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
