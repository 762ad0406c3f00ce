"""Text to speech that streams: raw 24 kHz PCM chunks as they download, for instant playback.

Models that take `stream_format="sse"` (the catalog says which, from the SDK's own docs: not
tts-1 or tts-1-hd) are asked for server-sent events: `speech.audio.delta` carries base64 PCM,
`speech.audio.done` the request's token usage, so speech is priced by its real units. The
SDK has no event types for these (its `create` returns bytes), so its generic `AsyncStream`
decodes the SSE and this module reads the two events. Every other model, and any server that
answers raw audio anyway, streams plain PCM as before.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from playground.api.errors import to_failure
from playground.model import catalog_data
from playground.model.capabilities import Endpoint, model_info
from playground.model.types import ApiFailure, FailureKind

if TYPE_CHECKING:
    from playground.api.client import ApiClient

INPUT_LIMIT = 4_096
SPEED_RANGE = (0.25, 4.0)
CHUNK_BYTES = 1_200  # 25 ms of pcm: small, so the first sound is not held back
AUDIO_DELTA = "speech.audio.delta"
AUDIO_DONE = "speech.audio.done"


@dataclass(frozen=True)
class SpeechRequest:
    model: str
    voice: str
    input: str
    speed: float = 1.0
    instructions: str = ""


@dataclass(frozen=True)
class SpeechUsage:
    """What `speech.audio.done` reports: the tokens the request is billed for."""

    input_tokens: int
    output_tokens: int


def voices(model: str) -> tuple[str, ...]:
    """The built-in voices of /audio/speech for `model`, as the SDK's `Voice` literal lists
    them. The SDK gives one list for every speech model (custom voice ids can be typed)."""
    del model  # the SDK does not tell the models' voices apart
    return catalog_data.voices()


def supports_sse(model: str) -> bool:
    """The catalog (from the SDK's docs) says the model streams SSE; unknown names (local
    servers) and tts-1 / tts-1-hd get raw PCM."""
    info = model_info(model)
    return info.speech is not None and info.speech.sse and Endpoint.SPEECH in info.endpoints


def supports_instructions(model: str) -> bool:
    """`instructions` steer gpt-4o-mini-tts and later; tts-1 and tts-1-hd reject them."""
    info = model_info(model)
    if info.speech is not None:
        return info.speech.instructions
    return not model.lower().startswith("tts-1")


def supports_speed(model: str) -> bool:
    """gpt-4o-mini-tts ignores `speed` (its instructions set the pace)."""
    return "gpt-4o" not in model.lower()


def check(request: SpeechRequest) -> None:
    if not request.input.strip():
        raise ApiFailure(FailureKind.BAD_REQUEST, "There is no text to speak.")
    if len(request.input) > INPUT_LIMIT:
        raise ApiFailure(
            FailureKind.BAD_REQUEST,
            f"The text has {len(request.input):,} characters; one request takes at most "
            f"{INPUT_LIMIT:,}. Split it into parts.",
        )


def request_arguments(request: SpeechRequest) -> dict[str, Any]:
    args: dict[str, Any] = {"model": request.model, "voice": request.voice,
                            "input": request.input, "response_format": "pcm"}
    if supports_speed(request.model) and request.speed != 1.0:
        args["speed"] = min(max(request.speed, SPEED_RANGE[0]), SPEED_RANGE[1])
    if request.instructions.strip() and supports_instructions(request.model):
        args["instructions"] = request.instructions.strip()
    if supports_sse(request.model):
        args["stream_format"] = "sse"
        # The SDK asks for octet-stream; an SSE answer is text/event-stream.
        args["extra_headers"] = {"Accept": "text/event-stream"}
    return args


async def stream_speech(client: ApiClient,
                        request: SpeechRequest) -> AsyncIterator[bytes | SpeechUsage]:
    """Yield s16le mono 24 kHz chunks (even lengths) as they arrive, then the usage when the
    server reports it (SSE only). ApiFailure on error; a cut stream raises INTERRUPTED after
    what arrived was yielded."""
    check(request)
    started = False
    try:
        async with client.sdk.audio.speech.with_streaming_response.create(
            **request_arguments(request)
        ) as response:
            content_type = response.http_response.headers.get("content-type", "")
            if "text/event-stream" not in content_type:
                async for chunk in response.iter_bytes(CHUNK_BYTES):
                    started = True
                    yield chunk
                return
            async for item in _sse_items(client, response.http_response):
                started = True
                yield item
    except ApiFailure:
        raise
    except Exception as exc:
        raise to_failure(exc, during_stream=started) from exc


async def stream_pcm(client: ApiClient, request: SpeechRequest) -> AsyncIterator[bytes]:
    """Only the PCM of `stream_speech` (callers that do not bill usage)."""
    async for item in stream_speech(client, request):
        if isinstance(item, bytes):
            yield item


async def _sse_items(client: ApiClient, http_response: Any) -> AsyncIterator[bytes | SpeechUsage]:
    from openai import AsyncStream

    stream: AsyncStream[object] = AsyncStream(cast_to=object, response=http_response,
                                              client=client.sdk)
    odd = b""  # a delta may end mid-sample: keep its last byte for the next one
    async for event in stream:
        if not isinstance(event, dict):
            continue
        kind = event.get("type")
        if kind == AUDIO_DELTA:
            try:
                pcm = odd + base64.b64decode(str(event.get("audio") or ""), validate=True)
            except (binascii.Error, ValueError) as exc:
                raise ApiFailure(FailureKind.SERVER,
                                 "The server sent audio that is not valid base64.") from exc
            usable = len(pcm) - len(pcm) % 2
            odd = pcm[usable:]
            if usable:
                yield pcm[:usable]
        elif kind == AUDIO_DONE:
            usage = event.get("usage")
            if isinstance(usage, dict):
                yield SpeechUsage(int(usage.get("input_tokens") or 0),
                                  int(usage.get("output_tokens") or 0))
