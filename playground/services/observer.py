"""A typed, Qt-free signal: sessions announce what happened; views and tests subscribe.

Callbacks run synchronously in emit order, on the thread that emits (the event loop's), so a
view can update widgets directly and a test can record events without a display.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, ParamSpec

P = ParamSpec("P")


class Emitter(Generic[P]):
    def __init__(self) -> None:
        self._callbacks: list[Callable[P, object]] = []

    def connect(self, callback: Callable[P, object]) -> Callable[[], None]:
        """Subscribe; returns a function that unsubscribes."""
        self._callbacks.append(callback)
        return lambda: self.disconnect(callback)

    def disconnect(self, callback: Callable[P, object]) -> None:
        if callback in self._callbacks:
            self._callbacks.remove(callback)

    def emit(self, *args: P.args, **kwargs: P.kwargs) -> None:
        for callback in list(self._callbacks):
            callback(*args, **kwargs)
