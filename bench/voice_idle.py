"""Voice idle-listening CPU: a started voice session, microphone open on silence.

A VoiceSession over the loopback realtime server (in a child process, so its WebSocket
reader and VAD do not count here) with the real audio path, default_audio("pulse", "pulse"):
the microphone reads the PulseAudio null sink `mic`'s monitor with nothing playing, so every
20 ms block is converted and appended to the realtime connection (base64 over the WebSocket),
as when the user is silent. CPU is this process's user + system time (all threads:
PortAudio's callback, the event loop, the WebSocket) over wall time, as % of one core.
Target: ≤ 10 %.

Baseline in the same run: the same time with a bare PortAudio InputStream on the same source
at 24 kHz, 20 ms blocks, an empty callback (what the audio path alone costs).

    python bench/voice_idle.py [--seconds 30]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._pulse import ensure_pulse  # noqa: E402
from bench._realtime_child import start_realtime, stop_realtime  # noqa: E402

RATE = 24_000
SETTLE = 2.0  # seconds after opening, not measured: stream start-up, first imports


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def measure(seconds: float) -> float:
    """% of one core this process used over the next `seconds`."""
    cpu, wall = cpu_seconds(), time.monotonic()
    await asyncio.sleep(seconds)
    return 100 * (cpu_seconds() - cpu) / (time.monotonic() - wall)


async def bare_input(seconds: float) -> float:
    import sounddevice as sd

    def callback(indata: Any, frames: int, when: Any, status: Any) -> None:
        pass

    stream = sd.InputStream(samplerate=RATE, channels=1, dtype="float32", device="pulse",
                            blocksize=RATE // 50, latency="low", callback=callback)
    stream.start()
    try:
        await asyncio.sleep(SETTLE)
        return await measure(seconds)
    finally:
        stream.stop()
        stream.close()


async def listening(url: str, seconds: float) -> tuple[float, float]:
    """(% of one core, seconds of microphone audio sent meanwhile)."""
    from playground.api.client import ApiClient
    from playground.model.types import Profile
    from playground.model.voice import VoiceConfig
    from playground.services.voice_session import VoiceSession, default_audio

    client = ApiClient(Profile(name="bench", base_url=url), "sk-bench")

    async def get_client() -> ApiClient:
        return client

    voice = VoiceSession(get_client, **default_audio("pulse", "pulse"))
    messages: list[str] = []
    voice.message.connect(lambda m: messages.append(m.text))
    try:
        if not await voice.start(VoiceConfig(model="gpt-realtime")):
            raise SystemExit(f"the voice session did not start: {messages}")
        rt = voice._rt  # the bytes sent say the microphone really streamed meanwhile
        assert rt is not None
        await asyncio.sleep(SETTLE)
        sent = rt.bytes_appended
        percent = await measure(seconds)
        sent = rt.bytes_appended - sent
    finally:
        await voice.stop()
        await client.aclose()
    if messages:
        print(f"messages: {messages}")
    return percent, sent / 2 / RATE


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()
    ensure_pulse()
    os.environ["PULSE_SINK"] = "virt"
    os.environ["PULSE_SOURCE"] = "mic.monitor"  # nothing plays into `mic`: silence
    import sounddevice as sd

    sd._terminate()  # PortAudio lists devices once: re-scan now that PulseAudio is up
    sd._initialize()
    server, url = start_realtime()
    try:
        base = asyncio.run(bare_input(args.seconds))
        voice, sent = asyncio.run(listening(url, args.seconds))
    finally:
        stop_realtime(server)
    print(f"baseline, bare InputStream (24 kHz, 20 ms blocks, empty callback): "
          f"{base:.2f} % of one core over {args.seconds:g} s")
    print(f"VoiceSession idle-listening (microphone on silence, {sent:.1f} s of audio "
          f"appended meanwhile): {voice:.2f} % of one core; ratio to baseline "
          f"{voice / base:.2f}" if base else "")
    print(f"target: ≤ 10 % of one core -> {'met' if voice <= 10 else 'MISSED'}")
    return 0 if voice <= 10 else 1


if __name__ == "__main__":
    raise SystemExit(main())
