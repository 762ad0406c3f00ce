"""A tab's own profile: the services a tab works with when it does not follow the window's.

Chat follows the window's profile; Images, Speech and Transcription may each use another
(their setting is "" to follow). A tab on its own profile gets the same services with an API
provider of that profile; everything else (usage, history, keys) stays shared.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playground.model.types import Profile
    from playground.services.container import Services


_closing: set[Any] = set()  # background closes, referenced until done


class TabProfile:
    def __init__(self, services: Services, chosen: str = "") -> None:
        self._main = services
        self._retired: list[Services] = []  # providers to close (their requests may run on)
        self.chosen = ""
        self.services = services
        self.choose(chosen)

    def choose(self, name: str) -> Services:
        """Follow the window ("") or use `name`; an unknown name follows the window."""
        name = name if name in self._main.profiles.names() else ""
        if name == self.chosen:
            return self.services
        old = self.services
        self.chosen = name
        if name:
            profiles = self._main.profiles

            def profile() -> Profile:
                found = profiles.get(name)
                return found if found is not None else profiles.active()  # deleted since

            self.services = replace(self._main, api=self._main.api.for_profile(profile))
        else:
            self.services = self._main
        if old is not self._main:
            self._retired.append(old)
            self.close_later()  # the old profile's client: after its requests finish
        return self.services

    @property
    def profile(self) -> Profile:
        return self.services.api.profile()

    def close_later(self) -> None:
        """Close the clients of profiles this tab no longer uses, in the background (after
        their requests finish: ApiClient.aclose waits for them); nothing without a loop."""
        import asyncio

        retired, self._retired = self._retired, []
        for services in retired:
            try:
                task = asyncio.ensure_future(services.api.aclose())
            except RuntimeError:
                return
            _closing.add(task)
            task.add_done_callback(_closing.discard)

    async def aclose(self) -> None:
        """The app is quitting: close every client this tab opened, its own included."""
        retired, self._retired = self._retired, []
        if self.services is not self._main:
            retired.append(self.services)
        for services in retired:
            await services.api.aclose()
