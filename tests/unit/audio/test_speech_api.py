"""api.speech against the loopback server: real SDK, real HTTP, streamed PCM."""

import asyncio
import typing

import numpy as np
import pytest

from playground.api.speech import (
    SpeechRequest,
    SpeechUsage,
    request_arguments,
    stream_pcm,
    stream_speech,
    supports_sse,
    voices,
)
from playground.audio.codecs import pcm16_to_float
from playground.audio.formats import PCM_RATE
from playground.model.types import ApiFailure, FailureKind
from tests.fake_openai.routes_audio import speech_signal
from tests.unit.audio.helpers import client_for, peak_frequency


async def collect(url: str, request: SpeechRequest) -> list[bytes]:
    client = client_for(url)
    chunks: list[bytes] = []
    try:
        async for chunk in stream_pcm(client, request):
            chunks.append(chunk)
        return chunks
    finally:
        await client.aclose()
        # what arrived before a failure is still returned to the caller via `chunks`


def test_pcm_streams_in_chunks_and_is_the_signal(fake_api):
    fake_api.state["speech_seconds"] = 2.0
    chunks = asyncio.run(collect(fake_api.url, SpeechRequest("tts-1", "alloy", "Hello.")))
    assert len(chunks) > 10 and all(len(c) % 2 == 0 for c in chunks)
    samples = pcm16_to_float(b"".join(chunks))
    assert len(samples) == 2 * PCM_RATE
    assert abs(peak_frequency(samples, PCM_RATE) - 440) < 2
    sent = fake_api.requests_to("/audio/speech")[0].json
    assert sent["response_format"] == "pcm" and sent["input"] == "Hello."


def test_options_follow_the_model():
    mini = request_arguments(SpeechRequest("gpt-4o-mini-tts", "coral", "x", 2.0, "Whisper"))
    assert mini["instructions"] == "Whisper" and "speed" not in mini
    tts1 = request_arguments(SpeechRequest("tts-1", "coral", "x", 2.0, "Whisper"))
    assert tts1["speed"] == 2.0 and "instructions" not in tts1


def test_speed_reaches_the_server(fake_api):
    fake_api.state["speech_seconds"] = 2.0
    chunks = asyncio.run(collect(fake_api.url, SpeechRequest("tts-1-hd", "nova", "x", 2.0)))
    assert len(b"".join(chunks)) == PCM_RATE * 2  # 2 s at speed 2 -> 1 s
    assert fake_api.requests_to("/audio/speech")[0].json["speed"] == 2.0


def test_empty_text_is_refused_before_any_request(fake_api):
    with pytest.raises(ApiFailure, match="no text to speak"):
        asyncio.run(collect(fake_api.url, SpeechRequest("tts-1", "alloy", "  ")))
    assert fake_api.requests_to("/audio/speech") == []


def test_too_long_text_names_the_limit(fake_api):
    with pytest.raises(ApiFailure, match=r"4,097 characters.*4,096"):
        asyncio.run(collect(fake_api.url, SpeechRequest("tts-1", "alloy", "a" * 4097)))


def test_failure_mid_audio_is_interrupted_and_keeps_what_arrived(fake_api):
    fake_api.state.update(speech_seconds=4.0, speech_fail_after=0.5)
    got: list[bytes] = []

    async def run() -> None:
        client = client_for(fake_api.url)
        try:
            async for chunk in stream_pcm(client, SpeechRequest("tts-1", "alloy", "Hi")):
                got.append(chunk)
        finally:
            await client.aclose()

    with pytest.raises(ApiFailure) as info:
        asyncio.run(run())
    assert info.value.kind == FailureKind.INTERRUPTED
    received = len(b"".join(got)) / 2 / PCM_RATE
    assert 1.5 <= received <= 2.1
    assert np.abs(pcm16_to_float(b"".join(got))).max() > 0.1


def test_server_error_before_audio(fake_api):
    with pytest.raises(ApiFailure) as info:
        asyncio.run(collect(fake_api.url, SpeechRequest("tts-1", "robot", "Hi")))
    assert info.value.kind == FailureKind.BAD_REQUEST and "voice" in info.value.message


# ---------------------------------------------------------------- stream_format="sse"
async def collect_items(url: str, request: SpeechRequest) -> list[bytes | SpeechUsage]:
    client = client_for(url)
    items: list[bytes | SpeechUsage] = []
    try:
        async for item in stream_speech(client, request):
            items.append(item)
        return items
    finally:
        await client.aclose()


def test_sse_models_stream_events_and_the_tone_arrives_intact(fake_api):
    fake_api.state.update(speech_seconds=2.0, speech_frequency=523.0, speech_sse_chunk=3_333)
    items = asyncio.run(collect_items(
        fake_api.url, SpeechRequest("gpt-4o-mini-tts", "marin", "Hello there.")))
    sent = fake_api.requests_to("/audio/speech")[0]
    assert sent.json["stream_format"] == "sse" and sent.json["response_format"] == "pcm"
    pcm = [i for i in items if isinstance(i, bytes)]
    assert len(pcm) > 10 and all(len(c) % 2 == 0 for c in pcm)  # odd deltas re-paired
    samples = pcm16_to_float(b"".join(pcm))
    assert len(samples) == 2 * PCM_RATE
    assert abs(peak_frequency(samples, PCM_RATE) - 523) < 2
    expected = speech_signal(2.0, 523.0)
    assert np.max(np.abs(samples - expected)) < 2 / 32768  # sample for sample
    assert items[-1] == SpeechUsage(input_tokens=3, output_tokens=40)


def test_models_without_sse_fall_back_silently_to_pcm(fake_api):
    fake_api.state["speech_seconds"] = 1.0
    for model in ("tts-1", "tts-1-hd", "kokoro-v1"):
        fake_api.state["speech_models"] = ("tts-1", "tts-1-hd", "kokoro-v1")
        items = asyncio.run(collect_items(fake_api.url, SpeechRequest(model, "alloy", "Hi")))
        assert all(isinstance(i, bytes) for i in items)
        assert abs(peak_frequency(pcm16_to_float(b"".join(items)), PCM_RATE) - 440) < 2
    assert all("stream_format" not in r.json for r in fake_api.requests_to("/audio/speech"))
    assert supports_sse("gpt-4o-mini-tts-2025-12-15") and not supports_sse("tts-1-hd")


def test_a_server_answering_raw_audio_to_an_sse_request_still_plays(fake_api):
    fake_api.state.update(speech_seconds=1.0, speech_sse_ignored=True)
    items = asyncio.run(collect_items(fake_api.url,
                                      SpeechRequest("gpt-4o-mini-tts", "alloy", "Hi")))
    assert all(isinstance(i, bytes) for i in items)
    assert len(pcm16_to_float(b"".join(items))) == PCM_RATE


def test_sse_cut_midway_keeps_what_arrived(fake_api):
    fake_api.state.update(speech_seconds=4.0, speech_fail_after=0.5)
    got: list[bytes | SpeechUsage] = []

    async def run() -> None:
        client = client_for(fake_api.url)
        try:
            async for item in stream_speech(client, SpeechRequest("gpt-4o-mini-tts", "alloy",
                                                                  "Hi")):
                got.append(item)
        finally:
            await client.aclose()

    with pytest.raises(ApiFailure) as info:
        asyncio.run(run())
    assert info.value.kind == FailureKind.INTERRUPTED
    assert not any(isinstance(i, SpeechUsage) for i in got)  # the done event never came
    samples = pcm16_to_float(b"".join(i for i in got if isinstance(i, bytes)))
    assert 1.5 <= len(samples) / PCM_RATE <= 2.1
    assert abs(peak_frequency(samples, PCM_RATE) - 440) < 2


def test_voices_are_the_sdks():
    from openai.types.audio import speech_create_params

    listed = {v for arm in typing.get_args(speech_create_params.Voice)
              if typing.get_origin(arm) is typing.Literal for v in typing.get_args(arm)}
    for model in ("tts-1", "gpt-4o-mini-tts"):
        assert set(voices(model)) == listed and "marin" in listed
