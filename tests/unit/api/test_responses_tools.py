"""Hosted tools on the Responses API against the loopback server: the real SDK parses each
tool's event sequence (built from its own types); we check the plain events and the request."""

from __future__ import annotations

import base64
from typing import Any

from playground.api.code_view import code_for
from playground.api.hosted_params import hosted_tool_params
from playground.model.types import (
    ChatMessage,
    ChatRequest,
    Citation,
    FailureKind,
    HostedTools,
    McpApproval,
    McpApprovalRequest,
    PartialImage,
    Profile,
    RemoteMcpServer,
    TextDelta,
    ToolActivity,
    ToolDelta,
    ToolUsage,
)
from tests.fake_openai.routes_tools import ToolOptions
from tests.unit.api.test_responses_stream import PATH, collect, of, request

DOCS = RemoteMcpServer("docs", "https://mcp.example.com/sse", ("search_docs",), "always",
                       ("Authorization",))


def activity(events: list[Any], kind: str) -> list[tuple[str, dict[str, Any]]]:
    return [(e.status, e.detail) for e in of(events, ToolActivity) if e.kind == kind]


def test_web_search_streams_its_steps_sources_and_numbered_citations(fake_api: Any) -> None:
    tools = HostedTools(web_search=True, search_context_size="high", location_country="DE",
                        location_city="Berlin")
    events, failure = collect(fake_api, request(hosted_tools=tools))
    assert failure is None
    steps = activity(events, "web_search")
    assert [s for s, _d in steps] == ["in_progress", "searching", "completed"]
    done = steps[-1][1]
    assert done["query"] == "hosted tools in the Responses API"
    assert done["sources"] == ["https://example.com/source/1", "https://example.com/source/2"]
    text = "".join(e.text for e in of(events, TextDelta))
    cited = of(events, Citation)
    assert [c.url for c in cited] == done["sources"]
    assert [text[c.start:c.end] for c in cited] == ["[Source 1]", "[Source 2]"]
    assert of(events, ToolUsage) == [ToolUsage(web_searches=1)]
    sent = fake_api.requests_to(PATH)[-1].json
    assert sent["tools"] == [{"type": "web_search", "search_context_size": "high",
                              "user_location": {"type": "approximate", "country": "DE",
                                                "city": "Berlin"}}]


def test_code_interpreter_streams_code_then_logs_and_an_image_file(fake_api: Any) -> None:
    fake_api.state["tools"] = ToolOptions(code="x = 6 * 7\nprint(x)\n", logs="42\n")
    events, failure = collect(fake_api, request(hosted_tools=HostedTools(
        code_interpreter=True)))
    assert failure is None
    assert "".join(d.text for d in of(events, ToolDelta)) == "x = 6 * 7\nprint(x)\n"
    steps = activity(events, "code_interpreter")
    assert [s for s, _d in steps] == ["in_progress", "interpreting", "completed"]
    logs, image = steps[-1][1]["outputs"]
    assert logs == {"type": "logs", "logs": "42\n"}
    assert image["type"] == "image" and image["url"].startswith("data:image/png;base64,")
    assert of(events, ToolUsage) == [ToolUsage(code_sessions=1)]
    assert fake_api.requests_to(PATH)[-1].json["tools"] == [
        {"type": "code_interpreter", "container": {"type": "auto"}}]


def test_image_generation_streams_partial_images_then_the_final_png(fake_api: Any) -> None:
    tools = HostedTools(image_generation=True, image_size="1024x1536", image_quality="high",
                        partial_images=3)
    events, failure = collect(fake_api, request(hosted_tools=tools))
    assert failure is None
    partials = of(events, PartialImage)
    assert [p.index for p in partials] == [0, 1, 2]
    assert base64.b64decode(partials[0].b64).startswith(b"\x89PNG")
    steps = activity(events, "image_generation")
    assert [s for s, _d in steps] == ["in_progress", "generating", "completed"]
    final = steps[-1][1]
    assert base64.b64decode(final["image_b64"]).startswith(b"\x89PNG")
    assert (final["size"], final["quality"]) == ("1024x1536", "high")
    assert of(events, ToolUsage) == [ToolUsage(images=1, image_size="1024x1536",
                                               image_quality="high")]
    assert fake_api.requests_to(PATH)[-1].json["tools"] == [
        {"type": "image_generation", "size": "1024x1536", "quality": "high",
         "partial_images": 3}]


def test_remote_mcp_lists_tools_and_calls_one_with_header_values_sent(fake_api: Any) -> None:
    server = RemoteMcpServer("docs", "https://mcp.example.com/sse", (), "never",
                             ("Authorization",))
    events, failure = collect(fake_api, request(
        hosted_tools=HostedTools(mcp_servers=(server,)),
        mcp_headers={"docs": {"Authorization": "Bearer s3cret"}}))
    assert failure is None
    listed = activity(events, "mcp_list_tools")
    assert listed[-1][1]["tools"] == ["search_docs", "read_page"]
    steps = activity(events, "mcp_call")
    assert [s for s, _d in steps] == ["in_progress", "completed"]
    assert steps[-1][1] == {"server": "docs", "tool": "search_docs",
                            "arguments": '{"query": "hosted tools"}',
                            "output": "Three pages mention hosted tools."}
    assert "".join(d.text for d in of(events, ToolDelta)) == '{"query": "hosted tools"}'
    [tool] = fake_api.requests_to(PATH)[-1].json["tools"]
    assert tool == {"type": "mcp", "server_label": "docs",
                    "server_url": "https://mcp.example.com/sse", "require_approval": "never",
                    "headers": {"Authorization": "Bearer s3cret"}}


def test_an_approval_round_trip_sends_the_request_and_the_answer_back(fake_api: Any) -> None:
    tools = HostedTools(mcp_servers=(DOCS,))
    events, failure = collect(fake_api, request(hosted_tools=tools))
    assert failure is None
    [ask] = of(events, McpApprovalRequest)
    assert (ask.server, ask.tool, ask.arguments) == ("docs", "search_docs",
                                                     '{"query": "hosted tools"}')
    assert not of(events, TextDelta) and not activity(events, "mcp_call")
    # Approved: the whole conversation goes back with the request and the answer.
    messages = [ChatMessage("user", "hello there"),
                ChatMessage("assistant", "", approval_requests=[ask]),
                ChatMessage("tool", "approved", approval=McpApproval(ask.id, True))]
    events, failure = collect(fake_api, ChatRequest(
        "gpt-5.5", messages, api="responses", hosted_tools=tools))
    assert failure is None
    assert activity(events, "mcp_call")[-1][0] == "completed"
    sent = fake_api.requests_to(PATH)[-1].json["input"]
    assert sent[1:] == [
        {"type": "mcp_approval_request", "id": ask.id, "server_label": "docs",
         "name": "search_docs", "arguments": '{"query": "hosted tools"}'},
        {"type": "mcp_approval_response", "approval_request_id": ask.id, "approve": True}]
    # Denied: no call runs, the model answers without it.
    messages[-1] = ChatMessage("tool", "denied", approval=McpApproval(ask.id, False))
    events, failure = collect(fake_api, ChatRequest(
        "gpt-5.5", messages, api="responses", hosted_tools=tools))
    assert failure is None and not activity(events, "mcp_call")
    assert "".join(e.text for e in of(events, TextDelta))


def test_with_a_stored_response_only_the_answer_is_sent(fake_api: Any) -> None:
    ask = McpApprovalRequest("mcpr_1", "docs", "search_docs", "{}")
    messages = [ChatMessage("user", "hi"), ChatMessage("assistant", "", approval_requests=[ask]),
                ChatMessage("tool", "approved", approval=McpApproval("mcpr_1", True))]
    from playground.api.responses_params import responses_params

    params = responses_params(ChatRequest("gpt-5.5", messages, api="responses",
                                          previous_response_id="resp_1"))
    assert params["input"] == [{"type": "mcp_approval_response",
                                "approval_request_id": "mcpr_1", "approve": True}]


def test_an_unreachable_mcp_server_is_a_failed_listing_with_the_reason(fake_api: Any) -> None:
    fake_api.state["tools"] = ToolOptions(mcp_unreachable=True)
    events, failure = collect(fake_api, request(hosted_tools=HostedTools(mcp_servers=(DOCS,))))
    assert failure is None
    status, detail = activity(events, "mcp_list_tools")[-1]
    assert status == "failed" and "424" in detail["error"]


def test_a_call_to_a_server_that_went_away_fails_with_its_error(fake_api: Any) -> None:
    fake_api.state["tools"] = ToolOptions(mcp_call_error="MCP server unreachable")
    server = RemoteMcpServer("docs", "https://mcp.example.com/sse", require_approval="never")
    events, failure = collect(fake_api, request(
        hosted_tools=HostedTools(mcp_servers=(server,))))
    assert failure is None
    status, detail = activity(events, "mcp_call")[-1]
    assert status == "failed" and detail["error"] == "MCP server unreachable (HTTP 502)"


def test_a_tool_the_model_does_not_support_is_a_clear_bad_request(fake_api: Any) -> None:
    _events, failure = collect(fake_api, request(model="gpt-4.1-nano",
                                                 hosted_tools=HostedTools(web_search=True)))
    assert failure is not None and failure.kind == FailureKind.BAD_REQUEST
    assert "Hosted tool 'web_search' is not supported with gpt-4.1-nano" in failure.message


def test_header_values_never_reach_view_code() -> None:
    tools = HostedTools(web_search=True, mcp_servers=(DOCS,))
    req = request(hosted_tools=tools, mcp_headers={"docs": {"Authorization": "Bearer s3cret"}})
    shown = code_for(req, Profile())
    text = " ".join(str(v) for v in shown.values()) if isinstance(shown, dict) else str(shown)
    assert "s3cret" not in text
    assert "web_search" in text and "mcp.example.com" in text
    assert hosted_tool_params(tools)[1]["headers"]["Authorization"].startswith("<Authorization")
