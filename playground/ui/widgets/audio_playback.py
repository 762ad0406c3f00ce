"""ClipPlayback: a SpeechPlayer driven from the UI, reporting its position by polling.

PortAudio's thread never touches Qt: a 30 Hz timer on the UI thread reads the player's
counters and emits `position` / `finished`.
"""

from __future__ import annotations

import asyncio

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from playground.audio.devices import DEFAULT
from playground.audio.player import SpeechPlayer


class ClipPlayback(QObject):
    position = Signal(float)  # seconds played
    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._player: SpeechPlayer | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(33)
        self._timer.timeout.connect(self._poll)

    @property
    def player(self) -> SpeechPlayer | None:
        return self._player

    @property
    def playing(self) -> bool:
        return self._player is not None

    async def open(self, rate: int, device: str = DEFAULT) -> SpeechPlayer:
        """Open the output device off the UI thread; raises AudioDeviceError."""
        self.stop()
        player = SpeechPlayer(rate, device)
        await asyncio.to_thread(player.start)
        self._player = player
        self._timer.start()
        return player

    async def play(self, samples: np.ndarray, rate: int, device: str = DEFAULT) -> None:
        player = await self.open(rate, device)
        player.feed(samples)
        player.finish()

    def feed(self, samples: np.ndarray) -> None:
        if self._player is not None:
            self._player.feed(samples)

    def finish(self) -> None:
        if self._player is not None:
            self._player.finish()

    def stop(self) -> None:
        player, self._player = self._player, None
        if player is not None:
            player.stop()
            self._timer.stop()
            self.finished.emit()

    def _poll(self) -> None:
        player = self._player
        if player is None:
            return
        done = player.done.is_set()  # read first: the position read after it is the final one
        self.position.emit(player.seconds_played)
        if done:
            self._player = None
            self._timer.stop()
            player.close()
            self.finished.emit()
