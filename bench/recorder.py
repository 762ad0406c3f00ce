"""Recorder load: a 60 s recording from a PulseAudio fake microphone playing speech-like
sound. Reports input overflows (target 0) and the recorder's CPU use as a share of one core
(target < 5 %). Baseline in the same run: the process idling for the same time with the
same modules loaded; the recorder's cost is the difference, measured after the first
SETTLE seconds, which are reported apart: a PulseAudio null-sink monitor delivers its first
2 s block late and the ALSA plugin busy-waits for it (a real microphone does not).

    python bench/recorder.py [seconds] [runs]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _pulse import ensure_pulse  # noqa: E402

SECONDS = 60.0
RUNS = 3
SETTLE = 3.0  # a null-sink monitor's first block arrives ~2 s late; the ALSA plugin spins


def cpu_seconds() -> float:
    t = os.times()
    return t.user + t.system


def idle(seconds: float) -> float:
    start = cpu_seconds()
    time.sleep(seconds)
    return cpu_seconds() - start


def record(seconds: float, folder: Path) -> tuple[float, float, int, float]:
    """(start-up CPU over the first SETTLE s, steady CPU over `seconds`, overflows, length)."""
    from playground.audio.recorder import Recorder

    recorder = Recorder(folder / "bench.flac", device="pulse")
    start = cpu_seconds()
    recorder.start()
    time.sleep(SETTLE)
    settled = cpu_seconds()
    time.sleep(seconds)
    steady = cpu_seconds() - settled
    recording = recorder.stop()
    return settled - start, steady, recording.overflows, recording.seconds


def main() -> int:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else SECONDS
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else RUNS
    ensure_pulse()
    os.environ["PULSE_SOURCE"] = "mic.monitor"
    import numpy as np
    import soundfile as sf

    folder = Path(tempfile.mkdtemp(prefix="bench-recorder-"))
    rate = 48_000
    t = np.arange(int((2 * seconds * runs + 30) * rate)) / rate
    syllables = 0.5 + 0.5 * np.sin(2 * np.pi * 4 * t)
    speech = 0.3 * syllables * np.sin(2 * np.pi * (180 + 40 * np.sin(2 * np.pi * 0.5 * t)) * t)
    sf.write(str(folder / "speech.wav"), speech.astype(np.float32), rate)

    # The fake microphone talks for the whole run, as a real one would pick up a room.
    talker = subprocess.Popen(["paplay", "--device=mic", str(folder / "speech.wav")])
    baselines, startups, costs, overflows, lengths = [], [], [], [], []
    for _ in range(runs):
        baselines.append(idle(seconds))
        startup, used, dropped, length = record(seconds, folder)
        startups.append(startup)
        costs.append(used)
        overflows.append(dropped)
        lengths.append(length)
    talker.terminate()
    talker.wait()
    base = statistics.median(baselines)
    cost = statistics.median(costs)
    share = max(0.0, cost - base) / seconds
    print(f"idle process, {seconds:.0f} s (baseline): {base:.3f} s CPU "
          f"(median of {runs}: {', '.join(f'{b:.3f}' for b in baselines)})")
    print(f"recording {seconds:.0f} s after {SETTLE:.0f} s settling: {cost:.3f} s CPU "
          f"(median of {runs}: {', '.join(f'{c:.3f}' for c in costs)}); recorded "
          f"{', '.join(f'{x:.1f}' for x in lengths)} s of {seconds + SETTLE:.0f}")
    print(f"start-up (first {SETTLE:.0f} s): "
          f"{', '.join(f'{x:.2f}' for x in startups)} s CPU")
    print(f"recorder CPU: {share * 100:.2f} % of one core (target < 5 %); "
          f"ratio to idle: {cost / max(base, 1e-3):.1f}x")
    print(f"input overflows: {', '.join(map(str, overflows))} (target 0)")
    return 0 if share < 0.05 and not any(overflows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
