"""api.chat.stream over real HTTP: events, usage, cut streams, cancellation, loop turns."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from playground.api import chat
from playground.api.client import ApiClient
from playground.model.types import (
    ChatMessage,
    ChatRequest,
    FailureKind,
    Finished,
    RateLimitBucket,
    StreamStarted,
    TextDelta,
    ToolCallDelta,
    Usage,
    UsageReport,
)
from tests.fake_openai import FakeOpenAI
from tests.fake_openai.routes_chat import RATE_LIMIT_HEADERS, ChatOptions, ToolCall

Events = Callable[..., Any]


def ask(text: str = "hello world", model: str = "gpt-4o") -> ChatRequest:
    return ChatRequest(model=model, messages=[ChatMessage("user", text)])


def text_of(events: list[Any]) -> str:
    return "".join(e.text for e in events if isinstance(e, TextDelta))


def test_text_arrives_in_order_and_complete(fake_api: FakeOpenAI, stream_events: Events) -> None:
    reply = "".join(f"word{i} " for i in range(500))
    fake_api.state["chat"] = ChatOptions(reply=reply, chunks=500)
    events, failure = stream_events(ask())
    assert failure is None
    assert isinstance(events[0], StreamStarted)
    assert events[0].request_id and events[0].request_id.startswith("req_")
    deltas = [e for e in events if isinstance(e, TextDelta)]
    assert len(deltas) == 500
    assert text_of(events) == reply
    assert isinstance(events[-2], UsageReport)
    assert events[-1] == Finished("stop")


def test_default_reply_echoes_the_user(fake_api: FakeOpenAI, stream_events: Events) -> None:
    events, failure = stream_events(ask("你好，世界"))
    assert failure is None
    assert text_of(events) == "Echo: 你好，世界"
    sent = fake_api.requests_to("/chat/completions")[0].json
    assert sent["stream"] is True
    assert sent["stream_options"] == {"include_usage": True}


def test_usage_includes_cached_and_reasoning_tokens(
    fake_api: FakeOpenAI, stream_events: Events
) -> None:
    fake_api.state["chat"] = ChatOptions(
        reply="one two three", prompt_tokens=1200, cached_tokens=1024, reasoning_tokens=64)
    events, failure = stream_events(ask(model="o4-mini"))
    assert failure is None
    [report] = [e for e in events if isinstance(e, UsageReport)]
    assert report.usage == Usage(prompt_tokens=1200, completion_tokens=3 + 64,
                                 cached_tokens=1024, reasoning_tokens=64)


def test_server_without_usage_still_finishes(fake_api: FakeOpenAI, stream_events: Events) -> None:
    fake_api.state["chat"] = ChatOptions(reply="no usage here", no_usage=True)
    events, failure = stream_events(ask())
    assert failure is None
    assert not [e for e in events if isinstance(e, UsageReport)]
    assert text_of(events) == "no usage here"
    assert events[-1] == Finished("stop")


def test_running_usage_in_every_chunk_is_reported_once(
    fake_api: FakeOpenAI, stream_events: Events
) -> None:
    fake_api.state["chat"] = ChatOptions(reply="a b c", running_usage=True, prompt_tokens=9)
    events, failure = stream_events(ask())
    assert failure is None
    reports = [e for e in events if isinstance(e, UsageReport)]
    assert [r.usage.prompt_tokens for r in reports] == [9]
    assert reports[0].usage.completion_tokens == 3
    assert events[-2:] == [reports[0], Finished("stop")]


def test_finish_reason_length_is_reported(fake_api: FakeOpenAI, stream_events: Events) -> None:
    fake_api.state["chat"] = ChatOptions(reply="cut short", finish_reason="length")
    events, failure = stream_events(ask())
    assert failure is None
    assert events[-1] == Finished("length")


def test_rate_limit_headers_arrive_with_stream_started(
    fake_api: FakeOpenAI, stream_events: Events
) -> None:
    fake_api.state["chat"] = ChatOptions(headers=RATE_LIMIT_HEADERS)
    events, _ = stream_events(ask())
    started = events[0]
    assert isinstance(started, StreamStarted)
    assert started.rate_limits is not None
    assert started.rate_limits.requests == RateLimitBucket(10000, 9999, 0.006)
    assert started.rate_limits.tokens == RateLimitBucket(30000000, 29999980, 62.5)


def test_tool_call_deltas(fake_api: FakeOpenAI, stream_events: Events) -> None:
    call = ToolCall(name="get_weather", arguments='{"city": "Paris"}', fragments=4)
    fake_api.state["chat"] = ChatOptions(reply="", chunks=0, tool_calls=[call])
    events, failure = stream_events(ask())
    assert failure is None
    deltas = [e for e in events if isinstance(e, ToolCallDelta)]
    assert deltas[0] == ToolCallDelta(0, call.id, "get_weather", "")
    assert all(d.id is None and d.name is None for d in deltas[1:])
    assert "".join(d.arguments for d in deltas) == '{"city": "Paris"}'
    assert events[-1] == Finished("tool_calls")


def test_cut_mid_stream_is_interrupted_after_some_text(
    fake_api: FakeOpenAI, stream_events: Events
) -> None:
    fake_api.state["chat"] = ChatOptions(reply="a b c d e f g h", cut_after=3, batch=1)
    events, failure = stream_events(ask())
    assert failure is not None
    assert failure.kind is FailureKind.INTERRUPTED
    assert failure.request_id == events[0].request_id
    assert text_of(events) == "a b c"
    assert not [e for e in events if isinstance(e, Finished)]


def test_stream_ending_without_finish_reason_is_interrupted(
    fake_api: FakeOpenAI, stream_events: Events
) -> None:
    fake_api.state["chat"] = ChatOptions(reply="half a", finish_reason=None, done=False)
    events, failure = stream_events(ask())
    assert failure is not None and failure.kind is FailureKind.INTERRUPTED
    assert text_of(events) == "half a"


def test_error_event_inside_the_stream(fake_api: FakeOpenAI, stream_events: Events) -> None:
    fake_api.state["chat"] = ChatOptions(reply="a b c d", error_after=2,
                                         error_message="Model overloaded, try again")
    events, failure = stream_events(ask())
    assert failure is not None
    assert failure.kind is FailureKind.SERVER
    assert failure.message == "Model overloaded, try again"
    assert text_of(events) == "a b"


def test_stop_cancels_the_stream_and_closes_the_connection(fake_api: FakeOpenAI,
                                                           api_run: Events) -> None:
    # 2,000 deltas 10 ms apart: 20 s of reply if nobody stops it.
    options = ChatOptions(reply="x" * 2000, chunks=2000, delay=0.01)
    fake_api.state["chat"] = options

    async def body(client: ApiClient) -> tuple[int, float]:
        seen = 0
        got_some = asyncio.Event()

        async def consume() -> None:
            nonlocal seen
            async for event in chat.stream(client, ask()):
                if isinstance(event, TextDelta):
                    seen += 1
                    if seen == 5:
                        got_some.set()

        task = asyncio.create_task(consume())
        await asyncio.wait_for(got_some.wait(), 10)
        started = time.perf_counter()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        assert task.cancelled()
        return seen, time.perf_counter() - started

    seen, cancel_took = api_run(body)
    assert 5 <= seen < 2000
    assert cancel_took < 1.0
    # The server's next writes fail: the client closed the socket rather than draining it.
    assert options.client_gone.wait(5)


def test_breaking_out_of_the_loop_closes_the_connection(fake_api: FakeOpenAI,
                                                        api_run: Events) -> None:
    options = ChatOptions(reply="y" * 2000, chunks=2000, delay=0.01)
    fake_api.state["chat"] = options

    async def body(client: ApiClient) -> None:
        events = chat.stream(client, ask())
        async for event in events:
            if isinstance(event, TextDelta):
                break
        await events.aclose()

    api_run(body)
    assert options.client_gone.wait(5)


def test_long_fast_stream_gives_the_loop_regular_turns(fake_api: FakeOpenAI,
                                                       api_run: Events) -> None:
    # What the UI needs: while 20,000 buffered chunks are parsed, other tasks (the Qt event
    # processing under qasync) keep running. A ticker task measures how much of the stream's
    # time passed in gaps longer than 20 ms (one frame and a bit): measured about 5 % with the
    # loop turns (the in-process server thread holds the GIL at times) and about 90 % without.
    fake_api.state["chat"] = ChatOptions(reply="abcdefg " * 16_000, chunks=20_000)

    async def body(client: ApiClient) -> tuple[str, float]:
        gaps: list[float] = []
        done = False

        async def ticker() -> None:
            last = time.perf_counter()
            while not done:
                await asyncio.sleep(0)
                now = time.perf_counter()
                gaps.append(now - last)
                last = now

        tick = asyncio.create_task(ticker())
        began = time.perf_counter()
        parts: list[str] = []
        async for event in chat.stream(client, ask()):
            if isinstance(event, TextDelta):
                parts.append(event.text)
        took = time.perf_counter() - began
        done = True
        await tick
        return "".join(parts), sum(g for g in gaps if g > 0.02) / took

    text, frozen_share = api_run(body)
    assert text == "abcdefg " * 16_000
    assert frozen_share < 0.5
