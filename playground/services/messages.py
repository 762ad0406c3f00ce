"""The one way any code tells the user something: a `UserMessage` with a severity.

Where it shows is the window's decision (see `ui/message_bridge.py`): INFO goes to the status
bar, WARNING and ERROR inline in the tab that raised them (and the status bar), LASTING to the
window's notice area until cleared. Text is already translated by whoever phrases it; an
`action` is a key the tab knows how to label and run ("send_anyway", "key", ...).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playground.model.types import ApiFailure


class Severity(enum.IntEnum):
    INFO = 0  # passing: "Exported to …"
    WARNING = 1  # needs a look, nothing failed: a budget warning, a retiring model
    ERROR = 2  # something the user asked for did not happen
    LASTING = 3  # a problem with this computer's setup that stays until it is gone


@dataclass(frozen=True)
class UserMessage:
    severity: Severity
    text: str
    detail: str = ""  # raw detail behind a toggle (server body, path, exception)
    action: str | None = None  # key of an action the tab offers beside the text
    key: str = ""  # LASTING only: which notice this replaces or clears ("keyring", "audio")
    failure: ApiFailure | None = None  # an API failure: the view phrases it (ui/failures.py)
    frame: str = ""  # a sentence around the phrased failure: "%1" stands for it

    @classmethod
    def info(cls, text: str) -> UserMessage:
        return cls(Severity.INFO, text)

    @classmethod
    def error(cls, text: str, detail: str = "", action: str | None = None) -> UserMessage:
        return cls(Severity.ERROR, text, detail, action)

    @classmethod
    def api_failure(cls, failure: ApiFailure) -> UserMessage:
        return cls(Severity.ERROR, failure.message, failure.message, failure=failure)

    @classmethod
    def warning(cls, text: str, action: str | None = None) -> UserMessage:
        return cls(Severity.WARNING, text, action=action)
