"""Plain types of a voice conversation with a realtime model: its settings and its events.

`api.realtime` turns the SDK's server events into these; `services.voice_session` and the
Voice tab read only these. Audio is PCM16 little-endian mono at 24 kHz, as the API sends it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from playground.model.types import ApiFailure, RateLimits

REALTIME_RATE = 24_000  # the Realtime API's PCM16 sample rate, both directions
BYTES_PER_MS = REALTIME_RATE * 2 // 1000  # PCM16 mono: 48 bytes per millisecond

# From the SDK's RealtimeSessionCreateRequest.model and the output voice literals.
REALTIME_MODELS = ("gpt-realtime-2", "gpt-realtime-2.1", "gpt-realtime-2.1-mini",
                   "gpt-realtime-1.5", "gpt-realtime", "gpt-realtime-mini")
VOICES = ("marin", "cedar", "alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer",
          "verse")
TURN_DETECTIONS = ("server_vad", "semantic_vad", "none")  # none: push-to-talk
EAGERNESS = ("auto", "low", "medium", "high")
NOISE_REDUCTIONS = ("", "near_field", "far_field")  # "": off
# From the SDK's AudioTranscription.model: what can transcribe the user's side live.
# Realtime transcription sessions (intent=transcription): words while recording.
LIVE_TRANSCRIPTION_MODELS = ("gpt-live-transcribe", "gpt-realtime-whisper")
INPUT_TRANSCRIPTION_MODELS = ("gpt-live-transcribe", "gpt-realtime-whisper", "gpt-transcribe",
                              "gpt-4o-transcribe", "gpt-4o-mini-transcribe", "whisper-1")


@dataclass(frozen=True)
class VoiceConfig:
    """What session.update sends. `functions` use the chat tab's shape (name, description,
    parameters)."""

    model: str = "gpt-realtime-2"
    voice: str = "marin"
    instructions: str = ""
    turn_detection: str = "server_vad"  # server_vad | semantic_vad | none (push-to-talk)
    eagerness: str = "auto"  # semantic_vad only
    vad_threshold: float | None = None  # server_vad only; None: the server's default
    silence_ms: int | None = None  # server_vad only
    noise_reduction: str = ""  # "" (off) | near_field | far_field
    transcription_model: str = ""  # "": no transcript of the user's speech
    output_modalities: tuple[str, ...] = ("audio",)  # ("audio",) or ("text",)
    functions: tuple[dict[str, Any], ...] = ()
    tool_choice: str = "auto"

    @property
    def push_to_talk(self) -> bool:
        return self.turn_detection == "none"


@dataclass(frozen=True)
class VoiceUsage:
    """Tokens of one response (response.done). Cached tokens are part of the inputs."""

    input_text: int = 0
    input_audio: int = 0
    cached_text: int = 0
    cached_audio: int = 0
    output_text: int = 0
    output_audio: int = 0

    def __add__(self, other: VoiceUsage) -> VoiceUsage:
        return VoiceUsage(*(a + b for a, b in zip(self.as_tuple(), other.as_tuple(),
                                                  strict=True)))

    def as_tuple(self) -> tuple[int, int, int, int, int, int]:
        return (self.input_text, self.input_audio, self.cached_text, self.cached_audio,
                self.output_text, self.output_audio)

    @property
    def input_tokens(self) -> int:
        return self.input_text + self.input_audio

    @property
    def output_tokens(self) -> int:
        return self.output_text + self.output_audio


# ---- events (yielded by api.realtime.RealtimeSession.events()) ---------------------------


@dataclass(frozen=True)
class SessionReady:
    """session.updated: the server took our settings."""

    session_id: str
    model: str


@dataclass(frozen=True)
class SpeechStarted:
    """Server VAD heard the user start speaking (at this ms of the input buffer)."""

    item_id: str
    audio_start_ms: int


@dataclass(frozen=True)
class SpeechStopped:
    item_id: str
    audio_end_ms: int


@dataclass(frozen=True)
class InputCommitted:
    """The input buffer became a user message item (by VAD or by our commit)."""

    item_id: str


@dataclass(frozen=True)
class UserTranscriptDelta:
    item_id: str
    text: str


@dataclass(frozen=True)
class UserTranscriptDone:
    item_id: str
    text: str
    # What the transcription of this item used (transcription sessions bill per item):
    # seconds of audio, or tokens, as the server reports them; 0 when it does not.
    audio_seconds: float = 0.0
    input_tokens: int = 0
    output_tokens: int = 0


@dataclass(frozen=True)
class TranscriptionFailed:
    """One item of speech could not be transcribed (the session goes on)."""

    item_id: str
    message: str


@dataclass(frozen=True)
class ResponseStarted:
    response_id: str


@dataclass(frozen=True)
class AssistantTranscriptDelta:
    """Words of the model's reply: the transcript of its speech, or its text."""

    item_id: str
    text: str


@dataclass(frozen=True)
class AssistantTranscriptDone:
    item_id: str
    text: str


@dataclass(frozen=True)
class AudioChunk:
    """PCM16 mono 24 kHz of the model's speech, for item `item_id`."""

    item_id: str
    content_index: int
    pcm: bytes


@dataclass(frozen=True)
class FunctionCallRequest:
    """The model called a function; answer with RealtimeSession.send_function_result."""

    call_id: str
    name: str
    arguments: str  # JSON text
    item_id: str


@dataclass(frozen=True)
class ResponseFinished:
    response_id: str
    status: str  # completed | cancelled | incomplete | failed
    usage: VoiceUsage


@dataclass(frozen=True)
class Truncated:
    """The server cut an assistant item to what was heard (conversation.item.truncated)."""

    item_id: str
    audio_end_ms: int


@dataclass(frozen=True)
class RateLimitsUpdated:
    limits: RateLimits


@dataclass(frozen=True)
class VoiceError:
    """An error event that does not end the session (e.g. cancelling a finished reply)."""

    failure: ApiFailure


VoiceEvent = (SessionReady | SpeechStarted | SpeechStopped | InputCommitted
              | UserTranscriptDelta | UserTranscriptDone | ResponseStarted
              | AssistantTranscriptDelta | AssistantTranscriptDone | AudioChunk
              | FunctionCallRequest | ResponseFinished | Truncated | RateLimitsUpdated
              | TranscriptionFailed | VoiceError)


@dataclass
class TranscriptLine:
    """One line of the conversation view: who said it and what (growing while streamed)."""

    role: str  # user | assistant | function
    item_id: str
    text: str = ""
    done: bool = False
    truncated_at_ms: int | None = None  # the model was interrupted here
    extra: dict[str, Any] = field(default_factory=dict)
