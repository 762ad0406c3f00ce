"""A conversation as Markdown (to read or share) or JSON (to replay with the API).

Exports are built only from the stored conversation, which never holds an API key; params
that could carry credentials (headers, keys) are dropped all the same, since the UI may
store whatever extra request options a user sets.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from playground import APP_ID, __version__
from playground.model.types import MessageStatus
from playground.storage.history import Conversation, StoredMessage

EXPORT_FORMAT = "openai-playground.conversation"
EXPORT_VERSION = 1

_CREDENTIAL_PARAMS = frozenset({
    "api_key", "authorization", "headers", "extra_headers", "default_headers", "password",
})
_ROLE_HEADINGS = {
    "system": "System", "developer": "Developer", "user": "User", "assistant": "Assistant",
    "tool": "Tool",
}


def to_markdown(conversation: Conversation, messages: list[StoredMessage]) -> str:
    lines = [f"# {conversation.title}", ""]
    facts = [f"Exported {_iso(datetime.now(UTC).timestamp())}"]
    if conversation.model:
        facts.insert(0, f"Model: `{conversation.model}`")
    lines += [" · ".join(facts), ""]
    if conversation.system_prompt:
        lines += ["## System", "", conversation.system_prompt, ""]
    for message in messages:
        heading = _ROLE_HEADINGS.get(message.role, message.role.capitalize())
        if message.model and message.role == "assistant":
            heading += f" ({message.model})"
        lines += [f"## {heading}", ""]
        meta = message.meta
        if meta.get("reasoning"):
            thinking = str(meta["reasoning"]).strip().replace("\n", "\n> ")
            lines += [f"> **Thinking:** {thinking}", ""]
        for image in message.images:
            lines += [f"*[Image: {_describe_image(image.url)}, detail {image.detail}]*", ""]
        if message.content:
            # Content is already Markdown (code fences included): copied verbatim.
            lines += [message.content.rstrip("\n"), ""]
        for call in meta.get("tool_calls", []):
            lines += [f"**Calls `{call.get('name', '')}`**", "", "```json",
                      str(call.get("arguments", "")), "```", ""]
        if message.status == MessageStatus.INTERRUPTED:
            lines += ["*(reply interrupted)*", ""]
        if message.status == MessageStatus.ERROR and message.error is not None:
            lines += [f"> **Error:** {message.error.message}", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def to_json(conversation: Conversation, messages: list[StoredMessage]) -> str:
    """`messages` is in the chat-completions format (the system prompt first), so it can
    be sent as is; `metadata.messages[i]` describes `messages[i]`."""
    chat: list[dict[str, Any]] = []
    metadata: list[dict[str, Any]] = []
    if conversation.system_prompt:
        chat.append({"role": "system", "content": conversation.system_prompt})
        metadata.append({"source": "system_prompt"})
    for message in messages:
        chat.append(_chat_message(message))
        metadata.append({
            "position": message.position,
            "status": str(message.status),
            "model": message.model or None,
            "usage": asdict(message.usage) if message.usage else None,
            "request_id": message.request_id,
            "error": {"kind": str(message.error.kind), "message": message.error.message,
                      "code": message.error.code} if message.error else None,
            "created_at": _iso(message.created_at),
            # What the reply carried beyond its text: reasoning summary, calls, timing…
            "details": {k: v for k, v in message.meta.items() if v not in ("", [], None)},
        })
    document = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_by": f"{APP_ID} {__version__}",
        "exported_at": _iso(datetime.now(UTC).timestamp()),
        "title": conversation.title,
        "model": conversation.model or None,
        "params": {key: value for key, value in conversation.params.items()
                   if key.lower() not in _CREDENTIAL_PARAMS},
        "messages": chat,
        "metadata": {
            "created_at": _iso(conversation.created_at),
            "updated_at": _iso(conversation.updated_at),
            "messages": metadata,
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _chat_message(message: StoredMessage) -> dict[str, Any]:
    calls = message.meta.get("tool_calls", [])
    if message.role == "tool":  # a function's result, answering its call
        return {"role": "tool", "tool_call_id": message.meta.get("tool_call_id", ""),
                "content": message.content}
    if calls:  # an assistant turn that called functions, as the API takes it back
        return {"role": message.role, "content": message.content or None, "tool_calls": [
            {"id": c.get("id", ""), "type": "function",
             "function": {"name": c.get("name", ""), "arguments": c.get("arguments", "")}}
            for c in calls]}
    if not message.images:
        return {"role": message.role, "content": message.content}
    parts: list[dict[str, Any]] = []
    if message.content:
        parts.append({"type": "text", "text": message.content})
    parts += [{"type": "image_url", "image_url": {"url": image.url, "detail": image.detail}}
              for image in message.images]
    return {"role": message.role, "content": parts}


def _describe_image(url: str) -> str:
    if url.startswith("data:"):
        mime = url[5:].split(";", 1)[0] or "image"
        return f"embedded {mime}"
    return url.rsplit("/", 1)[-1] or url


def _iso(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, UTC).isoformat(timespec="seconds")
