"""Profile + key -> one AsyncOpenAI client (base URL, org, project, proxy, timeout, retries)."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import openai

from playground.model.types import Profile

# Local servers (llama.cpp, Ollama, ...) accept any key but the SDK refuses an empty one.
PLACEHOLDER_KEY = "sk-no-key-required"


def import_resources() -> None:
    """Import the SDK's per-API modules now (a worker thread): the SDK imports each one on
    the first request that uses it, which froze the window for 60-90 ms on the first chat
    (its pydantic types are built at import)."""
    from openai.resources.audio import AsyncAudio  # noqa: F401
    from openai.resources.chat import AsyncChat  # noqa: F401
    from openai.resources.images import AsyncImages  # noqa: F401
    from openai.resources.models import AsyncModels  # noqa: F401
    from openai.resources.responses import AsyncResponses  # noqa: F401


class ApiClient:
    """Owns the SDK client of one profile. Create it inside the running loop; close on exit."""

    def __init__(self, profile: Profile, api_key: str | None) -> None:
        self.profile = profile
        self.has_key = bool(api_key)
        # No explicit proxy: httpx honours HTTP(S)_PROXY/ALL_PROXY from the environment.
        self._http = openai.DefaultAsyncHttpx2Client(
            proxy=profile.proxy or None,
            timeout=profile.timeout,
        )
        self._opening = _OpeningRequests(self._http)
        self.sdk = openai.AsyncOpenAI(
            api_key=api_key or PLACEHOLDER_KEY,
            base_url=profile.base_url or None,
            organization=profile.organization or None,
            project=profile.project or None,
            timeout=profile.timeout,
            # Retries are ours (api.retry), so the UI can show a countdown while it waits.
            max_retries=0,
            http_client=self._http,
        )

    @property
    def http(self) -> Any:  # the SDK's httpx2 client (its class is not exported as a type)
        """The profile's HTTP client (proxy, timeout) for requests outside the SDK's routes."""
        return self._http

    async def aclose(self) -> None:
        """Close once no request is still opening its connection: closing the pool then would
        orphan the socket that connect is about to hand back (a leaked file descriptor)."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._opening.idle.wait(), CLOSE_GRACE)
        await self.sdk.close()


CLOSE_GRACE = 5.0  # seconds a closing client waits for requests that are still connecting


class _OpeningRequests:
    """Counts requests between being sent and their response headers, by wrapping the
    client's transports (the direct one and any proxy mounts from the environment)."""

    def __init__(self, http: Any) -> None:
        self.active = 0
        self.idle = asyncio.Event()
        self.idle.set()
        http._transport = self._wrap(http._transport)
        http._mounts = {pattern: self._wrap(t) if t is not None else None
                        for pattern, t in http._mounts.items()}

    def _wrap(self, transport: Any) -> Any:
        counter = self

        class Counting(type(transport)):  # type: ignore[misc]
            """The same transport class, so isinstance checks still hold."""

            def __init__(self) -> None:
                self.__dict__.update(transport.__dict__)

            async def handle_async_request(self, request: Any) -> Any:
                counter.active += 1
                counter.idle.clear()
                try:
                    return await super().handle_async_request(request)
                finally:
                    counter.active -= 1
                    if counter.active == 0:
                        counter.idle.set()

        return Counting()
