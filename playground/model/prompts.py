"""Prompts kept in the library: a named prompt and its numbered, never-edited versions.

A version's content is everything needed to start a chat from it: instructions (the system or
developer message), messages, model, settings, function tools and a response schema. Texts may
use `{{variables}}` (model/prompt_template.py), filled in just before use.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from playground.model import prompt_template
from playground.model.types import ChatMessage

# Roles a prompt's messages may have; instructions hold the system/developer message.
MESSAGE_ROLES = ("user", "assistant", "system", "developer")
_INSTRUCTION_ROLES = ("system", "developer")
# Settings keys that are not sampling settings but their own fields of the content.
_CONTENT_KEYS = ("model", "functions", "tools", "schema", "response_schema")


@dataclass(frozen=True)
class PromptMessage:
    role: str  # user | assistant | system | developer
    text: str


@dataclass(frozen=True)
class PromptContent:
    """What one version holds. `settings` uses ChatRequest's names (temperature, top_p,
    max_tokens, reasoning_effort, verbosity, …); unset settings are simply absent."""

    instructions: str = ""
    messages: tuple[PromptMessage, ...] = ()
    model: str = ""
    settings: Mapping[str, Any] = field(default_factory=dict)
    tools: tuple[dict[str, Any], ...] = ()  # function definitions: name, description, parameters
    response_schema: dict[str, Any] | None = None

    def texts(self) -> list[str]:
        """Every text that may hold a variable, instructions first."""
        return [self.instructions, *(m.text for m in self.messages)]

    def variables(self) -> list[str]:
        return prompt_template.variables(*self.texts())

    def filled(self, values: Mapping[str, object]) -> PromptContent:
        """The content with every variable replaced; raises MissingVariables naming all
        that `values` lacks."""
        absent = prompt_template.missing(self.texts(), values)
        if absent:
            raise prompt_template.MissingVariables(absent)
        return replace(
            self,
            instructions=prompt_template.fill(self.instructions, values),
            messages=tuple(PromptMessage(m.role, prompt_template.fill(m.text, values))
                           for m in self.messages))

    def chat_messages(self) -> list[ChatMessage]:
        """The messages a chat starts with: the instructions as a system message first."""
        start = [ChatMessage("system", self.instructions)] if self.instructions.strip() else []
        return start + [ChatMessage(m.role, m.text) for m in self.messages]

    def is_empty(self) -> bool:
        return not (self.instructions.strip() or self.messages or self.model or self.settings
                    or self.tools or self.response_schema is not None)


@dataclass(frozen=True)
class Prompt:
    id: int
    name: str
    created: float  # Unix seconds
    updated: float  # when its latest version was saved
    latest: int = 1  # number of its latest version


@dataclass(frozen=True)
class PromptVersion:
    prompt_id: int
    number: int  # 1, 2, 3… within its prompt
    note: str
    created: float
    content: PromptContent


def content_from_chat(messages: Sequence[ChatMessage],
                      settings: Mapping[str, Any] | None = None) -> PromptContent:
    """A prompt's content from a conversation ("Save conversation as prompt").

    Leading system/developer messages become the instructions; every other message is kept
    with its text (images, tool calls and tool results are not part of a prompt). `settings` is what
    the chat's controls say (ChatControls.params, or a ChatRequest's fields); its "model",
    "functions"/"tools" and "schema" entries fill those fields, None values are dropped.
    """
    rest = list(messages)
    leading: list[str] = []
    while rest and rest[0].role in _INSTRUCTION_ROLES:
        leading.append(rest.pop(0).content)
    # Tool results answer calls a prompt does not keep, and an assistant turn that only
    # called tools has no text: neither belongs in a reusable prompt.
    kept = tuple(PromptMessage(m.role, m.content) for m in rest
                 if m.role in MESSAGE_ROLES and (m.content.strip() or m.role != "assistant"))
    given = dict(settings or {})
    tools = given.get("functions") or given.get("tools") or []
    schema = given.get("response_schema", given.get("schema"))
    return PromptContent(
        instructions="\n\n".join(text for text in leading if text.strip()),
        messages=kept,
        model=str(given.get("model") or ""),
        settings={k: v for k, v in sorted(given.items())
                  if k not in _CONTENT_KEYS and v is not None and v != [] and v != ""},
        tools=tuple(dict(t) for t in tools if isinstance(t, Mapping)),
        response_schema=dict(schema) if isinstance(schema, Mapping) else None,
    )


def content_to_json(content: PromptContent) -> dict[str, Any]:
    """The content as plain JSON values (export, and the database's columns)."""
    return {
        "instructions": content.instructions,
        "messages": [{"role": m.role, "text": m.text} for m in content.messages],
        "model": content.model,
        "settings": dict(content.settings),
        "tools": [dict(t) for t in content.tools],
        "response_schema": content.response_schema,
    }


def render_text(content: PromptContent) -> str:
    """A readable, stable rendering of a version: what the preview shows and diffs compare.
    Sections are always in the same order and settings sorted, so a diff shows only edits."""
    lines = [f"Model: {content.model or '(not set)'}"]
    if content.settings:
        lines.append("Settings:")
        lines += [f"  {key}: {_value(value)}" for key, value in sorted(content.settings.items())]
    lines.append("Instructions:")
    lines += _indented(content.instructions or "(none)")
    if content.messages:
        lines.append("Messages:")
        for message in content.messages:
            lines.append(f"  [{message.role}]")
            lines += _indented(message.text, "    ")
    if content.tools:
        lines.append("Tools:")
        lines += _indented(json.dumps(list(content.tools), indent=2, ensure_ascii=False,
                                      sort_keys=True))
    if content.response_schema is not None:
        lines.append("Response schema:")
        lines += _indented(json.dumps(content.response_schema, indent=2, ensure_ascii=False,
                                      sort_keys=True))
    return "\n".join(lines) + "\n"


def diff_text(old: PromptVersion, new: PromptVersion) -> str:
    """Unified diff of two versions' renderings ("" when their contents are the same)."""
    return "\n".join(difflib.unified_diff(
        render_text(old.content).splitlines(), render_text(new.content).splitlines(),
        fromfile=f"v{old.number}", tofile=f"v{new.number}", lineterm=""))


def _value(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _indented(text: str, prefix: str = "  ") -> list[str]:
    return [prefix + line if line else "" for line in text.splitlines() or [""]]
