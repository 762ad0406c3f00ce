"""Plain dataclasses that cross the api boundary. Never SDK objects; never imports openai."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from playground.model.file_search import FileSearchTool

DEFAULT_BASE_URL = "https://api.openai.com/v1"


@dataclass(frozen=True)
class Profile:
    """Where requests go and how. The key is not here: it lives in the OS keyring."""

    name: str = "OpenAI"
    base_url: str = DEFAULT_BASE_URL
    organization: str = ""
    project: str = ""
    proxy: str = ""  # http://, https://, socks5:// or socks5h:// URL; empty = system/none
    timeout: float = 600.0
    max_retries: int = 2


# ---- chat -------------------------------------------------------------------------------


@dataclass
class ImageInput:
    """An image sent to a vision model, as a data URL (or an https URL)."""

    url: str
    detail: str = "auto"  # auto | low | high
    width: int = 0  # pixel size when known, for local token estimates
    height: int = 0


@dataclass(frozen=True)
class ToolCall:
    """A function call the model made (`arguments`: its JSON text)."""

    id: str
    name: str
    arguments: str


@dataclass
class ChatMessage:
    role: str  # system | developer | user | assistant | tool
    content: str
    images: list[ImageInput] = field(default_factory=list)
    name: str | None = None
    tool_calls: list[ToolCall] = field(default_factory=list)  # assistant: calls it made
    tool_call_id: str | None = None  # tool: the call this result answers


@dataclass
class ChatRequest:
    model: str
    messages: list[ChatMessage]
    temperature: float | None = None
    top_p: float | None = None
    max_tokens: int | None = None  # sent as max_completion_tokens for reasoning models
    frequency_penalty: float | None = None
    presence_penalty: float | None = None
    stop: list[str] = field(default_factory=list)
    seed: int | None = None
    reasoning_effort: str | None = None  # none … xhigh (reasoning models)
    api: str = "chat"  # "responses" | "chat": which engine sends it
    reasoning_summary: str | None = None  # Responses: auto | concise | detailed
    verbosity: str | None = None  # low | medium | high
    response_format: str = "text"  # text | json_object | json_schema
    schema: dict[str, Any] | None = None  # json_schema
    schema_name: str = "reply"
    strict: bool = True
    functions: list[dict[str, Any]] = field(default_factory=list)  # name, description, …
    tool_choice: str = "auto"  # auto | none | required | a function's name
    parallel_tool_calls: bool = True
    logprobs: bool = False
    top_logprobs: int = 0
    n: int = 1  # Chat Completions only
    previous_response_id: str | None = None  # Responses: continue a stored response
    store: bool | None = None
    file_search: FileSearchTool | None = None  # Responses: search these vector stores


@dataclass
class Usage:
    """Token usage of one request; `estimated` when counted locally (server sent none)."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_tokens: int = 0
    reasoning_tokens: int = 0
    estimated: bool = False

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


@dataclass(frozen=True)
class RateLimitBucket:
    limit: int | None = None
    remaining: int | None = None
    reset_seconds: float | None = None  # parsed from durations like "6m0s", "1s", "20ms"


@dataclass(frozen=True)
class RateLimits:
    requests: RateLimitBucket = RateLimitBucket()
    tokens: RateLimitBucket = RateLimitBucket()


# Stream events yielded by api.chat.stream(): ---------------------------------------------


@dataclass(frozen=True)
class StreamStarted:
    """First event: the response headers arrived."""

    request_id: str | None
    rate_limits: RateLimits | None
    api: str = "chat"  # which API answers: "responses" | "chat"


@dataclass(frozen=True)
class ResponseStarted:
    """Responses: the server created the response (its id continues the conversation)."""

    response_id: str


@dataclass(frozen=True)
class ReasoningDelta:
    """A piece of the reasoning summary (shown as "Thinking")."""

    text: str


@dataclass(frozen=True)
class Citation:
    """A source the reply cites (url_citation), over characters start..end of the text."""

    url: str
    title: str
    start: int
    end: int


@dataclass(frozen=True)
class TokenLogprobs:
    """Probabilities of tokens just streamed: [token, logprob, [[alternative, logprob]…]]."""

    rows: list[list[Any]]


@dataclass(frozen=True)
class TextDelta:
    text: str
    index: int = 0


@dataclass(frozen=True)
class ToolCallDelta:
    index: int
    id: str | None
    name: str | None
    arguments: str


@dataclass(frozen=True)
class UsageReport:
    usage: Usage


@dataclass(frozen=True)
class Finished:
    reason: str | None  # stop | length | tool_calls | content_filter | None (server sent none)
    service_tier: str | None = None


# ---- file search events (Responses: response.file_search_call.*, file_citation) ----------


@dataclass(frozen=True)
class FileSearchResult:
    """One chunk the search returned (text only when the request included the results)."""

    file_id: str
    filename: str
    score: float | None
    text: str


@dataclass(frozen=True)
class FileSearchCall:
    """A file search the model ran, as it stands now: the same `id` arrives again as the
    status moves in_progress -> searching -> completed (or incomplete / failed); queries and
    results come with the finished item."""

    id: str
    status: str
    queries: tuple[str, ...] = ()
    results: tuple[FileSearchResult, ...] = ()


@dataclass(frozen=True)
class FileCitation:
    """The reply cites a file (file_citation), at character `index` of its text."""

    file_id: str
    filename: str
    index: int


StreamEvent = (StreamStarted | ResponseStarted | TextDelta | ReasoningDelta | Citation
               | TokenLogprobs | ToolCallDelta | UsageReport | Finished
               | FileSearchCall | FileCitation)


class MessageStatus(enum.StrEnum):
    """Where a stored message stands; a reply is STREAMING until its final write."""

    COMPLETE = "complete"
    STREAMING = "streaming"  # the reply is still arriving (rewritten every 250 ms)
    INTERRUPTED = "interrupted"  # the app stopped (or was killed) mid-stream
    ERROR = "error"  # the request failed; `error` says why, content keeps the partial reply


# ---- failures ---------------------------------------------------------------------------


NO_RESPONSES_API = "no_responses_api"  # ApiFailure.code: the server has no /responses


class FailureKind(enum.StrEnum):
    AUTH = "auth"  # 401: wrong or revoked key
    PERMISSION = "permission"  # 403: region, org, project
    NOT_FOUND = "not_found"  # 404: unknown model or endpoint missing on this server
    BAD_REQUEST = "bad_request"  # 400/422: a parameter the model or server rejects
    CONTEXT_LENGTH = "context_length"  # 400 context_length_exceeded
    CONTENT_POLICY = "content_policy"  # 400 content_policy_violation / moderation
    TOO_LARGE = "too_large"  # 413
    RATE_LIMIT = "rate_limit"  # 429 rate_limit_exceeded: retry after retry-after
    QUOTA = "quota"  # 429 insufficient_quota: add credit, do not retry
    SERVER = "server"  # 5xx
    TIMEOUT = "timeout"
    NETWORK = "network"  # DNS, refused, reset, TLS
    PROXY = "proxy"  # the configured proxy failed
    INTERRUPTED = "interrupted"  # the stream was cut mid-way
    UNSUPPORTED = "unsupported"  # the server lacks a feature (e.g. no /models)
    UNKNOWN = "unknown"


@dataclass
class ApiFailure(Exception):
    """Every API error, mapped once from the SDK's exception tree (see api.errors)."""

    kind: FailureKind
    message: str
    request_id: str | None = None
    retryable: bool = False
    status: int | None = None
    retry_after: float | None = None  # seconds, from the retry-after header
    code: str | None = None  # the API's error.code
    raw: str = ""  # the server's error body as sent, for a "Details" view; "" when none

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


# ---- model list ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ModelListing:
    """One item of a server's GET /models."""

    id: str
    shutdown_date: str | None = None  # ISO date the server announced, None when none
    owned_by: str = ""
    context_window: int | None = None  # servers that tell it here (vLLM: max_model_len)
