"""Plain types of a batch run: the prompt template, the checks chosen per run, a row's result.

A `BatchTemplate` is a plain `ChatRequest` whose message texts hold `{{variables}}` (filled by
model/prompt_template.py), plus a label for the results' columns; a prompt-library version
becomes one by building its request.
"""

from __future__ import annotations

import copy
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from playground.model import prompt_template
from playground.model.file_search import FileSearchTool
from playground.model.types import ChatMessage, ChatRequest, HostedTools, ImageInput


@dataclass
class BatchTemplate:
    label: str  # "A", "gpt-5.5", "v3": the heading of this template's result columns
    request: ChatRequest

    def variables(self) -> list[str]:
        """Names the messages use, in first-use order."""
        return prompt_template.variables(*(m.content for m in self.request.messages))

    def filled(self, values: Mapping[str, object]) -> ChatRequest:
        """The request for one row; raises prompt_template.MissingVariables (all names)."""
        absent = prompt_template.missing((m.content for m in self.request.messages), values)
        if absent:
            raise prompt_template.MissingVariables(absent)
        request = copy.copy(self.request)
        request.messages = [
            ChatMessage(m.role, prompt_template.fill(m.content, values),
                        images=[ImageInput(i.url, i.detail, i.width, i.height) for i in m.images],
                        name=m.name)
            for m in self.request.messages]
        return request


class CheckKind(enum.StrEnum):
    CONTAINS = "contains"  # the output contains `value` (as typed)
    REGEX = "regex"  # re.search(value, output)
    JSON_SCHEMA = "json_schema"  # the output is JSON valid against the schema in `value`
    EQUALS_COLUMN = "equals_column"  # the output (trimmed) equals the row's column `value`


@dataclass(frozen=True)
class BatchCheck:
    kind: CheckKind
    value: str


class RowStatus(enum.StrEnum):
    DONE = "done"  # a reply arrived (checks may still fail)
    ERROR = "error"  # the request failed after its retries; `error` says why


@dataclass
class RowResult:
    """One row's reply from one template (`variant` indexes the run's templates)."""

    row: int
    variant: int
    status: RowStatus
    output: str = ""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: str | None = None  # dollars as a decimal string; None when the price is unknown
    seconds: float = 0.0
    passed: bool | None = None  # None: no checks chosen (or the request failed)
    problems: list[str] = field(default_factory=list)  # checks that failed, one line each
    error: str = ""
    request_id: str | None = None
    estimated: bool = False  # tokens counted locally: the server sent no usage

    @property
    def tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


def request_to_json(request: ChatRequest) -> dict[str, Any]:
    """A template's request as JSON, so a stored run reopens with the same settings."""
    from dataclasses import asdict

    return asdict(request)


def request_from_json(data: Mapping[str, Any]) -> ChatRequest:
    fields = dict(data)
    messages = [ChatMessage(m["role"], m["content"],
                            images=[ImageInput(**i) for i in m.get("images", [])],
                            name=m.get("name"))
                for m in fields.pop("messages", [])]
    known = set(ChatRequest.__dataclass_fields__)
    kept = {k: v for k, v in fields.items() if k in known}
    # Nested settings come back as plain JSON: rebuild them as the request holds them.
    kept["hosted_tools"] = HostedTools.from_state(kept.get("hosted_tools"))
    kept.pop("mcp_headers", None)  # secrets are read from the keyring when sending, never kept
    search = kept.pop("file_search", None)
    if isinstance(search, Mapping) and search.get("vector_store_ids"):
        kept["file_search"] = FileSearchTool(tuple(search["vector_store_ids"]),
                                             search.get("max_num_results"))
    return ChatRequest(messages=messages, **kept)
