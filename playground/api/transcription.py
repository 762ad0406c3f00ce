"""Speech to text: transcriptions and translations with every option each model accepts."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from playground.api.endpoint_probe import missing_endpoint, reset_while_sending
from playground.api.errors import to_failure
from playground.audio import transcript as tr
from playground.model.types import ApiFailure, FailureKind

if TYPE_CHECKING:
    from playground.api.client import ApiClient
    from playground.audio.upload import UploadPart

TRANSCRIPTION_MODELS = ("whisper-1", "gpt-4o-transcribe", "gpt-4o-mini-transcribe")
WHISPER_FORMATS = ("json", "text", "srt", "vtt", "verbose_json")
TOKEN_MODEL_FORMATS = ("json", "text")
GRANULARITIES = ("segment", "word")


def is_whisper(model: str) -> bool:
    """whisper-1 and local Whisper servers take every format; gpt-4o-*-transcribe do not."""
    return "whisper" in model.lower()


def response_formats(model: str) -> tuple[str, ...]:
    return WHISPER_FORMATS if is_whisper(model) else TOKEN_MODEL_FORMATS


def supports_translation(model: str) -> bool:
    return is_whisper(model)


def supports_granularities(model: str, response_format: str) -> bool:
    return is_whisper(model) and response_format == "verbose_json"


@dataclass(frozen=True)
class TranscriptionRequest:
    model: str
    translate: bool = False  # to English, via /audio/translations
    language: str = ""  # ISO-639-1; transcriptions only
    prompt: str = ""
    temperature: float | None = None
    response_format: str = "json"
    granularities: tuple[str, ...] = ()


@dataclass
class TranscriptionResult:
    transcript: tr.Transcript
    raw: str  # the body as the server sent it (srt/vtt/text/json)
    request_ids: list[str] = field(default_factory=list)
    audio_seconds: float = 0.0  # billed duration (whisper) or the local duration
    input_tokens: int = 0
    output_tokens: int = 0
    usage_estimated: bool = False  # the body had no usage (text/srt/vtt): counted locally


def check(request: TranscriptionRequest) -> None:
    def bad(message: str) -> ApiFailure:
        return ApiFailure(FailureKind.BAD_REQUEST, message)

    if request.response_format not in response_formats(request.model):
        raise bad(f"{request.model} cannot answer as {request.response_format}; choose one of "
                  + ", ".join(response_formats(request.model)) + ".")
    if request.translate and not supports_translation(request.model):
        raise bad(f"Translation to English needs whisper-1; {request.model} only transcribes.")
    if request.granularities and not supports_granularities(request.model,
                                                           request.response_format):
        raise bad("Word or segment timestamps need whisper-1 with the verbose_json format.")
    if request.temperature is not None and not 0.0 <= request.temperature <= 1.0:
        raise bad("Temperature must be between 0 and 1.")


def request_arguments(request: TranscriptionRequest) -> dict[str, Any]:
    args: dict[str, Any] = {"model": request.model, "response_format": request.response_format}
    if request.prompt.strip():
        args["prompt"] = request.prompt
    if request.temperature is not None:
        args["temperature"] = request.temperature
    if not request.translate:
        if request.language.strip():
            args["language"] = request.language.strip().lower()
        if request.granularities:
            args["timestamp_granularities"] = list(request.granularities)
    return args


def parse_body(response_format: str, body: str) -> tuple[tr.Transcript, dict[str, Any]]:
    """The transcript and the usage object (empty when the format carries none)."""
    if response_format in ("srt", "vtt"):
        return tr.from_cues(body), {}
    if response_format == "text":
        return tr.Transcript(body.strip()), {}
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise ApiFailure(FailureKind.SERVER, "The server's answer was not valid JSON.") from exc
    if not isinstance(data, dict) or "text" not in data:
        raise ApiFailure(FailureKind.SERVER, "The server's answer has no transcript text.")
    raw_usage = data.get("usage")
    usage: dict[str, Any] = raw_usage if isinstance(raw_usage, dict) else {}
    if response_format == "verbose_json":
        return tr.from_verbose_json(data), usage
    return tr.Transcript(str(data["text"]).strip()), usage


async def transcribe_file(
    client: ApiClient, request: TranscriptionRequest, path: Path, seconds: float = 0.0,
) -> TranscriptionResult:
    """One upload. `seconds` is the local duration, used when the server reports none."""
    check(request)
    data = await asyncio.to_thread(Path(path).read_bytes)
    audio = client.sdk.audio
    endpoint = audio.translations if request.translate else audio.transcriptions
    try:
        raw = await endpoint.with_raw_response.create(
            file=(Path(path).name, data), **request_arguments(request)
        )
        body = raw.text
    except ApiFailure:
        raise
    except Exception as exc:
        if reset_while_sending(exc):
            path_name = "/audio/translations" if request.translate else "/audio/transcriptions"
            missing = await missing_endpoint(client, path_name)
            if missing is not None:
                raise missing from exc
        raise to_failure(exc) from exc
    transcript, usage = parse_body(request.response_format, body)
    result = TranscriptionResult(transcript, body, [raw.request_id] if raw.request_id else [])
    if usage.get("type") == "tokens":
        result.input_tokens = int(usage.get("input_tokens", 0))
        result.output_tokens = int(usage.get("output_tokens", 0))
        result.audio_seconds = seconds
    elif usage.get("type") == "duration":
        result.audio_seconds = float(usage.get("seconds", 0.0))
    else:
        result.audio_seconds = transcript.duration or seconds
        result.usage_estimated = True
    if transcript.duration is None and seconds:
        transcript.duration = seconds
    return result


async def transcribe_parts(
    client: ApiClient, request: TranscriptionRequest, parts: Sequence[UploadPart],
    on_part: Callable[[int, int], None] | None = None,
) -> TranscriptionResult:
    """Parts in order; text and timestamps stitched as one transcript of the whole file."""
    results: list[TranscriptionResult] = []
    for i, part in enumerate(parts):
        if on_part:
            on_part(i, len(parts))
        results.append(await transcribe_file(client, request, part.path, part.seconds))
    if len(results) == 1:
        return results[0]
    stitched = tr.stitch([(p.offset, r.transcript) for p, r in zip(parts, results, strict=True)])
    raw = render(request.response_format, stitched)
    return TranscriptionResult(
        stitched, raw, [rid for r in results for rid in r.request_ids],
        sum(r.audio_seconds for r in results), sum(r.input_tokens for r in results),
        sum(r.output_tokens for r in results), any(r.usage_estimated for r in results),
    )


def render(response_format: str, transcript: tr.Transcript) -> str:
    """A body in `response_format` for a transcript we stitched ourselves."""
    if response_format == "srt":
        return tr.to_srt(transcript)
    if response_format == "vtt":
        return tr.to_vtt(transcript)
    if response_format == "text":
        return transcript.text
    return json.dumps({"text": transcript.text}, ensure_ascii=False)
