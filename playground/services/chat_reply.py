"""One assistant reply: stream it, keep it in history while it arrives, retry, report usage.

The history gets the reply at least every 250 ms (a crash keeps what was on screen) through
`OrderedWrites`, whose final write always lands after the queued streaming writes.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from playground.api import retry
from playground.lazy import lazy_module
from playground.model.types import (
    NO_RESPONSES_API,
    ApiFailure,
    BackgroundStatus,
    ChatRequest,
    Citation,
    FailureKind,
    FileCitation,
    FileSearchCall,
    Finished,
    McpApprovalRequest,
    MessageStatus,
    PartialImage,
    RateLimits,
    ReasoningDelta,
    ResponseStarted,
    StreamStarted,
    TextDelta,
    TokenLogprobs,
    ToolActivity,
    ToolCallDelta,
    ToolDelta,
    ToolUsage,
    Usage,
    UsageReport,
)
from playground.services.chat_turns import (
    Countdown,
    HostedCallRecord,
    ReplyEnd,
    ReplyOutcome,
    ToolCallRecord,
    Turn,
)
from playground.services.file_search_reply import apply_file_search, price_file_searches
from playground.services.observer import Emitter
from playground.services.request_checks import check_reply
from playground.usage.records import UsageRecord

if TYPE_CHECKING:
    import asyncio
else:
    asyncio = lazy_module("asyncio")  # loaded after the first paint, on first use

if TYPE_CHECKING:
    from playground.services.container import Services

PERSIST_INTERVAL = 0.25  # seconds between history writes while a reply streams


class OrderedWrites:
    """History writes a stream does not wait for, and a final write that lands after them."""

    def __init__(self) -> None:
        self._pending: set[asyncio.Future[Any]] = set()

    def soon(self, write: Coroutine[Any, Any, Any]) -> None:
        # Queued writes reach the history's single worker thread in order.
        task = asyncio.ensure_future(write)
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def final(self, write: Awaitable[Any]) -> None:
        # A queued write whose task has not reached the worker yet must not land after this
        # one, or the stored reply would be cut short.
        if self._pending:
            await asyncio.gather(*self._pending, return_exceptions=True)
        await write


@dataclass
class ReplyEvents:
    """What a reply announces while it runs (the session re-emits these to its view)."""

    text: Emitter[[Turn, str]] = field(default_factory=Emitter)
    reasoning: Emitter[[Turn, str]] = field(default_factory=Emitter)  # summary ("Thinking")
    countdown: Emitter[[Countdown]] = field(default_factory=Emitter)
    ended: Emitter[[ReplyOutcome]] = field(default_factory=Emitter)
    rate_limits: Emitter[[RateLimits]] = field(default_factory=Emitter)
    tool: Emitter[[Turn, HostedCallRecord]] = field(default_factory=Emitter)  # hosted calls
    file_search: Emitter[[Turn]] = field(default_factory=Emitter)  # a search moved on
    background: Emitter[[Turn]] = field(default_factory=Emitter)  # a background run moved on


@dataclass
class _Progress:
    prefix: str
    parts: list[str] = field(default_factory=list)
    usage: Usage | None = None
    request_id: str | None = None
    finish: str | None = None
    tools: ToolUsage | None = None

    @property
    def text(self) -> str:
        return self.prefix + "".join(self.parts)


async def stream_reply(services: Services, request: ChatRequest, turn: Turn,
                       events: ReplyEvents, writes: OrderedWrites,
                       report_usage: Callable[[Usage | None, str, str | None], None],
                       fallback: Callable[[], ChatRequest | None] = lambda: None) -> None:
    """Stream `request` into `turn` (which may already hold a cut reply to continue).

    Emits text as it arrives, a countdown while a retry waits, and exactly one `ended`.
    `fallback` gives the Chat Completions request when a server turns out to have no
    Responses API (None: the user chose Responses, so say so instead).
    Re-raises CancelledError after the interrupted reply is stored.
    """
    history = services.history
    progress = _Progress(prefix=turn.content)
    metrics = turn.details.metrics
    attempt = 0
    last_write = started = time.monotonic()
    try:
        if request.hosted_tools.mcp_servers:
            from playground.services.hosted_tools import with_header_values

            request = await with_header_values(request)
        while True:
            try:
                client = await services.api.client()
                from playground.api import engine

                metrics.api = request.api
                async for event in engine.stream(client, request):
                    if isinstance(event, TextDelta):
                        if event.index:  # n > 1: the other choices, shown side by side after
                            choices = turn.details.choices
                            while len(choices) <= event.index:
                                choices.append("")
                            choices[event.index] += event.text
                            continue
                        if metrics.first_token_s is None:
                            metrics.first_token_s = time.monotonic() - started
                        progress.parts.append(event.text)
                        events.text.emit(turn, event.text)
                        now = time.monotonic()
                        if now - last_write >= PERSIST_INTERVAL:
                            last_write = now
                            turn.content = progress.text
                            writes.soon(history.update_message_content(
                                turn.id, turn.content, MessageStatus.STREAMING))
                    elif isinstance(event, ReasoningDelta):
                        turn.details.reasoning += event.text
                        events.reasoning.emit(turn, event.text)
                    elif isinstance(event, TokenLogprobs):
                        turn.details.logprobs.extend(event.rows)
                    elif isinstance(event, Citation):
                        turn.details.citations.append({"url": event.url, "title": event.title,
                                                       "start": event.start, "end": event.end})
                    elif isinstance(event, FileSearchCall | FileCitation):
                        apply_file_search(turn.details.file_searches,
                                          turn.details.file_citations, event)
                        events.file_search.emit(turn)
                    elif isinstance(event, ResponseStarted):
                        metrics.response_id = event.response_id
                    elif isinstance(event, BackgroundStatus):
                        metrics.response_id = event.response_id
                        # A retry polls this run again; it never submits (and pays) twice.
                        request = replace(request, resume_id=event.response_id)
                        turn.details.background.update(status=event.status,
                                                       created_at=event.created_at)
                        events.background.emit(turn)
                        # Stored at once: after a crash or restart the run is found again.
                        writes.soon(history.update_message_content(
                            turn.id, progress.text, MessageStatus.STREAMING,
                            meta=turn.details.to_json()))
                    elif isinstance(event, ToolCallDelta):
                        _add_tool_call_delta(turn, event)
                    elif isinstance(event, ToolActivity | ToolDelta | PartialImage
                                    | McpApprovalRequest):
                        from playground.services.hosted_tools import apply_tool_event

                        if (record := apply_tool_event(turn, event)) is not None:
                            events.tool.emit(turn, record)
                    elif isinstance(event, ToolUsage):
                        progress.tools = event
                    elif isinstance(event, StreamStarted):
                        progress.request_id = event.request_id
                        if event.rate_limits is not None:
                            events.rate_limits.emit(event.rate_limits)
                    elif isinstance(event, UsageReport):
                        progress.usage = event.usage
                    elif isinstance(event, Finished):
                        progress.finish = event.reason
                        metrics.service_tier = event.service_tier or ""
                break
            except ApiFailure as failure:
                if failure.code == NO_RESPONSES_API and not progress.parts \
                        and (other := fallback()) is not None:
                    request = other  # remembered: the next requests go there at once
                    continue
                progress.request_id = failure.request_id or progress.request_id
                # A background run that ended badly is final: polling it again changes nothing.
                final = request.resume_id is not None and not failure.retryable
                delay = None if progress.parts or final else retry.delays(
                    failure, attempt, services.api.profile().max_retries)
                if delay is None:
                    raise
                attempt += 1
                await _count_down(events, turn, failure, delay, attempt)
        turn.content = progress.text
        turn.status = MessageStatus.COMPLETE
        if turn.details.choices:
            turn.details.choices[0] = turn.content  # choice 0 is the one streamed into view
        metrics.total_s = time.monotonic() - started
        metrics.finish = progress.finish or ""
        metrics.request_id = progress.request_id or ""
        if progress.usage is not None:
            metrics.output_tokens = progress.usage.completion_tokens
        if progress.tools is not None:
            await _price_tools(services, request.model, progress.tools, progress.request_id,
                               turn)
        price_file_searches(services, request.model, turn.details)
        if request.response_format != "text" and not turn.details.tool_calls:
            turn.details.json_problem = check_reply(
                turn.content, request.schema if request.response_format == "json_schema"
                else None, cut=progress.finish == "length")
        await writes.final(history.update_message_content(
            turn.id, turn.content, MessageStatus.COMPLETE, request_id=progress.request_id,
            meta=turn.details.to_json()))
        end = {"length": ReplyEnd.LENGTH, "content_filter": ReplyEnd.CONTENT_FILTER,
               "tool_calls": ReplyEnd.TOOL_CALLS}.get(progress.finish or "", ReplyEnd.COMPLETE)
        if turn.details.tool_calls and end == ReplyEnd.COMPLETE:
            end = ReplyEnd.TOOL_CALLS  # some servers say "stop" after calling functions
        events.ended.emit(ReplyOutcome(turn, end, request_id=progress.request_id))
    except asyncio.CancelledError:
        turn.content = progress.text
        turn.status = MessageStatus.INTERRUPTED
        # Reopened, it reads "stopped by you", not "cut" — unless it is a background run the
        # app left running on the server (quit, not Stop): that one is resumed when reopened.
        turn.details.stopped = not turn.details.background_active()
        events.ended.emit(ReplyOutcome(turn, ReplyEnd.STOPPED, partial=bool(turn.content),
                                       request_id=progress.request_id))
        await asyncio.shield(writes.final(history.update_message_content(
            turn.id, turn.content, MessageStatus.INTERRUPTED, request_id=progress.request_id,
            meta=turn.details.to_json())))
        raise
    except ApiFailure as failure:
        turn.content = progress.text
        partial = bool(turn.content)
        turn.status = MessageStatus.INTERRUPTED if partial else MessageStatus.ERROR
        turn.error = failure
        events.ended.emit(ReplyOutcome(turn, ReplyEnd.FAILED, failure, partial,
                                       failure.request_id))
        await writes.final(history.update_message_content(turn.id, turn.content, turn.status,
                                                          meta=turn.details.to_json()))
        await history.set_message_error(turn.id, failure, turn.status)  # the reason, kept
    finally:
        if progress.parts or progress.usage is not None:
            report_usage(progress.usage, "".join(progress.parts), progress.request_id)


async def _price_tools(services: Services, model: str, tools: ToolUsage,
                       request_id: str | None, turn: Turn) -> None:
    from playground.services.hosted_tools import report_tool_use

    metrics = turn.details.metrics
    metrics.web_searches, metrics.code_sessions, metrics.images = (
        tools.web_searches, tools.code_sessions, tools.images)
    cost = await report_tool_use(services, model, tools, request_id)
    metrics.tool_cost = "" if cost is None else str(cost)


def _add_tool_call_delta(turn: Turn, delta: ToolCallDelta) -> None:
    """Function calls arrive as an id and name first, then argument fragments by index."""
    calls = turn.details.tool_calls
    while len(calls) <= delta.index:
        calls.append(ToolCallRecord(id="", name=""))
    call = calls[delta.index]
    call.id = delta.id or call.id
    call.name = delta.name or call.name
    call.arguments += delta.arguments


async def _count_down(events: ReplyEvents, turn: Turn, failure: ApiFailure, delay: float,
                      attempt: int) -> None:
    end = time.monotonic() + delay
    while (left := end - time.monotonic()) > 0:
        events.countdown.emit(Countdown(turn, failure, int(left + 0.99), attempt))
        await asyncio.sleep(min(1.0, left))
    events.countdown.emit(Countdown(turn, None, 0, attempt))


def usage_record(model: str, profile: str, usage: Usage, request_id: str | None,
                 conversation_id: int | None, *, free: bool = False,
                 in_conversation: bool = True) -> UsageRecord:
    return UsageRecord(
        endpoint="chat", model=model, profile=profile, request_id=request_id,
        conversation_id=conversation_id, in_conversation=in_conversation,
        prompt_tokens=usage.prompt_tokens,
        completion_tokens=usage.completion_tokens, cached_tokens=usage.cached_tokens,
        reasoning_tokens=usage.reasoning_tokens, estimated=usage.estimated, free=free)


def is_auth_failure(outcome: ReplyOutcome) -> bool:
    return outcome.failure is not None and outcome.failure.kind == FailureKind.AUTH
