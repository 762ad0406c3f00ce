"""The active profile's model names for the chat picker: cached per profile so the picker
fills at once on start, then refreshed from the server's GET /models."""

from __future__ import annotations

from typing import TYPE_CHECKING

from playground.model.capabilities import learn_context_window

if TYPE_CHECKING:
    from playground.services.container import Services


class ModelList:
    def __init__(self, services: Services) -> None:
        self._services = services

    def _key(self) -> str:
        return f"models_cache/{self._services.api.profile().name or 'default'}"

    def cached(self) -> list[str]:
        value = self._services.settings.state().value(self._key(), [])
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value] if isinstance(value, list | tuple) else []

    async def refresh(self) -> list[str]:
        """The server's list (chat models first), remembered for the next start.
        Raises ApiFailure (UNSUPPORTED when the server lists no models)."""
        from playground.api import catalog

        client = await self._services.api.client()
        listings = await catalog.list_models(client)
        for listing in listings:  # vLLM tells each model's window in its list
            if listing.context_window:
                learn_context_window(listing.id, listing.context_window)
        names = catalog.model_ids(listings)
        self._services.settings.state().setValue(self._key(), names)
        return names
