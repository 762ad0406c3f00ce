"""Hosted tools through the chat session (no display): the real SDK against the loopback
server, a real history and ledger. Calls become stored records, tool use is billed per call,
an MCP approval is answered and the model continues; header secrets come from the keyring."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from playground.model.types import HostedTools, RemoteMcpServer
from playground.services.chat_turns import APPROVAL, ReplyEnd
from playground.services.hosted_tools import (
    SECRET_SERVICE,
    secret_key,
)
from tests.fake_openai.routes_tools import ToolOptions
from tests.memory_keyring import MemoryKeyring
from tests.unit.services.test_chat_session import of, open_session, responses_controls, run

DOCS = RemoteMcpServer("docs", "https://mcp.example.com/sse", (), "always", ("X-Api-Key",))






def tools_controls(tools: HostedTools) -> Any:
    return responses_controls(api="responses", hosted_tools=tools)


def test_calls_are_recorded_stored_and_billed_per_call(fake_api: Any, tmp_path: Path,
                                                        monkeypatch: Any) -> None:
    from playground.usage import self_hosted

    monkeypatch.setattr(self_hosted, "is_self_hosted", lambda _url: False)  # "OpenAI"
    tools = HostedTools(web_search=True, code_interpreter=True, image_generation=True)

    async def body() -> None:
        async with open_session(fake_api, tmp_path, tools_controls(tools)) as (session, events):
            seen: list[tuple[str, str]] = []
            session.reply.tool.connect(lambda _t, r: seen.append((r.kind, r.status)))
            await session.send("look it up", [], title="")
            reply = session.turns[-1]
            kinds = [h.kind for h in reply.details.hosted]
            assert kinds == ["web_search", "code_interpreter", "image_generation"]
            assert all(h.status == "completed" for h in reply.details.hosted)
            assert ("code_interpreter", "interpreting") in seen
            assert ("image_generation", "generating") in seen
            image = reply.details.hosted[2]
            assert image.detail["image_b64"] and not image.partial_b64
            assert len(reply.details.citations) == 2
            metrics = reply.details.metrics
            assert (metrics.web_searches, metrics.code_sessions, metrics.images) == (1, 1, 1)
            # $0.01 search + $0.03 session + $0.042 medium 1024x1024 image
            assert Decimal(metrics.tool_cost) == Decimal("0.082")
            assert session.conversation_id is not None
            stored = await session.services.history.load_messages(session.conversation_id)
            assert [h["kind"] for h in stored[-1].meta["hosted"]] == kinds
            assert stored[-1].meta["metrics"]["tool_cost"] == metrics.tool_cost
            assert of(events, "ended")[-1].end == ReplyEnd.COMPLETE

    run(body)


def test_an_approval_is_answered_and_the_model_continues(fake_api: Any, tmp_path: Path,
                                                          memory: MemoryKeyring) -> None:
    memory.keys[(SECRET_SERVICE, secret_key(DOCS, "X-Api-Key"))] = "k-123"
    tools = HostedTools(mcp_servers=(DOCS,))

    async def body() -> None:
        async with open_session(fake_api, tmp_path, tools_controls(tools)) as (session, _ev):
            await session.send("search the docs", [], title="")
            ask_turn = session.turns[-1]
            [pending] = ask_turn.pending_approvals([])
            assert pending.kind == APPROVAL and pending.detail["tool"] == "search_docs"
            sent = fake_api.requests_to("/responses")[-1].json
            assert sent["tools"][0]["headers"] == {"X-Api-Key": "k-123"}
            assert await session.answer_approval(ask_turn, pending.id, True)
            assert not ask_turn.pending_approvals(session.turns[-2:])
            assert pending.status == "approved"
            answer = fake_api.requests_to("/responses")[-1].json["input"]
            assert answer[-1] == {"type": "mcp_approval_response",
                                  "approval_request_id": pending.id, "approve": True}
            assert answer[-2]["type"] == "mcp_approval_request"
            reply = session.turns[-1]
            assert reply.role == "assistant" and reply.content.startswith("Echo")
            assert [h.kind for h in reply.details.hosted][-1] == "mcp_call"
            assert not await session.answer_approval(ask_turn, pending.id, False)  # answered

    run(body)


def test_a_missing_header_secret_is_a_clear_message(fake_api: Any, tmp_path: Path,
                                                    memory: MemoryKeyring) -> None:
    async def body() -> None:
        tools = HostedTools(mcp_servers=(DOCS,))
        async with open_session(fake_api, tmp_path, tools_controls(tools)) as (session, events):
            await session.send("search the docs", [], title="")
            outcome = of(events, "ended")[-1]
            assert outcome.end == ReplyEnd.FAILED and outcome.failure is not None
            assert outcome.failure.message == ("The header “X-Api-Key” of the MCP server "
                                               "“docs” has no value: set it in Tools ▸ MCP "
                                               "servers.")
            assert not fake_api.requests_to("/responses")  # nothing was sent without it

    run(body)


def test_a_failed_mcp_call_is_kept_with_its_error(fake_api: Any, tmp_path: Path) -> None:
    fake_api.state["tools"] = ToolOptions(mcp_call_error="MCP server unreachable")
    server = RemoteMcpServer("docs", "https://mcp.example.com/sse", require_approval="never")

    async def body() -> None:
        tools = HostedTools(mcp_servers=(server,))
        async with open_session(fake_api, tmp_path, tools_controls(tools)) as (session, _ev):
            await session.send("search", [], title="")
            call = session.turns[-1].details.hosted[-1]
            assert (call.kind, call.status) == ("mcp_call", "failed")
            assert call.detail["error"] == "MCP server unreachable (HTTP 502)"

    run(body)


def test_chat_completions_never_gets_hosted_tools(fake_api: Any, tmp_path: Path) -> None:
    tools = HostedTools(web_search=True)

    async def body() -> None:
        for api, expected in (("chat", HostedTools()), ("responses", tools)):
            make = responses_controls(api=api, hosted_tools=tools)
            (tmp_path / api).mkdir()
            async with open_session(fake_api, tmp_path / api, make) as (session, _events):
                assert session.build_request().hosted_tools == expected

    run(body)


def test_the_tools_are_saved_with_the_conversation_options() -> None:
    from playground.services.reply_options import ReplyOptions

    options = ReplyOptions(hosted_tools=HostedTools(web_search=True, mcp_servers=(DOCS,)))
    import json

    state = json.loads(json.dumps(options.state()))
    assert ReplyOptions.from_state(state) == options
    assert "k-123" not in json.dumps(state)


def test_chosen_vector_stores_turn_on_file_search_on_responses_only() -> None:
    """The tools menu's stores are saved with the conversation and become the file_search
    tool of a Responses request; Chat Completions never gets it."""
    from playground.model.types import ChatMessage, ChatRequest, HostedTools
    from playground.services.chat_turns import ChatControls
    from playground.services.reply_options import ReplyOptions

    tools = HostedTools(vector_store_ids=("vs_1", "vs_2"))
    options = ReplyOptions.from_state(ReplyOptions(hosted_tools=tools).state())
    assert options.hosted_tools.vector_store_ids == ("vs_1", "vs_2")
    controls = ChatControls("gpt-5.5", "", {}, ChatRequest(model="gpt-5.5", messages=[]),
                            options)
    messages = [ChatMessage("user", "What do the files say?")]
    request = controls.request(messages, api="responses")
    assert request.file_search is not None
    assert request.file_search.vector_store_ids == ("vs_1", "vs_2")
    assert controls.request(messages, api="chat").file_search is None
