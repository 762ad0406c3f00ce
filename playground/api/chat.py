"""Chat completions: a ChatRequest in, plain stream events (or one reply) out.

Only dataclasses from api.types leave this module; every failure leaves as ApiFailure.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import openai

from playground.api.chat_params import request_params
from playground.api.client import ApiClient
from playground.api.endpoint_probe import missing_endpoint, reset_while_sending
from playground.api.errors import to_failure
from playground.api.loop_turns import with_loop_turns
from playground.api.ratelimits import parse_rate_limits
from playground.model.types import (
    ApiFailure,
    ChatRequest,
    FailureKind,
    Finished,
    StreamEvent,
    StreamStarted,
    TextDelta,
    TokenLogprobs,
    ToolCallDelta,
    Usage,
    UsageReport,
)


def _rejects(exc: openai.APIStatusError, param: str) -> bool:
    """A 400/422 naming `param`: how compatible servers refuse what they do not know."""
    return exc.status_code in (400, 422) and param in str(exc)


async def _create(client: ApiClient, params: dict[str, Any]) -> Any:
    """`create` through with_raw_response (headers), with at most one retry per fallback.

    Fallbacks for compatible servers: drop stream_options, or send max_tokens instead of
    max_completion_tokens. `params` is updated to what the server accepted.
    """
    create = client.sdk.chat.completions.with_raw_response.create
    while True:
        try:
            return await create(**params)
        except openai.APIStatusError as exc:
            if "stream_options" in params and _rejects(exc, "stream_options"):
                del params["stream_options"]
            elif "max_completion_tokens" in params and _rejects(exc, "max_completion_tokens"):
                params["max_tokens"] = params.pop("max_completion_tokens")
            else:
                raise
        except openai.APIConnectionError as exc:
            if reset_while_sending(exc):
                missing = await missing_endpoint(client, "/chat/completions")
                if missing is not None:
                    raise missing from exc
            raise


def _usage(usage: Any) -> Usage:
    prompt_details = usage.prompt_tokens_details
    completion_details = usage.completion_tokens_details
    return Usage(
        prompt_tokens=usage.prompt_tokens or 0,
        completion_tokens=usage.completion_tokens or 0,
        cached_tokens=(prompt_details.cached_tokens or 0) if prompt_details else 0,
        reasoning_tokens=(completion_details.reasoning_tokens or 0) if completion_details else 0,
    )


async def stream(client: ApiClient, request: ChatRequest) -> AsyncIterator[StreamEvent]:
    """StreamStarted, then TextDelta/ToolCallDelta, one UsageReport (if sent), Finished.

    Raises ApiFailure; a reply that ends without a finish_reason is INTERRUPTED (the SDK
    hides [DONE], and every server that completes a reply says why it stopped). Cancelling
    the consumer closes the HTTP response at once.
    """
    params = request_params(request)
    params.update(stream=True, stream_options={"include_usage": True})
    started = False
    request_id: str | None = None
    try:
        raw = await _create(client, params)
        request_id = raw.request_id
        async with raw.parse() as chunks:
            yield StreamStarted(request_id, parse_rate_limits(raw.headers))
            started = True
            finish: str | None = None
            usage: Usage | None = None
            async for chunk in with_loop_turns(chunks):
                for choice in chunk.choices:
                    delta = choice.delta
                    if delta.content:
                        yield TextDelta(delta.content, choice.index)
                    logprobs = getattr(choice, "logprobs", None)
                    if logprobs is not None and logprobs.content and choice.index == 0:
                        yield TokenLogprobs([[lp.token, lp.logprob,
                                              [[t.token, t.logprob] for t in lp.top_logprobs or []]]
                                             for lp in logprobs.content])
                    for call in delta.tool_calls or ():
                        function = call.function
                        yield ToolCallDelta(
                            call.index, call.id, function.name if function else None,
                            (function.arguments if function else None) or "",
                        )
                    if choice.finish_reason and (finish is None or choice.index == 0):
                        finish = choice.finish_reason
                if chunk.usage is not None:  # some servers send running totals every chunk
                    usage = _usage(chunk.usage)
            if usage is not None:
                yield UsageReport(usage)
            if finish is None:
                raise ApiFailure(
                    FailureKind.INTERRUPTED,
                    "The reply stopped before it was complete: the server ended the stream "
                    "without saying why.",
                    request_id=request_id, retryable=True,
                )
            yield Finished(finish)
    except ApiFailure as failure:
        failure.request_id = failure.request_id or request_id
        raise
    except Exception as exc:
        mapped = to_failure(exc, during_stream=started)
        mapped.request_id = mapped.request_id or request_id
        raise mapped from exc


async def complete(client: ApiClient, request: ChatRequest) -> tuple[str, Usage | None, str | None]:
    """One reply, not streamed: (text, usage if the server sent it, request id)."""
    try:
        raw = await _create(client, request_params(request))
        completion = raw.parse()
    except Exception as exc:
        raise to_failure(exc) from exc
    text = (completion.choices[0].message.content or "") if completion.choices else ""
    usage = _usage(completion.usage) if completion.usage else None
    return text, usage, raw.request_id
