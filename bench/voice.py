"""Voice: mouth-to-ear latency the app adds, and how fast the model's speech stops when the
user talks over it.

Over the loopback realtime server (real SDK, real WebSocket) into a PulseAudio null sink
`virt`, whose monitor is read back here with small blocks:

- mouth-to-ear: from the server's first audio delta (RealtimeLog.first_delta_at) to that
  sound at the sink monitor, detected by level. Baseline in the same run: the same PCM, fed
  at the server's pace straight into a SpeechPlayer (what the audio path alone costs); the
  difference is what the app adds (target ≤ 50 ms).
- barge-in: the user's speech starts (its first 20 ms block, handed to the session as a
  microphone would); VoiceSession.stopped_audio_at says when playback was cut (target
  ≤ 100 ms), and the monitor says when the sink went silent.

    python bench/voice.py [runs]
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _pulse import ensure_pulse  # noqa: E402

RUNS = 5
RATE = 24_000
BLOCK = 240  # 10 ms monitor blocks
LOUD = 0.05  # the server's tone peaks at 0.4
NETWORK: list[float] = []  # first delta sent -> its chunk in the session (WebSocket + SDK)


class Monitor:
    """Reads the speaker sink's monitor; notes when it turns loud and when it falls silent,
    as perf_counter times of the first such sample."""

    def __init__(self) -> None:
        self.loud_at: float | None = None
        self.quiet_at: float | None = None
        self._watch_quiet = False
        self._lock = threading.Lock()
        self._stream: Any = None

    def start(self) -> None:
        import sounddevice as sd

        os.environ["PULSE_SOURCE"] = "virt.monitor"  # read when the stream opens
        self._stream = sd.InputStream(samplerate=RATE, channels=1, dtype="float32",
                                      device="pulse", blocksize=BLOCK, latency="low",
                                      callback=self._callback)
        self._stream.start()

    def reset(self) -> None:
        with self._lock:
            self.loud_at = self.quiet_at = None
            self._watch_quiet = False

    def watch_quiet(self) -> None:
        with self._lock:
            self.quiet_at, self._watch_quiet = None, True

    def stop(self) -> None:
        if self._stream is not None:
            self._stream.stop()
            self._stream.close()

    def _callback(self, indata: Any, frames: int, when: Any, status: Any) -> None:
        import numpy as np

        now = time.perf_counter()
        block = np.abs(indata[:, 0])
        # the block's last sample was captured at about `now`: sample i, (frames - i) earlier
        with self._lock:
            if self.loud_at is None:
                loud = np.flatnonzero(block > LOUD)
                if len(loud):
                    self.loud_at = now - (frames - loud[0]) / RATE
            if self._watch_quiet and self.quiet_at is None:
                # silent from some sample to the block's end: the sound stopped there
                loud = np.flatnonzero(block > LOUD)
                last = loud[-1] + 1 if len(loud) else 0
                if last < frames - BLOCK // 2:
                    self.quiet_at = now - (frames - last) / RATE


async def _wait(condition: Any, timeout: float = 10.0) -> None:
    end = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > end:
            raise TimeoutError("the sound did not arrive in time")
        await asyncio.sleep(0.002)


def tone(seconds: float, hz: float = 300.0) -> bytes:
    import numpy as np

    t = np.arange(int(seconds * RATE)) / RATE
    return (0.5 * np.sin(2 * np.pi * hz * t) * 32767).astype("<i2").tobytes()


async def baseline(monitor: Monitor, chunk_ms: int, pace: float) -> float:
    """The server's tone fed at its pace straight into a SpeechPlayer: first feed -> sink."""
    import numpy as np

    from playground.audio.player import SpeechPlayer
    from tests.fake_openai.routes_realtime import tone_chunk

    player = SpeechPlayer(rate=RATE, device="pulse")
    await asyncio.to_thread(player.start)
    monitor.reset()
    chunk = RATE * chunk_ms // 1000
    first = time.perf_counter()
    try:
        for i in range(10):
            pcm = tone_chunk(i * chunk, chunk, 440.0)
            player.feed(np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768)
            if i == 0:
                first = time.perf_counter()
            await asyncio.sleep(pace)
        player.finish()
        await _wait(lambda: monitor.loud_at is not None)
    finally:
        player.stop()
    assert monitor.loud_at is not None
    await asyncio.sleep(0.3)
    return monitor.loud_at - first


async def conversation(url: str, server: Any, monitor: Monitor) -> tuple[float, float, float]:
    """(first delta -> sink, speech start -> playback cut, speech start -> sink silent)."""
    from playground.api.client import ApiClient
    from playground.model.types import Profile
    from playground.model.voice import AudioChunk, VoiceConfig
    from playground.services.voice_session import VoiceSession, default_audio
    from tests.fake_openai.routes_realtime import realtime_logs

    client = ApiClient(Profile(name="bench", base_url=url), "sk-bench")

    async def get_client() -> ApiClient:
        return client

    audio = default_audio("pulse", "pulse")
    session = VoiceSession(get_client, output=audio["output"])
    arrived: list[float] = []  # when the session got the first audio chunk
    session.event.connect(lambda e: isinstance(e, AudioChunk) and not arrived
                          and arrived.append(time.perf_counter()))
    logs_before = len(realtime_logs(server))
    monitor.reset()
    try:
        assert await session.start(VoiceConfig(model="gpt-realtime"))
        session.feed(tone(0.4) + bytes(RATE))  # a question, then silence: the reply starts
        log = realtime_logs(server)[logs_before]
        await _wait(lambda: monitor.loud_at is not None and log.first_delta_at)
        assert monitor.loud_at is not None
        ear = monitor.loud_at - log.first_delta_at[0]
        NETWORK.append(arrived[0] - log.first_delta_at[0])
        await asyncio.sleep(0.8)  # the reply plays for a while
        monitor.watch_quiet()
        loop = asyncio.get_running_loop()
        speech = tone(0.3)
        step = RATE * 2 // 50  # 20 ms blocks, as MicStream hands them
        spoke_at = loop.time()
        for i in range(0, len(speech), step):
            if i == 0:
                spoke_at = loop.time() - 0.020  # the block held 20 ms of speech already
            session.feed(speech[i:i + step])
            await asyncio.sleep(0.020)
            if session.stopped_audio_at is not None:
                break
        await _wait(lambda: session.stopped_audio_at is not None and monitor.quiet_at)
        assert session.stopped_audio_at is not None and monitor.quiet_at is not None
        cut = session.stopped_audio_at - spoke_at
        # loop.time() is time.monotonic(); perf_counter shares its clock on Linux, but the
        # offset is taken here so no such assumption is made
        offset = time.perf_counter() - loop.time()
        silent = monitor.quiet_at - (spoke_at + offset)
    finally:
        await session.stop()
        await client.aclose()
    await asyncio.sleep(0.3)
    return ear, cut, silent


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else RUNS
    ensure_pulse()
    os.environ["PULSE_SINK"] = "virt"
    from tests.fake_openai import FakeOpenAI
    from tests.fake_openai.routes_realtime import RealtimeScript

    script = RealtimeScript(tone_seconds=4.0, pace=0.02, chunk_ms=100)
    ears, bases, cuts, silents = [], [], [], []
    monitor = Monitor()
    monitor.start()
    try:
        with FakeOpenAI() as server:
            server.state["realtime"] = script
            # warm-up, not counted: PulseAudio's first stream and the SDK's first import
            asyncio.run(baseline(monitor, script.chunk_ms, script.pace))
            asyncio.run(conversation(server.url, server, monitor))
            for _ in range(runs):
                bases.append(asyncio.run(baseline(monitor, script.chunk_ms, script.pace)))
                ear, cut, silent = asyncio.run(conversation(server.url, server, monitor))
                ears.append(ear)
                cuts.append(cut)
                silents.append(silent)
    finally:
        monitor.stop()

    def ms(values: list[float]) -> str:
        return ", ".join(f"{v * 1000:.1f}" for v in values)

    ear, base = statistics.median(ears), statistics.median(bases)
    cut, silent = statistics.median(cuts), statistics.median(silents)
    print(f"baseline, same PCM straight into SpeechPlayer -> sink: {base * 1000:.1f} ms "
          f"(median of {runs}: {ms(bases)})")
    print(f"first audio delta -> sink (mouth-to-ear over loopback): {ear * 1000:.1f} ms "
          f"(median of {runs}: {ms(ears)})")
    print(f"of which delta sent -> chunk in the session (WebSocket, SDK, decode): "
          f"{statistics.median(NETWORK[-runs:]) * 1000:.1f} ms")
    print(f"added by the app: {(ear - base) * 1000:.1f} ms (target ≤ 50 ms); "
          f"ratio to baseline: {ear / base:.2f}")
    print(f"speech start -> playback cut (stopped_audio_at): {cut * 1000:.1f} ms "
          f"(median of {runs}: {ms(cuts)}; target ≤ 100 ms)")
    print(f"speech start -> sink silent: {silent * 1000:.1f} ms (median of {runs}: "
          f"{ms(silents)})")
    return 0 if ear - base <= 0.050 and cut <= 0.100 else 1


if __name__ == "__main__":
    raise SystemExit(main())
