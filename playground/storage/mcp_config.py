"""The local MCP servers the user configured, in `mcp_servers.json` in the app's config dir.

Each server is started from a command (stdio: command, args, env, cwd) or reached at a URL
(streamable HTTP), the way other desktop apps configure them. Env values marked secret are
kept in the OS keyring (service `SECRET_SERVICE`, one entry per server id and variable); the
file holds only a reference to that entry, never the value. Trust (tools the user lets run
without asking) is remembered per server and tool here too.

File access is synchronous and small; callers on the Qt thread run it through a thread.
"""

from __future__ import annotations

import json
import os
import tempfile
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from playground import APP_ID
from playground.storage.paths import config_dir
from playground.storage.secrets import SecretStore

CONFIG_NAME = "mcp_servers.json"
SECRET_SERVICE = f"{APP_ID}-mcp"  # keyring service; username = "<server id>/<variable>"
FILE_VERSION = 1
STDIO, HTTP = "stdio", "http"
DEFAULT_TIMEOUT = 60.0  # seconds for a server to start and for a tool call to answer


class McpConfigError(Exception):
    """The config (or a file being imported) cannot be used; the message says where and why."""


@dataclass(frozen=True)
class EnvVar:
    name: str
    value: str = ""  # a secret's value is only in memory, read from the keyring
    secret: bool = False


@dataclass(frozen=True)
class McpServerConfig:
    name: str
    transport: str = STDIO  # STDIO | HTTP
    command: str = ""
    args: tuple[str, ...] = ()
    env: tuple[EnvVar, ...] = ()
    cwd: str = ""
    url: str = ""  # HTTP: the streamable HTTP endpoint, e.g. http://127.0.0.1:8000/mcp
    trusted_tools: frozenset[str] = frozenset()
    timeout: float = DEFAULT_TIMEOUT
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])  # keys keyring entries

    def secret_key(self, variable: str) -> str:
        return f"{self.id}/{variable}"

    def problem(self) -> str:
        """Why this config cannot start ("" when it can)."""
        if not self.name.strip():
            return "A server needs a name."
        if self.transport == STDIO and not self.command.strip():
            return f"The server “{self.name}” needs a command to start it."
        if self.transport == HTTP and not self.url.startswith(("http://", "https://")):
            return f"The server “{self.name}” needs a URL starting with http:// or https://."
        names = [e.name for e in self.env]
        if any(not n.strip() for n in names):
            return f"An environment variable of “{self.name}” has no name."
        if len(set(names)) != len(names):
            return f"An environment variable of “{self.name}” is listed twice."
        return ""


def config_path() -> Path:
    return config_dir() / CONFIG_NAME


class McpConfigFile:
    """Reads and writes the server list; secret values never reach the file."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path

    @property
    def path(self) -> Path:
        return self._path or config_path()

    def load(self) -> list[McpServerConfig]:
        path = self.path
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise McpConfigError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
        data = parse_json(text, str(path))
        servers = data.get("servers") if isinstance(data, dict) else None
        if not isinstance(servers, list):
            raise McpConfigError(f"{path} has no list of “servers”.")
        return [_from_stored(item, path) for item in servers]

    def save(self, servers: list[McpServerConfig]) -> None:
        path = self.path
        data = {"version": FILE_VERSION, "servers": [_to_stored(s) for s in servers]}
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        # Write then rename: a crash mid-write never leaves half a config behind.
        try:
            fd, tmp = tempfile.mkstemp(prefix=".mcp-", suffix=".json", dir=path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(tmp, path)
        except OSError as exc:
            raise McpConfigError(f"Cannot save {path}: {exc.strerror or exc}.") from exc


class McpSecrets:
    """Secret env values in the keyring (async: keyring calls run off the event loop)."""

    def __init__(self, store: SecretStore | None = None) -> None:
        self._store = store or SecretStore(service=SECRET_SERVICE,
                                           what="MCP server secret")

    async def fill(self, server: McpServerConfig) -> McpServerConfig:
        """The config with each secret's value read from the keyring ("" when missing)."""
        env = []
        for var in server.env:
            if var.secret:
                var = replace(var, value=await self._store.get(server.secret_key(var.name)) or "")
            env.append(var)
        return replace(server, env=tuple(env))

    async def store(self, server: McpServerConfig, old: McpServerConfig | None = None) -> None:
        """Put the config's secret values in the keyring; drop entries it no longer has."""
        for var in server.env:
            if var.secret and var.value:
                await self._store.set(server.secret_key(var.name), var.value)
        if old is not None:
            kept = {v.name for v in server.env if v.secret}
            for var in old.env:
                if var.secret and var.name not in kept:
                    await self._store.delete(old.secret_key(var.name))

    async def delete(self, server: McpServerConfig) -> None:
        for var in server.env:
            if var.secret:
                await self._store.delete(server.secret_key(var.name))


def parse_json(text: str, source: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise McpConfigError(
            f"{source} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}."
        ) from exc


def _to_stored(server: McpServerConfig) -> dict[str, Any]:
    env: list[dict[str, Any]] = []
    for var in server.env:
        if var.secret:  # a reference to the keyring entry, never the value
            env.append({"name": var.name, "secret": True,
                        "keyring": f"{SECRET_SERVICE}:{server.secret_key(var.name)}"})
        else:
            env.append({"name": var.name, "value": var.value})
    return {"id": server.id, "name": server.name, "transport": server.transport,
            "command": server.command, "args": list(server.args), "env": env,
            "cwd": server.cwd, "url": server.url, "timeout": server.timeout,
            "trusted_tools": sorted(server.trusted_tools)}


def _from_stored(item: Any, path: Path) -> McpServerConfig:
    if not isinstance(item, dict) or not isinstance(item.get("name"), str):
        raise McpConfigError(f"{path} holds a server without a name.")
    try:
        env = tuple(EnvVar(str(e["name"]), "" if e.get("secret") else str(e.get("value", "")),
                           bool(e.get("secret", False))) for e in item.get("env", []))
        return McpServerConfig(
            name=item["name"], transport=HTTP if item.get("transport") == HTTP else STDIO,
            command=str(item.get("command", "")),
            args=tuple(str(a) for a in item.get("args", [])), env=env,
            cwd=str(item.get("cwd", "")), url=str(item.get("url", "")),
            trusted_tools=frozenset(str(t) for t in item.get("trusted_tools", [])),
            timeout=float(item.get("timeout", DEFAULT_TIMEOUT)),
            id=str(item.get("id") or uuid.uuid4().hex[:12]))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise McpConfigError(
            f"{path}: the server “{item['name']}” is not stored correctly ({exc!r}).") from exc
