"""Reads the `{"mcpServers": {name: {command, args, env} | {url}}}` JSON other desktop apps
use (Claude Desktop, Cursor; VS Code's `servers` key too) into server configs.

Env values whose names look like credentials (…_KEY, …TOKEN, PASSWORD…) are marked secret,
so saving the imported servers moves them to the keyring; `ImportedServers.secrets` names
them for the message that says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from playground.storage.mcp_config import (
    HTTP,
    STDIO,
    EnvVar,
    McpConfigError,
    McpServerConfig,
    parse_json,
)

_SECRET_NAME = re.compile(r"KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH|PAT\b|COOKIE",
                          re.IGNORECASE)


def looks_secret(name: str) -> bool:
    return bool(_SECRET_NAME.search(name))


@dataclass(frozen=True)
class ImportedServers:
    servers: list[McpServerConfig]
    secrets: list[tuple[str, str]]  # (server, variable) marked secret: they go to the keyring
    skipped: list[str]  # "name: why" for entries that could not be used


def parse_mcp_servers(text: str, source: str = "The file") -> ImportedServers:
    """Servers from the text of an mcpServers JSON file; McpConfigError names the line and
    column of a syntax error, or what is missing."""
    data = parse_json(text, source)
    entries = None
    if isinstance(data, dict):
        entries = data.get("mcpServers", data.get("servers"))
    if not isinstance(entries, dict):
        raise McpConfigError(
            f"{source} has no “mcpServers” object (expected "
            '{"mcpServers": {"name": {"command": …, "args": […], "env": {…}}}}).')
    servers: list[McpServerConfig] = []
    secrets: list[tuple[str, str]] = []
    skipped: list[str] = []
    for name, entry in entries.items():
        try:
            server = _server(str(name), entry)
        except McpConfigError as exc:
            skipped.append(f"{name}: {exc}")
            continue
        servers.append(server)
        secrets += [(server.name, v.name) for v in server.env if v.secret]
    if not servers and skipped:
        raise McpConfigError(f"{source} holds no usable server. " + "; ".join(skipped))
    return ImportedServers(servers, secrets, skipped)


def _server(name: str, entry: Any) -> McpServerConfig:
    if not isinstance(entry, dict):
        raise McpConfigError("the entry is not an object")
    env = entry.get("env") or {}
    if not isinstance(env, dict):
        raise McpConfigError("“env” is not an object of names and values")
    variables = tuple(EnvVar(str(k), str(v), looks_secret(str(k)) and bool(v))
                      for k, v in env.items())
    if isinstance(entry.get("url"), str) and entry["url"]:
        return McpServerConfig(name=name, transport=HTTP, url=entry["url"], env=variables)
    command = entry.get("command")
    if not isinstance(command, str) or not command.strip():
        raise McpConfigError("needs a “command” or a “url”")
    args = entry.get("args") or []
    if not isinstance(args, list):
        raise McpConfigError("“args” is not a list")
    return McpServerConfig(name=name, transport=STDIO, command=command,
                           args=tuple(str(a) for a in args), env=variables,
                           cwd=str(entry.get("cwd") or ""))
