"""ChatRequest -> the keyword arguments of `responses.create`. Pure: no SDK import, so View
code and tests can use it before the SDK is loaded.

The conversation becomes input items: the system message becomes `instructions`, a reply's
function calls become `function_call` items and the user's results `function_call_output`.
With `previous_response_id` only the messages after the last reply are sent.
"""

from __future__ import annotations

from typing import Any

from playground.api.hosted_params import hosted_tool_params
from playground.model.capabilities import model_info
from playground.model.file_search import FileSearchTool
from playground.model.types import ChatMessage, ChatRequest


def responses_params(request: ChatRequest) -> dict[str, Any]:
    reasoning = bool(model_info(request.model).reasoning)
    messages = list(request.messages)
    instructions = "\n\n".join(m.content for m in messages if m.role in ("system", "developer"))
    conversation = [m for m in messages if m.role not in ("system", "developer")]
    if request.previous_response_id:
        # The server keeps everything up to its last reply: send only what came after it.
        last_reply = max((i for i, m in enumerate(conversation) if m.role == "assistant"),
                         default=-1)
        conversation = conversation[last_reply + 1:]
    params: dict[str, Any] = {"model": request.model, "input": _input_items(conversation)}

    def put(name: str, value: object) -> None:
        if value is not None:
            params[name] = value

    put("instructions", instructions or None)
    put("max_output_tokens", request.max_tokens)
    if not reasoning:
        # Reasoning models reject sampling controls (400), as on Chat Completions.
        put("temperature", request.temperature)
        put("top_p", request.top_p)
    if reasoning and (request.reasoning_effort or request.reasoning_summary):
        params["reasoning"] = {k: v for k, v in (("effort", request.reasoning_effort),
                                                 ("summary", request.reasoning_summary)) if v}
    text: dict[str, Any] = {}
    if request.response_format == "json_object":
        text["format"] = {"type": "json_object"}
    elif request.response_format == "json_schema" and request.schema is not None:
        text["format"] = {"type": "json_schema", "name": request.schema_name,
                          "schema": request.schema, "strict": request.strict}
    if request.verbosity:
        text["verbosity"] = request.verbosity
    if text:
        params["text"] = text
    tools: list[dict[str, Any]] = []
    if request.functions:
        tools = [{"type": "function", "name": f["name"],
                  "description": f.get("description", ""),
                  "parameters": f.get("parameters", {"type": "object", "properties": {}}),
                  "strict": bool(f.get("strict", False))}
                 for f in request.functions]
        params["tool_choice"] = _tool_choice(request.tool_choice)
        params["parallel_tool_calls"] = request.parallel_tool_calls
    tools.extend(hosted_tool_params(request.hosted_tools, request.mcp_headers))
    if tools:
        params["tools"] = tools
    if request.logprobs:
        params["include"] = ["message.output_text.logprobs"]
        put("top_logprobs", request.top_logprobs or None)
    put("previous_response_id", request.previous_response_id)
    put("store", request.store)
    if request.file_search is not None and request.file_search.vector_store_ids:
        add_file_search(params, request.file_search)
    return params


def _tool_choice(choice: str) -> Any:
    if choice in ("auto", "none", "required"):
        return choice
    return {"type": "function", "name": choice}


def _input_items(messages: list[ChatMessage]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for message in messages:
        if message.approval is not None:
            items.append({"type": "mcp_approval_response",
                          "approval_request_id": message.approval.request_id,
                          "approve": message.approval.approve})
            continue
        if message.role == "tool":
            items.append({"type": "function_call_output", "call_id": message.tool_call_id or "",
                          "output": message.content})
            continue
        if message.role == "assistant":
            if message.content:
                items.append({"role": "assistant", "content": message.content})
            items.extend({"type": "function_call", "call_id": call.id, "name": call.name,
                          "arguments": call.arguments} for call in message.tool_calls)
            # A remote MCP call waiting for approval: the answer that follows refers to it.
            items.extend({"type": "mcp_approval_request", "id": ask.id,
                          "server_label": ask.server, "name": ask.tool,
                          "arguments": ask.arguments} for ask in message.approval_requests)
            continue
        content: str | list[dict[str, Any]] = message.content
        if message.images:
            parts: list[dict[str, Any]] = []
            if message.content:
                parts.append({"type": "input_text", "text": message.content})
            parts.extend({"type": "input_image", "image_url": image.url,
                          "detail": image.detail} for image in message.images)
            content = parts
        items.append({"role": "user", "content": content})
    return items


def add_file_search(params: dict[str, Any], tool: FileSearchTool) -> None:
    """The file search tool on the request's tools, and the chunks it used in the reply
    (`include`), so the reply can show what the answer was built from."""
    entry: dict[str, Any] = {"type": "file_search",
                             "vector_store_ids": list(tool.vector_store_ids)}
    if tool.max_num_results is not None:
        entry["max_num_results"] = tool.max_num_results
    params.setdefault("tools", []).append(entry)
    include = params.setdefault("include", [])
    if "file_search_call.results" not in include:
        include.append("file_search_call.results")
