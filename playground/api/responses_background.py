"""Background mode on the Responses API: submit a run, poll it until it ends, cancel it.

Slow models (-pro, deep research) can think for many minutes, longer than a connection
should be held open. `create(background=True, store=True)` answers at once with a queued
response; `retrieve(id)` is polled with a growing delay until the run is completed, failed,
cancelled or incomplete. The run lives on the server, so a reply can be resumed by its id
after the app restarts (`ChatRequest.resume_id`). The final response becomes the same plain
events a stream yields; nothing SDK-typed leaves this module, every failure is an ApiFailure.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

from playground.api.client import ApiClient
from playground.api.errors import to_failure
from playground.api.ratelimits import parse_rate_limits
from playground.api.responses import _create, _finish_reason, _kind, _logprob_rows, usage_of
from playground.api.responses_params import responses_params
from playground.api.responses_tools import HostedCalls
from playground.model.types import (
    BACKGROUND_ACTIVE,
    ApiFailure,
    BackgroundStatus,
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
    UsageReport,
)

BACKGROUND_CANCELLED = "background_cancelled"  # ApiFailure.code: the run was cancelled
# Seconds between polls: the first, the growth factor, the longest. A run of a -pro model
# takes minutes, so polling every few seconds costs nothing and shows progress soon enough.
FIRST_POLL = 1.0
POLL_GROWTH = 1.5
MAX_POLL = 10.0
POLL_FAILURES = 5  # network hiccups in a row tolerated while polling (the run goes on)


def background_params(request: ChatRequest) -> dict[str, Any]:
    """The create() arguments: background runs must be stored (the server keeps the result)."""
    params = responses_params(request)
    params["background"] = True
    params["store"] = True
    return params


async def run(client: ApiClient, request: ChatRequest) -> AsyncIterator[StreamEvent]:
    """StreamStarted, ResponseStarted, BackgroundStatus on each change, then the reply's
    events (text, reasoning, calls, citations, usage) and Finished once the run completes.
    Raises ApiFailure for a failed or cancelled run (the server's reason as the message)."""
    request_id: str | None = None
    started = False
    try:
        if request.resume_id is None:
            raw = await _create(client, background_params(request))
            request_id = raw.request_id
            response = raw.parse()
            yield StreamStarted(request_id, parse_rate_limits(raw.headers), api="responses")
        else:
            response = await client.sdk.responses.retrieve(request.resume_id)
            yield StreamStarted(None, None, api="responses")
        started = True
        yield ResponseStarted(response.id)
        yield BackgroundStatus(response.id, str(response.status), response.created_at)
        delay = FIRST_POLL
        while response.status in BACKGROUND_ACTIVE:
            await asyncio.sleep(delay)
            delay = min(MAX_POLL, delay * POLL_GROWTH)
            before = response.status
            response = await _poll(client, response.id)
            if response.status != before:
                yield BackgroundStatus(response.id, str(response.status), response.created_at)
        for event in final_events(response, request_id):
            yield event
    except ApiFailure as failure:
        failure.request_id = failure.request_id or request_id
        raise
    except Exception as exc:
        mapped = to_failure(exc, during_stream=started)
        mapped.request_id = mapped.request_id or request_id
        raise mapped from exc


async def _poll(client: ApiClient, response_id: str) -> Any:
    """retrieve(id), riding out a few transient failures: the run goes on without us."""
    failures = 0
    while True:
        try:
            return await client.sdk.responses.retrieve(response_id)
        except Exception as exc:
            failure = to_failure(exc)
            failures += 1
            if not failure.retryable or failures >= POLL_FAILURES:
                raise failure from exc
            await asyncio.sleep(min(MAX_POLL, FIRST_POLL * 2 ** failures))


async def cancel(client: ApiClient, response_id: str) -> str:
    """Ask the server to cancel a background run; returns the status it then reports."""
    try:
        response = await client.sdk.responses.cancel(response_id)
    except Exception as exc:
        raise to_failure(exc) from exc
    return str(response.status)


def final_events(response: Any, request_id: str | None) -> list[StreamEvent]:
    """A finished run as the events a stream would have carried (or its failure raised)."""
    if response.status == "failed":
        error = response.error
        raise ApiFailure(FailureKind.SERVER if error is None else _kind(error.code),
                         error.message if error else "The background run failed.",
                         request_id=request_id, code=error.code if error else None)
    if response.status == "cancelled":
        raise ApiFailure(FailureKind.INTERRUPTED, "The background run was cancelled on the "
                         "server.", request_id=request_id, code=BACKGROUND_CANCELLED)
    events: list[StreamEvent] = []
    hosted = HostedCalls()
    calls = 0
    offset = 0  # citations count characters of the whole reply, messages joined
    for item in response.output or []:
        kind = getattr(item, "type", "")
        if kind == "reasoning":
            summary = "".join(getattr(part, "text", "") for part in item.summary or [])
            if summary:
                events.append(ReasoningDelta(summary))
        elif kind == "message":
            for part in item.content or []:
                if getattr(part, "type", "") != "output_text":
                    continue
                events.append(TextDelta(part.text))
                if getattr(part, "logprobs", None):
                    events.append(TokenLogprobs(_logprob_rows(part.logprobs)))
                for note in part.annotations or []:
                    if getattr(note, "type", None) == "url_citation":
                        events.append(Citation(note.url, note.title, offset + note.start_index,
                                               offset + note.end_index))
                offset += len(part.text)
        elif kind == "function_call":
            events.append(ToolCallDelta(calls, item.call_id, item.name, item.arguments))
            calls += 1
        else:
            events.extend(hosted.item(item, True))
    if response.usage is not None:
        events.append(UsageReport(usage_of(response.usage)))
    if (tool_usage := hosted.usage(response)) is not None:
        events.append(tool_usage)
    events.append(Finished(_finish_reason(response, bool(calls)), response.service_tier))
    return events
