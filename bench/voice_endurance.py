"""Voice endurance: a long voice conversation through real audio devices without underruns.

A VoiceSession over the loopback realtime server (in a child process) with the real audio
path, default_audio("pulse", "pulse"): the microphone reads the PulseAudio null sink `mic`'s
monitor, into which a 1 s tone is played every 10-15 s (paplay), so the server's VAD hears a
turn and the model replies with a 4 s tone, streamed as 100 ms deltas every 20 ms (faster
than real time, as OpenAI sends); the reply plays into the null sink `virt`, whose monitor
is read back here to hear gaps.

Reported: replies, seconds of reply audio received and heard at the sink, starvation
underruns (VoiceOutput.underruns: the player had nothing to play mid-reply), device
underruns (VoiceOutput.device_underruns: PortAudio output underflows), microphone overflows
(MicStream.overflows) and gaps heard at the sink (a reply falling silent for 0.5 ms to
0.5 s). Target: 0 underruns in a 5-minute session.

Device underruns as a reply's stream starts are counted apart (start_underruns): PortAudio's
ALSA backend starts the stream after writing one 10 ms period and PulseAudio may take it
before the second; no gap is heard at the sink, and the bare player has them as often.

Baseline in the same run: a bare SpeechPlayer fed the same replies at the same pace and
cadence (no session, no WebSocket, no microphone) for --baseline-minutes; underruns per
minute of both are compared.

    python bench/voice_endurance.py [--minutes 5] [--baseline-minutes 1]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._pulse import ensure_pulse  # noqa: E402
from bench._realtime_child import start_realtime, stop_realtime  # noqa: E402

RATE = 24_000
REPLY_SECONDS = 4.0
CHUNK_MS, PACE = 100, 0.02  # the loopback server's reply: 100 ms deltas every 20 ms
SUB = RATE // 200  # 5 ms: the sink monitor judges loud/quiet per 5 ms
LOUD_RMS = 0.2  # the reply tone's RMS is 0.28 (peak 0.4)
# A gap: >= 0.5 ms of samples under QUIET between sounding samples, shorter than 0.5 s (the
# replies are seconds apart). The 440 Hz tone at 0.4 is under QUIET for 1 sample per crossing.
QUIET, GAP_MIN, GAP_MAX = 0.01, RATE // 2000, RATE // 2


class SinkMonitor:
    """Reads `virt.monitor`: seconds of loud audio, and gaps (runs of silent samples)
    inside replies."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stream: Any = None
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self.loud_blocks = 0
            self.gaps = 0
            self.overflows = 0
            self._quiet_run = -1  # samples; -1: no sound yet

    def start(self) -> None:
        import sounddevice as sd

        os.environ["PULSE_SOURCE"] = "virt.monitor"  # read when the stream opens
        self._stream = sd.InputStream(samplerate=RATE, channels=1, dtype="float32",
                                      device="pulse", blocksize=SUB * 8, callback=self._callback)
        self._stream.start()

    def stop(self) -> None:
        if self._stream is not None:
            self._stream.stop()
            self._stream.close()

    @property
    def seconds_heard(self) -> float:
        return self.loud_blocks * SUB / RATE

    def _callback(self, indata: Any, frames: int, when: Any, status: Any) -> None:
        import numpy as np

        samples = indata[:, 0]
        blocks = samples[: frames - frames % SUB].reshape(-1, SUB)
        loud = int(np.count_nonzero(np.sqrt(np.mean(blocks ** 2, axis=1)) >= LOUD_RMS))
        # runs of quiet / sounding samples (run-length encoding)
        quiet = np.abs(samples) < QUIET
        starts = np.r_[0, np.flatnonzero(np.diff(quiet.astype(np.int8))) + 1]
        lengths = np.diff(np.r_[starts, len(quiet)])
        with self._lock:
            if status.input_overflow:
                self.overflows += 1
            self.loud_blocks += loud
            for is_quiet, length in zip(quiet[starts].tolist(), lengths.tolist(), strict=True):
                if is_quiet:
                    if self._quiet_run >= 0:
                        self._quiet_run += length
                else:
                    if GAP_MIN <= self._quiet_run < GAP_MAX:
                        self.gaps += 1
                    self._quiet_run = 0


@dataclass
class Run:
    label: str
    seconds: float = 0.0
    replies: int = 0
    received: float = 0.0  # seconds of reply audio that arrived
    heard: float = 0.0  # seconds of loud audio at the sink
    underruns: int = 0
    device_underruns: int = 0
    start_underruns: int = 0
    gaps: int = 0
    mic_overflows: int = 0
    monitor_overflows: int = 0
    notes: list[str] = field(default_factory=list)

    def per_minute(self, count: int) -> float:
        return count / (self.seconds / 60) if self.seconds else 0.0


def cadence(minutes: float) -> list[float]:
    """When each turn starts (s from the start): the first at 2 s, then every 10-15 s."""
    rng = random.Random(1)
    times, at = [], 2.0
    while at + REPLY_SECONDS + 2 < minutes * 60:
        times.append(at)
        at += rng.uniform(10, 15)
    return times


def write_question(path: Path) -> Path:
    import numpy as np
    import soundfile as sf

    t = np.arange(48_000) / 48_000
    sf.write(str(path), 0.5 * np.sin(2 * np.pi * 300.0 * t), 48_000)
    return path


async def _until(start: float, at: float) -> None:
    await asyncio.sleep(max(0.0, start + at - time.monotonic()))


async def baseline(minutes: float, monitor: SinkMonitor) -> Run:
    """The same replies, at the same pace and cadence, straight into a bare SpeechPlayer."""
    import numpy as np

    from playground.audio.player import SpeechPlayer
    from tests.fake_openai.routes_realtime import tone_chunk

    run = Run("bare SpeechPlayer (baseline)")
    monitor.reset()
    chunk, total = RATE * CHUNK_MS // 1000, int(REPLY_SECONDS * RATE)
    start = time.monotonic()
    for at in cadence(minutes):
        await _until(start, at + 1.4)  # about when a turn's reply starts in the session
        player = SpeechPlayer(rate=RATE, device="pulse")
        await asyncio.to_thread(player.start)
        for sent in range(0, total, chunk):
            pcm = tone_chunk(sent, min(chunk, total - sent), 440.0)
            player.feed(np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768)
            run.received += min(chunk, total - sent) / RATE
            await asyncio.sleep(PACE)
        player.finish()
        await asyncio.to_thread(player.wait, REPLY_SECONDS + 5)
        player.stop()
        run.replies += 1
        run.underruns += player.underruns
        run.device_underruns += player.device_underruns
        run.start_underruns += player.start_underruns
    await _until(start, minutes * 60)
    await asyncio.sleep(0.3)  # the last sound leaves the sink for its monitor
    run.seconds = time.monotonic() - start
    run.heard, run.gaps, run.monitor_overflows = (monitor.seconds_heard, monitor.gaps,
                                                  monitor.overflows)
    return run


async def session(url: str, minutes: float, monitor: SinkMonitor, question: Path) -> Run:
    from playground.api.client import ApiClient
    from playground.audio.voice_io import MicStream, VoiceOutput
    from playground.model.types import Profile
    from playground.model.voice import AudioChunk, ResponseFinished, VoiceConfig
    from playground.services.voice_session import VoiceSession, default_audio

    run = Run("VoiceSession, real audio path")
    client = ApiClient(Profile(name="bench", base_url=url), "sk-bench")

    async def get_client() -> ApiClient:
        return client

    audio = default_audio("pulse", "pulse")
    output: VoiceOutput = audio["output"]
    mics: list[MicStream] = []

    def microphone(on_pcm: Any) -> MicStream:
        mics.append(audio["microphone"](on_pcm))
        return mics[-1]

    voice = VoiceSession(get_client, output=output, microphone=microphone)

    def on_event(event: Any) -> None:
        if isinstance(event, AudioChunk):
            run.received += len(event.pcm) / 2 / RATE
        elif isinstance(event, ResponseFinished):
            run.replies += 1

    voice.event.connect(on_event)
    voice.message.connect(lambda m: run.notes.append(m.text))
    monitor.reset()
    os.environ["PULSE_SOURCE"] = "mic.monitor"  # the microphone, read when it opens
    players: list[subprocess.Popen[bytes]] = []
    try:
        if not await voice.start(VoiceConfig(model="gpt-realtime")):
            raise SystemExit(f"the voice session did not start: {run.notes}")
        start = time.monotonic()
        for at in cadence(minutes):
            await _until(start, at)
            players.append(subprocess.Popen(["paplay", "--device=mic", str(question)]))
        await _until(start, minutes * 60)
        for _ in range(200):  # a reply still playing finishes first (bounded)
            if not voice.speaking:
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.3)
        run.seconds = time.monotonic() - start
    finally:
        for player in players:
            player.wait(timeout=10)
        await voice.stop()
        await client.aclose()
    run.underruns, run.device_underruns = output.underruns, output.device_underruns
    run.start_underruns = output.start_underruns
    run.mic_overflows = sum(mic.overflows for mic in mics)
    run.heard, run.gaps, run.monitor_overflows = (monitor.seconds_heard, monitor.gaps,
                                                  monitor.overflows)
    return run


def report(run: Run) -> None:
    print(f"{run.label}: {run.seconds / 60:.1f} min, {run.replies} replies, "
          f"{run.received:.1f} s of reply audio received, {run.heard:.1f} s heard at the sink")
    print(f"  starvation underruns {run.underruns} ({run.per_minute(run.underruns):.2f}/min), "
          f"device underruns {run.device_underruns} "
          f"({run.per_minute(run.device_underruns):.2f}/min), gaps heard at the sink "
          f"{run.gaps}, microphone overflows {run.mic_overflows} "
          f"(sink monitor overflows {run.monitor_overflows})")
    print(f"  device underruns as a reply's stream started (not mid-reply, see the docstring): "
          f"{run.start_underruns} ({run.per_minute(run.start_underruns):.2f}/min)")
    for note in run.notes:
        print(f"  message: {note}")


def ratio(a: float, b: float) -> str:
    if b == 0:
        return "n/a (baseline 0)" if a else "1.00 (both 0)"
    return f"{a / b:.2f}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--baseline-minutes", type=float, default=1.0)
    args = parser.parse_args()
    ensure_pulse()
    os.environ["PULSE_SINK"] = "virt"
    import sounddevice as sd

    sd._terminate()  # PortAudio lists devices once: re-scan now that PulseAudio is up
    sd._initialize()
    server, url = start_realtime(tone_seconds=REPLY_SECONDS, pace=PACE, chunk_ms=CHUNK_MS)
    monitor = SinkMonitor()
    monitor.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            question = write_question(Path(tmp) / "question.wav")
            base = asyncio.run(baseline(min(args.baseline_minutes, args.minutes), monitor))
            voice = asyncio.run(session(url, args.minutes, monitor, question))
    finally:
        monitor.stop()
        stop_realtime(server)
    report(base)
    report(voice)
    every = voice.underruns + voice.device_underruns
    base_every = base.underruns + base.device_underruns
    print(f"underruns per minute, session / baseline: "
          f"{ratio(voice.per_minute(every), base.per_minute(base_every))} "
          f"({voice.per_minute(every):.2f} vs {base.per_minute(base_every):.2f})")
    print(f"target: 0 underruns in the session -> {every} "
          f"({'met' if every == 0 and voice.gaps == 0 else 'MISSED'})")
    expected = len(cadence(args.minutes))
    if voice.replies != expected:
        print(f"warning: {voice.replies} replies for {expected} turns")
    return 0 if every == 0 and voice.gaps == 0 and voice.replies == expected else 1


if __name__ == "__main__":
    raise SystemExit(main())
