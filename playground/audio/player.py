"""SpeechPlayer: plays mono float32 blocks on an OutputStream while more are still arriving.

`feed()` may be called from any thread (a deque append is atomic); the PortAudio callback
only pops from that deque and writes plain attributes, so Stop is a single `abort()`.
The stream opens at once (so a missing or busy device is known before the download) but
starts only when PREBUFFER of audio is queued: a stream started early fills the device
buffer with silence, which then plays before the first word.
"""

from __future__ import annotations

import collections
import threading
import time
from typing import Any

import numpy as np

from playground.audio.devices import DEFAULT, Device, open_failure, resolve, sounddevice
from playground.audio.formats import PCM_RATE

PREBUFFER = 0.05  # seconds queued before playback starts: enough to ride out network jitter
# The device buffer. PortAudio's "low" on PulseAudio's ALSA plugin is 8.7 ms: on a busy
# machine the callback missed it, ALSA recovered from the underrun and the queued audio
# was lost (a gappy reply). 40 ms rides out scheduling hiccups; Stop still cuts at once,
# since abort() drops what the device buffered.
OUTPUT_LATENCY = 0.04


class SpeechPlayer:
    def __init__(self, rate: int = PCM_RATE, device: str = DEFAULT, blocksize: int = 0) -> None:
        self.rate = rate
        self.device_name = device
        self._blocksize = blocksize
        self._queue: collections.deque[np.ndarray] = collections.deque()
        self._current: np.ndarray | None = None
        self._offset = 0
        self._finished_feeding = False
        self._stream: Any = None
        self._stream_lock = threading.Lock()
        self._started = False
        self.device: Device | None = None
        self.frames_played = 0  # written by the callback only
        self.frames_fed = 0
        self.underruns = 0  # callbacks that found no audio while the download continued
        self.device_underruns = 0  # the device ran dry before the callback filled it (xruns)
        # xruns in the stream's first PREBUFFER of audio: PortAudio's ALSA start writes one
        # period and PulseAudio may take it before the second (bench/voice_endurance.py)
        self.start_underruns = 0
        self.first_sound_at: float | None = None  # perf_counter when the first sample hits the DAC
        self.done = threading.Event()

    # ---- control (any thread) ----
    def start(self) -> None:
        """Open the device; AudioDeviceError when there is none or it is busy."""
        sd = sounddevice()
        self.device = resolve("output", self.device_name)
        try:
            self._stream = sd.OutputStream(
                samplerate=self.rate, channels=1, dtype="float32", device=self.device.index,
                blocksize=self._blocksize, latency=OUTPUT_LATENCY, callback=self._callback,
                finished_callback=self._finished,
            )
        except (sd.PortAudioError, ValueError) as exc:
            self._stream = None
            raise open_failure("output", self.device, exc) from exc

    def feed(self, samples: np.ndarray) -> None:
        if len(samples):
            self._queue.append(np.ascontiguousarray(samples, dtype=np.float32))
            self.frames_fed += len(samples)
            if self.frames_fed >= PREBUFFER * self.rate:
                self._begin()

    def finish(self) -> None:
        """No more audio will come: the stream ends once the queue drains."""
        self._finished_feeding = True
        if self.frames_fed:
            self._begin()
        else:
            self.stop()

    def _begin(self) -> None:
        stream = self._stream
        if stream is not None and not self._started:
            self._started = True
            try:
                stream.start()
            except Exception:  # the device went away between open and start
                self.stop()

    def stop(self) -> None:
        """Silence now: abort() drops what PortAudio has buffered."""
        self._queue.clear()
        self._finished_feeding = True
        stream = self._take_stream()
        if stream is not None:
            try:
                stream.abort()
                stream.close()
            except Exception:  # the device vanished: nothing left to stop
                pass
        self.done.set()

    def wait(self, timeout: float | None = None) -> bool:
        return self.done.wait(timeout)

    def close(self) -> None:
        stream = self._take_stream()
        if stream is not None:
            try:
                stream.close()
            except Exception:  # the device vanished: nothing left to close
                pass

    def _take_stream(self) -> Any:
        """The stream, once: stop() and the closing thread may race for it."""
        with self._stream_lock:
            stream, self._stream = self._stream, None
        return stream

    def _finished(self) -> None:
        """PortAudio's thread, once the stream has played out (or was aborted).

        The stream must also be closed: a finished but open stream stays attached to the
        PulseAudio sink, and the next player's stream on it was drained at many times real
        time and stuttered. A stream cannot close itself from its own callback, hence the
        short-lived thread."""
        self.done.set()
        if self._stream is not None:
            threading.Thread(target=self.close, name="close-player", daemon=True).start()

    @property
    def seconds_played(self) -> float:
        return self.frames_played / self.rate

    @property
    def active(self) -> bool:
        return self._stream is not None and not self.done.is_set()

    # ---- PortAudio thread ----
    def _callback(self, outdata: np.ndarray, frames: int, when: Any, status: Any) -> None:
        if status.output_underflow:
            if self.frames_played < PREBUFFER * self.rate:
                self.start_underruns += 1
            else:
                self.device_underruns += 1
        out = outdata[:, 0]
        filled = 0
        while filled < frames:
            if self._current is None or self._offset >= len(self._current):
                try:
                    self._current, self._offset = self._queue.popleft(), 0
                except IndexError:
                    self._current = None
                    break
            take = min(frames - filled, len(self._current) - self._offset)
            out[filled:filled + take] = self._current[self._offset:self._offset + take]
            self._offset += take
            filled += take
        out[filled:] = 0.0
        if filled and self.first_sound_at is None:
            # perf_counter now + how long until this buffer reaches the DAC
            self.first_sound_at = time.perf_counter() + max(
                0.0, when.outputBufferDacTime - when.currentTime)
        self.frames_played += filled
        if filled < frames:
            if self._finished_feeding and not self._queue:
                raise sounddevice().CallbackStop
            self.underruns += 1

