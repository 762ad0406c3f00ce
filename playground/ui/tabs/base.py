"""`TabPage`: what the main window may ask of every tab, so it never probes with hasattr.

A tab is a thin view over its session: the window calls these methods and listens to these
signals; everything else is the tab's own business.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from playground.services import Services

BILLING_URL = "https://platform.openai.com/settings/organization/billing"


class TabPage(QWidget):
    userMessage = Signal(object)  # services.messages.UserMessage, routed by the window
    busyChanged = Signal(bool)  # the tab's main work started (True) or ended (False)
    sendTextToChat = Signal(str)  # e.g. a transcript: lands in the chat input, not sent
    sendImageToChat = Signal(bytes, str)  # image bytes and MIME type
    readAloudRequested = Signal(str)  # text for the speech tab
    keyDialogRequested = Signal(str)  # a failure's "Enter API key…": why
    profileDialogRequested = Signal()  # a failure's "Edit profile…"
    openConversation = Signal(int)  # a saved conversation to show in the chat (its id)

    def message_action(self, action: str) -> None:
        """A button of a shown failure: the key, profile and billing page are the window's."""
        if action == "key":
            self.keyDialogRequested.emit("")
        elif action == "profile":
            self.profileDialogRequested.emit()
        elif action == "billing":
            QDesktopServices.openUrl(QUrl(BILLING_URL))
        elif action == "retry":
            self.run_primary_action()

    def attach(self, services: Services) -> None:
        """The services exist (right after the first paint)."""

    def run_primary_action(self) -> None:
        """Ctrl+Enter: send, generate, speak or transcribe."""

    def stop_action(self) -> None:
        """Esc: stop whatever the tab is doing."""

    def shutdown(self) -> None:
        """The window closes: stop what runs (the chat leaves a background run on the server
        going, to resume next time)."""
        self.stop_action()

    def is_running(self) -> bool:
        return False

    async def aclose(self) -> None:
        """The app is quitting (the loop still runs): close what the tab opened."""

    async def on_profile_changed(self) -> None:
        """The active profile (server, key) changed: refresh what depends on it."""

    def apply_settings(self) -> None:
        """Preferences changed: re-read the ones this tab follows."""

    def receive_text(self, text: str) -> None:
        """Text sent here from another tab."""

    def receive_image(self, data: bytes, mime: str) -> None:
        """An image sent here from another tab."""

    def speak_text(self, text: str) -> None:
        """Text to read aloud (the speech tab)."""
