"""The Responses API: a ChatRequest in, the same plain stream events as api.chat out.

Typed SDK events become our dataclasses here (text, reasoning summary, function-call
arguments, citations, logprobs, usage, finish); nothing SDK-typed leaves this module, and
every failure leaves as ApiFailure. A server with no /responses is UNSUPPORTED with
`NO_RESPONSES_API`, so the chat can fall back to Chat Completions.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import openai

from playground.api.client import ApiClient
from playground.api.errors import to_failure
from playground.api.file_search_events import file_search_event
from playground.api.loop_turns import with_loop_turns
from playground.api.ratelimits import parse_rate_limits
from playground.api.responses_params import responses_params
from playground.api.responses_tools import HostedCalls, is_tool_event
from playground.model.types import (
    NO_RESPONSES_API,
    ApiFailure,
    ChatRequest,
    Citation,
    FailureKind,
    Finished,
    ReasoningDelta,
    ResponseStarted,
    StreamEvent,
    StreamStarted,
    TextDelta,
    TokenLogprobs,
    ToolCallDelta,
    Usage,
    UsageReport,
)

_MISSING_ENDPOINT = (404, 405, 501)


def usage_of(usage: Any) -> Usage:
    cached = getattr(usage.input_tokens_details, "cached_tokens", 0) \
        if usage.input_tokens_details else 0
    reasoning = getattr(usage.output_tokens_details, "reasoning_tokens", 0) \
        if usage.output_tokens_details else 0
    return Usage(prompt_tokens=usage.input_tokens or 0, completion_tokens=usage.output_tokens or 0,
                 cached_tokens=cached or 0, reasoning_tokens=reasoning or 0)


async def _create(client: ApiClient, params: dict[str, Any]) -> Any:
    try:
        return await client.sdk.responses.with_raw_response.create(**params)
    except openai.APIStatusError as exc:
        if exc.status_code in _MISSING_ENDPOINT:
            raise ApiFailure(
                FailureKind.UNSUPPORTED,
                "This server has no Responses API (POST /v1/responses); Chat Completions "
                "works with it.", request_id=exc.request_id, status=exc.status_code,
                code=NO_RESPONSES_API) from exc
        raise


class _Calls:
    """Function calls by output position: their ids and names arrive with the item, their
    arguments as deltas that name only the item."""

    def __init__(self) -> None:
        self.index_of: dict[str, int] = {}

    def added(self, item: Any) -> ToolCallDelta:
        index = len(self.index_of)
        self.index_of[item.id or item.call_id] = index
        return ToolCallDelta(index, item.call_id, item.name, "")

    def delta(self, item_id: str, text: str) -> ToolCallDelta | None:
        index = self.index_of.get(item_id)
        return None if index is None else ToolCallDelta(index, None, None, text)


def _logprob_rows(logprobs: Any) -> list[list[Any]]:
    return [[lp.token, lp.logprob, [[top.token, top.logprob] for top in (lp.top_logprobs or [])
                                    if top.token is not None]]
            for lp in logprobs or []]


async def stream(client: ApiClient, request: ChatRequest) -> AsyncIterator[StreamEvent]:
    """StreamStarted, ResponseStarted, then text/reasoning/call/citation/logprob events,
    one UsageReport, Finished. Raises ApiFailure (a failed or errored response included)."""
    params = responses_params(request)
    params["stream"] = True
    started = False
    request_id: str | None = None
    try:
        raw = await _create(client, params)
        request_id = raw.request_id
        calls = _Calls()
        hosted = HostedCalls()
        async with raw.parse() as events:
            yield StreamStarted(request_id, parse_rate_limits(raw.headers), api="responses")
            started = True
            finish: Finished | None = None
            async for event in with_loop_turns(events):
                kind = event.type
                if kind == "response.output_text.delta":
                    yield TextDelta(event.delta)
                    if event.logprobs:
                        yield TokenLogprobs(_logprob_rows(event.logprobs))
                elif kind == "response.reasoning_summary_text.delta":
                    yield ReasoningDelta(event.delta)
                elif kind == "response.created":
                    yield ResponseStarted(event.response.id)
                elif kind == "response.output_item.added" and event.item.type == "function_call":
                    yield calls.added(event.item)
                elif (searched := file_search_event(event)) is not None:
                    yield searched  # file search items, events and file citations
                elif kind in ("response.output_item.added", "response.output_item.done"):
                    for tool_event in hosted.item(event.item, kind.endswith("done")):
                        yield tool_event
                elif is_tool_event(kind):
                    for tool_event in hosted.event(event):
                        yield tool_event
                elif kind == "response.function_call_arguments.delta":
                    delta = calls.delta(event.item_id, event.delta)
                    if delta is not None:
                        yield delta
                elif kind == "response.output_text.annotation.added":
                    note = event.annotation
                    if getattr(note, "type", None) == "url_citation":
                        yield Citation(note.url, note.title, note.start_index, note.end_index)
                elif kind in ("response.completed", "response.incomplete"):
                    response = event.response
                    if response.usage is not None:
                        yield UsageReport(usage_of(response.usage))
                    if (tool_usage := hosted.usage(response)) is not None:
                        yield tool_usage
                    finish = Finished(_finish_reason(response, bool(calls.index_of)),
                                      response.service_tier)
                elif kind == "response.failed":
                    error = event.response.error
                    raise ApiFailure(FailureKind.SERVER if error is None else _kind(error.code),
                                     error.message if error else "The response failed.",
                                     request_id=request_id,
                                     code=error.code if error else None)
                elif kind == "error":
                    raise ApiFailure(_kind(event.code), event.message, request_id=request_id,
                                     code=event.code)
            if finish is None:
                raise ApiFailure(
                    FailureKind.INTERRUPTED,
                    "The reply stopped before it was complete: the stream ended without a "
                    "final response event.", request_id=request_id, retryable=True)
            yield finish
    except ApiFailure as failure:
        failure.request_id = failure.request_id or request_id
        raise
    except Exception as exc:
        mapped = to_failure(exc, during_stream=started)
        mapped.request_id = mapped.request_id or request_id
        raise mapped from exc


def _finish_reason(response: Any, called: bool) -> str:
    if response.status == "incomplete":
        reason = getattr(response.incomplete_details, "reason", None)
        return "content_filter" if reason == "content_filter" else "length"
    return "tool_calls" if called else "stop"


def _kind(code: str | None) -> FailureKind:
    if code in ("context_length_exceeded",):
        return FailureKind.CONTEXT_LENGTH
    if code in ("rate_limit_exceeded",):
        return FailureKind.RATE_LIMIT
    if code in ("invalid_prompt", "invalid_request_error"):
        return FailureKind.BAD_REQUEST
    return FailureKind.SERVER


async def count_input_tokens(client: ApiClient, request: ChatRequest) -> int:
    """The exact prompt size as OpenAI counts it (POST /responses/input_tokens)."""
    params = responses_params(request)
    allowed = ("model", "input", "instructions", "tools", "text", "reasoning",
               "previous_response_id", "tool_choice", "parallel_tool_calls")
    try:
        result = await client.sdk.responses.input_tokens.count(
            **{k: v for k, v in params.items() if k in allowed})
    except Exception as exc:
        raise to_failure(exc) from exc
    return int(result.input_tokens)
