"""When streamed text goes to the screen: once per frame, slower if frames are expensive.

Each screen update costs the event loop the insertion plus the layout and paint that follow
it. On a slow machine (or a software-rendered window) that can approach the frame interval
itself, and the reply would then be read more slowly than the server sends it. The pacer
measures what an update really cost and keeps updates to at most a quarter of the time.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal

FRAME_INTERVAL_MS = 16  # at most one update per frame
MAX_INTERVAL_MS = 50  # never slower than twenty updates a second (and no big stalls)
UI_SHARE = 0.25  # updates may use at most this share of the event loop's time


class FramePacer(QObject):
    due = Signal()  # time to put the buffered text on the screen

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FRAME_INTERVAL_MS)
        self._timer.timeout.connect(self.due)
        self._cost = 0.0  # smoothed seconds per update, layout and paint included
        self._update_started: float | None = None

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    @property
    def is_measuring(self) -> bool:
        """An update's cost is still being measured."""
        return self._update_started is not None

    def request(self) -> None:
        """Text is waiting: make sure an update is scheduled."""
        if not self._timer.isActive():
            self._timer.start()

    def cancel(self) -> None:
        self._timer.stop()

    def update_started(self) -> None:
        """Called as an update begins; its cost is measured two event-loop turns later.

        The layout and paint an update causes are posted events, some posted while others
        run; two zero timers in a row fire after them (and maybe after other work, which
        only errs toward fewer updates).
        """
        if self._update_started is None:
            self._update_started = time.perf_counter()
            QTimer.singleShot(0, self, lambda: QTimer.singleShot(0, self, self._update_finished))

    def _update_finished(self) -> None:
        if self._update_started is None:
            return
        cost = time.perf_counter() - self._update_started
        self._update_started = None
        self._cost = cost if self._cost == 0.0 else 0.7 * self._cost + 0.3 * cost
        self._timer.setInterval(interval_for_cost(self._cost))


def interval_for_cost(cost_s: float) -> int:
    """Milliseconds between updates so that updates costing cost_s keep to UI_SHARE."""
    wanted = cost_s * 1000 * (1 - UI_SHARE) / UI_SHARE
    return int(min(MAX_INTERVAL_MS, max(FRAME_INTERVAL_MS, wanted)))
