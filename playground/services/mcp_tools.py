"""MCP tools as the model sees them: namespaced function names, function-tool definitions
(the dicts `ChatRequest.functions` holds) and a tool result turned into text.

The APIs accept function names matching ^[a-zA-Z0-9_-]{1,64}$, so `server__tool` is
sanitised (other characters become "_") and shortened with a stable hash when too long.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mcp.types import CallToolResult

SEPARATOR = "__"
MAX_NAME = 64
_NOT_ALLOWED = re.compile(r"[^a-zA-Z0-9_-]")
VALID_NAME = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")


@dataclass(frozen=True)
class McpTool:
    """One tool a running server offers."""

    server: str
    name: str
    description: str
    input_schema: dict[str, Any]

    @property
    def function_name(self) -> str:
        return function_name(self.server, self.name)

    def function(self) -> dict[str, Any]:
        """The tool as a function definition for `ChatRequest.functions`."""
        schema = dict(self.input_schema) if self.input_schema else {}
        schema.setdefault("type", "object")
        if schema["type"] == "object":
            schema.setdefault("properties", {})
        description = self.description.strip() or self.name
        return {"name": self.function_name,
                "description": f"[MCP server “{self.server}”] {description}",
                "parameters": schema, "strict": False}


def function_name(server: str, tool: str) -> str:
    """`server__tool`, made to satisfy the API's function-name rule."""
    name = _NOT_ALLOWED.sub("_", f"{server}{SEPARATOR}{tool}")
    if len(name) <= MAX_NAME:
        return name
    # Keep both ends readable and distinct: prefix + a hash of the whole name.
    digest = hashlib.sha1(name.encode()).hexdigest()[:8]
    return f"{name[:MAX_NAME - 9]}_{digest}"


def result_text(result: CallToolResult, tool: str) -> str:
    """What the model gets back: the text parts, a note for each part it cannot see, and
    a clear statement when the tool reported an error."""
    parts = [_block_text(block) for block in result.content]
    if not parts and result.structuredContent is not None:
        parts.append(json.dumps(result.structuredContent, ensure_ascii=False))
    text = "\n".join(p for p in parts if p) or "(the tool returned no content)"
    if result.isError:
        return f"The tool “{tool}” reported an error: {text}"
    return text


def _block_text(block: Any) -> str:
    kind = getattr(block, "type", "")
    if kind == "text":
        return str(block.text)
    if kind in ("image", "audio"):
        size = len(block.data) * 3 // 4  # base64 -> bytes, near enough for a note
        return (f"[{kind} content ({block.mimeType}, about {size} bytes) was returned; "
                "it is not shown to the model]")
    if kind == "resource_link":
        return f"[resource link: {block.uri}]"
    if kind == "resource":
        resource = block.resource
        if hasattr(resource, "text"):
            return str(resource.text)
        mime = resource.mimeType or "binary data"
        return f"[embedded resource {resource.uri} ({mime}) is not shown to the model]"
    return f"[{kind or 'unknown'} content is not shown to the model]"
