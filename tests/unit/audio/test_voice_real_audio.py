"""A voice session through real PulseAudio devices: a tone into the fake microphone reaches
the server (FFT of what it received), the server's 440 Hz reply reaches the speaker sink."""

from __future__ import annotations

import asyncio
import os

import numpy as np
import pytest
import soundfile as sf

from playground.audio.recorder import Recorder
from playground.model.voice import ResponseFinished, VoiceConfig
from playground.services.voice_session import VoiceSession, default_audio
from tests.fake_openai.routes_realtime import realtime_logs
from tests.unit.audio.helpers import client_for, peak_frequency, write_tone

pytestmark = pytest.mark.audio


def test_tone_into_microphone_reaches_server_and_reply_reaches_speaker(
        pulse, speakers_to, fake_api, tmp_path):
    wav = write_tone(tmp_path / "mic.wav", 1.0, 48_000, frequency=300.0, amplitude=0.5)

    async def main() -> None:
        client = client_for(fake_api.url)

        async def get_client():  # type: ignore[no-untyped-def]
            return client

        speakers_to(sink="virt", source="mic.monitor")  # read when each stream opens
        session = VoiceSession(get_client, **default_audio("pulse", "pulse"))
        finished = asyncio.get_running_loop().create_future()
        session.event.connect(lambda e: isinstance(e, ResponseFinished)
                              and not finished.done() and finished.set_result(e))
        assert await session.start(VoiceConfig())
        os.environ["PULSE_SOURCE"] = "virt.monitor"
        speaker = Recorder(tmp_path / "speaker.flac", device="pulse", rate=24_000)
        speaker.start()
        player = pulse.play_into("mic", wav)
        try:
            await asyncio.wait_for(finished, 15)
            for _ in range(100):  # the 1 s reply plays out (later on a busy machine)
                if not session.speaking:
                    break
                await asyncio.sleep(0.05)
            await asyncio.sleep(0.3)  # and leaves the sink for its monitor
        finally:
            player.wait()
            recording = speaker.stop()
            await session.stop()
            await client.aclose()
        heard, rate = sf.read(str(recording.path), dtype="float32")
        loud = np.flatnonzero(np.abs(heard) > 0.1)
        assert len(loud) > 0.6 * rate  # |sine| > 0.1 most of the time: the 1 s reply arrived
        assert peak_frequency(heard[loud[0]:loud[0] + rate // 2], rate) == pytest.approx(
            440, abs=3)

    asyncio.run(main())
    mic = realtime_logs(fake_api)[0].samples()
    loud = np.flatnonzero(np.abs(mic) > 0.1)
    assert len(loud) > 0.6 * 24_000
    assert peak_frequency(mic[loud[0]:loud[0] + 12_000], 24_000) == pytest.approx(300, abs=3)
