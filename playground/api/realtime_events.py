"""The SDK's realtime server events -> our plain voice events; realtime failures -> ApiFailure.

Failures come three ways: the WebSocket handshake is refused (an HTTP status, e.g. 401 or a
server without /realtime: 404), the server sends an `error` event (unknown model, bad
parameter), or the connection drops mid-session.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx2
import openai
from openai.types.realtime.realtime_error import RealtimeError
from openai.types.realtime.realtime_response_usage import RealtimeResponseUsage
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

from playground.api.errors import readable, to_failure
from playground.model.types import ApiFailure, FailureKind, RateLimitBucket, RateLimits
from playground.model.voice import (
    AssistantTranscriptDelta,
    AssistantTranscriptDone,
    AudioChunk,
    FunctionCallRequest,
    InputCommitted,
    RateLimitsUpdated,
    ResponseFinished,
    ResponseStarted,
    SessionReady,
    SpeechStarted,
    SpeechStopped,
    TranscriptionFailed,
    Truncated,
    UserTranscriptDelta,
    UserTranscriptDone,
    VoiceEvent,
    VoiceUsage,
)

# error.code values that mean the session cannot go on (the server closes it after them).
FATAL_CODES = frozenset({"invalid_api_key", "model_not_found", "insufficient_quota",
                         "session_expired", "invalid_model"})
# error.code of a response.cancel when the reply already ended: harmless, not shown.
CANCEL_NOT_ACTIVE = "response_cancel_not_active"


def usage_of(usage: RealtimeResponseUsage | None) -> VoiceUsage:
    if usage is None:
        return VoiceUsage()
    inp, out = usage.input_token_details, usage.output_token_details
    cached = inp.cached_tokens_details if inp is not None else None
    return VoiceUsage(
        input_text=(inp.text_tokens or 0) if inp else 0,
        input_audio=(inp.audio_tokens or 0) if inp else 0,
        cached_text=(cached.text_tokens or 0) if cached else 0,
        cached_audio=(cached.audio_tokens or 0) if cached else 0,
        output_text=(out.text_tokens or 0) if out else 0,
        output_audio=(out.audio_tokens or 0) if out else 0,
    )


def translate(event: Any) -> VoiceEvent | None:
    """Our event for a server event; None for those the app does not need.

    Typed loosely on purpose: the SDK's union has 46 members that mypy cannot narrow by the
    `type` string; each branch reads only the fields its event type declares."""
    kind = event.type
    if kind == "session.updated":
        session: Any = event.session
        return SessionReady(getattr(session, "id", "") or "", getattr(session, "model", "") or "")
    if kind == "input_audio_buffer.speech_started":
        return SpeechStarted(event.item_id, event.audio_start_ms)
    if kind == "input_audio_buffer.speech_stopped":
        return SpeechStopped(event.item_id, event.audio_end_ms)
    if kind == "input_audio_buffer.committed":
        return InputCommitted(event.item_id)
    if kind == "conversation.item.input_audio_transcription.delta":
        return UserTranscriptDelta(event.item_id, event.delta or "")
    if kind == "conversation.item.input_audio_transcription.completed":
        usage = event.usage
        if usage is not None and usage.type == "duration":
            return UserTranscriptDone(event.item_id, event.transcript,
                                      audio_seconds=float(usage.seconds))
        if usage is not None and usage.type == "tokens":
            return UserTranscriptDone(event.item_id, event.transcript,
                                      input_tokens=usage.input_tokens,
                                      output_tokens=usage.output_tokens)
        return UserTranscriptDone(event.item_id, event.transcript)
    if kind == "conversation.item.input_audio_transcription.failed":
        error = event.error
        return TranscriptionFailed(event.item_id, (error.message if error else "") or
                                   "The server could not transcribe this part.")
    if kind == "response.created":
        return ResponseStarted(event.response.id or "")
    if kind in ("response.output_audio_transcript.delta", "response.output_text.delta"):
        return AssistantTranscriptDelta(event.item_id, event.delta)
    if kind == "response.output_audio_transcript.done":
        return AssistantTranscriptDone(event.item_id, event.transcript)
    if kind == "response.output_text.done":
        return AssistantTranscriptDone(event.item_id, event.text)
    if kind == "response.output_audio.delta":
        return AudioChunk(event.item_id, event.content_index, base64.b64decode(event.delta))
    if kind == "response.function_call_arguments.done":
        return FunctionCallRequest(event.call_id, event.name, event.arguments, event.item_id)
    if kind == "response.done":
        response = event.response
        return ResponseFinished(response.id or "", response.status or "completed",
                                usage_of(response.usage))
    if kind == "conversation.item.truncated":
        return Truncated(event.item_id, event.audio_end_ms)
    if kind == "rate_limits.updated":
        buckets = {limit.name: RateLimitBucket(limit.limit, limit.remaining, limit.reset_seconds)
                   for limit in event.rate_limits if limit.name}
        return RateLimitsUpdated(RateLimits(requests=buckets.get("requests", RateLimitBucket()),
                                            tokens=buckets.get("tokens", RateLimitBucket())))
    return None


def error_failure(error: RealtimeError) -> ApiFailure:
    """An `error` event as an ApiFailure, its kind from the code as the HTTP API would give."""
    code = error.code or ""
    kinds = {
        "invalid_api_key": FailureKind.AUTH,
        "model_not_found": FailureKind.NOT_FOUND,
        "invalid_model": FailureKind.NOT_FOUND,
        "insufficient_quota": FailureKind.QUOTA,
        "rate_limit_exceeded": FailureKind.RATE_LIMIT,
    }
    kind = kinds.get(code)
    if kind is None:
        kind = (FailureKind.SERVER if error.type == "server_error"
                else FailureKind.BAD_REQUEST)
    raw = json.dumps({"error": error.model_dump(exclude_none=True)})
    return ApiFailure(kind, readable(error.message) or code or "The server reported an error.",
                      code=code or None, retryable=kind in (FailureKind.SERVER,
                                                           FailureKind.RATE_LIMIT),
                      raw=raw)


def is_fatal(error: RealtimeError) -> bool:
    return (error.code or "") in FATAL_CODES


def connect_failure(exc: BaseException, url: str) -> ApiFailure:
    """Why the WebSocket could not be opened: a refused handshake reads like the HTTP API's
    answer (401, 404 "This server has no GET /v1/realtime", 429 ...)."""
    if isinstance(exc, InvalidStatus):
        return to_failure(_status_error(exc, url))
    if isinstance(exc, InvalidHandshake):
        return ApiFailure(FailureKind.UNSUPPORTED,
                          f"The server at {url} did not accept a realtime connection "
                          f"({readable(str(exc))}).")
    if isinstance(exc, TimeoutError):
        return ApiFailure(FailureKind.TIMEOUT, "The server did not open the realtime "
                          "connection in time.", retryable=True)
    if isinstance(exc, OSError):
        return ApiFailure(FailureKind.NETWORK, f"Could not connect to {url}: "
                          f"{readable(str(exc)) or type(exc).__name__}", retryable=True)
    return to_failure(exc)


def dropped_failure(exc: BaseException) -> ApiFailure:
    """The connection ended without our asking, mid-session."""
    if isinstance(exc, ApiFailure):
        return exc
    cause = exc if isinstance(exc, ConnectionClosed) else exc.__cause__
    detail = ""
    if isinstance(cause, ConnectionClosed) and cause.rcvd is not None and cause.rcvd.reason:
        detail = f" ({readable(cause.rcvd.reason)})"
    if isinstance(exc, ConnectionClosed | openai.WebSocketConnectionClosedError | OSError):
        return ApiFailure(FailureKind.INTERRUPTED,
                          f"The connection to the server was lost mid-session{detail}.",
                          retryable=True)
    return to_failure(exc, during_stream=True)


def _status_error(exc: InvalidStatus, url: str) -> openai.APIStatusError:
    """The refused handshake as the SDK's own status error, so errors.to_failure maps it."""
    answer = exc.response
    body_bytes = answer.body or b""
    response = httpx2.Response(
        answer.status_code, headers=list(answer.headers.raw_items()), content=body_bytes,
        request=httpx2.Request("GET", url.replace("ws://", "http://", 1)
                               .replace("wss://", "https://", 1)),
    )
    try:
        body: object = json.loads(body_bytes)
    except ValueError:
        body = body_bytes.decode("utf-8", "replace") or None
    data = body.get("error", body) if isinstance(body, dict) else body
    message = (data.get("message") if isinstance(data, dict) else None) or (
        f"HTTP {answer.status_code} {answer.reason_phrase}")
    errors: dict[int, type[openai.APIStatusError]] = {
        400: openai.BadRequestError, 401: openai.AuthenticationError,
        403: openai.PermissionDeniedError, 404: openai.NotFoundError,
        429: openai.RateLimitError,
    }
    cls = errors.get(answer.status_code, openai.APIStatusError)
    if answer.status_code >= 500:
        cls = openai.InternalServerError
    return cls(str(message), response=response, body=data)
