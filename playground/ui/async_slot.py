"""`@async_slot()`: qasync's asyncSlot without importing asyncio/qasync at class definition.

Widgets built before the first paint are defined with it, so the window can paint before
asyncio (with ssl) and qasync are imported. Behaviour matches qasync.asyncSlot: the
coroutine runs as a task on the running loop, extra trailing signal arguments are dropped,
and exceptions go to sys.excepthook (which pytest-qt turns into test failures).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Slot

if TYPE_CHECKING:
    import inspect


def _report(task: Any) -> None:
    import asyncio

    try:
        task.result()
    except asyncio.CancelledError:
        pass
    except Exception:
        sys.excepthook(*sys.exc_info())


def async_slot(*types: type) -> Callable[[Callable[..., Coroutine[Any, Any, Any]]], Any]:
    def decorate(fn: Callable[..., Coroutine[Any, Any, Any]]) -> Any:
        signature: inspect.Signature | None = None  # computed on first call: startup is lean

        @Slot(*types)
        @functools.wraps(fn)
        def wrapper(*args: Any) -> Any:
            import asyncio

            nonlocal signature
            if signature is None:
                import inspect

                signature = inspect.signature(fn)
            # Qt ignores trailing signal arguments (e.g. clicked's `checked`); Python does not.
            while args:
                try:
                    signature.bind(*args)
                    break
                except TypeError:
                    args = args[:-1]
            task = asyncio.ensure_future(fn(*args))
            task.add_done_callback(_report)
            return task

        return wrapper

    return decorate
