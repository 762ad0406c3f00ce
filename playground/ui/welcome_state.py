"""Whether first-run setup is due: no profile saved yet and setup neither finished nor
skipped. Kept apart from the dialog so the main window can ask without building widgets."""

from __future__ import annotations

from playground.settings import (
    WELCOME_DONE,
    Settings,
)
from playground.storage.profiles import GROUP


def needs_welcome(settings: Settings) -> bool:
    if settings.value(WELCOME_DONE):
        return False
    # ProfileStore.list() stands in a default profile when none is saved; ask the file.
    return int(str(settings.raw().value(f"{GROUP}/list/size", 0) or 0)) == 0


def mark_welcome_done(settings: Settings) -> None:
    settings.put(WELCOME_DONE, True)
    settings.sync()
