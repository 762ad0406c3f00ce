"""Signals and clients shared by the audio tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile as sf

from playground.api.client import ApiClient
from playground.model.types import Profile


def client_for(url: str) -> ApiClient:
    """A real ApiClient (real SDK, real HTTP); build it inside the running loop."""
    return ApiClient(Profile(name="Test", base_url=url, timeout=30.0), "sk-test")


def tone(seconds: float, rate: int = 16_000, frequency: float = 440.0,
         amplitude: float = 0.5) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (amplitude * np.sin(2 * np.pi * frequency * t)).astype(np.float32)


def write_tone(path: Path, seconds: float, rate: int = 16_000, **kw: float) -> Path:
    sf.write(str(path), tone(seconds, rate, **kw), rate)
    return path


def peak_frequency(samples: np.ndarray, rate: int) -> float:
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
    return float(np.argmax(spectrum) * rate / len(samples))
