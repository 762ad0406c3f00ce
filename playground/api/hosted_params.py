"""HostedTools -> the `tools` entries of a Responses request (web_search, code_interpreter,
image_generation, mcp). Pure, like responses_params: View code uses it too.

MCP header values are secrets: `headers` gives them (read from the keyring just before
sending); without them each header is written as a placeholder that names it, so View code
never shows a secret.
"""

from __future__ import annotations

from typing import Any

from playground.model.types import HostedTools, RemoteMcpServer


def hosted_tool_params(tools: HostedTools,
                       headers: dict[str, dict[str, str]] | None = None) -> list[dict[str, Any]]:
    params: list[dict[str, Any]] = []
    if tools.web_search:
        search: dict[str, Any] = {"type": "web_search",
                                  "search_context_size": tools.search_context_size}
        location = {k: v for k, v in (("country", tools.location_country),
                                      ("city", tools.location_city),
                                      ("region", tools.location_region),
                                      ("timezone", tools.location_timezone)) if v}
        if location:
            search["user_location"] = {"type": "approximate", **location}
        params.append(search)
    if tools.code_interpreter:
        params.append({"type": "code_interpreter", "container": {"type": "auto"}})
    if tools.image_generation:
        image: dict[str, Any] = {"type": "image_generation"}
        if tools.image_size != "auto":
            image["size"] = tools.image_size
        if tools.image_quality != "auto":
            image["quality"] = tools.image_quality
        if tools.partial_images:
            image["partial_images"] = tools.partial_images
        params.append(image)
    for server in tools.mcp_servers:
        params.append(mcp_tool_param(server, (headers or {}).get(server.label)))
    return params


def mcp_tool_param(server: RemoteMcpServer,
                   values: dict[str, str] | None = None) -> dict[str, Any]:
    tool: dict[str, Any] = {"type": "mcp", "server_label": server.label,
                            "server_url": server.url,
                            "require_approval": server.require_approval}
    if server.description:
        tool["server_description"] = server.description
    if server.allowed_tools:
        tool["allowed_tools"] = list(server.allowed_tools)
    if server.header_names:
        tool["headers"] = {name: (values or {}).get(name, header_placeholder(server, name))
                           for name in server.header_names}
    return tool


def header_placeholder(server: RemoteMcpServer, name: str) -> str:
    """What View code shows instead of a header's secret value."""
    return f"<{name} of {server.label}, from the keyring>"
