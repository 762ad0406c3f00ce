"""POST /chat/completions, streamed (SSE) or not, validated like OpenAI where it is cheap.

Options: put a `ChatOptions` (or a dict of its fields) in `server.state["chat"]`:

    fake_api.state["chat"] = ChatOptions(reply="Hello there", chunks=3, no_usage=True)

Defaults: the reply echoes the last user message ("Echo: <text>"), one delta per word, a
finish_reason "stop" chunk, the usage chunk when `stream_options.include_usage` asks for it,
then `data: [DONE]`. Requests are logged by the server: `server.requests_to(PATH)`.
"""

from __future__ import annotations

import re
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from tests.fake_openai.server import Exchange, route

PATH = "/chat/completions"

# Sample x-ratelimit-* headers as OpenAI sends them, for `ChatOptions.headers`.
RATE_LIMIT_HEADERS = {
    "x-ratelimit-limit-requests": "10000",
    "x-ratelimit-remaining-requests": "9999",
    "x-ratelimit-reset-requests": "6ms",
    "x-ratelimit-limit-tokens": "30000000",
    "x-ratelimit-remaining-tokens": "29999980",
    "x-ratelimit-reset-tokens": "1m2.5s",
}

# The fake's own idea of a reasoning model, independent of playground.model.capabilities so
# that a mistake in the app's table shows up as a 400 here.
_REASONING = re.compile(r"^(o\d|gpt-5(?!.*-chat)|gpt-oss)")
_SAMPLING = ("temperature", "top_p", "frequency_penalty", "presence_penalty")


@dataclass
class ToolCall:
    name: str
    arguments: str  # streamed in `fragments` pieces
    id: str = field(default_factory=lambda: f"call_{uuid.uuid4().hex[:20]}")
    fragments: int = 3


@dataclass
class ChatOptions:
    reply: str | None = None  # None: "Echo: <last user text>"
    chunks: int | None = None  # content deltas to split the reply into; None: one per word;
    #                            0: no content deltas (a reply made only of tool calls)
    delay: float = 0.0  # seconds after each written batch
    batch: int | None = None  # events per write; None: 1 with a delay, else 256 (fast server)
    cut_after: int | None = None  # drop the connection after this many content deltas
    error_after: int | None = None  # send an in-stream error event after this many deltas
    error_message: str = "The server had an error while processing your request."
    error_event: dict[str, Any] | None = None  # a real server's event instead (error_bodies)
    finish_reason: str | None = "stop"  # "length", ...; None: no finish chunk (broken server)
    done: bool = True  # end with `data: [DONE]`
    no_usage: bool = False  # never send usage, even when asked (many local servers)
    running_usage: bool = False  # usage totals so far in every chunk (vLLM continuous stats)
    reject_stream_options: bool = False  # 400 when stream_options is present
    # An older compatible server: 400 on max_completion_tokens, no reasoning-model rules.
    reject_max_completion_tokens: bool = False
    prompt_tokens: int | None = None  # None: one per word of the messages
    cached_tokens: int = 0
    reasoning_tokens: int = 0
    tool_calls: list[ToolCall] = field(default_factory=list)  # finish_reason becomes tool_calls
    headers: dict[str, str] = field(default_factory=dict)  # e.g. RATE_LIMIT_HEADERS
    known_models: list[str] | None = None  # a model not listed -> 404 model_not_found
    # Set by the server when a streamed response could not be written: the client went away.
    client_gone: threading.Event = field(default_factory=threading.Event)


def options(ex: Exchange) -> ChatOptions:
    value = ex.server.state.setdefault("chat", ChatOptions())
    if isinstance(value, dict):
        value = ex.server.state["chat"] = ChatOptions(**value)
    return value


def _text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(p.get("text", "") for p in content if isinstance(p, dict))
    return ""


def _validate(ex: Exchange, body: Any, opts: ChatOptions) -> bool:
    """Answer the request's error like OpenAI would; True when the request is acceptable."""
    if not isinstance(body, dict) or not isinstance(body.get("model"), str):
        ex.send_error(400, "you must provide a model parameter", param="model")
        return False
    model = body["model"]
    if opts.known_models is not None and model not in opts.known_models:
        ex.send_error(404, f"The model `{model}` does not exist or you do not have access to it.",
                      code="model_not_found")
        return False
    if not body.get("messages"):
        ex.send_error(400, "Invalid 'messages': empty array. Expected an array with minimum "
                      "length 1, but got an empty array instead.", param="messages",
                      code="empty_array")
        return False
    if "stream_options" in body and opts.reject_stream_options:
        ex.send_error(400, "Unrecognized request argument supplied: stream_options",
                      param="stream_options")
        return False
    if "stream_options" in body and not body.get("stream"):
        ex.send_error(400, "The 'stream_options' parameter is only allowed when 'stream' is "
                      "enabled.", param="stream_options", code="invalid_value")
        return False
    if "max_completion_tokens" in body and opts.reject_max_completion_tokens:
        ex.send_error(400, "Unrecognized request argument supplied: max_completion_tokens",
                      param="max_completion_tokens")
        return False
    if _REASONING.match(model) and not opts.reject_max_completion_tokens:
        if "max_tokens" in body:
            ex.send_error(400, "Unsupported parameter: 'max_tokens' is not supported with this "
                          "model. Use 'max_completion_tokens' instead.", param="max_tokens",
                          code="unsupported_parameter")
            return False
        for name in _SAMPLING:
            if name in body:
                ex.send_error(400, f"Unsupported value: '{name}' does not support "
                              f"{body[name]} with this model. Only the default value is "
                              "supported.", param=name, code="unsupported_value")
                return False
    return True


def _pieces(text: str, chunks: int | None) -> list[str]:
    if chunks is None:
        return re.findall(r"\s*\S+", text) or [text]
    if chunks <= 0:
        return []
    size, extra = divmod(len(text), chunks)
    pieces, start = [], 0
    for i in range(chunks):
        end = start + size + (1 if i < extra else 0)
        pieces.append(text[start:end])
        start = end
    return pieces


def _usage(body: dict[str, Any], opts: ChatOptions, completion_tokens: int) -> dict[str, Any]:
    prompt = opts.prompt_tokens
    if prompt is None:
        prompt = sum(len(_text_of(m.get("content")).split()) for m in body["messages"])
    completion = completion_tokens + opts.reasoning_tokens
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
        "prompt_tokens_details": {"cached_tokens": opts.cached_tokens, "audio_tokens": 0},
        "completion_tokens_details": {"reasoning_tokens": opts.reasoning_tokens,
                                      "audio_tokens": 0, "accepted_prediction_tokens": 0,
                                      "rejected_prediction_tokens": 0},
    }


@route("POST", PATH)
def chat_completions(ex: Exchange) -> None:
    opts = options(ex)
    body = ex.json()
    if not _validate(ex, body, opts):
        return
    user_turns = [m for m in body["messages"] if m.get("role") == "user"]
    reply = opts.reply
    if reply is None:
        reply = "Echo: " + (_text_of(user_turns[-1].get("content")) if user_turns else "")
    pieces = _pieces(reply, opts.chunks)
    finish = "tool_calls" if opts.tool_calls and opts.finish_reason == "stop" else (
        opts.finish_reason)
    base = {"id": f"chatcmpl-{uuid.uuid4().hex[:24]}", "created": int(time.time()),
            "model": body["model"], "system_fingerprint": "fp_fake"}
    headers = {**opts.headers, "openai-model": body["model"]}

    if not body.get("stream"):
        message: dict[str, Any] = {"role": "assistant", "content": reply, "refusal": None}
        if opts.tool_calls:
            message["tool_calls"] = [
                {"id": t.id, "type": "function",
                 "function": {"name": t.name, "arguments": t.arguments}}
                for t in opts.tool_calls]
        response = {**base, "object": "chat.completion", "choices": [
            {"index": 0, "message": message, "logprobs": None, "finish_reason": finish}]}
        if not opts.no_usage:
            response["usage"] = _usage(body, opts, len(pieces))
        ex.send_json(response, headers=headers)
        return

    include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
    events = _events(base, body, opts, pieces, finish, include_usage)
    batch = opts.batch or (1 if opts.delay else 256)
    # The role chunk comes first, so N content deltas are N + 1 events.
    cut = None if opts.cut_after is None else opts.cut_after + 1
    try:
        ex.send_sse(events, delay=opts.delay, cut_after=cut, done=opts.done, headers=headers,
                    batch=batch)
    except (BrokenPipeError, ConnectionResetError):
        opts.client_gone.set()
        raise


def _events(
    base: dict[str, Any], body: dict[str, Any], opts: ChatOptions, pieces: list[str],
    finish: str | None, include_usage: bool,
) -> Iterator[dict[str, Any]]:
    usage_field = {"usage": None} if include_usage else {}
    sent = 0

    def chunk(delta: dict[str, Any], finish_reason: str | None = None,
              index: int = 0) -> dict[str, Any]:
        nonlocal sent
        sent += 1
        if opts.running_usage:
            usage_field["usage"] = _usage(body, opts, sent)
        return {**base, "object": "chat.completion.chunk", "choices": [
            {"index": index, "delta": delta, "logprobs": None, "finish_reason": finish_reason}],
            **usage_field}

    choices = int(body.get("n") or 1)

    yield chunk({"role": "assistant", "content": "", "refusal": None})
    for i, piece in enumerate(pieces):
        if opts.error_after is not None and i >= opts.error_after:
            yield opts.error_event or {"error": {"message": opts.error_message,
                                                 "type": "server_error", "param": None,
                                                 "code": None}}
            return
        yield chunk({"content": piece})
        for index in range(1, choices):  # n > 1: the other choices, interleaved by index
            yield chunk({"content": (f"Choice {index + 1}: " if i == 0 else "") + piece},
                        index=index)
    for index, call in enumerate(opts.tool_calls):
        yield chunk({"tool_calls": [{"index": index, "id": call.id, "type": "function",
                                     "function": {"name": call.name, "arguments": ""}}]})
        for fragment in _pieces(call.arguments, call.fragments):
            yield chunk({"tool_calls": [{"index": index, "function": {"arguments": fragment}}]})
    if finish is not None:
        yield chunk({}, finish)
        for index in range(1, choices):
            yield chunk({}, finish, index=index)
    if include_usage and not opts.no_usage:
        yield {**base, "object": "chat.completion.chunk", "choices": [],
               "usage": _usage(body, opts, len(pieces))}
