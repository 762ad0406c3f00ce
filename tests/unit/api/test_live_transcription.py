"""Realtime transcription sessions (intent=transcription) over the real SDK and WebSocket,
against the loopback server: words while audio streams, final text with its usage, and the
failures a user can meet (unknown model, a server without the Realtime API, a wrong key)."""

from __future__ import annotations

import asyncio
from typing import Any

import numpy as np
import pytest
from openai.types.realtime import RealtimeTranscriptionSessionCreateRequest

from playground.api.client import ApiClient
from playground.api.live_transcription import open_live_transcription, transcription_payload
from playground.model.types import ApiFailure, FailureKind, Profile
from playground.model.voice import UserTranscriptDelta, UserTranscriptDone, VoiceError
from tests.fake_openai.routes_realtime import realtime_logs


def speech(seconds: float, silence: float = 0.0) -> bytes:
    """A loud tone (speech to the server's VAD), then silence: PCM16 24 kHz."""
    t = np.arange(int(24_000 * seconds)) / 24_000
    samples = np.concatenate([0.5 * np.sin(2 * np.pi * 300 * t),
                              np.zeros(int(24_000 * silence))])
    return (samples * 32767).astype("<i2").tobytes()


async def transcribe(fake_api: Any, model: str, pcm: bytes, *, commit: bool = False,
                     key: str = "sk-test") -> list[Any]:
    client = ApiClient(Profile(name="Test", base_url=fake_api.url, timeout=10), key)
    session = await open_live_transcription(client, model, "en")
    events: list[Any] = []

    async def read() -> None:
        async for event in session.events():
            events.append(event)
            if isinstance(event, UserTranscriptDone):
                return

    reader = asyncio.ensure_future(read())
    try:
        for start in range(0, len(pcm), 4_800):  # 100 ms messages
            await session.append(pcm[start:start + 4_800])
        if commit:
            await session.commit(respond=False)
        await asyncio.wait_for(reader, 10)
    finally:
        reader.cancel()
        await session.close()
        await client.aclose()
    return events


def test_words_arrive_then_the_final_text_with_its_duration(fake_api: Any) -> None:
    events = asyncio.run(transcribe(fake_api, "gpt-live-transcribe", speech(1.0, 0.8)))
    deltas = "".join(e.text for e in events if isinstance(e, UserTranscriptDelta))
    done = events[-1]
    assert deltas == done.text == "hello there"
    assert done.audio_seconds > 0.9  # billed by the second
    log = realtime_logs(fake_api)[0]
    assert log.model == ""  # intent=transcription: no conversation model in the URL
    update = log.of_type("session.update")[0]["session"]
    # What we sent is a transcription session as the SDK defines it.
    RealtimeTranscriptionSessionCreateRequest.model_validate(update)
    audio_in = update["audio"]["input"]
    assert audio_in["transcription"] == {"model": "gpt-live-transcribe", "language": "en"}
    assert audio_in["turn_detection"]["type"] == "server_vad"
    assert not log.of_type("response.create")  # never a reply


def test_realtime_whisper_streams_words_without_vad_and_we_commit(fake_api: Any) -> None:
    assert transcription_payload("gpt-realtime-whisper")["audio"]["input"][
        "turn_detection"] is None  # the SDK: VAD is not supported there
    events = asyncio.run(transcribe(fake_api, "gpt-realtime-whisper", speech(2.0),
                                    commit=True))
    deltas = [e.text for e in events if isinstance(e, UserTranscriptDelta)]
    assert len(deltas) >= 4  # a word per 400 ms of speech, while it streamed
    done = events[-1]
    assert isinstance(done, UserTranscriptDone) and done.text == "".join(deltas)
    assert (done.input_tokens, done.output_tokens) == (30, 5)  # billed by tokens


def test_an_unknown_transcription_model_fails_with_the_servers_reason(fake_api: Any) -> None:
    with pytest.raises(ApiFailure) as caught:
        asyncio.run(transcribe(fake_api, "gpt-transcribe-9000", speech(0.2)))
    assert caught.value.code == "invalid_model"
    assert "gpt-transcribe-9000" in caught.value.message


def test_a_server_without_the_realtime_api_says_so(fake_api: Any) -> None:
    fake_api.disabled_paths.add("/realtime")
    with pytest.raises(ApiFailure) as caught:
        asyncio.run(transcribe(fake_api, "gpt-live-transcribe", speech(0.2)))
    assert caught.value.kind is FailureKind.NOT_FOUND


def test_a_wrong_key_is_refused_at_connect(fake_api: Any) -> None:
    fake_api.valid_keys = {"sk-right"}
    with pytest.raises(ApiFailure) as caught:
        asyncio.run(transcribe(fake_api, "gpt-live-transcribe", speech(0.2), key="sk-wrong"))
    assert caught.value.kind is FailureKind.AUTH


def test_committing_too_little_audio_is_a_harmless_error_event(fake_api: Any) -> None:
    async def main() -> list[Any]:
        client = ApiClient(Profile(name="Test", base_url=fake_api.url, timeout=10), "sk-test")
        session = await open_live_transcription(client, "gpt-live-transcribe")
        try:
            await session.commit(respond=False)
            async for event in session.events():
                return [event]
        finally:
            await session.close()
            await client.aclose()
        return []

    event = asyncio.run(main())[0]
    assert isinstance(event, VoiceError)
    assert event.failure.code == "input_audio_buffer_commit_empty"
