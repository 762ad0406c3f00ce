"""Prepare audio for the transcription endpoint's 25 MiB limit.

Small enough: upload as is. Too big: transcode to 16 kHz mono Opus (Whisper's own rate,
~27 kbit/s, so about two hours fit). Still too big: split at the quietest moment near each
boundary into parts under the limit. Everything streams block by block, so a 60-minute
WAV never sits in memory.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf

from playground.audio.codecs import lowpass_kernel, probe
from playground.audio.errors import AudioFileError
from playground.audio.formats import MAX_UPLOAD_BYTES, UPLOAD_EXTENSIONS, extension

COMPACT_RATE = 16_000
BLOCK_SECONDS = 10
SILENCE_WINDOW = 0.05  # seconds per loudness measurement when looking for a cut
SEARCH_SECONDS = 30.0  # how far before a boundary to look for silence

Progress = Callable[[str, float], None]  # (stage, fraction 0..1)


@dataclass(frozen=True)
class UploadPart:
    path: Path
    offset: float  # seconds from the start of the original
    seconds: float


def check_extension(path: str | Path) -> None:
    ext = extension(str(path))
    if ext not in UPLOAD_EXTENSIONS:
        raise AudioFileError(
            f"“.{ext or '(none)'}” files are not accepted for transcription. Use one of: "
            + ", ".join(UPLOAD_EXTENSIONS) + "."
        )


def prepare_upload(
    source: str | Path, workdir: str | Path, max_bytes: int = MAX_UPLOAD_BYTES,
    progress: Progress | None = None,
) -> list[UploadPart]:
    source, workdir = Path(source), Path(workdir)
    check_extension(source)
    try:
        size = source.stat().st_size
    except OSError as exc:
        raise AudioFileError(f"Cannot open {source.name}: {exc.strerror or exc}.") from exc
    if size == 0:
        raise AudioFileError(f"{source.name} is empty (0 bytes).")
    if size <= max_bytes:
        try:
            seconds = probe(source).seconds
        except AudioFileError:
            seconds = 0.0  # m4a/webm: libsndfile cannot read them, the server can
        return [UploadPart(source, 0.0, seconds)]
    info = probe(source)  # over the limit we must decode it ourselves
    workdir.mkdir(parents=True, exist_ok=True)
    compact = workdir / f"{source.stem}.compact.ogg"
    transcode(source, compact, progress)
    if compact.stat().st_size <= max_bytes:
        return [UploadPart(compact, 0.0, info.seconds)]
    return split_on_silence(compact, workdir, max_bytes, progress)


def transcode(source: Path, target: Path, progress: Progress | None = None) -> None:
    with sf.SoundFile(str(source)) as src, sf.SoundFile(
        str(target), "w", COMPACT_RATE, 1, format="OGG", subtype="OPUS"
    ) as dst:
        resampler = StreamResampler(src.samplerate, COMPACT_RATE)
        total = max(1, src.frames)
        done = 0
        for block in src.blocks(blocksize=src.samplerate * BLOCK_SECONDS, dtype="float32",
                                always_2d=True):
            dst.write(resampler.process(block.mean(axis=1)))
            done += len(block)
            if progress:
                progress("transcode", min(1.0, done / total))


def split_on_silence(
    compact: Path, workdir: Path, max_bytes: int, progress: Progress | None = None,
) -> list[UploadPart]:
    info = probe(compact)
    loudness = _loudness(compact)
    part_seconds = 0.9 * max_bytes / (info.size / info.seconds)
    for _attempt in range(5):
        cuts = _cut_points(loudness, info.seconds, part_seconds)
        parts = _write_parts(compact, workdir, cuts, progress)
        if all(p.path.stat().st_size <= max_bytes for p in parts):
            return parts
        part_seconds *= 0.75  # a dense stretch encoded bigger than average: cut shorter
    raise AudioFileError(f"{compact.name} could not be split into parts under the limit.")


def _loudness(path: Path) -> np.ndarray:
    """RMS per SILENCE_WINDOW seconds over the whole file."""
    rms: list[np.ndarray] = []
    with sf.SoundFile(str(path)) as f:
        window = max(1, int(f.samplerate * SILENCE_WINDOW))
        for block in f.blocks(blocksize=window * 2000, dtype="float32", always_2d=True):
            mono = block.mean(axis=1)
            whole = len(mono) // window * window
            if whole:
                rms.append(np.sqrt((mono[:whole].reshape(-1, window) ** 2).mean(axis=1)))
    return np.concatenate(rms) if rms else np.zeros(0, dtype=np.float32)


def _cut_points(loudness: np.ndarray, total: float, part_seconds: float) -> list[float]:
    """Boundaries [0, c1, ..., total]: each cut at the quietest window before its limit."""
    cuts = [0.0]
    search = min(SEARCH_SECONDS, part_seconds / 3)
    while total - cuts[-1] > part_seconds:
        latest = cuts[-1] + part_seconds
        lo = int((latest - search) / SILENCE_WINDOW)
        hi = max(lo + 1, int(latest / SILENCE_WINDOW))
        window = loudness[lo:hi]
        quietest = lo + int(np.argmin(window)) if len(window) else hi
        cuts.append((quietest + 0.5) * SILENCE_WINDOW)
    cuts.append(total)
    return cuts


def _write_parts(
    compact: Path, workdir: Path, cuts: list[float], progress: Progress | None,
) -> list[UploadPart]:
    parts: list[UploadPart] = []
    count = len(cuts) - 1
    with sf.SoundFile(str(compact)) as src:
        rate = src.samplerate
        for i, (start, end) in enumerate(itertools.pairwise(cuts)):
            path = workdir / f"{compact.stem.removesuffix('.compact')}.part{i + 1:03d}.ogg"
            first, last = round(start * rate), min(src.frames, round(end * rate))
            src.seek(first)
            with sf.SoundFile(str(path), "w", rate, 1, format="OGG", subtype="OPUS") as dst:
                remaining = last - first
                while remaining > 0:
                    block = src.read(min(remaining, rate * BLOCK_SECONDS), dtype="float32",
                                     always_2d=True)
                    if not len(block):
                        break
                    dst.write(block.mean(axis=1))
                    remaining -= len(block)
            parts.append(UploadPart(path, first / rate, (last - first) / rate))
            if progress:
                progress("split", (i + 1) / count)
    return parts


class StreamResampler:
    """Low-pass + linear interpolation, block by block, continuous across block edges."""

    def __init__(self, rate_in: int, rate_out: int) -> None:
        self.step = rate_in / rate_out
        self.kernel = lowpass_kernel(0.45 * rate_out / rate_in) if rate_out < rate_in else None
        taps = 0 if self.kernel is None else len(self.kernel)
        self._tail = np.zeros(max(0, taps - 1), dtype=np.float32)
        self._buf = np.zeros(0, dtype=np.float32)
        self._buf_start = 0  # input index of _buf[0]
        self._next = 0.0  # input position of the next output sample

    def process(self, block: np.ndarray) -> np.ndarray:
        if self.step == 1.0:
            return block.astype(np.float32, copy=False)
        if self.kernel is not None:
            joined = np.concatenate([self._tail, block])
            filtered = np.convolve(joined, self.kernel, mode="valid").astype(np.float32)
            self._tail = joined[len(joined) - len(self._tail):]
        else:
            filtered = block.astype(np.float32)
        buf = np.concatenate([self._buf, filtered])
        last = self._buf_start + len(buf) - 1
        if last < self._next:
            self._buf = buf
            return np.zeros(0, dtype=np.float32)
        n = math.floor((last - self._next) / self.step) + 1
        positions = self._next + np.arange(n) * self.step - self._buf_start
        out: np.ndarray = np.interp(positions, np.arange(len(buf)), buf).astype(np.float32)
        self._next += n * self.step
        keep = min(len(buf), max(0, math.floor(self._next) - self._buf_start))
        self._buf = buf[keep:]
        self._buf_start += keep
        return out
