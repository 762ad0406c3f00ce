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
    # Responses: a remote MCP call waiting for approval (assistant), and the user's answer.
    approval_requests: list[McpApprovalRequest] = field(default_factory=list)
    approval: McpApproval | None = None


# ---- hosted tools (Responses only: OpenAI runs them) ---------------------------------------


@dataclass(frozen=True)
class RemoteMcpServer:
    """A remote MCP server the model calls through OpenAI. Headers are named here only: their
    values are secrets, read from the keyring when a request is sent."""

    label: str
    url: str
    allowed_tools: tuple[str, ...] = ()  # empty: every tool the server lists
    require_approval: str = "always"  # always | never
    header_names: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class HostedTools:
    """The built-in tools a conversation switched on (from the chat's tools menu)."""

    web_search: bool = False
    search_context_size: str = "medium"  # low | medium | high
    location_country: str = ""  # ISO code, e.g. "US"; all empty: no user_location sent
    location_city: str = ""
    location_region: str = ""
    location_timezone: str = ""
    code_interpreter: bool = False  # container "auto": a new session when needed
    image_generation: bool = False
    image_size: str = "auto"  # auto | 1024x1024 | 1024x1536 | 1536x1024
    image_quality: str = "auto"  # auto | low | medium | high
    partial_images: int = 2  # 0-3 previews streamed before the final image
    mcp_servers: tuple[RemoteMcpServer, ...] = ()
    vector_store_ids: tuple[str, ...] = ()  # file search over these stores (none: off)

    def any(self) -> bool:
        return (self.web_search or self.code_interpreter or self.image_generation
                or bool(self.mcp_servers) or bool(self.vector_store_ids))

    def state(self) -> dict[str, Any]:
        """As stored with a conversation (JSON)."""
        from dataclasses import asdict

        return asdict(self)

    @classmethod
    def from_state(cls, state: object) -> HostedTools:
        if not isinstance(state, dict):
            return cls()
        known = {k: v for k, v in state.items() if k in cls.__dataclass_fields__}
        servers = known.pop("mcp_servers", None) or []
        stores = known.pop("vector_store_ids", None) or []
        try:
            return cls(**known, vector_store_ids=tuple(str(s) for s in stores), mcp_servers=tuple(
                RemoteMcpServer(**{**s, "allowed_tools": tuple(s.get("allowed_tools", ())),
                                   "header_names": tuple(s.get("header_names", ()))})
                for s in servers if isinstance(s, dict)))
        except TypeError:  # written by another version: nothing switched on
            return cls()


@dataclass(frozen=True)
class McpApprovalRequest:
    """The model asks to call `tool` on the remote MCP server `server` (Responses)."""

    id: str  # approval_request_id
    server: str
    tool: str
    arguments: str  # JSON text


@dataclass(frozen=True)
class McpApproval:
    """The user's answer to an approval request, sent back as an mcp_approval_response."""

    request_id: str
    approve: bool


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
    hosted_tools: HostedTools = field(default_factory=HostedTools)  # Responses only
    # label -> header -> value, read from the keyring just before sending; never stored.
    mcp_headers: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)
    file_search: FileSearchTool | None = None  # Responses: search these vector stores
    # Responses: run in background mode (store=true), polled until it ends; `resume_id`
    # polls a run already submitted (after a restart) instead of creating one.
    background: bool = False
    resume_id: str | None = None


@dataclass
class Usage:
    """Token usage of one request; `estimated` when counted locally (server sent none)."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_tokens: int = 0
    reasoning_tokens: int = 0
    estimated: bool = False
    # GPT image models bill input images and output text at their own rates: of
    # prompt_tokens, those of input images; of completion_tokens, those of text.
    image_input_tokens: int = 0
    text_output_tokens: int = 0

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


BACKGROUND_ACTIVE = ("queued", "in_progress")  # a background run not finished yet


@dataclass(frozen=True)
class BackgroundStatus:
    """Responses background mode: where the run stands on the server (queued | in_progress |
    completed | failed | cancelled | incomplete); `created_at` is the server's Unix time."""

    response_id: str
    status: str
    created_at: float | None = None


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
class ToolActivity:
    """A hosted tool call started, moved on or ended (Responses).

    kind: web_search | code_interpreter | image_generation | mcp_call | mcp_list_tools;
    status: in_progress | searching | interpreting | generating | calling | completed |
    failed; `detail` carries what the call tells at that point: query and sources, code and
    outputs ([{"type": "logs", "logs"} | {"type": "image", "url"}]), the final image
    ("image_b64", "size", "quality", "revised_prompt"), server, tool, arguments, output, error.
    """

    kind: str
    call_id: str
    status: str
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ToolDelta:
    """Streamed text of a hosted call: code (code interpreter) or arguments (MCP)."""

    call_id: str
    text: str


@dataclass(frozen=True)
class PartialImage:
    """A preview of an image still being generated (base64 PNG)."""

    call_id: str
    index: int
    b64: str


@dataclass(frozen=True)
class ToolUsage:
    """What hosted tools did that is billed apart from tokens."""

    web_searches: int = 0
    code_sessions: int = 0  # code interpreter containers used
    images: int = 0
    image_size: str = ""
    image_quality: str = ""


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
               | TokenLogprobs | ToolCallDelta | UsageReport | Finished | ToolActivity
               | ToolDelta | PartialImage | McpApprovalRequest | ToolUsage
               | FileSearchCall | FileCitation | BackgroundStatus)


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
