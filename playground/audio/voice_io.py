"""Audio for a realtime voice conversation: the microphone as PCM16 24 kHz blocks, and the
model's speech played with a position, so an interruption cuts the reply where it was heard.

`MicStream` hands each 20 ms block to `on_pcm` on PortAudio's thread: the caller must pass
it on thread-safely (loop.call_soon_threadsafe). A device that cannot open at 24 kHz opens at
its own rate and is resampled here. `VoiceOutput` plays replies through the streaming
SpeechPlayer, one per reply, and answers "how many ms of item X were heard".
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np

from playground.audio.devices import DEFAULT, Device, open_failure, resolve, sounddevice
from playground.audio.player import SpeechPlayer
from playground.audio.recorder import SILENCE_DBFS
from playground.model.voice import REALTIME_RATE

BLOCK_MS = 20  # small blocks: server VAD hears the user's first word sooner


def to_pcm16(samples: np.ndarray, rate: int) -> bytes:
    """Float mono samples at `rate` -> PCM16 little-endian at 24 kHz."""
    if rate != REALTIME_RATE and len(samples):
        count = round(len(samples) * REALTIME_RATE / rate)
        positions = np.arange(count) * (rate / REALTIME_RATE)
        samples = np.interp(positions, np.arange(len(samples)), samples)
    clipped = np.clip(samples, -1.0, 1.0)
    return bytes((clipped * 32767).astype("<i2").tobytes())


def pcm16_samples(pcm: bytes) -> np.ndarray:
    return np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768


class MicStream:
    def __init__(self, on_pcm: Callable[[bytes], None], device: str = DEFAULT) -> None:
        self._on_pcm = on_pcm
        self.device_name = device
        self.device: Device | None = None
        self.rate = REALTIME_RATE
        self.muted = False
        self.level_dbfs = SILENCE_DBFS
        self.overflows = 0
        # PortAudio's thread writes these; the session looks at them (a lost device).
        self.lost = False  # the stream ended without stop(): unplugged, taken by another app
        self._sound_at = time.monotonic()  # the last block that was not exact zeros
        self._stream: Any = None

    def start(self) -> None:
        sd = sounddevice()
        self.device = resolve("input", self.device_name)
        last: BaseException | None = None
        for rate in (REALTIME_RATE, int(self.device.default_rate or 48_000)):
            try:
                self._stream = sd.InputStream(
                    samplerate=rate, channels=1, dtype="float32", device=self.device.index,
                    blocksize=rate * BLOCK_MS // 1000, latency="low", callback=self._callback,
                    finished_callback=self._finished)
                self._stream.start()
                self.rate = rate
                self._sound_at = time.monotonic()
                return
            except (sd.PortAudioError, ValueError) as exc:  # e.g. 24 kHz not supported
                self._stream, last = None, exc
        assert last is not None
        raise open_failure("input", self.device, last) from last

    def stop(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.stop()
                stream.close()
            except Exception:  # the device vanished: nothing left to stop
                pass

    @property
    def active(self) -> bool:
        return self._stream is not None

    @property
    def silent_seconds(self) -> float:
        """How long the device has given exact zeros or no blocks at all: a real microphone
        always hisses a little, a muted one or a PulseAudio source that went away does not."""
        return time.monotonic() - self._sound_at

    def _finished(self) -> None:
        if self._stream is not None:  # stop() clears it first: this end was not asked for
            self.lost = True

    # PortAudio thread: convert and hand over, nothing that blocks.
    def _callback(self, indata: np.ndarray, frames: int, when: Any, status: Any) -> None:
        if status.input_overflow:
            self.overflows += 1
        block = indata[:, 0]
        peak = float(np.max(np.abs(block))) if len(block) else 0.0
        self.level_dbfs = float(20 * np.log10(peak)) if peak > 1e-6 else SILENCE_DBFS
        if peak > 0.0:
            self._sound_at = time.monotonic()
        if not self.muted:
            self._on_pcm(to_pcm16(block, self.rate))


class VoiceOutput:
    """The model's speech. Each reply gets its own player; `stop()` silences at once."""

    def __init__(self, device: str = DEFAULT) -> None:
        self.device_name = device
        self._player: SpeechPlayer | None = None
        self._spare: SpeechPlayer | None = None  # opened ahead: no device open on 1st delta
        self._starts: dict[str, int] = {}  # item -> frames fed before it, in its player
        self._fed: dict[str, int] = {}  # item -> its frames fed
        self.current_item: str | None = None
        self.underruns = 0  # the network left the player without audio mid-reply
        self.device_underruns = 0  # the device ran dry (the machine was too busy)
        self.start_underruns = 0  # ... as a reply's stream started (SpeechPlayer)

    def prepare(self) -> None:
        """Open the next reply's player now (AudioDeviceError when there is no device)."""
        if self._spare is None:
            player = SpeechPlayer(rate=REALTIME_RATE, device=self.device_name)
            player.start()
            self._spare = player

    def feed(self, item_id: str, pcm: bytes) -> None:
        if self._player is None or self._player.done.is_set():
            if self._player is not None:
                self._count(self._player)
            self.prepare()
            self._player, self._spare = self._spare, None
            self._starts.clear()
            self._fed.clear()
        player = self._player
        assert player is not None
        if item_id not in self._starts:
            self._starts[item_id] = player.frames_fed
            self._fed[item_id] = 0
        samples = pcm16_samples(pcm)
        self._fed[item_id] += len(samples)
        self.current_item = item_id
        player.feed(samples)

    def finish(self) -> None:
        """The reply is complete: its player ends when it has played everything."""
        if self._player is not None:
            self._player.finish()

    def played_ms(self, item_id: str) -> int:
        player = self._player
        if player is None or item_id not in self._starts:
            return 0
        heard = player.frames_played - self._starts[item_id]
        return max(0, min(heard, self._fed[item_id])) * 1000 // REALTIME_RATE

    @property
    def playing(self) -> bool:
        player = self._player
        return (player is not None and not player.done.is_set()
                and player.frames_played < player.frames_fed)

    @property
    def first_sound_at(self) -> float | None:
        return None if self._player is None else self._player.first_sound_at

    def stop(self) -> None:
        """Silence now (abort drops what the device buffered)."""
        player, self._player = self._player, None
        if player is not None:
            self._count(player)
            player.stop()

    def _count(self, player: SpeechPlayer) -> None:
        self.underruns += player.underruns
        self.device_underruns += player.device_underruns
        self.start_underruns += player.start_underruns

    def close(self) -> None:
        self.stop()
        spare, self._spare = self._spare, None
        if spare is not None:
            spare.stop()
