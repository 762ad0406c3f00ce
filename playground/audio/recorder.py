"""Recorder: microphone -> FLAC on disk while recording, with a live level and envelope.

The PortAudio callback only copies blocks into a queue. A writer thread encodes them and
flushes once a second, so a crash keeps everything up to the last flush. The UI polls
`level`, `elapsed` and `take_envelope()` with a timer; nothing here knows about Qt.
"""

from __future__ import annotations

import collections
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import soundfile as sf

from playground.audio.devices import DEFAULT, Device, open_failure, resolve, sounddevice
from playground.audio.errors import AudioError

RECORD_RATE = 16_000  # Whisper's own rate: the longest recording that fits the upload limit
ENVELOPE_BIN = 160  # samples per envelope point (10 ms)
SILENCE_DBFS = -120.0


@dataclass(frozen=True)
class Recording:
    path: Path
    seconds: float
    overflows: int


class EmptyRecording(AudioError):
    pass


class Recorder:
    def __init__(self, path: str | Path, device: str = DEFAULT, rate: int = RECORD_RATE) -> None:
        self.path = Path(path)
        self.device_name = device
        self.rate = rate
        self.device: Device | None = None
        self.paused = False
        self.overflows = 0  # written by the callback
        self.level_dbfs = SILENCE_DBFS  # peak of the latest block, for the meter
        self.frames_written = 0
        self._blocks: queue.SimpleQueue[np.ndarray | None] = queue.SimpleQueue()
        self._envelope: collections.deque[float] = collections.deque(maxlen=100_000)
        self._stream: Any = None
        self._writer: threading.Thread | None = None
        self._file: sf.SoundFile | None = None
        self._error: BaseException | None = None
        # Each block once written (the writer thread), e.g. for a live transcript; must not
        # block: it delays the file's flushes.
        self.on_block: Callable[[np.ndarray, int], None] | None = None

    def start(self) -> None:
        sd = sounddevice()
        self.device = resolve("input", self.device_name)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = sf.SoundFile(str(self.path), "w", self.rate, 1, "PCM_16", format="FLAC")
        try:
            self._stream = sd.InputStream(
                samplerate=self.rate, channels=1, dtype="float32", device=self.device.index,
                blocksize=self.rate // 20, callback=self._callback,  # 50 ms: 20 meter updates/s
            )
            self._stream.start()
        except (sd.PortAudioError, ValueError) as exc:
            self._stream = None
            self._file.close()
            self.path.unlink(missing_ok=True)
            raise open_failure("input", self.device, exc) from exc
        self._writer = threading.Thread(target=self._write_loop, name="recorder", daemon=True)
        self._writer.start()

    def pause(self) -> None:
        self.paused = True

    def resume(self) -> None:
        self.paused = False

    def stop(self) -> Recording:
        """Close the stream and the file. EmptyRecording when nothing was captured."""
        stream, self._stream = self._stream, None
        if stream is not None:
            stream.stop()
            stream.close()
        self._blocks.put(None)
        if self._writer is not None:
            self._writer.join()
        if self._file is not None and not self._file.closed:
            self._file.close()
        if self._error is not None:
            raise AudioError(f"Recording to {self.path.name} failed: {self._error}")
        if self.frames_written == 0:
            self.path.unlink(missing_ok=True)
            raise EmptyRecording("The recording is empty: no sound was captured.")
        return Recording(self.path, self.elapsed, self.overflows)

    @property
    def recording(self) -> bool:
        return self._stream is not None

    @property
    def elapsed(self) -> float:
        return self.frames_written / self.rate

    def take_envelope(self) -> np.ndarray:
        """Peaks (0..1) per 10 ms recorded since the last call."""
        out = [self._envelope.popleft() for _ in range(len(self._envelope))]
        return np.asarray(out, dtype=np.float32)

    # ---- PortAudio thread: copy and hand off, nothing else ----
    def _callback(self, indata: np.ndarray, frames: int, when: Any, status: Any) -> None:
        if status.input_overflow:
            self.overflows += 1
        if not self.paused:
            self._blocks.put(indata[:, 0].copy())

    # ---- writer thread ----
    def _write_loop(self) -> None:
        assert self._file is not None
        unflushed = 0
        remainder = np.zeros(0, dtype=np.float32)
        while True:
            block = self._blocks.get()
            if block is None:
                break
            try:
                self._file.write(block)
            except Exception as exc:  # disk full, file removed: keep what was flushed
                self._error = exc
                break
            self.frames_written += len(block)
            if self.on_block is not None:
                try:
                    self.on_block(block, self.rate)
                except Exception:  # a listener's failure must not end the recording
                    self.on_block = None
            peak = float(np.max(np.abs(block))) if len(block) else 0.0
            self.level_dbfs = float(20 * np.log10(peak)) if peak > 1e-6 else SILENCE_DBFS
            remainder = np.concatenate([remainder, np.abs(block)])
            whole = len(remainder) // ENVELOPE_BIN * ENVELOPE_BIN
            if whole:
                self._envelope.extend(remainder[:whole].reshape(-1, ENVELOPE_BIN).max(axis=1))
                remainder = remainder[whole:]
            unflushed += len(block)
            if unflushed >= self.rate:
                self._file.flush()
                unflushed = 0
