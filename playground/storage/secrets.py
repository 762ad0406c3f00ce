"""API keys in the OS keyring, one entry per profile, and nowhere else.

Every keyring call runs on its own daemon thread with a timeout: keyring can block forever
(set_password when HOME does not exist, an unlock prompt nobody answers), and a daemon
thread stuck there never keeps the app from exiting. There is deliberately no file
fallback: when the keyring is unavailable the app keeps a session-only key in memory.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from typing import Any, TypeVar

from playground import APP_ID

SERVICE = APP_ID  # "openai-playground": the keyring entry's service; username = profile name
DEFAULT_TIMEOUT = 10.0  # seconds; a healthy Secret Service answers in well under one
_PROBE_USER = "(connection check)"  # never stored; check() only reads it

_T = TypeVar("_T")

_NO_BACKEND_HINT = (
    "On Linux, install and start a Secret Service provider such as GNOME Keyring or "
    "KeePassXC (with Secret Service enabled) inside a desktop session with D-Bus. "
    "Until then the key is kept for this session only."
)
_LOCKED_HINT = (
    "Unlock your keyring (for GNOME Keyring: open 'Passwords and Keys' and unlock "
    "'Login'), then try again."
)
_TIMEOUT_HINT = (
    "An unlock prompt may be waiting in another window, or the keyring service is hung. "
    "Answer the prompt or restart the keyring service, then try again."
)
_GENERIC_HINT = (
    "Check that the keyring service is running and try again. Until then the key is kept "
    "for this session only."
)
_PERMISSION_HINT = (
    "Allow this app to use the keyring (check its access rules or sandbox permissions), "
    "then try again."
)


class SecretsUnavailable(Exception):
    """The keyring cannot store or read keys; `message` says what, `hint` what to do."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}"


@dataclass(frozen=True)
class KeyringStatus:
    ok: bool
    backend: str  # e.g. "SecretService Keyring"; "" when it could not be determined
    message: str = ""  # empty when ok
    hint: str = ""


class _DaemonThreadExecutor(Executor):
    """Runs each call on a fresh daemon thread, so a call that never returns only leaks
    one idle thread and never blocks interpreter exit (ThreadPoolExecutor joins its
    workers at exit, and a hung worker would also stall every later call queued behind it).
    Keyring calls are rare, so a thread per call costs nothing that matters."""

    def submit(self, fn: Callable[..., _T], /, *args: Any, **kwargs: Any) -> Future[_T]:
        future: Future[_T] = Future()

        def run() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                future.set_result(fn(*args, **kwargs))
            except BaseException as exc:  # handed to the awaiting coroutine
                future.set_exception(exc)

        threading.Thread(target=run, name="keyring-call", daemon=True).start()
        return future


class SecretStore:
    """Async access to the per-profile API keys in the OS keyring."""

    def __init__(self, timeout: float = DEFAULT_TIMEOUT, service: str = SERVICE,
                 what: str = "API key") -> None:
        self._timeout = timeout
        self._service = service
        self._what = what  # named in errors: "could not read the API key"
        self._executor = _DaemonThreadExecutor()

    async def get(self, profile: str) -> str | None:
        """The profile's key, or None when it has none."""
        service = self._service
        return await self._call(
            f"read the {self._what}", lambda kr: kr.get_password(service, profile)
        )

    async def set(self, profile: str, key: str) -> None:
        if not key:
            raise ValueError(f"an empty {self._what} cannot be stored; delete the entry instead")
        service = self._service
        await self._call(f"save the {self._what}",
                         lambda kr: kr.set_password(service, profile, key))

    async def delete(self, profile: str) -> None:
        """Remove the profile's key; removing a key that is not there is not an error."""
        service = self._service

        def delete(kr: Any) -> None:
            from keyring.errors import PasswordDeleteError

            try:
                kr.delete_password(service, profile)
            except PasswordDeleteError:
                pass  # already absent: the outcome the caller asked for

        await self._call(f"delete the {self._what}", delete)

    async def move(self, old_profile: str, new_profile: str) -> None:
        """Re-file a key under a renamed profile (copy, then delete the old entry)."""
        key = await self.get(old_profile)
        if key is None:
            return
        await self.set(new_profile, key)
        await self.delete(old_profile)

    async def backend_name(self) -> str:
        return await self._call("find the keyring", lambda kr: str(kr.name))

    async def check(self) -> KeyringStatus:
        """Probe the keyring with a harmless read; used by the key dialog and --doctor."""
        try:
            name = await self.backend_name()
            await self._call(
                "read from the keyring", lambda kr: kr.get_password(self._service, _PROBE_USER)
            )
        except SecretsUnavailable as exc:
            return KeyringStatus(False, "", exc.message, exc.hint)
        return KeyringStatus(True, name)

    async def _call(self, action: str, operation: Callable[[Any], _T]) -> _T:
        future = asyncio.wrap_future(self._executor.submit(_run_with_keyring, operation))
        try:
            return await asyncio.wait_for(future, self._timeout)
        except TimeoutError:
            raise SecretsUnavailable(
                f"The system keyring did not answer within {self._timeout:g} s "
                f"when trying to {action}.",
                _TIMEOUT_HINT,
            ) from None
        except SecretsUnavailable:
            raise
        except Exception as exc:
            raise _explain(action, exc) from exc


def _run_with_keyring(operation: Callable[[Any], _T]) -> _T:
    import keyring  # slow to import (backend discovery); only ever on a worker thread

    backend = keyring.get_keyring()
    if _is_fail_backend(backend):
        raise SecretsUnavailable("No system keyring is available.", _NO_BACKEND_HINT)
    return operation(backend)


def _is_fail_backend(backend: Any) -> bool:
    return type(backend).__module__ == "keyring.backends.fail"


def _explain(action: str, exc: Exception) -> SecretsUnavailable:
    from keyring.errors import InitError, KeyringLocked, NoKeyringError

    detail = str(exc).strip().rstrip(".") or type(exc).__name__
    if isinstance(exc, NoKeyringError):
        return SecretsUnavailable("No system keyring is available.", _NO_BACKEND_HINT)
    if isinstance(exc, KeyringLocked):
        return SecretsUnavailable(
            f"The system keyring is locked, so the app could not {action}.", _LOCKED_HINT
        )
    if isinstance(exc, InitError):
        # Secret Service reachable but no usable collection: typically locked or not set up.
        return SecretsUnavailable(
            f"The system keyring is locked or not set up, so the app could not {action} "
            f"({detail}).",
            _LOCKED_HINT,
        )
    if isinstance(exc, PermissionError) or "AccessDenied" in detail:
        return SecretsUnavailable(
            f"The system keyring refused access when trying to {action} ({detail}).",
            _PERMISSION_HINT,
        )
    return SecretsUnavailable(
        f"The system keyring failed to {action}: {detail}.", _GENERIC_HINT
    )
