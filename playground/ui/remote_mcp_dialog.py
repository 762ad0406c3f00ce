"""Remote MCP servers the model calls through OpenAI (Responses): label, URL, allowed tools,
whether each call asks first, and secret headers. A header's name is kept with the
conversation; its value goes to the OS keyring (never settings) when the dialog is saved.

Non-blocking: `open()`ed; `serversChosen` carries the list once the values are stored.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from playground.model.types import RemoteMcpServer
from playground.services.hosted_tools import header_secrets, secret_key
from playground.storage.secrets import SecretStore, SecretsUnavailable
from playground.ui.async_slot import async_slot
from playground.ui.theme_palette import error_text_color

_LABEL = re.compile(r"^[A-Za-z0-9_-]{1,64}$")  # what the API accepts as server_label
_HEADER = re.compile(r"^[A-Za-z0-9-]{1,64}$")


def _field(name: str, accessible: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setPlaceholderText(placeholder)
    return edit


class RemoteMcpDialog(QDialog):
    serversChosen = Signal(object)  # tuple[RemoteMcpServer, ...]

    def __init__(self, servers: tuple[RemoteMcpServer, ...], parent: QWidget | None = None, *,
                 store: SecretStore | None = None,
                 open_local: Callable[[], object] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("remoteMcpDialog")
        self.setWindowTitle(self.tr("Remote MCP servers"))
        self.servers = list(servers)
        self._store = header_secrets(store)
        self._values: dict[str, str] = {}  # secret_key -> value typed in this dialog
        self._editing: int | None = None
        self.list = QListWidget(self)
        self.list.setObjectName("remoteMcpList")
        self.list.setAccessibleName(self.tr("Remote MCP servers"))
        self.label = _field("remoteMcpLabel", self.tr("Server label"), "docs")
        self.url = _field("remoteMcpUrl", self.tr("Server URL"), "https://example.com/mcp")
        self.allowed = _field("remoteMcpAllowedTools", self.tr("Allowed tools"),
                              self.tr("All tools (or names, separated by commas)"))
        self.approval = QComboBox(self)
        self.approval.setObjectName("remoteMcpApproval")
        self.approval.setAccessibleName(self.tr("Approval"))
        self.approval.addItem(self.tr("Ask before each call"), "always")
        self.approval.addItem(self.tr("Never ask"), "never")
        self.header_name = _field("remoteMcpHeaderName", self.tr("Secret header name"),
                                  "Authorization")
        self.header_value = _field("remoteMcpHeaderValue", self.tr("Secret header value"),
                                   self.tr("Kept in the system keyring"))
        self.header_value.setEchoMode(QLineEdit.EchoMode.Password)
        self.problem = QLabel(self)
        self.problem.setObjectName("remoteMcpProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {error_text_color(self.palette()).name()}")
        self.problem.setVisible(False)
        self.add = QPushButton(self.tr("Add"), self)
        self.add.setObjectName("remoteMcpAddButton")
        self.add.setAccessibleName(self.tr("Add or update the server"))
        self.remove = QPushButton(self.tr("Remove"), self)
        self.remove.setObjectName("remoteMcpRemoveButton")
        self.remove.setAccessibleName(self.tr("Remove the selected server"))
        self.local = QPushButton(self.tr("Local servers…"), self)
        self.local.setObjectName("localMcpServersButton")
        self.local.setAccessibleName(self.tr("Local MCP servers"))
        self.local.setVisible(open_local is not None)
        if open_local is not None:
            self.local.clicked.connect(lambda: open_local())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.setObjectName("remoteMcpButtons")
        self._lay_out()
        self.add.clicked.connect(self.add_server)
        self.remove.clicked.connect(self.remove_server)
        self.list.currentRowChanged.connect(self._edit)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._fill()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Label"), self.label)
        form.addRow(self.tr("URL"), self.url)
        form.addRow(self.tr("Allowed tools"), self.allowed)
        form.addRow(self.tr("Approval"), self.approval)
        form.addRow(self.tr("Secret header"), self.header_name)
        form.addRow(self.tr("Header value"), self.header_value)
        row = QHBoxLayout()
        row.addWidget(self.local)
        row.addStretch(1)
        row.addWidget(self.remove)
        row.addWidget(self.add)
        column = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "OpenAI calls these servers for the model (Responses API only). Header values are "
            "stored in the system keyring, never in settings."), self)
        intro.setWordWrap(True)
        column.addWidget(intro)
        column.addWidget(self.list, 1)
        column.addLayout(form)
        column.addWidget(self.problem)
        column.addLayout(row)
        column.addWidget(self.buttons)

    def _fill(self) -> None:
        self.list.clear()
        for server in self.servers:
            approval = self.tr("asks") if server.require_approval != "never" else \
                self.tr("never asks")
            self.list.addItem(f"{server.label} — {server.url} ({approval})")

    def _edit(self, row: int) -> None:
        if not 0 <= row < len(self.servers):
            self._editing = None
            return
        server = self.servers[row]
        self._editing = row
        self.label.setText(server.label)
        self.url.setText(server.url)
        self.allowed.setText(", ".join(server.allowed_tools))
        self.approval.setCurrentIndex(max(0, self.approval.findData(server.require_approval)))
        self.header_name.setText(server.header_names[0] if server.header_names else "")
        self.header_value.clear()
        self.header_value.setPlaceholderText(self.tr("Unchanged (kept in the keyring)")
                                             if server.header_names else
                                             self.tr("Kept in the system keyring"))
        self.add.setText(self.tr("Update"))

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def add_server(self) -> None:
        label, url = self.label.text().strip(), self.url.text().strip()
        header = self.header_name.text().strip()
        if not _LABEL.match(label):
            self._say(self.tr("A label is 1–64 letters, digits, “-” or “_” (it names the "
                              "server to the model)."))
            return
        if not url.startswith("https://"):
            self._say(self.tr("OpenAI reaches the server over the internet: the URL must "
                              "start with https://."))
            return
        if header and not _HEADER.match(header):
            self._say(self.tr("“%1” is not a header name (letters, digits and “-”).")
                      .replace("%1", header))
            return
        others = [s for i, s in enumerate(self.servers) if i != self._editing]
        if any(s.label == label for s in others):
            self._say(self.tr("Another server is already labelled “%1”.").replace("%1", label))
            return
        tools = tuple(t.strip() for t in self.allowed.text().split(",") if t.strip())
        server = RemoteMcpServer(label, url, tools, str(self.approval.currentData()),
                                 (header,) if header else ())
        if header and self.header_value.text():
            self._values[secret_key(server, header)] = self.header_value.text()
        if self._editing is None:
            self.servers.append(server)
        else:
            self.servers[self._editing] = server
        self._say("")
        self._clear_form()
        self._fill()

    def remove_server(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.servers):
            del self.servers[row]
            self._clear_form()
            self._fill()

    def _clear_form(self) -> None:
        self._editing = None
        for edit in (self.label, self.url, self.allowed, self.header_name, self.header_value):
            edit.clear()
        self.add.setText(self.tr("Add"))
        self.list.clearSelection()

    @async_slot()
    async def save(self) -> None:
        """Header values into the keyring first; the servers are used once they are there."""
        self.buttons.setEnabled(False)
        try:
            for key, value in self._values.items():
                await self._store.set(key, value)
        except SecretsUnavailable as exc:
            self._say(self.tr("The header value could not be stored: %1 %2")
                      .replace("%1", exc.message).replace("%2", exc.hint))
            self.buttons.setEnabled(True)
            return
        self.serversChosen.emit(tuple(self.servers))
        self.accept()


def open_remote_mcp(parent: QWidget, servers: tuple[RemoteMcpServer, ...],
                    chosen: Callable[[tuple[RemoteMcpServer, ...]], None], *,
                    store: SecretStore | None = None,
                    open_local: Callable[[], object] | None = None) -> RemoteMcpDialog:
    dialog = RemoteMcpDialog(servers, parent, store=store, open_local=open_local)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.serversChosen.connect(chosen)
    dialog.resize(560, 460)
    dialog.open()
    return dialog
