"""ChatRequest -> the keyword arguments of `chat.completions.create`. Pure: no SDK import,
so "View code" and token estimates can use it before the SDK is loaded.
"""

from __future__ import annotations

from typing import Any

from playground.model.capabilities import model_info
from playground.model.types import ChatMessage, ChatRequest

MAX_STOP_SEQUENCES = 4


def request_params(request: ChatRequest) -> dict[str, Any]:
    """The keyword arguments for `chat.completions.create`; unset values are left out."""
    reasoning = model_info(request.model).reasoning
    params: dict[str, Any] = {
        "model": request.model,
        "messages": [_message(m, reasoning) for m in request.messages],
    }

    def put(name: str, value: object) -> None:
        if value is not None:
            params[name] = value

    if reasoning:
        # Reasoning models reject sampling controls and stop sequences (400).
        put("max_completion_tokens", request.max_tokens)
        put("reasoning_effort", request.reasoning_effort)
    else:
        put("max_tokens", request.max_tokens)
        put("temperature", request.temperature)
        put("top_p", request.top_p)
        put("frequency_penalty", request.frequency_penalty)
        put("presence_penalty", request.presence_penalty)
        stop = [s for s in request.stop if s][:MAX_STOP_SEQUENCES]
        if stop:
            params["stop"] = stop
    put("seed", request.seed)
    if request.functions:
        params["tools"] = [{"type": "function", "function": {
            "name": f["name"], "description": f.get("description", ""),
            "parameters": f.get("parameters", {"type": "object", "properties": {}}),
            "strict": bool(f.get("strict", False))}} for f in request.functions]
        params["tool_choice"] = (request.tool_choice if request.tool_choice in
                                 ("auto", "none", "required") else
                                 {"type": "function", "function": {"name": request.tool_choice}})
        params["parallel_tool_calls"] = request.parallel_tool_calls
    if request.response_format == "json_object":
        params["response_format"] = {"type": "json_object"}
    elif request.response_format == "json_schema" and request.schema is not None:
        params["response_format"] = {"type": "json_schema", "json_schema": {
            "name": request.schema_name, "schema": request.schema, "strict": request.strict}}
    if request.logprobs:
        params["logprobs"] = True
        put("top_logprobs", request.top_logprobs or None)
    if request.n > 1:
        params["n"] = request.n
    if reasoning and request.verbosity:
        params["verbosity"] = request.verbosity
    return params


def _message(message: ChatMessage, reasoning: bool) -> dict[str, Any]:
    role = message.role
    # Reasoning models take instructions as "developer"; local servers only know "system".
    if role in ("system", "developer"):
        role = "developer" if reasoning else "system"
    content: str | list[dict[str, Any]] = message.content
    if message.images:
        parts: list[dict[str, Any]] = []
        if message.content:
            parts.append({"type": "text", "text": message.content})
        parts.extend(
            {"type": "image_url", "image_url": {"url": image.url, "detail": image.detail}}
            for image in message.images
        )
        content = parts
    out: dict[str, Any] = {"role": role, "content": content}
    if message.name:
        out["name"] = message.name
    if message.tool_calls:
        out["tool_calls"] = [{"id": c.id, "type": "function",
                              "function": {"name": c.name, "arguments": c.arguments}}
                             for c in message.tool_calls]
    if message.tool_call_id:
        out["tool_call_id"] = message.tool_call_id
    return out
