"""The HTTP client a local MCP server's streamable HTTP transport uses (httpx stays in api/).

A proxy from the environment (HTTP_PROXY…) must not swallow requests to this machine, so a
loopback URL gets a client that ignores it; any other URL uses the environment as usual.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx

_LOOPBACK = ("localhost", "127.0.0.1", "::1")
SSE_READ_TIMEOUT = 300.0  # seconds an open event stream may stay silent (the SDK's default)


def mcp_http_client(url: str, timeout: float) -> httpx.AsyncClient:
    local = (urlsplit(url).hostname or "") in _LOOPBACK
    return httpx.AsyncClient(trust_env=not local, follow_redirects=True,
                             timeout=httpx.Timeout(timeout, read=SSE_READ_TIMEOUT))
