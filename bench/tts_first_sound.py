"""TTS first sound: from the first audio byte to the first sample reaching the speaker.

The loopback server streams a 10 s PCM clip over 2 s (real HTTP, real SDK); the player
feeds a PulseAudio null sink. Baseline measured in the same run: the whole download time.
Prints the median of RUNS of first-sound latency (target ≤ 150 ms) and its ratio to the
download time.

    python bench/tts_first_sound.py [runs]
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _pulse import ensure_pulse  # noqa: E402

RUNS = 5


async def one_run(url: str) -> tuple[float, float]:
    from playground.api.client import ApiClient
    from playground.api.speech import SpeechRequest, stream_pcm
    from playground.audio.codecs import pcm16_to_float
    from playground.audio.player import SpeechPlayer
    from playground.model.types import Profile

    client = ApiClient(Profile(name="bench", base_url=url), "sk-bench")
    player = SpeechPlayer(device="pulse")
    player.start()
    first_byte = None
    started = time.perf_counter()
    try:
        async for chunk in stream_pcm(client, SpeechRequest("tts-1", "alloy", "Benchmark.")):
            if first_byte is None:
                first_byte = time.perf_counter()
            player.feed(pcm16_to_float(chunk))
        downloaded = time.perf_counter()
        player.finish()
        while player.first_sound_at is None:
            await asyncio.sleep(0.005)
        first_sound = player.first_sound_at
    finally:
        player.stop()
        await client.aclose()
    assert first_byte is not None
    return first_sound - first_byte, downloaded - started


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else RUNS
    ensure_pulse()
    os.environ["PULSE_SINK"] = "virt"
    from tests.fake_openai import FakeOpenAI

    latencies, downloads = [], []
    with FakeOpenAI() as server:
        server.state.update(speech_seconds=10.0, speech_stream_over=2.0)
        for _ in range(runs):
            latency, download = asyncio.run(one_run(server.url))
            latencies.append(latency)
            downloads.append(download)
    latency, download = statistics.median(latencies), statistics.median(downloads)
    print(f"download of a 10 s clip (baseline): {download * 1000:.0f} ms "
          f"(median of {runs}: {', '.join(f'{d * 1000:.0f}' for d in downloads)})")
    print(f"first sound after first byte: {latency * 1000:.1f} ms "
          f"(median of {runs}: {', '.join(f'{x * 1000:.1f}' for x in latencies)}; "
          f"target ≤ 150 ms)")
    print(f"ratio first-sound / download: {latency / download:.4f}")
    return 0 if latency <= 0.150 else 1


if __name__ == "__main__":
    raise SystemExit(main())
