"""The Voice tab's function tools: the same definitions as the chat (a JSON list, checked by
`services.request_checks.check_functions`, with the chat's templates), and the answer to a call
— typed by the user when it arrives, or one canned text that answers every call at once."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
)

from playground.services.request_checks import (
    FUNCTION_TEMPLATES,
    check_functions,
    check_tool_result,
)
from playground.ui.naming import named

if TYPE_CHECKING:
    from playground.model.voice import FunctionCallRequest
    from playground.ui.tabs.voice import VoiceTab


def _tr(text: str) -> str:
    return QCoreApplication.translate("VoiceTab", text)


def build_tools_box(tab: VoiceTab) -> QGroupBox:
    box = QGroupBox(_tr("Functions"), tab)
    box.setObjectName("voiceToolsBox")
    tab.functions = named(QPlainTextEdit(box), "voiceFunctions", _tr("Function definitions"))
    tab.functions.setPlaceholderText(_tr('[{"name": "get_weather", "parameters": {...}}]'))
    tab.functions.setMaximumHeight(90)
    templates = named(QToolButton(box), "voiceFunctionTemplates", _tr("Add a function template"))
    templates.setText(_tr("Templates"))
    templates.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(templates)
    for name in FUNCTION_TEMPLATES:
        action = QAction(name, menu)
        action.triggered.connect(lambda _=False, n=name: add_template(tab, n))
        menu.addAction(action)
    templates.setMenu(menu)
    tab.tool_call_label = named(QLabel(_tr("No call waiting."), box), "voiceToolCall",
                                _tr("The function call waiting for its result"))
    tab.tool_call_label.setWordWrap(True)
    tab.tool_result = named(QLineEdit(box), "voiceToolResult", _tr("Function result"))
    tab.tool_result.setPlaceholderText(_tr('Result, e.g. {"temp_c": 21}'))
    tab.tool_send = named(QPushButton(_tr("Send result"), box), "voiceToolSend",
                          _tr("Send the function's result"))
    tab.tool_send.setEnabled(False)
    tab.tool_canned = named(QCheckBox(_tr("Answer every call with this result"), box),
                            "voiceToolCanned", _tr("Answer calls automatically"))
    head = QHBoxLayout()
    head.addWidget(QLabel(_tr("Same definitions as the chat (JSON)"), box), 1)
    head.addWidget(templates)
    answer = QHBoxLayout()
    answer.addWidget(tab.tool_result, 1)
    answer.addWidget(tab.tool_send)
    layout = QVBoxLayout(box)
    layout.addLayout(head)
    layout.addWidget(tab.functions)
    layout.addWidget(tab.tool_call_label)
    layout.addLayout(answer)
    layout.addWidget(tab.tool_canned)
    return box


def add_template(tab: VoiceTab, name: str) -> None:
    """Append the chat's template to the list (kept valid JSON when the list already is)."""
    checked = check_functions(tab.functions.toPlainText())
    current = list(checked.value) if checked.ok and checked.value else []
    if any(f.get("name") == name for f in current):
        return
    if not checked.ok:  # the user's text does not parse: leave it, say why elsewhere
        return
    current.append(FUNCTION_TEMPLATES[name])
    tab.functions.setPlainText(json.dumps(current, indent=2))


def functions_of(tab: VoiceTab) -> tuple[tuple[dict[str, Any], ...], str]:
    """(the definitions, "") or ((), why they cannot be sent)."""
    checked = check_functions(tab.functions.toPlainText())
    if not checked.ok:
        return (), checked.problem
    return tuple(checked.value or ()), ""


class PendingCalls:
    """Calls waiting for their result, oldest first; the view shows the first."""

    def __init__(self, tab: VoiceTab) -> None:
        self._tab = tab
        self.waiting: list[FunctionCallRequest] = []

    def arrived(self, call: FunctionCallRequest) -> str | None:
        """A call came in: the canned result to send now, or None (the user types it)."""
        if self._tab.tool_canned.isChecked() and not check_tool_result(
                self._tab.tool_result.text()):
            return self._tab.tool_result.text()
        self.waiting.append(call)
        self.show()
        return None

    def take(self) -> FunctionCallRequest | None:
        call = self.waiting.pop(0) if self.waiting else None
        self.show()
        return call

    def clear(self) -> None:
        self.waiting.clear()
        self.show()

    def show(self) -> None:
        tab = self._tab
        if not self.waiting:
            tab.tool_call_label.setText(_tr("No call waiting."))
            tab.tool_send.setEnabled(False)
            return
        call = self.waiting[0]
        tab.tool_call_label.setText(_tr("The model called %1(%2): type its result.")
                                    .replace("%1", call.name).replace("%2", call.arguments))
        tab.tool_send.setEnabled(True)
        tab.tool_result.setFocus()
