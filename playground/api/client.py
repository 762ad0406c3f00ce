"""Profile + key -> one AsyncOpenAI client (base URL, org, project, proxy, timeout, retries)."""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import threading
from typing import Any

import httpx2
import openai

from playground.model.types import Profile

# Local servers (llama.cpp, Ollama, ...) accept any key but the SDK refuses an empty one.
PLACEHOLDER_KEY = "sk-no-key-required"


_ssl_context: ssl.SSLContext | None = None
_ssl_lock = threading.Lock()


def default_ssl_context() -> ssl.SSLContext:
    """One verifying TLS context for every client: the system's CA bundle as httpx loads it
    (SSL_CERT_FILE / SSL_CERT_DIR honoured). Loading the bundle takes 20-40 ms, which froze
    the window once per client built (each compare pane has one): call this on a worker
    thread before building a client; every later call is free."""
    global _ssl_context
    with _ssl_lock:
        if _ssl_context is None:
            _ssl_context = httpx2.create_ssl_context()
        return _ssl_context


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
            verify=default_ssl_context(),
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
