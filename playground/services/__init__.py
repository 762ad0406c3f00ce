"""The services layer: widget-free sessions that own each tab's state and async work.

ui -> services -> (api | usage | storage | audio) -> model. A session takes the `Services`
built once in the composition root, emits events (`observer.Emitter`) that its tab renders,
and is tested without a display.

The names below load on first use: the window paints before asyncio is imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playground.services.api_provider import ApiProvider, build_client
    from playground.services.container import Services

__all__ = ["ApiProvider", "Services", "build_client"]


def __getattr__(name: str) -> Any:
    if name in ("ApiProvider", "build_client"):
        from playground.services import api_provider

        return getattr(api_provider, name)
    if name == "Services":
        from playground.services.container import Services

        return Services
    raise AttributeError(name)
