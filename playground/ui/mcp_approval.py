"""Asks the user before the model runs a local MCP tool: which server, which tool, with what
arguments; "Run", "Deny", and "Always allow this tool" (remembered per server and tool).

Non-blocking: the dialog is `open()`ed (never `exec()`: a nested event loop breaks qasync)
and `ask_approval` awaits its answer.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from playground.services.mcp_servers import McpServers


class McpApprovalDialog(QDialog):
    def __init__(self, server: str, tool: str, arguments: dict[str, Any],
                 parent: QWidget | None = None, *, can_trust: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("mcpApprovalDialog")
        self.setWindowTitle(self.tr("Run a local tool?"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        text = QLabel(self.tr("The model wants to run the tool “%1” of the MCP server “%2” on "
                              "this computer, with these arguments:")
                      .replace("%1", tool).replace("%2", server))
        text.setObjectName("mcpApprovalText")
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        self.arguments = QPlainTextEdit(json.dumps(arguments, indent=2, ensure_ascii=False))
        self.arguments.setObjectName("mcpApprovalArguments")
        self.arguments.setAccessibleName(self.tr("Arguments of the call"))
        self.arguments.setReadOnly(True)
        self.arguments.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.trust = QCheckBox(self.tr("Always allow “%1” of “%2” without asking")
                               .replace("%1", tool).replace("%2", server))
        self.trust.setObjectName("mcpApprovalTrust")
        self.trust.setAccessibleName(self.tr("Always allow this tool"))
        self.trust.setVisible(can_trust)
        buttons = QDialogButtonBox()
        self.run_button = buttons.addButton(self.tr("Run"),
                                            QDialogButtonBox.ButtonRole.AcceptRole)
        self.run_button.setObjectName("mcpApproveButton")
        self.run_button.setAccessibleName(self.tr("Run the tool"))
        self.deny_button = buttons.addButton(self.tr("Deny"),
                                             QDialogButtonBox.ButtonRole.RejectRole)
        self.deny_button.setObjectName("mcpDenyButton")
        self.deny_button.setAccessibleName(self.tr("Do not run the tool"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.arguments, 1)
        layout.addWidget(self.trust)
        layout.addWidget(buttons)
        # After the button joined the dialog (a default needs its dialog): Enter never runs
        # a tool by accident.
        self.deny_button.setDefault(True)
        self.resize(520, 320)


async def ask_approval(parent: QWidget | None, server: str, tool: str,
                       arguments: dict[str, Any],
                       trust: Callable[[], Awaitable[object]] | None = None) -> bool:
    """True when the user lets the call run. With `trust`, "Always allow" is offered and
    `trust()` is awaited when the user ticks it and runs the call."""
    dialog = McpApprovalDialog(server, tool, arguments, parent, can_trust=trust is not None)
    answer: asyncio.Future[bool] = asyncio.get_running_loop().create_future()

    def finished(result: int) -> None:
        if not answer.done():
            answer.set_result(result == QDialog.DialogCode.Accepted)

    dialog.finished.connect(finished)
    always = dialog.trust  # read before the dialog deletes itself on close
    trusted: list[bool] = []
    dialog.finished.connect(lambda _r: trusted.append(always.isChecked()))
    dialog.open()
    try:
        allowed = await answer
    except asyncio.CancelledError:
        dialog.reject()  # the reply was stopped: the question is moot
        raise
    if allowed and trust is not None and trusted and trusted[0]:
        await trust()
    return allowed


def approval_for(parent: QWidget | None, servers: McpServers,
                 ) -> Callable[[str, str, dict[str, Any]], Awaitable[bool]]:
    """The `approve` an McpToolRunner takes: asks with `ask_approval`; "Always allow" is
    remembered in the server's config."""

    async def approve(server: str, tool: str, arguments: dict[str, Any]) -> bool:
        async def trust() -> None:
            await servers.set_trusted(server, tool, True)

        return await ask_approval(parent, server, tool, arguments, trust)

    return approve
