"""Text to speech that streams: raw 24 kHz PCM chunks as they download, for instant playback."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from playground.api.errors import to_failure
from playground.model.types import ApiFailure, FailureKind

if TYPE_CHECKING:
    from playground.api.client import ApiClient

SPEECH_MODELS = ("gpt-4o-mini-tts", "tts-1", "tts-1-hd")
VOICES = ("alloy", "ash", "ballad", "coral", "echo", "fable", "nova", "onyx", "sage",
          "shimmer", "verse", "marin", "cedar")
INPUT_LIMIT = 4_096
SPEED_RANGE = (0.25, 4.0)
CHUNK_BYTES = 1_200  # 25 ms of pcm: small, so the first sound is not held back


@dataclass(frozen=True)
class SpeechRequest:
    model: str
    voice: str
    input: str
    speed: float = 1.0
    instructions: str = ""


def supports_instructions(model: str) -> bool:
    """`instructions` steer gpt-4o-mini-tts and later; tts-1 and tts-1-hd reject them."""
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
    return args


async def stream_pcm(client: ApiClient, request: SpeechRequest) -> AsyncIterator[bytes]:
    """Yield s16le mono 24 kHz chunks (even lengths) as they arrive; ApiFailure on error."""
    check(request)
    started = False
    try:
        async with client.sdk.audio.speech.with_streaming_response.create(
            **request_arguments(request)
        ) as response:
            async for chunk in response.iter_bytes(CHUNK_BYTES):
                started = True
                yield chunk
    except ApiFailure:
        raise
    except Exception as exc:
        raise to_failure(exc, during_stream=started) from exc
