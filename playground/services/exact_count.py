"""The server's own count of the next prompt (POST /responses/input_tokens), where it has one.

The panel shows tiktoken's offline count at once (marked ≈ where it may be off); a moment
after typing stops, requests that go to the Responses API are counted by the server, whose
figure replaces the estimate. A server without the endpoint is not asked again this session.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from playground.model.types import ApiFailure, ChatRequest, FailureKind

if TYPE_CHECKING:
    from playground.services.container import Services


class ExactCounter:
    def __init__(self, services: Services) -> None:
        self.services = services
        self._unsupported: set[str] = set()  # profiles whose server has no count endpoint

    async def count(self, request: ChatRequest) -> int | None:
        """The prompt's tokens as the server counts them, or None (the estimate stays)."""
        if request.api != "responses" or not request.messages:
            return None
        profile = self.services.api.profile().name
        if profile in self._unsupported:
            return None
        from playground.api.responses import count_input_tokens

        try:
            client = await self.services.api.client()
            # Only what shapes the prompt: the server counts input, instructions and tools.
            return await count_input_tokens(client, replace(request, previous_response_id=None))
        except ApiFailure as failure:
            no_route = failure.kind == FailureKind.NOT_FOUND and failure.code != "model_not_found"
            if no_route or failure.kind == FailureKind.UNSUPPORTED:
                self._unsupported.add(profile)
            return None
