"""Hosted tools in the chat: the tools menu (saved with the conversation, off where the tools
cannot run), a card per call in the reply, numbered citation links, tool costs in the metrics,
MCP approval with Approve/Deny, and the remote MCP servers dialog (secrets to the keyring)."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from PySide6.QtGui import QAction

from playground.model.types import HostedTools, RemoteMcpServer
from playground.services.chat_turns import APPROVAL, HostedCallRecord
from playground.services.hosted_tools import SECRET_SERVICE
from playground.services.reply_options import ReplyOptions
from playground.ui.remote_mcp_dialog import RemoteMcpDialog
from playground.ui.tabs.chat_options import RequestOptions
from playground.ui.widgets.hosted_cards import (
    CodeCard,
    ImageCard,
    McpApprovalCard,
    McpCard,
    WebSearchCard,
    card_for,
)
from playground.ui.widgets.reply_extras import MetricsLine, SourcesLine
from tests.fake_openai.routes_tools import tiny_png
from tests.gui.conftest import run_until
from tests.gui.test_chat_tab import last_widget, send
from tests.memory_keyring import MemoryKeyring


def action(options: RequestOptions, name: str) -> QAction:
    found = options.tools.findChild(QAction, name)
    assert found is not None, name
    return found


def use_responses(chat: Any, model: str = "gpt-5.5") -> None:
    chat.params.model_picker.setEditText(model)
    chat.options.api_picker.setCurrentIndex(chat.options.api_picker.findData("responses"))


def test_the_menu_switches_tools_on_and_restores_them(qtbot: Any) -> None:
    options = RequestOptions()
    qtbot.addWidget(options)
    tools = options.tools
    assert tools.objectName() == "toolsButton" and tools.accessibleName()
    for name in ("webSearchToggle", "codeInterpreterToggle", "imageGenerationToggle"):
        assert action(options, name).isCheckable()
    assert action(options, "mcpServersButton") is not None
    with qtbot.waitSignal(options.changed):
        action(options, "webSearchToggle").setChecked(True)
    action(options, "imageGenerationToggle").setChecked(True)
    chosen = options.options().hosted_tools
    assert (chosen.web_search, chosen.code_interpreter, chosen.image_generation) == (
        True, False, True)
    assert tools.text() == "Tools (2)"
    options.restore(ReplyOptions())
    assert not action(options, "webSearchToggle").isChecked() and tools.text() == "Tools"
    options.restore(ReplyOptions(hosted_tools=HostedTools(code_interpreter=True)))
    assert action(options, "codeInterpreterToggle").isChecked()


def test_off_with_a_reason_for_chat_completions_and_models_without_tools(qtbot: Any) -> None:
    options = RequestOptions()
    qtbot.addWidget(options)
    tools = options.tools
    tools.set_model("gpt-5.5")
    assert tools.isEnabled()
    options.api_picker.setCurrentIndex(options.api_picker.findData("chat"))
    assert not tools.isEnabled() and "Responses API" in tools.toolTip()
    options.api_picker.setCurrentIndex(options.api_picker.findData("auto"))
    tools.set_model("llama3")
    assert not tools.isEnabled()
    assert tools.toolTip().startswith("llama3 cannot use built-in tools")


def test_a_reply_with_every_tool_shows_cards_citations_and_tool_costs(
        chat: Any, fake_api: Any, event_loop_qt: Any, monkeypatch: Any) -> None:
    from playground.usage import self_hosted

    monkeypatch.setattr(self_hosted, "is_self_hosted", lambda _url: False)
    use_responses(chat)
    for name in ("webSearchToggle", "codeInterpreterToggle", "imageGenerationToggle"):
        action(chat.options, name).setChecked(True)
    send(event_loop_qt, chat, "look it up, compute, draw")
    widget = last_widget(chat)
    search = widget.findChild(WebSearchCard)
    assert search is not None and "hosted tools in the Responses API" in search.title.text()
    assert "https://example.com/source/2" in search.sources.text()
    code = widget.findChild(CodeCard)
    assert code is not None and code.code.toPlainText() == "import math\nprint(math.pi)\n"
    assert code.output.toPlainText() == "3.141592653589793\n"
    assert code.findChildren(type(widget.findChild(ImageCard).tile))  # the chart, saveable
    image = widget.findChild(ImageCard)
    assert image is not None and not image.tile.picture.pixmap().isNull()
    assert image.tile.save.isVisibleTo(image)
    # Numbered links after the cited text, and the same numbers in the sources list.
    assert "](https://" not in chat.session.turns[-1].content  # the stored text: untouched
    run_until(event_loop_qt, lambda: "(https://example.com/source/1)" in widget.text)
    assert "[1]" in widget.plain_text() and "[2]" in widget.plain_text()
    sources = widget.findChild(SourcesLine)
    assert sources is not None and "1. <a href=\"https://example.com/source/1\"" in \
        sources.text()
    metrics = widget.findChild(MetricsLine)
    assert metrics is not None
    assert "tools: web search ×1, code session ×1, image ×1 $0.08" in metrics.text()


def test_approve_on_the_card_runs_the_call_and_the_reply_continues(
        chat: Any, fake_api: Any, event_loop_qt: Any, memory: MemoryKeyring) -> None:
    use_responses(chat)
    server = RemoteMcpServer("docs", "https://mcp.example.com/mcp")
    chat.options.tools.set_servers((server,))
    send(event_loop_qt, chat, "search the docs")
    card = last_widget(chat).findChild(McpApprovalCard)
    assert card is not None and "search_docs" in card.title.text()
    run_until(event_loop_qt, lambda: card.approve.isEnabled())
    keys = len(chat.view.keys())
    card.approve.click()
    run_until(event_loop_qt, lambda: len(chat.view.keys()) > keys
              and not chat.session.is_running())
    assert card.status_text() == "approved" and not card.approve.isVisible()
    reply = last_widget(chat)
    call = [c for c in reply.findChildren(McpCard) if c.record.kind == "mcp_call"]
    assert call and call[0].output.toPlainText() == "Three pages mention hosted tools."
    sent = fake_api.requests_to("/responses")[-1].json["input"]
    assert sent[-1]["type"] == "mcp_approval_response" and sent[-1]["approve"] is True


def test_cards_stream_without_a_redraw_per_delta(qtbot: Any) -> None:
    record = HostedCallRecord("code_interpreter", "ci_1", "in_progress", {"code": ""})
    card = card_for(record)
    qtbot.addWidget(card)
    assert isinstance(card, CodeCard)
    for n in range(500):
        record.detail["code"] += f"print({n})\n"
        card.changed(record)
    assert card.code.toPlainText() == ""  # nothing drawn yet: one redraw is due
    qtbot.waitUntil(lambda: card.code.blockCount() > 400, timeout=2000)
    record.status = "completed"
    record.detail["outputs"] = [{"type": "logs", "logs": "0\n1\n"}]
    card.changed(record)
    assert card.output.toPlainText() == "0\n1\n"


def test_an_image_card_previews_then_saves_the_final_png(qtbot: Any, tmp_path: Path,
                                                         event_loop_qt: Any) -> None:
    record = HostedCallRecord("image_generation", "ig_1", "generating", {"partials": 1},
                              partial_b64=tiny_png(10))
    card = card_for(record)
    qtbot.addWidget(card)
    assert isinstance(card, ImageCard)
    assert "preview 1" in card.title.text() and not card.tile.save.isVisibleTo(card)
    record.status = "completed"
    record.detail["image_b64"] = tiny_png(200)
    record.partial_b64 = ""
    card.changed(record)
    assert card.tile.save.isVisibleTo(card)
    target = tmp_path / "out.png"
    card.tile.save_to(str(target))
    run_until(event_loop_qt, target.exists)
    assert target.read_bytes() == base64.b64decode(tiny_png(200))


def test_a_failed_mcp_call_shows_its_error(qtbot: Any) -> None:
    card = card_for(HostedCallRecord("mcp_call", "mcp_1", "failed", {
        "server": "docs", "tool": "search_docs", "arguments": '{"q": 1}',
        "error": "MCP server unreachable (HTTP 502)"}))
    qtbot.addWidget(card)
    assert isinstance(card, McpCard)
    assert card.error.text() == "MCP server unreachable (HTTP 502)"
    assert "docs ▸ search_docs — failed" == card.title.text()


def test_deny_emits_the_answer_once(qtbot: Any) -> None:
    card = card_for(HostedCallRecord(APPROVAL, "mcpr_1", "pending", {
        "server": "docs", "tool": "search_docs", "arguments": "{}"}))
    qtbot.addWidget(card)
    assert isinstance(card, McpApprovalCard)
    with qtbot.waitSignal(card.answered) as answered:
        card.deny.click()
    assert answered.args == ["mcpr_1", False]
    assert not card.deny.isEnabled() and not card.approve.isEnabled()


def test_the_servers_dialog_keeps_header_values_in_the_keyring(
        qtbot: Any, event_loop_qt: Any, memory: MemoryKeyring) -> None:
    dialog = RemoteMcpDialog(())
    qtbot.addWidget(dialog)
    dialog.label.setText("docs")
    dialog.url.setText("http://mcp.example.com")
    dialog.add.click()
    assert "https://" in dialog.problem.text() and not dialog.servers
    dialog.url.setText("https://mcp.example.com/mcp")
    dialog.allowed.setText("search_docs, read_page")
    dialog.approval.setCurrentIndex(dialog.approval.findData("never"))
    dialog.header_name.setText("Authorization")
    dialog.header_value.setText("Bearer s3cret")
    dialog.add.click()
    chosen: list[Any] = []
    dialog.serversChosen.connect(chosen.append)
    dialog.save()
    run_until(event_loop_qt, lambda: chosen)
    [servers] = chosen
    assert servers == (RemoteMcpServer("docs", "https://mcp.example.com/mcp",
                                       ("search_docs", "read_page"), "never",
                                       ("Authorization",)),)
    assert memory.keys[(SECRET_SERVICE, "docs/Authorization")] == "Bearer s3cret"
    assert "s3cret" not in repr(servers)


def test_long_source_lists_show_a_few_then_all_on_request(qtbot: Any) -> None:
    urls = [f"https://example.com/{n}" for n in range(30)]
    card = card_for(HostedCallRecord("web_search", "ws_1", "completed",
                                     {"query": "q", "sources": urls}))
    qtbot.addWidget(card)
    assert isinstance(card, WebSearchCard)
    assert card.sources.text().count("<a ") == 5 and card.more.text() == "All 30 sources…"
    card.more.click()
    assert card._all is not None and card._all.toPlainText().count("https://") == 30
    assert not card.more.isVisibleTo(card)
    line = SourcesLine([{"url": u, "title": f"T{n}"} for n, u in enumerate(urls)])
    qtbot.addWidget(line)
    assert line.text().count("<a ") == 13 and "all 30 sources…" in line.text()
    line.linkActivated.emit("#all-sources")
    assert line.text().count("<a ") == 30 and "30. <a" in line.text()
