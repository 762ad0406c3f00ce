"""Hosted tools around a chat reply (Responses): the secret MCP header values a request needs
(read from the keyring just before it is sent), the billed tool use (ledger rows and the
reply's tool cost), and the user's answer to an MCP approval request.

Header values live in the OS keyring under service `SECRET_SERVICE`, one entry per server
label and header name; settings and the conversation store only the header's name.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from playground import APP_ID
from playground.lazy import lazy_module
from playground.model.types import (
    ApiFailure,
    ChatRequest,
    FailureKind,
    McpApprovalRequest,
    PartialImage,
    RemoteMcpServer,
    ToolActivity,
    ToolDelta,
    ToolUsage,
)
from playground.services.chat_turns import APPROVAL, HostedCallRecord, Turn
from playground.storage.secrets import SecretStore, SecretsUnavailable

if TYPE_CHECKING:
    import asyncio

    from playground.services.container import Services
else:
    asyncio = lazy_module("asyncio")

SECRET_SERVICE = f"{APP_ID}-remote-mcp"


def _tr(text: str) -> str:
    return QCoreApplication.translate("HostedTools", text)


def header_secrets(store: SecretStore | None = None) -> SecretStore:
    return store or SecretStore(service=SECRET_SERVICE, what="MCP header value")


def secret_key(server: RemoteMcpServer | str, header: str) -> str:
    label = server if isinstance(server, str) else server.label
    return f"{label}/{header}"


async def with_header_values(request: ChatRequest,
                             store: SecretStore | None = None) -> ChatRequest:
    """The request with its MCP servers' header values from the keyring; ApiFailure (a clear
    sentence) when one is missing or the keyring cannot be read."""
    servers = [s for s in request.hosted_tools.mcp_servers if s.header_names]
    if not servers:
        return request
    secrets = header_secrets(store)
    values: dict[str, dict[str, str]] = {}
    for server in servers:
        for name in server.header_names:
            try:
                value = await secrets.get(secret_key(server, name))
            except SecretsUnavailable as exc:
                raise ApiFailure(FailureKind.UNKNOWN, _tr(
                    "The header “%1” of the MCP server “%2” could not be read from the "
                    "keyring: %3").replace("%1", name).replace("%2", server.label)
                    .replace("%3", exc.message)) from exc
            if not value:
                raise ApiFailure(FailureKind.BAD_REQUEST, _tr(
                    "The header “%1” of the MCP server “%2” has no value: set it in Tools ▸ "
                    "MCP servers.").replace("%1", name).replace("%2", server.label))
            values.setdefault(server.label, {})[name] = value
    return replace(request, mcp_headers=values)


ToolEvent = ToolActivity | ToolDelta | PartialImage | McpApprovalRequest


def apply_tool_event(turn: Turn, event: ToolEvent) -> HostedCallRecord | None:
    """Fold one hosted tool event into the reply's records; the record it changed."""
    records = turn.details.hosted
    call_id = event.id if isinstance(event, McpApprovalRequest) else event.call_id
    record = next((r for r in reversed(records) if r.id == call_id), None)
    if isinstance(event, McpApprovalRequest):
        record = HostedCallRecord(APPROVAL, event.id, "pending", {
            "server": event.server, "tool": event.tool, "arguments": event.arguments})
        records.append(record)
        return record
    if record is None:
        if not isinstance(event, ToolActivity):
            return None  # a delta for a call never announced
        record = HostedCallRecord(event.kind, event.call_id)
        records.append(record)
    if isinstance(event, ToolActivity):
        record.status = event.status
        record.detail.update(event.detail)
        if event.detail.get("image_b64"):
            record.partial_b64 = ""
    elif isinstance(event, ToolDelta):
        key = "code" if record.kind == "code_interpreter" else "arguments"
        record.detail[key] = str(record.detail.get(key, "")) + event.text
    else:
        record.partial_b64 = event.b64
        record.detail["partials"] = event.index + 1
    return record


async def report_tool_use(services: Services, model: str, usage: ToolUsage,
                          request_id: str | None) -> Decimal | None:
    """Ledger rows for the billed tool use; their total (None when a price is unknown)."""
    from playground.api.environment import apply_environment
    from playground.usage.self_hosted import is_self_hosted
    from playground.usage.tool_pricing import tool_records

    where, _key = apply_environment(services.api.profile(), None)
    free = is_self_hosted(where.base_url)

    records = tool_records(usage, model, services.api.profile().name, request_id, None,
                           free=free)
    book = services.usage.prices

    def price() -> Decimal | None:
        costs = [book.cost(r) for r in records]
        return None if any(c is None for c in costs) else sum(
            (c for c in costs if c is not None), Decimal(0))

    total = await asyncio.to_thread(price)
    for record in records:
        services.usage.report(record)
    return total
