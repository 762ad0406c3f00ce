"""The realtime session: the real SDK over a loopback WebSocket that speaks the SDK's types."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any

import numpy as np
import pytest

from playground.api.client import ApiClient
from playground.api.realtime import RealtimeSession, open_realtime
from playground.model.types import ApiFailure, FailureKind, Profile
from playground.model.voice import (
    AssistantTranscriptDelta,
    AssistantTranscriptDone,
    AudioChunk,
    FunctionCallRequest,
    RateLimitsUpdated,
    ResponseFinished,
    SpeechStarted,
    Truncated,
    UserTranscriptDone,
    VoiceConfig,
    VoiceEvent,
)
from tests.fake_openai import FakeOpenAI, Fault
from tests.fake_openai.routes_realtime import RealtimeScript, realtime_logs

RATE = 24_000
WEATHER = {"name": "get_weather", "description": "Weather in a city",
           "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}


def pcm_tone(seconds: float, hz: float, amplitude: float = 0.5) -> bytes:
    t = np.arange(int(seconds * RATE)) / RATE
    return (amplitude * np.sin(2 * np.pi * hz * t) * 32767).astype("<i2").tobytes()


def peak_hz(pcm: bytes) -> float:
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32)
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
    return float(np.argmax(spectrum) * RATE / len(samples))


def run(fake: FakeOpenAI, body: Callable[[ApiClient], Awaitable[Any]], key: str = "sk-test",
        ) -> Any:
    async def main() -> Any:
        client = ApiClient(Profile(base_url=fake.url), key)
        try:
            return await asyncio.wait_for(body(client), 20)
        finally:
            await client.aclose()

    return asyncio.run(main())


async def until_finished(rt: RealtimeSession, events: list[VoiceEvent],
                         on: Callable[[VoiceEvent], Awaitable[None]] | None = None,
                         replies: int = 1) -> None:
    async for event in rt.events():
        events.append(event)
        if on is not None:
            await on(event)
        if isinstance(event, ResponseFinished):
            replies -= 1
            if replies == 0:
                return


def test_a_spoken_turn_gives_both_transcripts_the_tone_and_usage(fake_api):
    config = VoiceConfig(model="gpt-realtime-2", voice="cedar", instructions="Be brief.",
                         turn_detection="semantic_vad", eagerness="high",
                         noise_reduction="near_field", transcription_model="gpt-live-transcribe")
    events: list[VoiceEvent] = []

    async def body(client: ApiClient) -> None:
        rt = await open_realtime(client, config)
        await rt.append(pcm_tone(0.6, 300) + bytes(RATE))  # speech, then 0.5 s of silence
        await until_finished(rt, events)
        await rt.close()

    run(fake_api, body)
    log = realtime_logs(fake_api)[0]
    assert log.model == "gpt-realtime-2"
    assert log.headers["authorization"] == "Bearer sk-test"
    session = log.of_type("session.update")[0]["session"]
    audio_in = session["audio"]["input"]
    assert audio_in["turn_detection"]["type"] == "semantic_vad"
    assert audio_in["turn_detection"]["eagerness"] == "high"
    assert audio_in["noise_reduction"] == {"type": "near_field"}
    assert audio_in["transcription"] == {"model": "gpt-live-transcribe"}
    assert audio_in["format"] == {"type": "audio/pcm", "rate": 24000}
    assert session["audio"]["output"]["voice"] == "cedar"
    assert session["instructions"] == "Be brief."
    # the microphone audio reached the server intact: its own 300 Hz
    assert peak_hz(bytes(log.audio[: int(0.6 * RATE) * 2])) == pytest.approx(300, abs=2)
    user = [e for e in events if isinstance(e, UserTranscriptDone)]
    assert [u.text for u in user] == ["hello there"]
    words = "".join(e.text for e in events if isinstance(e, AssistantTranscriptDelta))
    assert words == "Hello! I am the fake realtime model."
    assert [e.text for e in events if isinstance(e, AssistantTranscriptDone)] == [words]
    speech = b"".join(e.pcm for e in events if isinstance(e, AudioChunk))
    assert len(speech) == RATE * 2  # the whole 1 s reply
    assert peak_hz(speech) == pytest.approx(440, abs=2)
    limits = next(e for e in events if isinstance(e, RateLimitsUpdated)).limits
    assert limits.tokens.remaining == 399000 and limits.requests.limit == 5000
    done = events[-1]
    assert isinstance(done, ResponseFinished) and done.status == "completed"
    assert done.usage.output_audio == 20 and done.usage.output_text == 7  # 1 s; 7 words
    assert done.usage.input_audio == 11 and done.usage.cached_text == 64  # 1.1 s appended


def test_interruption_truncates_at_the_played_position_and_cancels(fake_api):
    fake_api.state["realtime"] = RealtimeScript(tone_seconds=3.0, pace=0.05)
    events: list[VoiceEvent] = []

    async def body(client: ApiClient) -> None:
        rt = await open_realtime(client, VoiceConfig())
        await rt.append(pcm_tone(0.4, 300) + bytes(RATE))
        chunks = 0

        async def on(event: VoiceEvent) -> None:
            nonlocal chunks
            if isinstance(event, AudioChunk):
                chunks += 1
                if chunks == 3:  # the user talks over the reply
                    await rt.append(pcm_tone(0.2, 300))
            if isinstance(event, SpeechStarted) and chunks:
                await rt.interrupt(next(e.item_id for e in events
                                        if isinstance(e, AudioChunk)), played_ms=180)

        await until_finished(rt, events, on)
        # On a busy machine the truncation can be confirmed before the reply ends.
        if not any(isinstance(e, Truncated) for e in events):
            events.append(await anext(e async for e in rt.events() if isinstance(e, Truncated)))
        await rt.close()

    run(fake_api, body)
    log = realtime_logs(fake_api)[0]
    [truncate] = log.of_type("conversation.item.truncate")
    audio_item = next(e.item_id for e in events if isinstance(e, AudioChunk))
    assert truncate == {"type": "conversation.item.truncate", "item_id": audio_item,
                        "content_index": 0, "audio_end_ms": 180}
    assert Truncated(audio_item, 180) in events
    finished = next(e for e in events if isinstance(e, ResponseFinished))
    assert finished.status == "cancelled"
    assert sum(len(e.pcm) for e in events if isinstance(e, AudioChunk)) < 3 * RATE * 2


def test_push_to_talk_commits_and_asks_for_the_reply(fake_api):
    events: list[VoiceEvent] = []

    async def body(client: ApiClient) -> None:
        rt = await open_realtime(client, VoiceConfig(turn_detection="none"))
        await rt.append(pcm_tone(0.5, 300) + bytes(RATE))  # silence: no VAD commits here
        await rt.commit()
        await until_finished(rt, events)
        await rt.close()

    run(fake_api, body)
    log = realtime_logs(fake_api)[0]
    assert log.of_type("session.update")[0]["session"]["audio"]["input"][
        "turn_detection"] is None
    types = [e["type"] for e in log.events]
    assert types.index("input_audio_buffer.commit") < types.index("response.create")
    assert not any(isinstance(e, SpeechStarted) for e in events)
    assert isinstance(events[-1], ResponseFinished) and events[-1].status == "completed"


def test_function_call_round_trip(fake_api):
    fake_api.state["realtime"] = RealtimeScript(
        function_call=("get_weather", json.dumps({"city": "Paris"})))
    events: list[VoiceEvent] = []

    async def body(client: ApiClient) -> None:
        rt = await open_realtime(client, VoiceConfig(functions=(WEATHER,)))
        await rt.send_text("Weather in Paris?")

        async def on(event: VoiceEvent) -> None:
            if isinstance(event, FunctionCallRequest):
                await rt.send_function_result(event.call_id, '{"temp_c": 21}')

        await until_finished(rt, events, on, replies=2)
        await rt.close()

    run(fake_api, body)
    [call] = [e for e in events if isinstance(e, FunctionCallRequest)]
    assert call.name == "get_weather" and json.loads(call.arguments) == {"city": "Paris"}
    log = realtime_logs(fake_api)[0]
    tools = log.of_type("session.update")[0]["session"]["tools"]
    assert tools == [{"type": "function", **WEATHER}]
    created = log.of_type("conversation.item.create")
    assert created[-1]["item"] == {"type": "function_call_output", "call_id": call.call_id,
                                   "output": '{"temp_c": 21}'}
    assert [e["type"] for e in log.events][-1] == "response.create"
    assert any(isinstance(e, AudioChunk) for e in events)  # the spoken answer came


def failure_of(fake: FakeOpenAI, config: VoiceConfig, key: str = "sk-test") -> ApiFailure:
    async def body(client: ApiClient) -> ApiFailure:
        with pytest.raises(ApiFailure) as caught:
            await open_realtime(client, config)
        return caught.value

    result: ApiFailure = run(fake, body, key)
    return result


def test_wrong_key_is_an_auth_failure_at_connect(fake_api):
    fake_api.valid_keys = {"sk-right"}
    failure = failure_of(fake_api, VoiceConfig(), key="sk-wrong")
    assert failure.kind is FailureKind.AUTH and failure.status == 401
    assert "Incorrect API key" in failure.message


def test_injected_401_on_the_upgrade(fake_api):
    fake_api.inject(Fault(path="/realtime", status=401, message="Key revoked",
                          code="invalid_api_key"))
    failure = failure_of(fake_api, VoiceConfig())
    assert failure.kind is FailureKind.AUTH and failure.message == "Key revoked"


def test_unknown_model_is_a_clear_not_found(fake_api):
    failure = failure_of(fake_api, VoiceConfig(model="gpt-realtime-9000"))
    assert failure.kind is FailureKind.NOT_FOUND and failure.code == "model_not_found"
    assert "`gpt-realtime-9000` does not exist" in failure.message


def test_server_without_realtime_api_says_so(fake_api):
    fake_api.disabled_paths.add("/realtime")
    failure = failure_of(fake_api, VoiceConfig())
    assert failure.kind is FailureKind.NOT_FOUND
    assert "/v1/realtime" in failure.message


def test_nothing_listening_is_a_network_failure(fake_api):
    async def body(client: ApiClient) -> ApiFailure:
        with pytest.raises(ApiFailure) as caught:
            await open_realtime(client, VoiceConfig())
        return caught.value

    async def main() -> ApiFailure:
        client = ApiClient(Profile(base_url="http://127.0.0.1:9/v1"), "sk-test")
        try:
            return await body(client)
        finally:
            await client.aclose()

    failure = asyncio.run(main())
    assert failure.kind is FailureKind.NETWORK and "127.0.0.1:9" in failure.message


def test_network_drop_mid_reply_keeps_what_arrived_and_says_so(fake_api):
    fake_api.state["realtime"] = RealtimeScript(drop_after_deltas=3, pace=0.01)
    events: list[VoiceEvent] = []

    async def body(client: ApiClient) -> ApiFailure:
        rt = await open_realtime(client, VoiceConfig())
        await rt.send_text("Hi")
        with pytest.raises(ApiFailure) as caught:
            await until_finished(rt, events)
        await rt.close()
        return caught.value

    failure = run(fake_api, body)
    assert failure.kind is FailureKind.INTERRUPTED and "lost mid-session" in failure.message
    words = "".join(e.text for e in events if isinstance(e, AssistantTranscriptDelta))
    assert words == "Hello! I am"  # three deltas of words arrived before the drop
    assert sum(isinstance(e, AudioChunk) for e in events) == 3
