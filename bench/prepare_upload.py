"""Upload preparation: a 60-minute WAV (> 25 MiB) made ready for the transcription endpoint.

prepare_upload transcodes it to 16 kHz mono Opus (and would split it at silences if that
were still too big). Target: ≤ 0.1× the audio's duration. Baseline in the same run: merely
decoding the same WAV block by block, to show what the encoding itself costs.

    python bench/prepare_upload.py [minutes] [runs]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import soundfile as sf  # noqa: E402

from playground.audio.upload import prepare_upload  # noqa: E402

MINUTES = 60.0
RUNS = 3
RATE = 16_000


def write_talk(path: Path, seconds: float) -> None:
    """Speech-like audio: gliding voiced tones in syllables, pauses, a little room noise."""
    rng = np.random.default_rng(7)
    with sf.SoundFile(str(path), "w", RATE, 1, "PCM_16", format="WAV") as f:
        block = 60 * RATE
        for start in range(0, int(seconds * RATE), block):
            t = (start + np.arange(block)) / RATE
            pitch = 140 + 40 * np.sin(2 * np.pi * 0.3 * t)
            syllables = np.clip(np.sin(2 * np.pi * 3.5 * t), 0, None)
            pauses = (np.sin(2 * np.pi * 0.1 * t) > -0.6).astype(np.float64)
            voice = 0.35 * syllables * pauses * np.sin(2 * np.pi * pitch * t)
            f.write((voice + 0.003 * rng.standard_normal(block)).astype(np.float32))


def decode_only(path: Path) -> None:
    for _ in sf.blocks(str(path), blocksize=RATE * 10, dtype="float32"):
        pass


def main() -> int:
    minutes = float(sys.argv[1]) if len(sys.argv) > 1 else MINUTES
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else RUNS
    seconds = minutes * 60
    folder = Path(tempfile.mkdtemp(prefix="bench-upload-"))
    wav = folder / "talk.wav"
    write_talk(wav, seconds)
    print(f"{minutes:.0f}-minute WAV: {wav.stat().st_size / 2**20:.0f} MiB")
    decodes, prepares = [], []
    parts = []
    for i in range(runs):
        started = time.perf_counter()
        decode_only(wav)
        decodes.append(time.perf_counter() - started)
        started = time.perf_counter()
        parts = prepare_upload(wav, folder / f"work{i}")
        prepares.append(time.perf_counter() - started)
    decode, prepare = statistics.median(decodes), statistics.median(prepares)
    print(f"decode only (baseline): {decode:.2f} s "
          f"(median of {runs}: {', '.join(f'{d:.2f}' for d in decodes)})")
    print(f"prepare for upload: {prepare:.2f} s "
          f"(median of {runs}: {', '.join(f'{p:.2f}' for p in prepares)}) -> "
          f"{len(parts)} part(s), {sum(p.path.stat().st_size for p in parts) / 2**20:.1f} MiB")
    print(f"ratio to audio duration: {prepare / seconds:.4f} (target ≤ 0.1); "
          f"ratio to decode-only: {prepare / max(decode, 1e-6):.1f}x")
    return 0 if prepare / seconds <= 0.1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
