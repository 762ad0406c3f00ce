"""What the user chose beyond sampling: which API, reasoning summary, output format, functions,
logprobs, choices and conversation state. A plain snapshot the chat session builds from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from playground.model.types import HostedTools

API_AUTO, API_RESPONSES, API_CHAT = "auto", "responses", "chat"
FORMAT_TEXT, FORMAT_JSON_OBJECT, FORMAT_JSON_SCHEMA = "text", "json_object", "json_schema"


@dataclass(frozen=True)
class ReplyOptions:
    api: str = API_AUTO  # auto: Responses, or Chat Completions where a server lacks it
    reasoning_summary: str | None = None  # auto | concise | detailed (Responses)
    verbosity: str | None = None  # low | medium | high
    response_format: str = FORMAT_TEXT
    schema: dict[str, Any] | None = None  # FORMAT_JSON_SCHEMA
    schema_name: str = "reply"
    strict: bool = True
    functions: list[dict[str, Any]] = field(default_factory=list)  # name, description, ...
    tool_choice: str = "auto"  # auto | none | required | a function's name
    parallel_tool_calls: bool = True
    logprobs: bool = False
    top_logprobs: int = 0
    n: int = 1  # Chat Completions only
    continue_stored: bool = False  # previous_response_id + store=true instead of history
    hosted_tools: HostedTools = field(default_factory=HostedTools)  # the chat's tools menu
    background: bool = False  # Responses background mode: submitted, polled, resumable

    def state(self) -> dict[str, Any]:
        """As stored with the conversation (JSON)."""
        state = {k: v for k, v in self.__dict__.items() if v != getattr(DEFAULTS, k)}
        if "hosted_tools" in state:
            state["hosted_tools"] = self.hosted_tools.state()
        return state

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> ReplyOptions:
        known = {k: v for k, v in state.items() if k in cls.__dataclass_fields__}
        if "hosted_tools" in known:
            known["hosted_tools"] = HostedTools.from_state(known["hosted_tools"])
        try:
            return cls(**known)
        except TypeError:  # a state written by another version: fall back to defaults
            return cls()


DEFAULTS = ReplyOptions()
