"""`@async_slot()`: qasync's asyncSlot without importing asyncio/qasync at class definition.

Widgets built before the first paint are defined with it, so the window can paint before
asyncio (with ssl) and qasync are imported. Behaviour matches qasync.asyncSlot: the
coroutine runs as a task on the running loop, extra trailing signal arguments are dropped,
and exceptions go to sys.excepthook (which pytest-qt turns into test failures).
"""

from __future__ import annotations

import functools
import sys
import weakref
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Slot

if TYPE_CHECKING:
    import inspect


# Slots cancelled because their widget was destroyed: a `finally` that touches the gone widget
# raises "already deleted", which says nothing the user or a test needs to hear.
_orphaned: weakref.WeakSet[Any] = weakref.WeakSet()


def _report(task: Any) -> None:
    import asyncio

    try:
        task.result()
    except asyncio.CancelledError:
        pass
    except RuntimeError as exc:
        if task not in _orphaned or "already deleted" not in str(exc):
            sys.excepthook(*sys.exc_info())
    except Exception:
        sys.excepthook(*sys.exc_info())


def _cancel_with(owner: QObject, task: Any) -> None:
    """A widget deleted while its slot awaits (a window closed mid-load) cancels the slot,
    so the slot never touches the deleted widget when its await returns."""
    import contextlib

    def gone(*_: object) -> None:
        _orphaned.add(task)
        task.cancel()

    connection = owner.destroyed.connect(gone)

    def forget(_task: Any) -> None:
        if task in _orphaned:
            return  # the owner is being destroyed: its connections go with it
        with contextlib.suppress(RuntimeError, TypeError):  # the owner may be gone already
            owner.destroyed.disconnect(connection)

    task.add_done_callback(forget)


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
            if args and isinstance(args[0], QObject):
                _cancel_with(args[0], task)
            return task

        return wrapper

    return decorate
