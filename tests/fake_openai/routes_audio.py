"""POST /audio/speech (streamed audio), /audio/transcriptions and /audio/translations.

Speech is a real signal: a 440 Hz tone with a 4 Hz syllable-like envelope, one
`SPEECH_SECONDS_PER_CHAR` per input character unless `state["speech_seconds"]` is set.
Options in `server.state`:
  speech_seconds: float      clip length
  speech_stream_over: float  spread the body over this many wall seconds (10 s over 2 s)
  speech_fail_after: float   abort the connection after this fraction of the body
  speech_frequency: float    tone frequency (Hz)
  speech_sse_chunk: int      bytes of audio per `speech.audio.delta` (default 4,800)
  speech_sse_ignored: bool   answer raw audio even when asked for SSE (a compatible server)
  transcript_text: str       text to return; default names the upload and its decoded length
gpt-4o-transcribe-diarize answers `diarized_json` built from the SDK's TranscriptionDiarized:
one segment per sentence, speakers A, B, A… (or the known speakers' names, whose data-URL
samples are decoded and must last 2–10 s); it refuses a prompt, timestamp granularities, and
audio over 30 s without `chunking_strategy`, as the SDK documents.
With `stream_format="sse"` (not for tts-1 / tts-1-hd, as the SDK documents) the audio comes
as base64 `speech.audio.delta` events and a `speech.audio.done` event with token usage.
Uploads are decoded with soundfile, so the returned duration proves real audio arrived.
"""

from __future__ import annotations

import base64
import io
import re
import time
import typing

import numpy as np
import soundfile as sf
from openai.types.audio import speech_create_params
from openai.types.audio.speech_model import SpeechModel
from openai.types.audio.transcription_diarized import (
    TranscriptionDiarized,
    UsageTokens,
)
from openai.types.audio.transcription_diarized_segment import TranscriptionDiarizedSegment

from tests.fake_openai.server import Exchange, FormField, route

PCM_RATE = 24_000
SPEECH_SECONDS_PER_CHAR = 0.06
SPEECH_MODELS = typing.get_args(SpeechModel)  # the SDK's own list
NO_SSE_MODELS = ("tts-1", "tts-1-hd")  # "`sse` is not supported for `tts-1` or `tts-1-hd`"


def _literal_voices() -> tuple[str, ...]:
    """The built-in voices as the SDK's `Voice` type lists them (a server takes them all)."""
    found: list[str] = []
    for arm in typing.get_args(speech_create_params.Voice):
        if typing.get_origin(arm) is typing.Literal:
            found.extend(typing.get_args(arm))
    return tuple(found)


VOICES = _literal_voices()
MAX_UPLOAD = 26_214_400
EXTENSIONS = ("flac", "m4a", "mp3", "mp4", "mpeg", "mpga", "oga", "ogg", "wav", "webm")
WHISPER_FORMATS = ("json", "text", "srt", "vtt", "verbose_json")
GPT4O_FORMATS = ("json", "text")
DIARIZE_MODEL = "gpt-4o-transcribe-diarize"
DIARIZE_FORMATS = ("json", "text", "diarized_json")
_ENCODE = {"wav": ("WAV", "PCM_16"), "flac": ("FLAC", "PCM_16"),
           "mp3": ("MP3", "MPEG_LAYER_III"), "opus": ("OGG", "OPUS")}
_CONTENT_TYPE = {"pcm": "audio/pcm", "wav": "audio/wav", "flac": "audio/flac",
                 "mp3": "audio/mpeg", "opus": "audio/ogg"}


def speech_signal(seconds: float, frequency: float = 440.0) -> np.ndarray:
    t = np.arange(int(seconds * PCM_RATE)) / PCM_RATE
    envelope = 0.55 + 0.45 * np.sin(2 * np.pi * 4.0 * t)
    return (0.5 * envelope * np.sin(2 * np.pi * frequency * t)).astype(np.float32)


@route("POST", "/audio/speech")
def speech(ex: Exchange) -> None:
    body = ex.json() or {}
    text = body.get("input") or ""
    fmt = body.get("response_format", "mp3")
    if body.get("model") not in ex.server.state.get("speech_models", SPEECH_MODELS):
        ex.send_error(404, f"The model `{body.get('model')}` does not exist.",
                      code="model_not_found")
        return
    if not text.strip():
        ex.send_error(400, "[{'type': 'string_too_short', 'loc': ('body', 'input'), 'msg': "
                      "'String should have at least 1 character'}]", param="input")
        return
    if len(text) > 4096:
        ex.send_error(400, "[{'type': 'string_too_long', 'loc': ('body', 'input'), 'msg': "
                      "'String should have at most 4096 characters'}]", param="input")
        return
    voice = body.get("voice")
    if voice not in VOICES:
        ex.send_error(400, f"Invalid voice '{voice}'.", param="voice")
        return
    speed = float(body.get("speed", 1.0))
    if not 0.25 <= speed <= 4.0:
        ex.send_error(400, "speed must be between 0.25 and 4.0", param="speed")
        return
    if fmt not in _CONTENT_TYPE:
        ex.send_error(400, f"response_format {fmt!r} is not supported by this server",
                      param="response_format")
        return
    state = ex.server.state
    seconds = float(state.get("speech_seconds", len(text) * SPEECH_SECONDS_PER_CHAR)) / speed
    samples = speech_signal(seconds, float(state.get("speech_frequency", 440.0)))
    if fmt == "pcm":
        data = (samples * 32767).astype("<i2").tobytes()
    else:
        buffer = io.BytesIO()
        container, subtype = _ENCODE[fmt]
        sf.write(buffer, samples, PCM_RATE, format=container, subtype=subtype)
        data = buffer.getvalue()
    over = float(state.get("speech_stream_over", 0.0))
    stream_format = body.get("stream_format", "audio")
    if stream_format not in ("audio", "sse"):
        ex.send_error(400, f"Invalid value: '{stream_format}'. Supported values are: 'sse' "
                      "and 'audio'.", param="stream_format", code="invalid_value")
        return
    if stream_format == "sse" and body.get("model") in NO_SSE_MODELS:
        ex.send_error(400, f"stream_format 'sse' is not supported for model {body['model']}.",
                      param="stream_format", code="unsupported_value")
        return
    if stream_format == "sse" and not state.get("speech_sse_ignored"):
        _stream_sse(ex, data, text, seconds, over, state.get("speech_fail_after"),
                    int(state.get("speech_sse_chunk", 4_800)))
        return
    _stream_body(ex, data, _CONTENT_TYPE[fmt], over, state.get("speech_fail_after"))


def speech_usage(text: str, seconds: float) -> dict[str, int]:
    """Tokens as gpt-4o-mini-tts bills them: text in, audio out (about 20 per second here)."""
    input_tokens = max(1, len(text) // 4)
    output_tokens = max(1, round(seconds * 20))
    return {"input_tokens": input_tokens, "output_tokens": output_tokens,
            "total_tokens": input_tokens + output_tokens}


def _stream_sse(ex: Exchange, data: bytes, text: str, seconds: float, over: float,
                fail_after: float | None, chunk: int) -> None:
    pieces = [data[i:i + chunk] for i in range(0, len(data), chunk)]
    events: list[dict[str, object]] = [
        {"type": "speech.audio.delta", "audio": base64.b64encode(p).decode("ascii")}
        for p in pieces]
    events.append({"type": "speech.audio.done", "usage": speech_usage(text, seconds)})
    cut = None if fail_after is None else int(len(pieces) * float(fail_after))
    # OpenAI ends this stream after speech.audio.done, without a [DONE] line.
    ex.send_sse(events, delay=over / max(1, len(events)), cut_after=cut, done=False)


def _stream_body(ex: Exchange, data: bytes, ctype: str, over: float,
                 fail_after: float | None) -> None:
    ex.start_chunked(content_type=ctype)
    chunk = 4_800  # 100 ms of pcm
    pieces = [data[i:i + chunk] for i in range(0, len(data), chunk)]
    cut = None if fail_after is None else int(len(pieces) * float(fail_after))
    started = time.perf_counter()
    for i, piece in enumerate(pieces):
        if cut is not None and i >= cut:
            ex.abort()
            return
        if over:  # pace to wall time, so a 10 s clip takes `over` seconds
            wait = started + over * i / len(pieces) - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
        ex.write_chunk(piece)
    ex.end_chunked()


@route("POST", "/audio/transcriptions")
def transcriptions(ex: Exchange) -> None:
    _transcribe(ex, translate=False)


@route("POST", "/audio/translations")
def translations(ex: Exchange) -> None:
    _transcribe(ex, translate=True)


def _field(form: dict[str, list[FormField]], name: str, default: str = "") -> str:
    values = form.get(name)
    return values[-1].text if values else default


def _transcribe(ex: Exchange, *, translate: bool) -> None:
    if len(ex.body) > MAX_UPLOAD + 64_000:  # OpenAI checks the whole request
        ex.send_error(413, "Maximum content size limit (26214400) exceeded.")
        return
    form = ex.form()
    uploads = form.get("file")
    if not uploads or not uploads[-1].filename:
        ex.send_error(400, "you must provide a file", param="file")
        return
    upload = uploads[-1]
    if len(upload.data) > MAX_UPLOAD:
        ex.send_error(413, "Maximum content size limit (26214400) exceeded "
                      f"({len(upload.data)} bytes read)")
        return
    model = _field(form, "model")
    ext = upload.filename.rsplit(".", 1)[-1].lower() if "." in upload.filename else ""
    if ext not in EXTENSIONS:
        ex.send_error(400, f"Invalid file format. Supported formats: {list(EXTENSIONS)}",
                      param="file")
        return
    whisper = model == "whisper-1"
    diarize = model == DIARIZE_MODEL
    if not whisper and model not in ("gpt-transcribe", "gpt-4o-transcribe",
                                     "gpt-4o-mini-transcribe", DIARIZE_MODEL):
        ex.send_error(404, f"The model `{model}` does not exist.", code="model_not_found")
        return
    if translate and not whisper:
        ex.send_error(400, f"Model {model} is not supported for translations.", param="model")
        return
    fmt = _field(form, "response_format", "json")
    allowed = WHISPER_FORMATS if whisper else DIARIZE_FORMATS if diarize else GPT4O_FORMATS
    if fmt == "diarized_json" and not diarize:
        ex.send_error(400, f"response_format 'diarized_json' is only supported for "
                      f"{DIARIZE_MODEL}.", param="response_format", code="unsupported_value")
        return
    if fmt not in allowed:
        ex.send_error(400, f"response_format '{fmt}' is not compatible with model '{model}'.",
                      param="response_format", code="unsupported_value")
        return
    granularities = [f.text for f in form.get("timestamp_granularities[]", [])]
    if granularities and (fmt != "verbose_json" or not whisper):
        ex.send_error(400, "timestamp_granularities requires response_format=verbose_json",
                      param="timestamp_granularities")
        return
    try:
        info = sf.info(io.BytesIO(upload.data))
        frames = info.frames if 0 < info.frames < 2**62 else sum(
            len(b) for b in sf.blocks(io.BytesIO(upload.data), blocksize=65_536))
        duration = frames / info.samplerate
    except Exception:
        ex.send_error(400, "Audio file might be corrupted or unsupported", param="file",
                      code="invalid_value")
        return
    text = ex.server.state.get(
        "transcript_text", f"Transcript of {upload.filename}, {duration:.2f} seconds.")
    if diarize:
        speakers = _diarize_speakers(ex, form, duration)
        if speakers is not None:
            _answer_diarized(ex, fmt, text, duration, speakers)
        return
    _answer(ex, fmt, text, duration, granularities, whisper, translate)


def _diarize_speakers(ex: Exchange, form: dict[str, list[FormField]],
                      duration: float) -> list[str] | None:
    """The labels to use, or None after answering an error."""
    if _field(form, "prompt"):
        ex.send_error(400, f"prompt is not supported with {DIARIZE_MODEL}.", param="prompt")
        return None
    if form.get("timestamp_granularities[]"):
        ex.send_error(400, f"timestamp_granularities is not supported with {DIARIZE_MODEL}.",
                      param="timestamp_granularities")
        return None
    if duration > 30 and not _field(form, "chunking_strategy"):
        ex.send_error(400, "chunking_strategy is required for audio longer than 30 seconds "
                      f"with {DIARIZE_MODEL}.", param="chunking_strategy")
        return None
    names = [f.text for f in form.get("known_speaker_names[]", [])]
    refs = [f.text for f in form.get("known_speaker_references[]", [])]
    if len(names) != len(refs) or len(names) > 4:
        ex.send_error(400, "known_speaker_names and known_speaker_references must have the "
                      "same length (at most 4).", param="known_speaker_names")
        return None
    for name, ref in zip(names, refs, strict=True):
        match = re.match(r"data:audio/[\w.+-]+;base64,(.+)$", ref, re.DOTALL)
        try:
            sample = sf.info(io.BytesIO(base64.b64decode(match.group(1) if match else "")))
            seconds = sample.frames / sample.samplerate
        except Exception:
            ex.send_error(400, f"The reference audio for speaker '{name}' could not be decoded.",
                          param="known_speaker_references")
            return None
        if not 2.0 <= seconds <= 10.0:
            ex.send_error(400, f"The reference audio for speaker '{name}' must be between 2 "
                          "and 10 seconds.", param="known_speaker_references")
            return None
    return names or ["A", "B"]


def _answer_diarized(ex: Exchange, fmt: str, text: str, duration: float,
                     speakers: list[str]) -> None:
    audio_tokens = max(1, round(duration * 10))
    output_tokens = max(1, len(text) // 4)
    usage = UsageTokens(type="tokens", input_tokens=audio_tokens, output_tokens=output_tokens,
                        total_tokens=audio_tokens + output_tokens)
    if fmt == "text":
        ex.send_text(text + "\n")
        return
    if fmt == "json":
        ex.send_json({"text": text, "usage": usage.model_dump(mode="json")})
        return
    segments = [TranscriptionDiarizedSegment(
        id=f"seg_{s['id']}", type="transcript.text.segment", start=float(str(s["start"])),
        end=float(str(s["end"])), text=str(s["text"]).strip(),
        speaker=speakers[i % len(speakers)]) for i, s in enumerate(_segments(text, duration))]
    body = TranscriptionDiarized(task="transcribe", duration=round(duration, 3), text=text,
                                 segments=segments, usage=usage)
    ex.send_json(body.model_dump(mode="json", exclude_none=True))


def _segments(text: str, duration: float) -> list[dict[str, object]]:
    parts = [p for p in re.split(r"(?<=[.!?])\s+", text) if p] or [text]
    step = duration / len(parts)
    return [{"id": i, "seek": 0, "start": round(i * step, 3), "end": round((i + 1) * step, 3),
             "text": " " + p, "tokens": [], "temperature": 0.0, "avg_logprob": -0.2,
             "compression_ratio": 1.0, "no_speech_prob": 0.01} for i, p in enumerate(parts)]


def _stamp(seconds: float, sep: str) -> str:
    ms = round(seconds * 1000)
    return (f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}"
            f"{sep}{ms % 1000:03d}")


def _answer(ex: Exchange, fmt: str, text: str, duration: float, granularities: list[str],
            whisper: bool, translate: bool) -> None:
    segments = _segments(text, duration)
    if fmt == "text":
        ex.send_text(text + "\n")
    elif fmt == "srt":
        ex.send_text("\n".join(
            f"{s['id'] + 1}\n{_stamp(s['start'], ',')} --> {_stamp(s['end'], ',')}\n"
            f"{str(s['text']).strip()}\n" for s in segments))
    elif fmt == "vtt":
        ex.send_text("WEBVTT\n\n" + "\n".join(
            f"{_stamp(s['start'], '.')} --> {_stamp(s['end'], '.')}\n{str(s['text']).strip()}\n"
            for s in segments), content_type="text/vtt")
    elif fmt == "verbose_json":
        body: dict[str, object] = {
            "task": "translate" if translate else "transcribe",
            "language": "english", "duration": round(duration, 3), "text": text,
            "usage": {"type": "duration", "seconds": round(duration)},
        }
        if not granularities or "segment" in granularities:
            body["segments"] = segments
        if "word" in granularities:
            words = text.split()
            step = duration / max(1, len(words))
            body["words"] = [{"word": w, "start": round(i * step, 3),
                              "end": round((i + 1) * step, 3)} for i, w in enumerate(words)]
        ex.send_json(body)
    elif whisper:
        ex.send_json({"text": text,
                      "usage": {"type": "duration", "seconds": max(1, round(duration))}})
    else:
        audio_tokens = max(1, round(duration * 10))
        output_tokens = max(1, len(text) // 4)
        ex.send_json({"text": text, "usage": {
            "type": "tokens", "input_tokens": audio_tokens, "output_tokens": output_tokens,
            "total_tokens": audio_tokens + output_tokens,
            "input_token_details": {"audio_tokens": audio_tokens, "text_tokens": 0}}})
