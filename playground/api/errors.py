"""SDK exceptions -> ApiFailure, mapped once. Messages are the server's, made readable."""

from __future__ import annotations

import json
import re

import httpx2
import openai

from playground.api.server_errors import Explained, explain
from playground.model.types import ApiFailure, FailureKind

MAX_MESSAGE = 400

_TRACEBACK_LAST_LINE = re.compile(r"^\s*([A-Za-z_][\w.]*(?:Error|Exception)\b.*)$", re.MULTILINE)


def readable(message: str) -> str:
    """A server's error text, short: a Python traceback becomes its last 'SomeError: ...' line."""
    text = (message or "").strip()
    if "Traceback (most recent call last)" in text or text.count("\n") > 8:
        found = _TRACEBACK_LAST_LINE.findall(text)
        if found:
            text = found[-1].strip()
    text = re.sub(r"\s+", " ", text)
    if len(text) > MAX_MESSAGE:
        text = text[: MAX_MESSAGE - 1] + "…"
    return text


def _retry_after(headers: httpx2.Headers | None) -> float | None:
    if headers is None:
        return None
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = headers.get(name)
        if value:
            try:
                return max(0.0, float(value) * scale)
            except ValueError:
                continue  # an HTTP date: ignore, use our own backoff
    return None


MAX_RAW = 20_000


def _raw_text(exc: openai.APIStatusError) -> str:
    try:
        text = exc.response.text
    except Exception:  # a streamed response not read: the SDK's body is all there is
        text = ""
    if not text and exc.body is not None:
        text = exc.body if isinstance(exc.body, str) else json.dumps(exc.body, default=str)
    return text[:MAX_RAW]


def _explained(exc: openai.APIStatusError, raw: str) -> Explained:
    found = explain(exc.body)
    if found is None:
        found = explain(raw) if raw.strip() else None
    return found or Explained(exc.message)


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and all(cur is not s for s in seen):
        seen.append(cur)
        cur = cur.__cause__ or cur.__context__
    return seen


def _raised_in_proxy_code(exc: BaseException) -> bool:
    """True when httpcore's proxy connection raised it (http_proxy.py / socks_proxy.py)."""
    tb = exc.__traceback__
    while tb is not None:
        module = str(tb.tb_frame.f_globals.get("__name__", ""))
        if module.startswith("httpcore") and module.endswith("_proxy"):
            return True
        tb = tb.tb_next
    return False


def _is_proxy_error(exc: BaseException) -> bool:
    chain = _chain(exc)
    for cur in chain:
        if isinstance(cur, httpx2.ProxyError) or "socks" in type(cur).__module__.lower():
            return True
        if "proxy" in str(cur).lower():
            return True
    # An unreachable proxy says only "All connection attempts failed"; the frames tell.
    # Only for connect errors: a stream cut later also passes through the proxy code.
    if any(isinstance(cur, httpx2.ConnectError) for cur in chain):
        return any(_raised_in_proxy_code(cur) for cur in chain)
    return False


def to_failure(exc: BaseException, *, during_stream: bool = False) -> ApiFailure:
    """Map any exception raised by an SDK call (or while iterating its stream)."""
    if isinstance(exc, ApiFailure):
        return exc
    if isinstance(exc, openai.APIStatusError):
        return _status_failure(exc)
    if isinstance(exc, openai.APITimeoutError):
        kind = FailureKind.INTERRUPTED if during_stream else FailureKind.TIMEOUT
        return ApiFailure(kind, "The server did not answer in time.", retryable=True)
    if isinstance(exc, openai.APIConnectionError):
        if _is_proxy_error(exc):
            return ApiFailure(FailureKind.PROXY, readable(_cause_text(exc)), retryable=True)
        kind = FailureKind.INTERRUPTED if during_stream else FailureKind.NETWORK
        return ApiFailure(kind, readable(_cause_text(exc)), retryable=True)
    if isinstance(exc, httpx2.ProxyError):
        return ApiFailure(FailureKind.PROXY, readable(str(exc)), retryable=True)
    if isinstance(exc, httpx2.TimeoutException):
        kind = FailureKind.INTERRUPTED if during_stream else FailureKind.TIMEOUT
        return ApiFailure(kind, "The server stopped sending in time.", retryable=True)
    if isinstance(exc, httpx2.TransportError):  # RemoteProtocolError, ReadError: a cut stream
        kind = FailureKind.INTERRUPTED if during_stream else FailureKind.NETWORK
        return ApiFailure(kind, readable(str(exc)) or type(exc).__name__, retryable=True)
    if isinstance(exc, openai.APIError):  # e.g. an error event inside a stream
        return _event_failure(exc, during_stream)
    return ApiFailure(FailureKind.UNKNOWN, readable(f"{type(exc).__name__}: {exc}"))


def _cause_text(exc: BaseException) -> str:
    cause = exc.__cause__ or exc.__context__
    if cause is not None and str(cause):
        return f"{exc} ({cause})"
    return str(exc)


def _event_failure(exc: openai.APIError, during_stream: bool) -> ApiFailure:
    """An error event inside a 200 stream (llama.cpp reports a prompt too long this way)."""
    raw = json.dumps(exc.body, default=str) if exc.body is not None else ""
    found = explain(exc.body) or Explained(exc.message)
    if found.context:
        kind, retryable = FailureKind.CONTEXT_LENGTH, False
    elif found.validation:
        kind, retryable = FailureKind.BAD_REQUEST, False
    else:
        kind, retryable = FailureKind.SERVER, during_stream
    return ApiFailure(kind, readable(found.message), code=exc.code, retryable=retryable,
                      raw=raw[:MAX_RAW])


def _missing_endpoint(exc: openai.APIStatusError, message: str) -> str:
    """A 404 that is not about a model names the endpoint the server lacks."""
    if exc.code == "model_not_found" or "model" in message.lower():
        return message
    request = exc.response.request
    endpoint = f"{request.method} {request.url.path}"
    if endpoint in message:
        return message
    return f"This server has no {endpoint} ({message})." if message else (
        f"This server has no {endpoint}.")


def _status_failure(exc: openai.APIStatusError) -> ApiFailure:
    status = exc.status_code
    code = exc.code
    raw = _raw_text(exc)
    found = _explained(exc, raw)
    message = readable(found.message)
    request_id = exc.request_id

    def failure(kind: FailureKind, retryable: bool = False) -> ApiFailure:
        return ApiFailure(
            kind,
            message,
            request_id=request_id,
            retryable=retryable,
            status=status,
            retry_after=_retry_after(exc.response.headers),
            code=code,
            raw=raw if raw.strip() != message else "",
        )

    if status == 401:
        return failure(FailureKind.AUTH)
    if status == 403:
        return failure(FailureKind.PERMISSION)
    if status == 404:
        message = _missing_endpoint(exc, message)
        return failure(FailureKind.NOT_FOUND)
    if status == 413:
        return failure(FailureKind.TOO_LARGE)
    if status == 429:
        if code == "insufficient_quota" or (exc.type or "") == "insufficient_quota":
            return failure(FailureKind.QUOTA)
        return failure(FailureKind.RATE_LIMIT, retryable=True)
    if found.context and status in (400, 413, 422, 500):
        return failure(FailureKind.CONTEXT_LENGTH)
    if found.validation and (status in (400, 422) or status >= 500):
        return failure(FailureKind.BAD_REQUEST)  # a 500 for an invalid request: no retry
    if status in (400, 422):
        if code == "context_length_exceeded":
            return failure(FailureKind.CONTEXT_LENGTH)
        if code in ("content_policy_violation", "moderation_blocked") or "safety system" in message:
            return failure(FailureKind.CONTENT_POLICY)
        return failure(FailureKind.BAD_REQUEST)
    if status >= 500:
        return failure(FailureKind.SERVER, retryable=True)
    return failure(FailureKind.UNKNOWN)
