"""Reading and writing audio files with soundfile (libsndfile: wav, flac, ogg, opus, mp3)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf

from playground.audio.errors import AudioFileError
from playground.audio.formats import OPUS_RATES, PCM_RATE, WRITABLE, extension


@dataclass(frozen=True)
class AudioInfo:
    path: Path
    rate: int
    channels: int
    frames: int
    size: int  # bytes on disk

    @property
    def seconds(self) -> float:
        return self.frames / self.rate if self.rate else 0.0


def probe(path: str | os.PathLike[str]) -> AudioInfo:
    """Header facts of a file; a clear AudioFileError for empty, corrupt or unknown files."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise AudioFileError(f"Cannot open {p.name}: {exc.strerror or exc}.") from exc
    if size == 0:
        raise AudioFileError(f"{p.name} is empty (0 bytes).")
    try:
        info = sf.info(str(p))
    except (sf.LibsndfileError, RuntimeError) as exc:
        raise AudioFileError(
            f"{p.name} is not a readable audio file (damaged, or a format this app cannot "
            f"decode). The server may still accept it."
        ) from exc
    frames = info.frames
    if frames <= 0 or frames >= 2**62:  # no length in the header (mp3, FLAC cut by a crash)
        frames = sum(len(b) for b in _salvage_blocks(p))
    return AudioInfo(p, info.samplerate, info.channels, frames, size)


def _salvage_blocks(path: Path) -> Iterator[np.ndarray]:
    """Every decodable block; a file whose end is missing stops at its last whole frame."""
    with sf.SoundFile(str(path)) as f:
        while True:
            try:
                block = f.read(4_096, dtype="float32", always_2d=True)  # small: see below
            except (sf.LibsndfileError, RuntimeError):
                return  # reading past the real end of a length-less stream fails whole
            if not len(block):
                return
            yield block


def read_mono(path: str | os.PathLike[str]) -> tuple[np.ndarray, int]:
    """Whole file as float32 mono in [-1, 1] and its rate."""
    info = probe(path)  # the clear message for bad files
    blocks = [b.mean(axis=1) for b in _salvage_blocks(info.path)]
    if not blocks:
        raise AudioFileError(f"{info.path.name} holds no decodable audio.")
    return np.concatenate(blocks).astype(np.float32), info.rate


def pcm16_to_float(data: bytes) -> np.ndarray:
    usable = len(data) - len(data) % 2
    return np.frombuffer(data[:usable], dtype="<i2").astype(np.float32) / 32768.0


def float_to_pcm16(samples: np.ndarray) -> bytes:
    return bytes((np.clip(samples, -1.0, 1.0) * 32767.0).astype("<i2").tobytes())


def save(samples: np.ndarray, rate: int, path: str | os.PathLike[str]) -> Path:
    """Write mono float samples; the format follows the extension (wav flac mp3 ogg opus pcm)."""
    p = Path(path)
    ext = extension(str(p))
    if ext == "pcm":  # what the API itself sends: raw s16le mono
        if rate != PCM_RATE:
            samples, rate = resample(samples, rate, PCM_RATE), PCM_RATE
        p.write_bytes(float_to_pcm16(samples))
        return p
    if ext not in WRITABLE:
        raise AudioFileError(
            f"Cannot save as .{ext or '?'}; choose one of: "
            + ", ".join(sorted([*WRITABLE, "pcm"]))
        )
    fmt, subtype = WRITABLE[ext]
    if ext == "opus" and rate not in OPUS_RATES:
        samples, rate = resample(samples, rate, 48_000), 48_000
    tmp = p.with_name(p.name + ".part")
    try:
        sf.write(str(tmp), samples, rate, format=fmt, subtype=subtype)
        os.replace(tmp, p)  # a crash mid-write never leaves a truncated file under the name
    except (sf.LibsndfileError, RuntimeError, OSError) as exc:
        tmp.unlink(missing_ok=True)
        raise AudioFileError(f"Could not write {p.name}: {exc}") from exc
    return p


def resample(samples: np.ndarray, rate: int, target: int) -> np.ndarray:
    """Band-limited linear resampling, good enough for speech (no scipy dependency)."""
    if rate == target or len(samples) == 0:
        return samples.astype(np.float32, copy=False)
    if target < rate:
        samples = lowpass(samples, 0.45 * target / rate)
    n_out = round(len(samples) * target / rate)
    positions = np.arange(n_out, dtype=np.float64) * (rate / target)
    resampled: np.ndarray = np.interp(positions, np.arange(len(samples)), samples)
    return resampled.astype(np.float32)


def lowpass_kernel(cutoff: float, taps: int = 63) -> np.ndarray:
    """Windowed-sinc FIR; cutoff as a fraction of the sample rate (0 < cutoff < 0.5)."""
    n = np.arange(taps) - (taps - 1) / 2
    kernel = 2 * cutoff * np.sinc(2 * cutoff * n) * np.hamming(taps)
    normalised: np.ndarray = (kernel / kernel.sum()).astype(np.float32)
    return normalised


def lowpass(samples: np.ndarray, cutoff: float) -> np.ndarray:
    return np.convolve(samples, lowpass_kernel(cutoff), mode="same").astype(np.float32)
