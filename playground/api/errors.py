"""SDK exceptions -> ApiFailure, mapped once. Messages are the server's, made readable."""

from __future__ import annotations

import re

import httpx2
import openai

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


def _body_message(exc: openai.APIStatusError) -> str:
    body = exc.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and inner.get("message"):
            return str(inner["message"])
        if isinstance(inner, str):
            return inner
        if body.get("detail"):  # FastAPI-style servers (vLLM, faster-whisper-server)
            return str(body["detail"])
    if isinstance(body, str) and body.strip():
        return body
    try:
        text = exc.response.text
    except Exception:
        text = ""
    return text or exc.message


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
        return ApiFailure(
            FailureKind.SERVER, readable(exc.message), code=exc.code, retryable=during_stream
        )
    return ApiFailure(FailureKind.UNKNOWN, readable(f"{type(exc).__name__}: {exc}"))


def _cause_text(exc: BaseException) -> str:
    cause = exc.__cause__ or exc.__context__
    if cause is not None and str(cause):
        return f"{exc} ({cause})"
    return str(exc)


def _status_failure(exc: openai.APIStatusError) -> ApiFailure:
    status = exc.status_code
    code = exc.code
    message = readable(_body_message(exc))
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
        )

    if status == 401:
        return failure(FailureKind.AUTH)
    if status == 403:
        return failure(FailureKind.PERMISSION)
    if status == 404:
        return failure(FailureKind.NOT_FOUND)
    if status == 413:
        return failure(FailureKind.TOO_LARGE)
    if status == 429:
        if code == "insufficient_quota" or (exc.type or "") == "insufficient_quota":
            return failure(FailureKind.QUOTA)
        return failure(FailureKind.RATE_LIMIT, retryable=True)
    if status in (400, 422):
        if code == "context_length_exceeded":
            return failure(FailureKind.CONTEXT_LENGTH)
        if code in ("content_policy_violation", "moderation_blocked") or "safety system" in message:
            return failure(FailureKind.CONTENT_POLICY)
        return failure(FailureKind.BAD_REQUEST)
    if status >= 500:
        return failure(FailureKind.SERVER, retryable=True)
    return failure(FailureKind.UNKNOWN)
