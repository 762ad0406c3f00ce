"""The plain state of an open conversation: its turns, the controls' snapshot, how a reply ended.

What the chat session keeps and emits; the chat tab renders it. No widgets, no I/O.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from typing import Any

from playground.model.types import (
    ApiFailure,
    ChatMessage,
    ChatRequest,
    ImageInput,
    MessageStatus,
)
from playground.services.reply_options import ReplyOptions

CONTINUE_PROMPT = (
    "Continue exactly where your previous message stopped. Do not repeat anything and do not "
    "add any preamble."
)


@dataclass
class Turn:
    """One message of the open conversation as the session knows it (mirrors a history row)."""

    id: int
    position: int
    role: str
    content: str
    images: list[ImageInput] = field(default_factory=list)
    status: MessageStatus = MessageStatus.COMPLETE
    model: str = ""
    error: ApiFailure | None = None

    def as_message(self) -> ChatMessage:
        return ChatMessage(self.role, self.content, list(self.images))


@dataclass(frozen=True)
class ChatControls:
    """What the chat's controls say, taken when a request is built (model, system prompt,
    sampling parameters already applied to `template`; `params` is what history stores)."""

    model: str
    system_prompt: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    template: ChatRequest = field(default_factory=lambda: ChatRequest(model="", messages=[]))
    options: ReplyOptions = field(default_factory=ReplyOptions)

    def request(self, messages: list[ChatMessage]) -> ChatRequest:
        return replace(self.template, model=self.model, messages=messages)


class ReplyEnd(enum.StrEnum):
    COMPLETE = "complete"
    LENGTH = "length"  # hit the maximum tokens: offer Continue
    CONTENT_FILTER = "content_filter"
    STOPPED = "stopped"  # the user pressed Stop
    FAILED = "failed"  # an ApiFailure after the retries


@dataclass(frozen=True)
class ReplyOutcome:
    turn: Turn
    end: ReplyEnd
    failure: ApiFailure | None = None
    partial: bool = False  # some of the reply arrived before it ended
    request_id: str | None = None


@dataclass(frozen=True)
class Countdown:
    """A retry is waiting: `failure` is what happened; seconds_left 0 means it is over."""

    turn: Turn
    failure: ApiFailure | None
    seconds_left: int
    attempt: int


def context_messages(system_prompt: str, turns: list[Turn]) -> list[ChatMessage]:
    """The messages a request carries: the system prompt, then every turn that has text."""
    messages: list[ChatMessage] = []
    if system_prompt.strip():
        messages.append(ChatMessage("system", system_prompt.strip()))
    for turn in turns:
        if turn.role == "assistant" and not turn.content:
            continue  # a failed reply with no text is not context
        messages.append(turn.as_message())
    return messages
