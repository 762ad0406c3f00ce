"""The services layer: widget-free sessions that own each tab's state and async work.

ui -> services -> (api | usage | storage | audio) -> model. A session takes the `Services`
built once in the composition root, emits events (`observer.Emitter`) that its tab renders,
and is tested without a display.
"""

from playground.services.api_provider import ApiProvider, build_client
from playground.services.container import Services

__all__ = ["ApiProvider", "Services", "build_client"]
