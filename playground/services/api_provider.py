"""The API client of the active profile, built lazily inside the running loop."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playground.api.client import ApiClient
    from playground.model.types import Profile


class ApiProvider:
    """The ApiClient of the active profile, built on first use inside the running loop.

    The SDK import (~0.4 s) runs in a worker thread so the window never freezes for it.
    `key_loader` reads the key (keyring, off-thread) for a profile name.
    """

    def __init__(
        self,
        profile: Callable[[], Profile],
        key_loader: Callable[[str], Awaitable[str | None]],
    ) -> None:
        self._profile = profile
        self._key_loader = key_loader
        self._client: ApiClient | None = None
        self._lock = asyncio.Lock()
        self.session_keys: dict[str, str] = {}  # keys kept only in memory (no keyring)

    async def client(self) -> ApiClient:
        async with self._lock:
            if self._client is None:
                from playground.api.environment import apply_environment, key_from_environment

                profile = self._profile()
                key = self.session_keys.get(profile.name)
                if key is None and not key_from_environment():  # the environment wins anyway
                    key = await self._key_loader(profile.name)
                profile, key = apply_environment(profile, key)
                self._client = await build_client(profile, key)
            return self._client

    def profile(self) -> Profile:
        return self._profile()

    def for_profile(self, profile: Callable[[], Profile]) -> ApiProvider:
        """A provider of another profile (a tab's own) that reads keys the same way and
        shares the keys kept for this session only."""
        other = ApiProvider(profile, self._key_loader)
        other.session_keys = self.session_keys
        return other

    async def invalidate(self) -> None:
        """Profile or key changed: the next call builds a new client."""
        async with self._lock:
            client, self._client = self._client, None
        if client is not None:
            await client.aclose()

    async def aclose(self) -> None:
        await self.invalidate()

    @staticmethod
    async def warm_up() -> None:
        """Import the SDK and its per-API modules on a worker thread, soon after start, so
        that no first request imports them on the UI thread; then freeze them out of the
        full garbage collections (playground.heap)."""

        def warm() -> None:
            _import_client_module().import_resources()
            from playground import heap

            heap.freeze_long_lived()

        await asyncio.to_thread(warm)


def _import_client_module() -> Any:
    import sys

    first = "playground.api.client" not in sys.modules
    import playground.api.client as module

    if first:  # the SDK and its types: about a hundred thousand objects for good
        from playground import heap

        heap.freeze_long_lived()
    return module


async def build_client(profile: Profile, key: str | None) -> ApiClient:
    """A new ApiClient (e.g. to test a key before saving it); the caller closes it.

    The SDK import and the TLS context (the system's CA bundle, 20-40 ms) are made on a
    worker thread; the client itself is built here, on the loop's thread: built on a worker,
    its connections were sometimes left open when it closed."""

    def prepare() -> Any:
        module = _import_client_module()
        module.default_ssl_context()
        return module

    module: Any = await asyncio.to_thread(prepare)
    client: ApiClient = module.ApiClient(profile, key)
    return client
