"""Download genai-prices' newer price data (the one network call outside the OpenAI SDK).

Asynchronous, so it runs on the event loop without blocking it and is cancelled with the
window; httpx honours HTTP(S)_PROXY/ALL_PROXY/NO_PROXY (trust_env) unless the profile names
its own proxy, as the app's other requests do.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from datetime import date
from email.utils import parsedate_to_datetime

import httpx2

from playground.api.loop_turns import with_loop_turns

MAX_BYTES = 32 * 1024 * 1024  # the data is ~1 MB; anything far larger is not price data
DETAIL_CHARS = 2000


@dataclass(frozen=True)
class Downloaded:
    body: bytes
    url: str
    last_modified: date | None  # the server's Last-Modified (UTC date), when it sends one


class DownloadError(RuntimeError):
    """`kind`: network | proxy | timeout | http | too_large; `detail`: the raw reason."""

    def __init__(self, kind: str, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.kind = kind
        self.detail = detail


async def download(url: str, *, proxy: str | None = None, timeout: float = 30.0,
                   limit: int = MAX_BYTES) -> Downloaded:
    """The body at `url`; raises DownloadError with a sentence saying what failed."""
    host = httpx2.URL(url).host or url
    try:
        # Built on a thread: a client loads the CA bundle into a new SSL context, 50-90 ms
        # that would stall the UI thread this coroutine runs on (bench/pricing.py).
        made = await asyncio.to_thread(_client, proxy, timeout)
        async with made as client:
            async with client.stream("GET", url,
                                     headers={"Accept": "application/json"}) as response:
                if response.status_code >= 400:
                    body = (await response.aread())[:DETAIL_CHARS]
                    raise DownloadError(
                        "http", f"The price server {host} answered HTTP "
                        f"{response.status_code} {response.reason_phrase}.".replace(" .", "."),
                        body.decode("utf-8", "replace"))
                chunks, size = [], 0
                # A fast (loopback, LAN) server has the megabyte buffered: give the UI a turn.
                async for chunk in with_loop_turns(response.aiter_bytes()):
                    size += len(chunk)
                    if size > limit:
                        raise DownloadError("too_large", f"The download from {host} is larger "
                                            f"than {limit // 2**20} MB: it is not price data.")
                    chunks.append(chunk)
                modified = response.headers.get("last-modified")
    except httpx2.ProxyError as exc:
        raise DownloadError("proxy", "The proxy failed to fetch the price data.",
                            readable(str(exc)) or type(exc).__name__) from exc
    except httpx2.TimeoutException as exc:
        raise DownloadError("timeout", f"The price server {host} did not answer within "
                            f"{timeout:.0f} s.", type(exc).__name__) from exc
    except httpx2.HTTPError as exc:  # refused, unknown host, TLS, a cut connection
        raise DownloadError("network", f"Could not reach the price server {host}.",
                            _reason(exc)) from exc
    return Downloaded(b"".join(chunks), url, _http_date(modified))


def _client(proxy: str | None, timeout: float) -> httpx2.AsyncClient:
    # The first async request of a process imports anyio's asyncio backend (~15 ms): here,
    # on this thread, rather than on the UI thread when the request starts.
    import anyio._backends._asyncio  # noqa: F401

    return httpx2.AsyncClient(proxy=proxy or None, timeout=timeout, trust_env=True,
                              follow_redirects=True)


def readable(text: str) -> str:
    """One line, short (api.errors has the same, but importing it loads the openai SDK on
    the UI thread, ~80 ms, where this download starts)."""
    line = " ".join(text.split())
    return line if len(line) <= 300 else line[:299] + "…"


def _reason(exc: BaseException) -> str:
    """httpx's message and the OS's reason under it ("All connection attempts failed:
    [Errno 111] Connection refused")."""
    parts = [readable(str(exc)) or type(exc).__name__]
    seen: BaseException | None = exc.__cause__ or exc.__context__
    while seen is not None:
        if isinstance(seen, OSError) and seen.errno is not None:  # the socket's own error
            parts.append(f"{os.strerror(seen.errno)} ({seen.strerror or seen})")
            break
        seen = seen.__cause__ or seen.__context__
    return ": ".join(dict.fromkeys(parts))


def _http_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError):
        return None
