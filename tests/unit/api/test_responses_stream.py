"""api.responses against the loopback server: the real SDK parses events built from its own
types; we check the plain events that come out and the request the server received."""

from __future__ import annotations

import json
from typing import Any

from playground.api import engine, responses
from playground.model.types import (
    ApiFailure,
    ChatMessage,
    ChatRequest,
    Citation,
    FailureKind,
    Finished,
    ReasoningDelta,
    ResponseStarted,
    StreamStarted,
    TextDelta,
    TokenLogprobs,
    ToolCall,
    ToolCallDelta,
    UsageReport,
)
from tests.fake_openai.routes_responses import Call, ResponsesOptions
from tests.unit.api.conftest import run_with_client

PATH = "/responses"


def collect(fake_api: Any, request: ChatRequest) -> tuple[list[Any], ApiFailure | None]:
    async def body(client: Any) -> tuple[list[Any], ApiFailure | None]:
        events: list[Any] = []
        try:
            async for event in engine.stream(client, request):
                events.append(event)
        except ApiFailure as failure:
            return events, failure
        return events, None

    return run_with_client(body, base_url=fake_api.url)


def request(**fields: Any) -> ChatRequest:
    return ChatRequest(model=fields.pop("model", "gpt-5.5"), api="responses", messages=[
        ChatMessage("system", "Be brief."), ChatMessage("user", "hello there")], **fields)


def of(events: list[Any], kind: type) -> list[Any]:
    return [e for e in events if isinstance(e, kind)]


def test_text_reasoning_summary_usage_and_finish(fake_api: Any) -> None:
    fake_api.state["responses"] = ResponsesOptions(summary="Thinking it over", reasoning_tokens=7,
                                                   cached_tokens=4)
    events, failure = collect(fake_api, request(reasoning_effort="low",
                                                reasoning_summary="auto", max_tokens=500))
    assert failure is None
    assert isinstance(events[0], StreamStarted) and events[0].api == "responses"
    assert of(events, ResponseStarted)[0].response_id.startswith("resp_")
    assert "".join(e.text for e in of(events, ReasoningDelta)).strip() == "Thinking it over"
    assert "".join(e.text for e in of(events, TextDelta)) == "Echo: hello there"
    [usage] = of(events, UsageReport)
    assert (usage.usage.cached_tokens, usage.usage.reasoning_tokens) == (4, 7)
    assert events[-1] == Finished("stop", "default")
    sent = fake_api.requests_to(PATH)[-1].json
    assert sent["instructions"] == "Be brief." and sent["max_output_tokens"] == 500
    assert sent["reasoning"] == {"effort": "low", "summary": "auto"}
    assert sent["input"] == [{"role": "user", "content": "hello there"}]
    assert "temperature" not in sent  # a reasoning model refuses sampling controls


def test_function_calls_stream_their_arguments(fake_api: Any) -> None:
    fake_api.state["responses"] = ResponsesOptions(calls=[
        Call("get_weather", '{"city": "Paris", "unit": "celsius"}', "call_1")])
    functions = [{"name": "get_weather", "parameters": {"type": "object", "properties": {}}}]
    events, failure = collect(fake_api, request(functions=functions, tool_choice="get_weather"))
    assert failure is None
    calls = of(events, ToolCallDelta)
    assert calls[0].id == "call_1" and calls[0].name == "get_weather"
    assert json.loads("".join(c.arguments for c in calls)) == {"city": "Paris",
                                                               "unit": "celsius"}
    assert events[-1].reason == "tool_calls"
    sent = fake_api.requests_to(PATH)[-1].json
    assert sent["tools"][0]["name"] == "get_weather"
    assert sent["tool_choice"] == {"type": "function", "name": "get_weather"}


def test_a_call_and_its_result_go_back_as_input_items(fake_api: Any) -> None:
    history = [ChatMessage("user", "weather?"),
               ChatMessage("assistant", "", tool_calls=[ToolCall("call_1", "get_weather", "{}")]),
               ChatMessage("tool", '{"temp": 21}', tool_call_id="call_1")]
    collect(fake_api, ChatRequest(model="gpt-5.5", api="responses", messages=history))
    sent = fake_api.requests_to(PATH)[-1].json["input"]
    assert sent[1] == {"type": "function_call", "call_id": "call_1", "name": "get_weather",
                       "arguments": "{}"}
    assert sent[2] == {"type": "function_call_output", "call_id": "call_1",
                       "output": '{"temp": 21}'}


def test_citations_logprobs_and_a_structured_format(fake_api: Any) -> None:
    fake_api.state["responses"] = ResponsesOptions(citation=("https://example.org", "Example"))
    schema = {"type": "object", "properties": {}, "additionalProperties": False}
    events, _ = collect(fake_api, request(model="gpt-4.1", logprobs=True, top_logprobs=1,
                                          response_format="json_schema", schema=schema))
    [citation] = of(events, Citation)
    assert (citation.url, citation.title) == ("https://example.org", "Example")
    rows = [row for e in of(events, TokenLogprobs) for row in e.rows]
    assert rows and rows[0][0] == "Echo: " and rows[0][2][0][0] == "ECHO: "
    sent = fake_api.requests_to(PATH)[-1].json
    assert sent["include"] == ["message.output_text.logprobs"] and sent["top_logprobs"] == 1
    assert sent["text"]["format"]["type"] == "json_schema"


def test_incomplete_is_a_length_finish(fake_api: Any) -> None:
    fake_api.state["responses"] = ResponsesOptions(incomplete="max_output_tokens")
    events, failure = collect(fake_api, request())
    assert failure is None and events[-1].reason == "length"


def test_a_failed_response_or_error_event_keeps_what_arrived(fake_api: Any) -> None:
    fake_api.state["responses"] = ResponsesOptions(error_after=2)
    events, failure = collect(fake_api, request())
    assert "".join(e.text for e in of(events, TextDelta)) == "Echo: hello "
    assert failure is not None and "stopped with an error" in failure.message
    fake_api.state["responses"] = ResponsesOptions(failed="The model crashed.")
    events, failure = collect(fake_api, request())
    assert failure is not None and failure.message == "The model crashed."


def test_a_server_without_the_responses_api_says_so(fake_api: Any) -> None:
    fake_api.state["responses"] = ResponsesOptions(missing=True)
    _events, failure = collect(fake_api, request())
    assert failure is not None and failure.kind == FailureKind.UNSUPPORTED
    assert failure.code == responses.NO_RESPONSES_API


def test_previous_response_id_sends_only_what_is_new(fake_api: Any) -> None:
    history = [ChatMessage("user", "first"), ChatMessage("assistant", "one"),
               ChatMessage("user", "second")]
    collect(fake_api, ChatRequest(model="gpt-5.5", api="responses", messages=history,
                                  previous_response_id="resp_abc", store=True))
    sent = fake_api.requests_to(PATH)[-1].json
    assert sent["input"] == [{"role": "user", "content": "second"}]
    assert sent["previous_response_id"] == "resp_abc" and sent["store"] is True


def test_exact_input_token_count(fake_api: Any) -> None:
    async def body(client: Any) -> int:
        return await responses.count_input_tokens(client, request())

    assert run_with_client(body, base_url=fake_api.url) > 0
