"""Hosted tool events of a Responses stream -> plain events (ToolActivity, ToolDelta,
PartialImage, McpApprovalRequest) and, at the end, what the tools did that is billed
(ToolUsage). Used by api.responses; nothing SDK-typed leaves here."""

from __future__ import annotations

import json
from typing import Any

from playground.model.types import (
    McpApprovalRequest,
    PartialImage,
    StreamEvent,
    ToolActivity,
    ToolDelta,
    ToolUsage,
)

_KINDS = {"web_search_call": "web_search", "code_interpreter_call": "code_interpreter",
          "image_generation_call": "image_generation", "mcp_call": "mcp_call",
          "mcp_list_tools": "mcp_list_tools"}
# "response.<prefix>.<status>" events that only move a call on (the item tells the rest).
_PROGRESS = {"response.web_search_call.": "web_search",
             "response.code_interpreter_call.": "code_interpreter",
             "response.image_generation_call.": "image_generation",
             "response.mcp_call.": "mcp_call", "response.mcp_list_tools.": "mcp_list_tools"}


def is_tool_event(kind: str) -> bool:
    return kind.startswith(("response.web_search_call.", "response.code_interpreter_call",
                            "response.image_generation_call.", "response.mcp_"))


class HostedCalls:
    """Follows the hosted calls of one response."""

    def __init__(self) -> None:
        self.kind_of: dict[str, str] = {}  # item id -> kind
        self.containers: set[str] = set()
        self.images = 0
        self.searches = 0
        self.image_size = ""
        self.image_quality = ""

    def item(self, item: Any, done: bool) -> list[StreamEvent]:
        """An output item added or done: its kind, and on `done` everything it carries."""
        kind = _KINDS.get(getattr(item, "type", ""))
        if item.type == "mcp_approval_request":
            return [McpApprovalRequest(item.id, item.server_label, item.name,
                                       item.arguments)] if done else []
        if kind is None:
            return []
        self.kind_of[item.id] = kind
        status = getattr(item, "status", None) or ("completed" if done else "in_progress")
        if not done:
            return [ToolActivity(kind, item.id, "in_progress", _added_detail(item))]
        detail = _done_detail(item)
        if kind == "code_interpreter" and getattr(item, "container_id", None):
            self.containers.add(item.container_id)
        elif kind == "web_search" and detail.get("action") == "search":
            self.searches += 1
        elif kind == "image_generation" and detail.get("image_b64"):
            self.images += 1
            self.image_size = self.image_size or detail.get("size", "")
            self.image_quality = self.image_quality or detail.get("quality", "")
        if detail.get("error"):
            status = "failed"
        return [ToolActivity(kind, item.id, status, detail)]

    def event(self, event: Any) -> list[StreamEvent]:
        kind = event.type
        if kind in ("response.code_interpreter_call_code.delta",
                    "response.mcp_call_arguments.delta"):
            return [ToolDelta(event.item_id, event.delta)]
        if kind == "response.image_generation_call.partial_image":
            return [PartialImage(event.item_id, event.partial_image_index,
                                 event.partial_image_b64)]
        for prefix, tool in _PROGRESS.items():
            if kind.startswith(prefix):
                status = kind[len(prefix):]
                if status in ("in_progress", "completed"):
                    return []  # the output items say these, with their content
                return [ToolActivity(tool, event.item_id, status)]
        return []

    def usage(self, response: Any) -> ToolUsage | None:
        """Billed tool use: the response's own `tool_usage` where it has it."""
        searches = self.searches
        reported = getattr(response, "tool_usage", None)
        if reported is not None and getattr(reported, "web_search", None) is not None:
            searches = reported.web_search.num_requests
        if not (searches or self.containers or self.images):
            return None
        return ToolUsage(searches, len(self.containers), self.images, self.image_size,
                         self.image_quality)


def _added_detail(item: Any) -> dict[str, Any]:
    if item.type == "mcp_call":
        return {"server": item.server_label, "tool": item.name}
    if item.type == "mcp_list_tools":
        return {"server": item.server_label}
    return {}


def _done_detail(item: Any) -> dict[str, Any]:
    if item.type == "web_search_call":
        action = item.action
        detail: dict[str, Any] = {"action": getattr(action, "type", "")}
        query = getattr(action, "query", None) or " · ".join(getattr(action, "queries", None)
                                                             or [])
        if query:
            detail["query"] = query
        if getattr(action, "url", None):
            detail["url"] = action.url
        detail["sources"] = [s.url for s in getattr(action, "sources", None) or []]
        return detail
    if item.type == "code_interpreter_call":
        outputs = [{"type": "logs", "logs": o.logs} if o.type == "logs"
                   else {"type": "image", "url": o.url} for o in item.outputs or []]
        return {"code": item.code or "", "outputs": outputs, "container": item.container_id}
    if item.type == "image_generation_call":
        detail = {"image_b64": item.result or "", "size": item.size or "",
                  "quality": item.quality or "", "revised_prompt": item.revised_prompt or ""}
        if item.error is not None:
            detail["error"] = item.error.message
        return detail
    if item.type == "mcp_call":
        detail = {"server": item.server_label, "tool": item.name,
                  "arguments": item.arguments, "output": item.output or ""}
        if item.error is not None:
            detail["error"] = _mcp_error(item.error)
        return detail
    # mcp_list_tools
    detail = {"server": item.server_label, "tools": [t.name for t in item.tools]}
    if item.error:
        detail["error"] = item.error
    return detail


def _mcp_error(error: Any) -> str:
    message = getattr(error, "message", None)
    if message:
        code = getattr(error, "code", None)
        return f"{message} (HTTP {code})" if code else str(message)
    content = getattr(error, "content", None)
    return content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
