"""VoiceSession over the real SDK and the loopback realtime server, with a clock-driven
output (plays in real time, no device) so interruption positions are deterministic enough."""

from __future__ import annotations

import asyncio
import time
from decimal import Decimal
from typing import Any

import numpy as np

from playground.api.client import ApiClient
from playground.model.types import FailureKind, Profile
from playground.model.voice import REALTIME_RATE, VoiceConfig
from playground.services.messages import UserMessage
from playground.services.voice_session import VoiceSession
from tests.fake_openai.routes_realtime import RealtimeScript, realtime_logs


class ClockOutput:
    """Plays fed PCM at real-time speed from the first feed (what a device would do)."""

    def __init__(self) -> None:
        self.current_item: str | None = None
        self.fed: dict[str, int] = {}
        self.started_at: float | None = None
        self.stops = 0

    def prepare(self) -> None:
        pass

    def feed(self, item_id: str, pcm: bytes) -> None:
        if self.started_at is None:
            self.started_at = time.perf_counter()
        self.current_item = item_id
        self.fed[item_id] = self.fed.get(item_id, 0) + len(pcm) // 2

    def finish(self) -> None:
        pass

    def played_ms(self, item_id: str) -> int:
        if self.started_at is None:
            return 0
        elapsed = int((time.perf_counter() - self.started_at) * 1000)
        return min(elapsed, self.fed.get(item_id, 0) * 1000 // REALTIME_RATE)

    @property
    def playing(self) -> bool:
        item = self.current_item
        return item is not None and self.played_ms(item) < self.fed[item] * 1000 // 24000

    def stop(self) -> None:
        self.stops += 1
        self.current_item, self.started_at = None, None

    def close(self) -> None:
        self.stop()


def tone(seconds: float, hz: float = 300) -> bytes:
    t = np.arange(int(seconds * REALTIME_RATE)) / REALTIME_RATE
    return (0.5 * np.sin(2 * np.pi * hz * t) * 32767).astype("<i2").tobytes()


def run_session(fake: Any, body: Any, **kw: Any) -> tuple[VoiceSession, list[UserMessage]]:
    messages: list[UserMessage] = []

    async def main() -> VoiceSession:
        client = ApiClient(Profile(base_url=fake.url), "sk-test")

        async def get_client() -> ApiClient:
            return client

        session = VoiceSession(get_client, **kw)
        session.message.connect(messages.append)
        ended = asyncio.get_running_loop().create_future()
        session.ended.connect(lambda why: ended.done() or ended.set_result(why))
        try:
            await asyncio.wait_for(body(session, ended), 20)
        finally:
            await session.stop()
            await client.aclose()
        return session

    return asyncio.run(main()), messages


def test_interrupting_the_reply_stops_playback_and_truncates_where_it_was_heard(fake_api):
    fake_api.state["realtime"] = RealtimeScript(tone_seconds=4.0, pace=0.05)
    output = ClockOutput()

    async def body(session: VoiceSession, ended: Any) -> None:
        assert await session.start(VoiceConfig(transcription_model="gpt-live-transcribe"))
        session.feed(tone(0.4) + bytes(REALTIME_RATE))
        while output.started_at is None:
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.4)  # ~400 ms of the reply heard, then the user talks over it
        session.feed(tone(0.2))
        while not session.interruptions:
            await asyncio.sleep(0.01)
        while not realtime_logs(fake_api)[0].of_type("conversation.item.truncate"):
            await asyncio.sleep(0.01)

    session, messages = run_session(fake_api, body, output=output)
    assert not messages
    [(item, heard)] = session.interruptions
    assert 350 <= heard <= 700
    [truncate] = realtime_logs(fake_api)[0].of_type("conversation.item.truncate")
    assert truncate["item_id"] == item and truncate["audio_end_ms"] == heard
    assert output.stops >= 1
    user = [line for line in session.lines if line.role == "user"]
    assert user[0].text == "hello there" and user[0].done
    assistant = next(line for line in session.lines if line.role == "assistant")
    assert assistant.truncated_at_ms == heard and assistant.text.startswith("Hello!")


def test_push_to_talk_commits_on_release(fake_api):
    async def body(session: VoiceSession, ended: Any) -> None:
        assert await session.start(VoiceConfig(turn_detection="none"))
        await session.talk(True)
        session.feed(tone(0.5))
        await session.talk(False)
        while session.usage.output_audio == 0:
            await asyncio.sleep(0.01)

    session, _messages = run_session(fake_api, body, output=ClockOutput())
    types = [e["type"] for e in realtime_logs(fake_api)[0].events]
    assert types[-3:] == ["input_audio_buffer.append", "input_audio_buffer.commit",
                          "response.create"]
    assert "input_audio_buffer.clear" in types
    assert session.lines[-1].role == "assistant" and session.lines[-1].done


def test_budget_cap_ends_the_session_with_a_clear_message(fake_api):
    async def body(session: VoiceSession, ended: Any) -> None:
        assert await session.start(VoiceConfig(model="gpt-realtime"))
        session.feed(tone(0.4) + bytes(REALTIME_RATE))
        assert await ended == "budget"

    session, messages = run_session(fake_api, body, output=ClockOutput(),
                                    budget=Decimal("0.0001"))
    assert session.cost.audio > session.cost.text > 0  # 20 audio tokens out cost the most
    assert session.cost.total >= Decimal("0.0001")
    [warning] = messages
    assert "ended" in warning.text and "cap of $0.00" in warning.text
    assert not session.active


def test_network_drop_keeps_the_transcript_so_far(fake_api):
    fake_api.state["realtime"] = RealtimeScript(drop_after_deltas=3, pace=0.01)

    async def body(session: VoiceSession, ended: Any) -> None:
        assert await session.start(VoiceConfig(transcription_model="gpt-live-transcribe"))
        session.feed(tone(0.4) + bytes(REALTIME_RATE))
        assert await ended == "failed"

    session, messages = run_session(fake_api, body, output=ClockOutput())
    [failure] = [m.failure for m in messages]
    assert failure is not None and failure.kind is FailureKind.INTERRUPTED
    assert [(x.role, x.text) for x in session.lines] == [("user", "hello there"),
                                                        ("assistant", "Hello! I am")]


def test_unknown_model_fails_start_with_the_servers_reason(fake_api):
    async def body(session: VoiceSession, ended: Any) -> None:
        assert not await session.start(VoiceConfig(model="gpt-nope"))

    _session, messages = run_session(fake_api, body, output=ClockOutput())
    [message] = messages
    assert message.failure is not None and message.failure.kind is FailureKind.NOT_FOUND
    assert "gpt-nope" in message.text
