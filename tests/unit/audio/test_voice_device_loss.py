"""A voice session whose speaker or microphone goes away mid-session: the user is told which
device and what happened, the transcript so far stays, stop() returns promptly and no
exception escapes.

Devices are removed by unloading a PulseAudio null sink of the test's own (`virt` and `mic`
stay for the other tests). Through PulseAudio, PortAudio does not report the loss: the
speaker's stream plays on into nothing (the next reply's player then cannot open) and the
microphone's stream runs on with exact zeros. The speaker is removed between replies: removed
mid-reply, starting the next stream (opened before) hung in PortAudio or, while another
thread closed a stream, aborted the process (left to a separate fix). A stream the host API
ends (as ALSA does for an unplugged USB device) is the last test: the stream aborted underneath.
"""

from __future__ import annotations

import asyncio
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from playground.audio.voice_io import MicStream
from playground.model.voice import ResponseFinished, VoiceConfig
from playground.services import voice_session
from playground.services.messages import Severity, UserMessage
from playground.services.voice_session import VoiceSession, default_audio
from tests.fake_openai.routes_realtime import RealtimeScript
from tests.unit.audio.helpers import client_for, tone, write_tone

pytestmark = pytest.mark.audio

RATE = 24_000


def _pactl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["pactl", *args], capture_output=True, text=True, timeout=10)


@pytest.fixture
def lossy(pulse: Any) -> Iterator[str]:
    """The module of a null sink `lossy`, for the test to unload."""
    module = _pactl("load-module", "module-null-sink", "sink_name=lossy").stdout.strip()
    assert module, "could not load a null sink"
    try:
        yield module
    finally:
        _pactl("unload-module", module)  # when the test did not get that far


def _question() -> bytes:
    """0.4 s of speech, then 0.5 s of silence: the server's VAD ends the turn and replies."""
    return (tone(0.4, RATE, 300.0) * 32767).astype("<i2").tobytes() + bytes(RATE)


async def _until(condition: Callable[[], object], timeout: float, state: object = "") -> None:
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, f"timed out; {state}"
        await asyncio.sleep(0.02)


class Watched:
    """A session on the real devices, with what the user was told and how it ended."""

    def __init__(self, fake_api: Any) -> None:
        self.client = client_for(fake_api.url)
        self.mics: list[MicStream] = []
        audio = default_audio("pulse", "pulse")

        def microphone(on_pcm: Callable[[bytes], None]) -> MicStream:
            self.mics.append(audio["microphone"](on_pcm))
            return self.mics[-1]

        self.session = VoiceSession(self._client, output=audio["output"],
                                    microphone=microphone)
        self.messages: list[UserMessage] = []
        self.ended: list[str] = []
        self.replies = 0
        self.kinds: list[str] = []  # the session's events, for a failure's message
        self.errors: list[object] = []  # exceptions that escaped into the event loop
        self.session.message.connect(self.messages.append)
        self.session.ended.connect(self.ended.append)
        self.session.event.connect(self._count)
        asyncio.get_running_loop().set_exception_handler(
            lambda _loop, context: self.errors.append(context))

    async def _client(self) -> Any:
        return self.client

    def __repr__(self) -> str:
        return f"events {self.kinds}, messages {self.messages}, ended {self.ended}"

    def _count(self, event: object) -> None:
        if not self.kinds or self.kinds[-1] != type(event).__name__:
            self.kinds.append(type(event).__name__)
        if isinstance(event, ResponseFinished):
            self.replies += 1

    async def close(self) -> float:
        """Stop (whatever state the session is in); how long stop() took."""
        began = time.monotonic()
        await asyncio.wait_for(self.session.stop(), 5)
        took = time.monotonic() - began
        await self.client.aclose()
        return took

    def assistant_text(self) -> str:
        return " ".join(line.text for line in self.session.lines if line.role == "assistant")


def test_speaker_removed_between_replies_ends_the_session_with_a_message(
        lossy: str, speakers_to: Any, fake_api: Any) -> None:
    fake_api.state["realtime"] = RealtimeScript(tone_seconds=1.0, pace=0.02)
    speakers_to(sink="lossy", source="mic.monitor")  # the microphone hears silence

    async def main() -> tuple[Watched, float]:
        watched = Watched(fake_api)
        session = watched.session
        try:
            assert await session.start(VoiceConfig(model="gpt-realtime"))
            session.feed(_question())
            await _until(lambda: watched.replies and not session.speaking, 15, watched)
            await asyncio.sleep(0.5)  # the played reply's stream is closed
            assert _pactl("unload-module", lossy).returncode == 0
            session.feed(_question())  # the next reply has no speaker to play on
            await _until(lambda: watched.ended, 15, watched)
        finally:
            took = await watched.close()
        return watched, took

    watched, took = asyncio.run(main())
    assert watched.ended == ["failed"]
    errors = [m for m in watched.messages if m.severity == Severity.ERROR]
    assert [m.text for m in errors] == [
        "The speaker “pulse” could not play the reply: it may have been unplugged or taken "
        "by another app. The voice session was ended; its transcript is kept."]
    assert "Could not open the output device" in errors[0].detail
    assert "Hello! I am" in watched.assistant_text()  # the first reply's words stay
    assert took < 2
    assert watched.errors == []


def test_microphone_removed_warns_it_gives_no_sound(
        pulse: Any, lossy: str, speakers_to: Any, fake_api: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(voice_session, "SILENT_SECONDS", 2.0)
    speakers_to(sink="virt", source="lossy.monitor")  # the microphone is `lossy`
    question = write_tone(tmp_path / "question.wav", 1.0, 48_000, frequency=300.0,
                          amplitude=0.5)

    async def main() -> tuple[Watched, float, float]:
        watched = Watched(fake_api)
        session = watched.session
        try:
            assert await session.start(VoiceConfig(model="gpt-realtime"))
            pulse.play_into("lossy", question).wait(10)
            await _until(lambda: watched.replies, 15, watched)  # heard through the microphone
            assert _pactl("unload-module", lossy).returncode == 0
            removed = time.monotonic()
            await _until(lambda: watched.messages, 25, watched)
            told = time.monotonic() - removed
            assert session.active  # the microphone may come back: the session goes on
        finally:
            took = await watched.close()
        return watched, told, took

    watched, told, took = asyncio.run(main())
    assert [(m.severity, m.text) for m in watched.messages] == [(
        Severity.WARNING, "The microphone “pulse” has given no sound at all for 2 seconds: "
        "it may be muted, unplugged or used by another app.")]
    assert told < 25  # PulseAudio's source stalls a while before the zeros; a busy machine
    assert "Hello! I am" in watched.assistant_text()
    assert watched.ended == ["stopped"]
    assert took < 2
    assert watched.errors == []


def test_microphone_stream_ended_by_the_host_ends_the_session_with_a_message(
        pulse: Any, speakers_to: Any, fake_api: Any) -> None:
    speakers_to(sink="virt", source="mic.monitor")

    async def main() -> tuple[Watched, float]:
        watched = Watched(fake_api)
        session = watched.session
        try:
            assert await session.start(VoiceConfig(model="gpt-realtime"))
            session.feed(_question())
            await _until(lambda: watched.replies, 15, watched)
            # what ALSA does to the stream of an unplugged USB microphone
            watched.mics[0]._stream.abort()
            await _until(lambda: watched.ended, 5, watched)
        finally:
            took = await watched.close()
        return watched, took

    watched, took = asyncio.run(main())
    assert watched.ended == ["failed"]
    assert [(m.severity, m.text) for m in watched.messages] == [(
        Severity.ERROR, "The microphone “pulse” stopped working: it may have been unplugged "
        "or taken by another app. The voice session was ended; its transcript is kept.")]
    assert "Hello! I am" in watched.assistant_text()
    assert took < 2
    assert watched.errors == []
