"""Words while recording: a Realtime transcription session (Qt-free).

`open_live_transcription(client, model, language)` connects with the SDK's realtime client
and `intent=transcription` (no conversation, no replies), configures a transcription
session and waits for the server to confirm it, so a refused key, an unknown model or a
server without the Realtime API fail there as an ApiFailure. The caller then streams PCM16
24 kHz with `append` and reads our plain events from `events()`:
UserTranscriptDelta while an utterance is being transcribed, UserTranscriptDone (with its
usage) when it is final, TranscriptionFailed for an utterance the server could not read.

gpt-live-transcribe cuts the audio into utterances with server voice-activity detection;
gpt-realtime-whisper streams words continuously and supports no VAD (the SDK's
`realtime_transcription_session_audio_input_param.py`), so its buffer is committed by us,
at the end.
"""

from __future__ import annotations

from typing import Any

from playground.api.client import ApiClient
from playground.api.realtime import OPEN_TIMEOUT, RealtimeSession, open_session, ws_url
from playground.model.voice import REALTIME_RATE, VoiceConfig

WITHOUT_VAD = frozenset({"gpt-realtime-whisper"})
SILENCE_MS = 500  # a pause this long ends an utterance: its text becomes final


def uses_vad(model: str) -> bool:
    return model not in WITHOUT_VAD


def transcription_payload(model: str, language: str = "") -> dict[str, Any]:
    """session.update's `session`, in the SDK's RealtimeTranscriptionSessionCreateRequest
    shape."""
    transcription: dict[str, Any] = {"model": model}
    if language:
        transcription["language"] = language
    return {
        "type": "transcription",
        "audio": {"input": {
            "format": {"type": "audio/pcm", "rate": REALTIME_RATE},
            "transcription": transcription,
            "turn_detection": ({"type": "server_vad", "silence_duration_ms": SILENCE_MS}
                               if uses_vad(model) else None),
            "noise_reduction": {"type": "near_field"},
        }},
    }


async def open_live_transcription(client: ApiClient, model: str, language: str = "",
                                  timeout: float = OPEN_TIMEOUT) -> RealtimeSession:
    manager = client.sdk.realtime.connect(extra_query={"intent": "transcription"})
    config = VoiceConfig(model=model, transcription_model=model)
    return await open_session(manager, ws_url(client, "intent=transcription"), config,
                              transcription_payload(model, language), timeout)
