"""Speech to text: transcriptions and translations with every option each model accepts.

Diarization (gpt-4o-transcribe-diarize) follows the SDK's params: `diarized_json` is the
format that labels speakers (json and text are accepted but carry none), `chunking_strategy`
is required past 30 s (always "auto" here: uploads may be long), `prompt`, `include` and
timestamp granularities are not taken, and up to 4 known speakers each need a 2–10 s sample
sent as a data URL.
"""

from __future__ import annotations

import asyncio
import base64
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

WHISPER_FORMATS = ("json", "text", "srt", "vtt", "verbose_json")
TOKEN_MODEL_FORMATS = ("json", "text")
DIARIZE_FORMATS = ("diarized_json", "json", "text")  # diarized_json: the one with speakers
DIARIZED = "diarized_json"
GRANULARITIES = ("segment", "word")
MAX_KNOWN_SPEAKERS = 4
SAMPLE_SECONDS = (2.0, 10.0)
_SAMPLE_MIME = {"wav": "audio/wav", "mp3": "audio/mpeg", "mpeg": "audio/mpeg",
                "mpga": "audio/mpeg", "flac": "audio/flac", "ogg": "audio/ogg",
                "oga": "audio/ogg", "m4a": "audio/mp4", "mp4": "audio/mp4",
                "webm": "audio/webm"}


def is_whisper(model: str) -> bool:
    """whisper-1 and local Whisper servers take every format; gpt-4o-*-transcribe do not."""
    return "whisper" in model.lower()


def is_diarize(model: str) -> bool:
    """gpt-4o-transcribe-diarize (and its snapshots): speakers, not prompts."""
    return "diarize" in model.lower()


def response_formats(model: str) -> tuple[str, ...]:
    if is_diarize(model):
        return DIARIZE_FORMATS
    return WHISPER_FORMATS if is_whisper(model) else TOKEN_MODEL_FORMATS


def supports_translation(model: str) -> bool:
    return is_whisper(model)


def supports_granularities(model: str, response_format: str) -> bool:
    return is_whisper(model) and response_format == "verbose_json"


@dataclass(frozen=True)
class KnownSpeaker:
    """A name the diarizer labels with, and a 2–10 s sample of that voice."""

    name: str
    sample: Path


@dataclass(frozen=True)
class TranscriptionRequest:
    model: str
    translate: bool = False  # to English, via /audio/translations
    language: str = ""  # ISO-639-1; transcriptions only
    prompt: str = ""
    temperature: float | None = None
    response_format: str = "json"
    granularities: tuple[str, ...] = ()
    known_speakers: tuple[KnownSpeaker, ...] = ()  # diarize only


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

    if is_diarize(request.model) and request.response_format not in DIARIZE_FORMATS:
        raise bad(f"{request.model} cannot answer as {request.response_format}; choose "
                  f"{DIARIZED} to have the speakers labelled (json and text carry no "
                  "speakers).")
    if request.response_format == DIARIZED and not is_diarize(request.model):
        raise bad(f"Only gpt-4o-transcribe-diarize answers as {DIARIZED}; {request.model} "
                  "does not tell speakers apart.")
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
    if is_diarize(request.model):
        if request.prompt.strip():
            raise bad(f"{request.model} does not take a prompt; clear it to diarize.")
    elif request.known_speakers:
        raise bad(f"Known speakers need gpt-4o-transcribe-diarize; {request.model} does not "
                  "tell speakers apart.")
    _check_speakers(request.known_speakers, bad)


def _check_speakers(speakers: Sequence[KnownSpeaker],
                    bad: Callable[[str], ApiFailure]) -> None:
    if len(speakers) > MAX_KNOWN_SPEAKERS:
        raise bad(f"At most {MAX_KNOWN_SPEAKERS} known speakers can be given; "
                  f"there are {len(speakers)}.")
    names = [s.name.strip() for s in speakers]
    if any(not n for n in names):
        raise bad("Every known speaker needs a name.")
    if len(set(names)) < len(names):
        raise bad("Two known speakers have the same name; give each a different one.")
    for speaker in speakers:
        if not str(speaker.sample).strip() or speaker.sample == Path():
            raise bad(f"Choose a 2–10 second voice sample for {speaker.name.strip()}.")


def speaker_references(request: TranscriptionRequest) -> list[str]:
    """The samples as data URLs, checked (2–10 s, a format the API takes). Blocking file I/O:
    run it off the event loop's thread."""
    from playground.audio import codecs
    from playground.audio.errors import AudioError
    from playground.audio.formats import extension

    urls: list[str] = []
    for speaker in request.known_speakers:
        name, path = speaker.name.strip(), Path(speaker.sample)
        mime = _SAMPLE_MIME.get(extension(str(path)))
        if mime is None:
            raise ApiFailure(FailureKind.BAD_REQUEST,
                             f"The voice sample for {name} ({path.name}) is not an audio "
                             "format the API takes: " + ", ".join(_SAMPLE_MIME) + ".")
        try:
            seconds = codecs.probe(path).seconds
        except AudioError:
            seconds = None  # a container libsndfile cannot read (m4a…): the server checks
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ApiFailure(FailureKind.BAD_REQUEST,
                             f"The voice sample for {name} could not be read: "
                             f"{exc.strerror or exc}.") from exc
        low, high = SAMPLE_SECONDS
        if seconds is not None and not low <= seconds <= high:
            raise ApiFailure(FailureKind.BAD_REQUEST,
                             f"The voice sample for {name} is {seconds:.1f} s long; it must "
                             f"be between {low:g} and {high:g} seconds.")
        urls.append(f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}")
    return urls


def request_arguments(request: TranscriptionRequest,
                      references: Sequence[str] = ()) -> dict[str, Any]:
    """The SDK's keyword arguments; `references`: speaker_references(request)."""
    args: dict[str, Any] = {"model": request.model, "response_format": request.response_format}
    if request.prompt.strip() and not is_diarize(request.model):
        args["prompt"] = request.prompt
    if is_diarize(request.model) and not request.translate:
        args["chunking_strategy"] = "auto"  # required past 30 s; harmless below
        if request.known_speakers:
            args["known_speaker_names"] = [s.name.strip() for s in request.known_speakers]
            args["known_speaker_references"] = list(references)
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
    if response_format == DIARIZED:
        return tr.from_diarized_json(data), usage
    return tr.Transcript(str(data["text"]).strip()), usage


async def transcribe_file(
    client: ApiClient, request: TranscriptionRequest, path: Path, seconds: float = 0.0,
    references: Sequence[str] | None = None,
) -> TranscriptionResult:
    """One upload. `seconds` is the local duration, used when the server reports none;
    `references`: the known speakers' samples (read here when not given)."""
    check(request)
    if references is None:
        references = await asyncio.to_thread(speaker_references, request)
    data = await asyncio.to_thread(Path(path).read_bytes)
    audio = client.sdk.audio
    endpoint = audio.translations if request.translate else audio.transcriptions
    try:
        raw = await endpoint.with_raw_response.create(
            file=(Path(path).name, data), **request_arguments(request, references)
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
    check(request)
    references = await asyncio.to_thread(speaker_references, request)
    results: list[TranscriptionResult] = []
    for i, part in enumerate(parts):
        if on_part:
            on_part(i, len(parts))
        results.append(await transcribe_file(client, request, part.path, part.seconds,
                                             references))
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
        return transcript.labelled_text()
    if response_format == DIARIZED:
        return json.dumps({"task": "transcribe", "duration": transcript.duration,
                           "text": transcript.text,
                           "segments": [{"type": "transcript.text.segment", "id": f"seg_{i}",
                                         "start": s.start, "end": s.end, "text": s.text,
                                         "speaker": s.speaker}
                                        for i, s in enumerate(transcript.segments)]},
                          ensure_ascii=False)
    return json.dumps({"text": transcript.text}, ensure_ascii=False)
