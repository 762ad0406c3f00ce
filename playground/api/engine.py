"""One way to stream a chat reply, whichever API sends it: `request.api` picks the engine
(Responses or Chat Completions); both yield the same plain events."""

from __future__ import annotations

from collections.abc import AsyncIterator

from playground.api.client import ApiClient
from playground.model.types import ChatRequest, StreamEvent


async def stream(client: ApiClient, request: ChatRequest) -> AsyncIterator[StreamEvent]:
    if request.api == "responses" and (request.background or request.resume_id):
        from playground.api import responses_background

        async for event in responses_background.run(client, request):
            yield event
    elif request.api == "responses":
        from playground.api import responses

        async for event in responses.stream(client, request):
            yield event
    else:
        from playground.api import chat

        async for event in chat.stream(client, request):
            yield event
