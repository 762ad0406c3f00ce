"""The plain state of an open conversation: its turns, the controls' snapshot, how a reply ended.

What the chat session keeps and emits; the chat tab renders it. No widgets, no I/O.
"""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from playground.model.file_search import FileSearchTool
from playground.model.types import (
    ApiFailure,
    ChatMessage,
    ChatRequest,
    HostedTools,
    ImageInput,
    McpApproval,
    McpApprovalRequest,
    MessageStatus,
    ToolCall,
)
from playground.services.reply_options import ReplyOptions

CONTINUE_PROMPT = (
    "Continue exactly where your previous message stopped. Do not repeat anything and do not "
    "add any preamble."
)


@dataclass
class ToolCallRecord:
    """A function call the model made: `arguments` is its JSON text as streamed."""

    id: str
    name: str
    arguments: str = ""


APPROVAL = "mcp_approval_request"  # HostedCallRecord.kind of a call waiting for the user


@dataclass
class HostedCallRecord:
    """A call of a hosted tool (Responses), as its events told it; stored with the reply.

    kind: web_search | code_interpreter | image_generation | mcp_call | mcp_list_tools |
    APPROVAL; `detail` as model.types.ToolActivity describes it (APPROVAL: server, tool,
    arguments). `partial_b64` is the latest image preview, dropped once the image is done.
    """

    kind: str
    id: str
    status: str = "in_progress"
    detail: dict[str, Any] = field(default_factory=dict)
    partial_b64: str = ""


@dataclass
class ReplyMetrics:
    api: str = ""  # "responses" | "chat"
    first_token_s: float | None = None  # request sent -> first text
    total_s: float | None = None
    output_tokens: int | None = None
    finish: str = ""
    request_id: str = ""
    response_id: str = ""  # Responses: continue from it (previous_response_id)
    service_tier: str = ""
    cost: str = ""  # dollars as a decimal string, once priced ("" unknown)
    cost_estimated: bool = False  # priced from a local token count (the server sent none)
    web_searches: int = 0  # hosted tool use billed per call / session / image
    code_sessions: int = 0
    images: int = 0
    tool_cost: str = ""  # dollars for those, as a decimal string ("" none or unknown)

    @property
    def tokens_per_s(self) -> float | None:
        if not self.output_tokens or self.total_s is None or self.first_token_s is None:
            return None
        streaming = self.total_s - self.first_token_s
        return self.output_tokens / streaming if streaming > 0 else None


@dataclass
class ReplyDetails:
    """What a turn carries beyond its text; stored as the message's meta JSON."""

    reasoning: str = ""  # the reasoning summary ("Thinking")
    tool_calls: list[ToolCallRecord] = field(default_factory=list)
    tool_call_id: str = ""  # role "tool": which call this result answers
    citations: list[dict[str, Any]] = field(default_factory=list)  # url, title, start, end
    logprobs: list[Any] = field(default_factory=list)  # [token, logprob, [[alt, lp], …]]
    metrics: ReplyMetrics = field(default_factory=ReplyMetrics)
    json_problem: str | None = None  # structured replies: None unchecked, "" valid
    stopped: bool = False  # the user pressed Stop (an interruption of its own kind)
    choices: list[str] = field(default_factory=list)  # n > 1: every choice, in order
    hosted: list[HostedCallRecord] = field(default_factory=list)  # hosted tool calls, in order
    approval: dict[str, Any] | None = None  # an answer to an MCP approval: request_id, approve
    # file search: each call {id, status, queries, results [{file_id, filename, score, text}]}
    file_searches: list[dict[str, Any]] = field(default_factory=list)
    file_citations: list[dict[str, Any]] = field(default_factory=list)  # file_id, filename, index
    file_search_cost: str = ""  # dollars for the searches (decimal string; "" unpriced)
    # Responses background mode: {"status": queued | in_progress | completed | failed |
    # cancelled | incomplete, "created_at": server time, "cancel_requested": bool}; empty
    # for a reply that was streamed. The response id is metrics.response_id.
    background: dict[str, Any] = field(default_factory=dict)

    def background_active(self) -> bool:
        """A background run the server may still be working on, that nobody cancelled: the
        session resumes it when the conversation is opened again."""
        from playground.model.types import BACKGROUND_ACTIVE

        return (bool(self.metrics.response_id) and not self.background.get("cancel_requested")
                and self.background.get("status") in BACKGROUND_ACTIVE)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, meta: dict[str, Any]) -> ReplyDetails:
        try:
            return cls(
                reasoning=str(meta.get("reasoning", "")),
                tool_calls=[ToolCallRecord(**c) for c in meta.get("tool_calls", [])],
                tool_call_id=str(meta.get("tool_call_id", "")),
                citations=list(meta.get("citations", [])),
                logprobs=list(meta.get("logprobs", [])),
                metrics=ReplyMetrics(**meta.get("metrics", {})),
                json_problem=meta.get("json_problem"),
                stopped=bool(meta.get("stopped", False)),
                choices=[str(c) for c in meta.get("choices", [])],
                hosted=[HostedCallRecord(**h) for h in meta.get("hosted", [])],
                approval=meta.get("approval"),
                file_searches=list(meta.get("file_searches", [])),
                file_citations=list(meta.get("file_citations", [])),
                file_search_cost=str(meta.get("file_search_cost", "")),
                background=dict(meta.get("background") or {}),
            )
        except TypeError:  # meta from another version: keep the text, drop the extras
            return cls()


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
    details: ReplyDetails = field(default_factory=ReplyDetails)

    def as_message(self) -> ChatMessage:
        calls = [ToolCall(c.id, c.name, c.arguments) for c in self.details.tool_calls]
        asks = [McpApprovalRequest(h.id, str(h.detail.get("server", "")),
                                   str(h.detail.get("tool", "")),
                                   str(h.detail.get("arguments", "")))
                for h in self.details.hosted if h.kind == APPROVAL]
        answer = self.details.approval
        return ChatMessage(self.role, self.content, list(self.images), tool_calls=calls,
                           tool_call_id=self.details.tool_call_id or None,
                           approval_requests=asks,
                           approval=McpApproval(str(answer["request_id"]),
                                                bool(answer["approve"])) if answer else None)

    def answered_calls(self, later: list[Turn]) -> set[str]:
        """Ids of this turn's function calls that a later tool turn answers."""
        return {t.details.tool_call_id for t in later if t.role == "tool"}

    def pending_approvals(self, later: list[Turn]) -> list[HostedCallRecord]:
        """This reply's MCP approval requests that no later turn answers yet."""
        answered = {str(t.details.approval.get("request_id")) for t in later
                    if t.details.approval}
        return [h for h in self.details.hosted if h.kind == APPROVAL and h.id not in answered]


@dataclass(frozen=True)
class ChatControls:
    """What the chat's controls say, taken when a request is built (model, system prompt,
    sampling parameters already applied to `template`; `params` is what history stores)."""

    model: str
    system_prompt: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    template: ChatRequest = field(default_factory=lambda: ChatRequest(model="", messages=[]))
    options: ReplyOptions = field(default_factory=ReplyOptions)

    def request(self, messages: list[ChatMessage], *, api: str = "chat",
                previous_response_id: str | None = None) -> ChatRequest:
        """The request for `messages` on `api` ("responses" or "chat"), options applied."""
        o = self.options
        if api != "responses":  # hosted tools and their approvals exist on Responses only
            messages = [replace(m, approval_requests=[]) for m in messages
                        if m.approval is None]
        return replace(
            self.template, model=self.model, messages=messages, api=api,
            reasoning_summary=o.reasoning_summary if api == "responses" else None,
            verbosity=o.verbosity, response_format=o.response_format, schema=o.schema,
            schema_name=o.schema_name, strict=o.strict, functions=list(o.functions),
            tool_choice=o.tool_choice, parallel_tool_calls=o.parallel_tool_calls,
            logprobs=o.logprobs, top_logprobs=o.top_logprobs,
            hosted_tools=o.hosted_tools if api == "responses" else HostedTools(),
            file_search=self._file_search(api),
            n=o.n if api == "chat" else 1,
            background=o.background and api == "responses",  # Responses only
            previous_response_id=previous_response_id,
            store=True if previous_response_id or (o.continue_stored and api == "responses")
            else None)


    def _file_search(self, api: str) -> FileSearchTool | None:
        """The stores the tools menu chose (else the template's own, for callers that set
        one); Chat Completions has no file search."""
        if api != "responses":
            return None
        ids = self.options.hosted_tools.vector_store_ids
        return FileSearchTool(ids) if ids else self.template.file_search


class ReplyEnd(enum.StrEnum):
    COMPLETE = "complete"
    LENGTH = "length"  # hit the maximum tokens: offer Continue
    CONTENT_FILTER = "content_filter"
    TOOL_CALLS = "tool_calls"  # the model called functions: the user supplies results
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
        if turn.role == "assistant" and not turn.content and not turn.details.tool_calls \
                and not any(h.kind == APPROVAL for h in turn.details.hosted):
            continue  # a failed reply with no text is not context
        messages.append(turn.as_message())
    return messages
