"""Run api coroutines with a real ApiClient pointed at the loopback server."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import pytest

from playground.api import chat
from playground.api.client import ApiClient
from playground.model.types import ApiFailure, ChatRequest, Profile, StreamEvent
from tests.fake_openai import FakeOpenAI

T = TypeVar("T")
Events = tuple[list[StreamEvent], ApiFailure | None]


def run_with_client(
    body: Callable[[ApiClient], Awaitable[T]], *, base_url: str, key: str | None = "sk-test",
    **profile: Any,
) -> T:
    """asyncio.run(body(client)) with a client created and closed inside the loop."""

    async def main() -> T:
        client = ApiClient(Profile(base_url=base_url, **profile), key)
        try:
            return await body(client)
        finally:
            await client.aclose()

    return asyncio.run(main())


async def collect(client: ApiClient, request: ChatRequest) -> Events:
    """Every event the stream yielded, and the failure that ended it (if any)."""
    events: list[StreamEvent] = []
    try:
        async for event in chat.stream(client, request):
            events.append(event)
    except ApiFailure as failure:
        return events, failure
    return events, None


@pytest.fixture
def api_run(fake_api: FakeOpenAI) -> Callable[..., Any]:
    """api_run(body, **profile_fields): body(client) against the loopback server."""

    def runner(body: Callable[[ApiClient], Awaitable[T]], **profile: Any) -> T:
        profile.setdefault("base_url", fake_api.url)
        return run_with_client(body, **profile)

    return runner


@pytest.fixture
def stream_events(api_run: Callable[..., Any]) -> Callable[..., Events]:
    """stream_events(request, **profile_fields) -> (events, failure or None)."""

    def runner(request: ChatRequest, **profile: Any) -> Events:
        return api_run(lambda client: collect(client, request), **profile)

    return runner
