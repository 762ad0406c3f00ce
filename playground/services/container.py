"""`Services`: everything the composition root builds once and hands to every session and tab.

Typed and frozen: a tab never builds a client, store or price book of its own, and nothing is
looked up by a string name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playground.services.api_provider import ApiProvider
    from playground.services.prompt_library import PromptLibrary
    from playground.settings import Settings
    from playground.storage.gallery import Gallery
    from playground.storage.history_async import AsyncHistory
    from playground.storage.profiles import ProfileStore
    from playground.storage.secrets import SecretStore
    from playground.usage.service import UsageService


@dataclass(frozen=True)
class Services:
    api: ApiProvider
    usage: UsageService
    history: AsyncHistory
    secrets: SecretStore
    settings: Settings
    profiles: ProfileStore
    gallery: Gallery | None = None  # None: the gallery's folder could not be opened
    prompts: PromptLibrary | None = None  # None: the prompt library could not be opened
